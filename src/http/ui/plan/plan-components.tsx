/**
 * Pieces the Plan pages share: the verdict (icon and text, never colour alone), the trend (arrow and
 * words, the method named), action status counts, the summary lines strategists quote, the period
 * choice and the feedback line after a form was sent.
 */
import type {
  FollowupSummary,
  IndicatorFollowup,
  SummaryLine,
  VerdictOut,
} from '../../../domain/plan/followup.service.js';
import { ACTION_STATUSES } from '../../../domain/plan/plan-document.js';
import type { MessageKey } from '../../../i18n/catalog.js';
import { sv } from '../../../i18n/catalogs/sv.js';
import type { ActionStatus } from '../../../store/plan-schema.js';
import { ControlsForm, SubmitField } from '../components/form.js';
import type { PageContext } from '../page-context.js';
import type { PlanView } from './plan-view.js';

/** Catalog keys are letters and dots only: `ej_paborjad` → `ejPaborjad`, `add-node` → `addNode`. */
export function keyPart(code: string): string {
  return code.replace(/[-_](\w)/g, (_m, c: string) => c.toUpperCase());
}

export function VerdictView({ ctx, verdict }: { ctx: PageContext; verdict: VerdictOut | null }) {
  if (!verdict)
    return (
      <span class="verdict verdict--none">
        <span class="verdict__icon" aria-hidden="true">
          –
        </span>{' '}
        {ctx.t('plan.noVerdictYet')}
      </span>
    );
  return (
    <span class={`verdict ${verdictClass(verdict)}`}>
      <span class="verdict__icon" aria-hidden="true">
        {verdict.icon}
      </span>{' '}
      {verdict.label}
    </span>
  );
}

/** A class per place on the scale (colours in app.css), so no inline style is needed. */
export function verdictClass(v: VerdictOut): string {
  if (v.missing) return 'verdict--missing';
  const c = (v.colour ?? '').toLowerCase();
  if (c === '#1a7f37') return 'verdict--1';
  if (c === '#7ab800') return 'verdict--2';
  if (c === '#d4a000') return 'verdict--3';
  if (c === '#c4321c') return 'verdict--4';
  return 'verdict--other';
}

const ARROWS = { up: '↑', down: '↓', flat: '→' } as const;

export function TrendView({ ctx, indicator }: { ctx: PageContext; indicator: IndicatorFollowup }) {
  const { t } = ctx;
  const direction = indicator.effective_direction;
  if (!direction || !indicator.trend) return <span class="trend trend--none">{t('plan.trendNone')}</span>;
  const movement = indicator.trend.movement;
  return (
    <span class={`trend trend--${direction}`}>
      <span class="trend__arrow" aria-hidden="true">
        {ARROWS[movement]}
      </span>{' '}
      {t(`plan.trend.${direction}` as MessageKey)}
      {indicator.trend_override && <> ({t('plan.trendOverridden')})</>}
    </span>
  );
}

/** The source line of a KPI-bound indicator: Kolada's, or the municipality's own KPI (never "Källa: Kolada"). */
export function sourceKey(indicator: IndicatorFollowup): 'layout.sourceLocal' | 'layout.sourceKolada' {
  return indicator.source === 'local' ? 'layout.sourceLocal' : 'layout.sourceKolada';
}

export function trendMethodText(ctx: PageContext, indicator: IndicatorFollowup): string {
  const tr = indicator.trend;
  const method = ctx.t(`plan.method.${keyPart(indicator.trend_method)}` as MessageKey);
  return tr ? `${method}, ${tr.from}–${tr.to}` : method;
}

export function statusText(ctx: PageContext, status: ActionStatus): string {
  return ctx.t(`plan.status.${keyPart(status)}` as MessageKey);
}

