/**
 * `/plan/{id}/rapporter/mall`: the strategist edits the plan's report template — which sections the
 * reports have and in what order. Every change is a plain form that POSTs and comes back (no
 * JavaScript): move a section up or down, change or remove it, add one, or go back to the default.
 * A problem is shown where it is: a section naming a goal the plan no longer has is marked on the
 * section itself and listed at the top with a link to it; a refused change names the section.
 */
import type { ReportTemplate, TemplateSection } from '../../../domain/plan/reports/report-template.js';
import type { MessageKey } from '../../../i18n/catalog.js';
import type { PlanRow } from '../../../store/repositories/plan.repository.js';
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';

export interface TemplatePageProps {
  ctx: PageContext;
  plan: PlanRow;
  template: ReportTemplate;
  stamp: string;
  goals: { id: number; name: string }[];
  /** Sections (1-based) naming a deleted goal. */
  deleted: { section: number; node: number }[];
  csrf: string;
}

const ERRORS = new Set([
  'template-changed',
  'template-deleted-goal',
  'template-choose-goal',
  'template-text-missing',
  'template-invalid',
  'template-last',
  'template-missing-section',
]);
const ADD_ERRORS = new Set(['template-choose-goal', 'template-text-missing', 'template-invalid']);
const DONE = new Set([
  'template-add',
  'template-update',
  'template-move',
  'template-delete',
  'template-reset',
]);

/** A section's name in the list: its kind, and the goal or title it names. */
export function sectionName(ctx: PageContext, s: TemplateSection, goals: { id: number; name: string }[]) {
  const kind = ctx.t(`plan.reports.section.${s.type}` as MessageKey);
  if (s.type === 'goal')
    return `${kind}: ${goals.find((g) => g.id === s.node)?.name ?? ctx.t('plan.template.deletedGoal', { id: s.node })}`;
  if (s.type === 'text') return `${kind}: ${s.title}`;
  return kind;
}