export function ActionCounts({
  ctx,
  actions,
}: {
  ctx: PageContext;
  actions: readonly { status: ActionStatus }[];
}) {
  if (actions.length === 0) return null;
  const counts = ACTION_STATUSES.map(
    (s) => [s, actions.filter((a) => a.status === s).length] as const,
  ).filter(([, n]) => n > 0);
  return (
    <span class="action-counts">
      {ctx.t('plan.actionsCount', { count: actions.length })}:{' '}
      {counts.map(([s, n], i) => (
        <>
          {i > 0 && ', '}
          <span class={`status status--${s}`}>
            {n} {statusText(ctx, s).toLowerCase()}
          </span>
        </>
      ))}
    </span>
  );
}

/** "5 av 9 indikatorer utvecklas positivt" */
export function summarySentence(ctx: PageContext, line: SummaryLine): string {
  return ctx.t('plan.summaryLine', { positive: line.positive, total: line.total });
}

export function SummarySection({ ctx, summary }: { ctx: PageContext; summary: FollowupSummary }) {
  const { t } = ctx;
  const rest = (l: SummaryLine) =>
    t('plan.summaryRest', { negative: l.negative, unchanged: l.unchanged, without: l.without_trend });
  return (
    <section aria-labelledby="summary-title" class="plan-summary">
      <h2 id="summary-title">{t('plan.summaryTitle')}</h2>
      <p class="summary-quote">
        <strong>{summarySentence(ctx, summary.indicators)}</strong>. {rest(summary.indicators)}
      </p>
      <div class="two-col">
        <div class="table-scroll">
          <table class="data">
            <caption>{t('plan.summaryByArea')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.area')}</th>
                <th scope="col">{t('plan.summaryColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.by_area.map((a) => (
                <tr>
                  <th scope="row">
                    {a.code ? `${a.code} ` : ''}
                    {a.title}
                  </th>
                  <td>{summarySentence(ctx, a)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="table-scroll">
          <table class="data">
            <caption>{t('plan.summaryByResponsible')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.responsible')}</th>
                <th scope="col">{t('plan.summaryColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.by_responsible.length === 0 ? (
                <tr>
                  <td colSpan={2}>{t('plan.noResponsible')}</td>
                </tr>
              ) : (
                summary.by_responsible.map((r) => (
                  <tr>
                    <th scope="row">{r.responsible}</th>
                    <td>{summarySentence(ctx, r)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </div>
      <p>
        <strong>{t('plan.actionsTitle')}:</strong>{' '}
        {ACTION_STATUSES.map((s, i) => (
          <>
            {i > 0 && ' · '}
            <span class={`status status--${s}`}>
              {statusText(ctx, s)}: {summary.actions[s]}
            </span>
          </>
        ))}
      </p>
    </section>
  );
}

export function PeriodForm({ ctx, view, action }: { ctx: PageContext; view: PlanView; action: string }) {
  return (
    <ControlsForm ctx={ctx} action={action}>
      <div class="field">
        <label for="period">{ctx.t('plan.period')}</label>
        <select id="period" name="period">
          {view.periods.map((p) => (
            <option value={p.label} selected={p.label === view.period}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <SubmitField label={ctx.t('layout.show')} />
    </ControlsForm>
  );
}

/** What the last form did (`?klart=`) or why it was refused (`?fel=`), announced to screen readers. */
export function Feedback({ ctx }: { ctx: PageContext }) {
  // Only codes the catalog knows: the query is the visitor's to write.
  const known = (key: string) => (key in sv ? (key as MessageKey) : null);
  const done = known(`plan.done.${keyPart(ctx.params.get('klart') ?? '')}`);
  const error = known(`plan.error.${keyPart(ctx.params.get('fel') ?? '')}`);
  return (
    <>
      {done && (
        <p class="notice" role="status">
          {ctx.t(done)}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {ctx.t(error, { value: ctx.params.get('varde') ?? '' })}
        </p>
      )}
    </>
  );
}

export function StatusBadge({ ctx, state }: { ctx: PageContext; state: string | undefined }) {
  return (
    <span class={`state state--${state ?? 'none'}`}>
      {ctx.t(`plan.state.${state ?? 'none'}` as MessageKey)}
    </span>
  );
}