function Hidden({
  ctx,
  csrf,
  stamp,
  op,
  index,
}: {
  ctx: PageContext;
  csrf: string;
  stamp: string;
  op: string;
  index?: number;
}) {
  return (
    <>
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="stamp" value={stamp} />
      <input type="hidden" name="op" value={op} />
      {index !== undefined && <input type="hidden" name="index" value={String(index)} />}
      {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
    </>
  );
}

function Flags({
  ctx,
  id,
  s,
}: {
  ctx: PageContext;
  id: string;
  s?: { indicators?: boolean; charts?: boolean; actions?: boolean };
}) {
  return (
    <fieldset class="form-row">
      <legend>{ctx.t('plan.template.parts')}</legend>
      <input type="hidden" name="flags" value="1" />
      {(['indicators', 'charts', 'actions'] as const).map((f) => (
        <label>
          <input type="checkbox" name={f} value="1" id={`${id}-${f}`} checked={s?.[f] !== false} />{' '}
          {ctx.t(`plan.template.flag.${f}` as MessageKey)}
        </label>
      ))}
    </fieldset>
  );
}

function GoalSelect({
  ctx,
  id,
  goals,
  selected,
  error,
}: {
  ctx: PageContext;
  id: string;
  goals: { id: number; name: string }[];
  selected?: number;
  error?: string;
}) {
  const known = goals.some((g) => g.id === selected);
  return (
    <p>
      <label for={id}>{ctx.t('plan.template.goal')}</label>{' '}
      <select
        id={id}
        name="node"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="" selected={!known}>
          {ctx.t('plan.template.chooseGoal')}
        </option>
        {goals.map((g) => (
          <option value={String(g.id)} selected={g.id === selected}>
            {g.name}
          </option>
        ))}
      </select>
      {error && (
        <span id={`${id}-error`} class="field-error">
          {' '}
          {error}
        </span>
      )}
    </p>
  );
}

function SectionFields({
  ctx,
  s,
  id,
  goals,
  goalError,
}: {
  ctx: PageContext;
  s: TemplateSection;
  id: string;
  goals: { id: number; name: string }[];
  goalError?: string;
}) {
  const { t } = ctx;
  switch (s.type) {
    case 'introduction':
      return (
        <p>
          <label for={`${id}-text`}>{t('plan.template.introText')}</label>
          <textarea id={`${id}-text`} name="text" rows={3} aria-describedby={`${id}-text-hint`}>
            {s.text ?? ''}
          </textarea>
          <span id={`${id}-text-hint`} class="hint">
            {t('plan.template.introHint')}
          </span>
        </p>
      );
    case 'text':
      return (
        <>
          <p>
            <label for={`${id}-title`}>{t('plan.template.title')}</label>{' '}
            <input id={`${id}-title`} name="title" value={s.title} required maxLength={200} />
          </p>
          <p>
            <label for={`${id}-text`}>{t('plan.template.text')}</label>
            <textarea id={`${id}-text`} name="text" rows={4} required>
              {s.text}
            </textarea>
          </p>
        </>
      );
    case 'goals':
      return <Flags ctx={ctx} id={id} s={s} />;
    case 'goal':
      return (
        <>
          <GoalSelect ctx={ctx} id={`${id}-node`} goals={goals} selected={s.node} error={goalError} />
          <Flags ctx={ctx} id={id} s={s} />
        </>
      );
    default:
      return null;
  }
}

export function ReportTemplatePage({ ctx, plan, template, stamp, goals, deleted, csrf }: TemplatePageProps) {
  const { t } = ctx;
  const action = `/plan/${plan.id}/rapporter/mall`;
  const fel = ctx.params.get('fel') ?? '';
  const klart = ctx.params.get('klart') ?? '';
  const at = Number(ctx.params.get('avsnitt') ?? '0');
  const errorSection = Number.isInteger(at) && at >= 1 && at <= template.sections.length ? at : 0;
  const deletedAt = new Map(deleted.map((d) => [d.section, d.node]));
  const n = template.sections.length;
  return (
    <Layout ctx={ctx} title={t('plan.template.title2', { plan: plan.title })}>
      <p class="eyebrow">
        <a href={href(ctx, `/plan/${plan.id}`)}>{plan.title}</a> ·{' '}
        <a href={href(ctx, `/plan/${plan.id}/rapporter`)}>{t('plan.reports.heading')}</a>
      </p>
      <h1>{t('plan.reports.templateHeading')}</h1>
      {DONE.has(klart) && (
        <p class="notice" role="status">
          {t(`plan.done.${camel(klart)}` as MessageKey)}
        </p>
      )}
      {(ERRORS.has(fel) || deleted.length > 0) && (
        <div class="error" role="alert">
          {ERRORS.has(fel) && (
            <p>
              {errorSection > 0 ? (
                <>
                  <a href={`#avsnitt-${errorSection}`}>{t('plan.template.sectionNo', { n: errorSection })}</a>
                  :{' '}
                </>
              ) : (
                ADD_ERRORS.has(fel) && (
                  <>
                    <a href="#lagg-till">{t('plan.template.newSection')}</a>:{' '}
                  </>
                )
              )}
              {t(`plan.error.${camel(fel)}` as MessageKey)}
            </p>
          )}
          {deleted.length > 0 && (
            <ul>
              {deleted.map((d) => (
                <li>
                  <a href={`#avsnitt-${d.section}`}>{t('plan.template.sectionNo', { n: d.section })}</a>:{' '}
                  {t('plan.template.deletedProblem', { id: d.node })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p class="lead">{t('plan.template.intro')}</p>

      <h2 id="avsnitt">{t('plan.template.sectionsHeading')}</h2>
      <ol class="template-sections">
        {template.sections.map((s, i) => {
          const no = i + 1;
          const id = `s${no}`;
          const missing = deletedAt.get(no);
          const goalError =
            missing !== undefined
              ? t('plan.template.deletedProblem', { id: missing })
              : errorSection === no && fel === 'template-choose-goal'
                ? t('plan.error.templateChooseGoal')
                : undefined;
          const name = sectionName(ctx, s, goals);
          return (
            <li id={`avsnitt-${no}`} class="template-section">
              <h3 id={`${id}-name`}>
                {t('plan.template.sectionNo', { n: no })}: {name}
              </h3>
              <div class="editor-buttons">
                <form method="post" action={action} class="inline-form">
                  <Hidden ctx={ctx} csrf={csrf} stamp={stamp} op="up" index={i} />
                  <button type="submit" disabled={i === 0} aria-describedby={`${id}-name`}>
                    {t('plan.template.up')}
                  </button>
                </form>
                <form method="post" action={action} class="inline-form">
                  <Hidden ctx={ctx} csrf={csrf} stamp={stamp} op="down" index={i} />
                  <button type="submit" disabled={i === n - 1} aria-describedby={`${id}-name`}>
                    {t('plan.template.down')}
                  </button>
                </form>
                <form method="post" action={action} class="inline-form">
                  <Hidden ctx={ctx} csrf={csrf} stamp={stamp} op="delete" index={i} />
                  <button type="submit" disabled={n === 1} aria-describedby={`${id}-name`}>
                    {t('plan.template.delete')}
                  </button>
                </form>
              </div>
              {['introduction', 'text', 'goals', 'goal'].includes(s.type) && (
                <form method="post" action={action} class="editor-form">
                  <Hidden ctx={ctx} csrf={csrf} stamp={stamp} op="update" index={i} />
                  <input type="hidden" name="type" value={s.type} />
                  <SectionFields ctx={ctx} s={s} id={id} goals={goals} goalError={goalError} />
                  <p class="form-buttons">
                    <button type="submit" aria-describedby={`${id}-name`}>
                      {t('plan.template.save')}
                    </button>
                  </p>
                </form>
              )}
            </li>
          );
        })}
      </ol>

      <h2 id="lagg-till">{t('plan.template.addHeading')}</h2>
      <form method="post" action={action} class="editor-form">
        <Hidden ctx={ctx} csrf={csrf} stamp={stamp} op="add" />
        <p>
          <label for="add-type">{t('plan.template.type')}</label>{' '}
          <select id="add-type" name="type">
            {(['introduction', 'summary', 'goals', 'goal', 'indicators', 'actions', 'text'] as const).map(
              (type) => (
                <option value={type}>{t(`plan.reports.section.${type}` as MessageKey)}</option>
              ),
            )}
          </select>
        </p>
        <GoalSelect
          ctx={ctx}
          id="add-node"
          goals={goals}
          error={
            errorSection === 0 && fel === 'template-choose-goal'
              ? t('plan.error.templateChooseGoal')
              : undefined
          }
        />
        <p class="hint">{t('plan.template.addGoalHint')}</p>
        <p>
          <label for="add-title">{t('plan.template.title')}</label>{' '}
          <input
            id="add-title"
            name="title"
            maxLength={200}
            aria-invalid={errorSection === 0 && fel === 'template-text-missing' ? 'true' : undefined}
          />
        </p>
        <p>
          <label for="add-text">{t('plan.template.text')}</label>
          <textarea id="add-text" name="text" rows={3} />
        </p>
        <p class="hint">{t('plan.template.addTextHint')}</p>
        <p class="form-buttons">
          <button type="submit">{t('plan.template.add')}</button>
        </p>
      </form>

      <h2>{t('plan.template.resetHeading')}</h2>
      <form method="post" action={action} class="inline-form">
        <Hidden ctx={ctx} csrf={csrf} stamp={stamp} op="reset" />
        <button type="submit">{t('plan.template.reset')}</button>
      </form>
    </Layout>
  );
}

/** `template-choose-goal` → `templateChooseGoal` (the catalog's keys). */
function camel(code: string): string {
  return code.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}
