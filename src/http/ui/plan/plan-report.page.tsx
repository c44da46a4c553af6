/**
 * The follow-up form `/plan/{id}/rapportera?period=P` for a reporter: first a list of what is due
 * (their nodes, indicators and actions, with each node's deadline and the state of its entry), then
 * one plain form per item (verdict and comment; comment and a trend override with its reason; status,
 * progress and comment), each saved or saved and marked ready. A strategist sees the whole plan and
 * approves what is ready. Works without JavaScript: forms POST and come back here.
 */
import type { EntryState } from '../../../domain/plan/followup.service.js';
import { TREND_OVERRIDES } from '../../../domain/plan/followup-entries.js';
import { ACTION_STATUSES } from '../../../domain/plan/plan-document.js';
import type { MessageKey } from '../../../i18n/catalog.js';
import { Layout } from '../components/layout.js';
import { documentMeta } from '../exports/document-meta.js';
import { safeFilename, type TableDocument } from '../exports/table-document.js';
import { href, type PageContext } from '../page-context.js';
import {
  Feedback,
  PeriodForm,
  StatusBadge,
  sourceKey,
  statusText,
  TrendView,
  trendMethodText,
  VerdictView,
} from './plan-components.js';
import type { PlanView } from './plan-view.js';

interface DueItem {
  kind: 'node' | 'indicator' | 'action';
  id: number;
  code: string | null;
  title: string;
  deadline: string;
  entry: EntryState | null;
}

/** The items of the actor's part for the period, each with its node's deadline. */
export function dueItems(view: PlanView): DueItem[] {
  const f = view.followup;
  const scope = view.access?.scope;
  const deadlineOf = new Map(f.nodes.map((n) => [n.id, n.deadline]));
  const mine = (nodeId: number) => scope?.nodeIds.has(nodeId) ?? false;
  const out: DueItem[] = [];
  for (const n of f.nodes) {
    if (!mine(n.id)) continue;
    out.push({
      kind: 'node',
      id: n.id,
      code: n.code,
      title: n.title,
      deadline: n.deadline,
      entry: n.followup,
    });
    for (const i of f.indicators.filter((x) => x.node_id === n.id))
      out.push({
        kind: 'indicator',
        id: i.id,
        code: i.code,
        title: i.title,
        deadline: n.deadline,
        entry: i.followup,
      });
    for (const a of f.actions.filter((x) => x.node_id === n.id))
      out.push({
        kind: 'action',
        id: a.id,
        code: a.code,
        title: a.title,
        deadline: deadlineOf.get(n.id)!,
        entry: a.followup,
      });
  }
  return out;
}

function Hidden({
  ctx,
  csrf,
  view,
  kind,
  id,
}: {
  ctx: PageContext;
  csrf: string;
  view: PlanView;
  kind: string;
  id: number;
}) {
  return (
    <>
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="period" value={view.period} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="item" value={String(id)} />
      {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
    </>
  );
}

function Buttons({
  ctx,
  entry,
  canApprove,
}: {
  ctx: PageContext;
  entry: EntryState | null;
  canApprove: boolean;
}) {
  const { t } = ctx;
  return (
    <div class="form-buttons">
      <button type="submit" name="op" value="save">
        {t('plan.save')}
      </button>
      <button type="submit" name="op" value="ready" class="button--secondary">
        {t('plan.saveReady')}
      </button>
      {canApprove && entry?.state === 'ready' && (
        <button type="submit" name="op" value="approve" class="button--approve">
          {t('plan.approve')}
        </button>
      )}
    </div>
  );
}

function EntryMeta({ ctx, entry }: { ctx: PageContext; entry: EntryState | null }) {
  const { t } = ctx;
  return (
    <p class="entry-meta">
      <StatusBadge ctx={ctx} state={entry?.state} />
      {entry && (
        <span class="muted">
          {' '}
          {t('plan.lastChange', {
            by: entry.updated_by,
            at: entry.updated_at.slice(0, 16).replace('T', ' '),
          })}
          {entry.approved_by && ` · ${t('plan.approvedBy', { by: entry.approved_by })}`}
        </span>
      )}
    </p>
  );
}

export function PlanReportPage({ ctx, view, csrf }: { ctx: PageContext; view: PlanView; csrf: string }) {
  const { t } = ctx;
  const { plan, followup } = view;
  const items = dueItems(view);
  const canApprove = view.access?.edit ?? false;
  const action = `/plan/${plan.id}/rapportera`;
  const open = items.filter((i) => i.entry?.state !== 'approved' && i.entry?.state !== 'ready');
  return (
    <Layout ctx={ctx} title={t('plan.reportTitle', { period: view.period })}>
      <p class="eyebrow">
        <a href={href(ctx, `/plan/${plan.id}`, { period: view.period })}>{plan.title}</a>
      </p>
      <h1>{t('plan.reportTitle', { period: view.period })}</h1>
      <Feedback ctx={ctx} />
      <PeriodForm ctx={ctx} view={view} action={action} />
      <section aria-labelledby="due-title">
        <h2 id="due-title">{t('plan.dueTitle')}</h2>
        {items.length === 0 ? (
          <p class="notice">{t('plan.nothingAssigned')}</p>
        ) : (
          <>
            <p>{t('plan.dueSummary', { open: open.length, total: items.length })}</p>
            <div class="table-scroll">
              <table class="data due-table">
                <thead>
                  <tr>
                    <th scope="col">{t('plan.item')}</th>
                    <th scope="col">{t('plan.deadline')}</th>
                    <th scope="col">{t('plan.colState')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr>
                      <th scope="row">
                        <a href={`#${i.kind}-${i.id}`}>
                          {i.code ? `${i.code} ` : ''}
                          {i.title}
                        </a>{' '}
                        <span class="muted due-kind">
                          ({t(`plan.kind.${i.kind}` as MessageKey).toLowerCase()})
                        </span>
                      </th>
                      <td>
                        {i.deadline}
                        {i.deadline < view.today &&
                          i.entry?.state !== 'ready' &&
                          i.entry?.state !== 'approved' && <strong> ({t('plan.overdue')})</strong>}
                      </td>
                      <td>
                        <StatusBadge ctx={ctx} state={i.entry?.state} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      {followup.nodes
        .filter((n) => view.access?.scope.nodeIds.has(n.id))
        .map((n) => {
          const indicators = followup.indicators.filter((i) => i.node_id === n.id);
          const actions = followup.actions.filter((a) => a.node_id === n.id);
          return (
            <section class="report-node" aria-labelledby={`node-${n.id}-title`}>
              <h2 id={`node-${n.id}-title`}>
                {n.code && <span class="plan-code">{n.code}</span>} {n.title}
              </h2>
              <form method="post" action={action} class="report-form" id={`node-${n.id}`}>
                <Hidden ctx={ctx} csrf={csrf} view={view} kind="node" id={n.id} />
                <EntryMeta ctx={ctx} entry={n.followup} />
                <fieldset>
                  <legend>{t('plan.verdictLegend')}</legend>
                  {followup.verdict_scale.map((l) => (
                    <div class="check">
                      <input
                        type="radio"
                        name="verdict"
                        id={`verdict-${n.id}-${l.key}`}
                        value={l.key}
                        checked={n.verdict?.key === l.key}
                      />
                      <label for={`verdict-${n.id}-${l.key}`}>
                        <VerdictView ctx={ctx} verdict={l} />
                      </label>
                    </div>
                  ))}
                </fieldset>
                <div class="field field--wide">
                  <label for={`comment-node-${n.id}`}>{t('plan.comment')}</label>
                  <textarea id={`comment-node-${n.id}`} name="comment" rows={3}>
                    {n.followup?.comment ?? ''}
                  </textarea>
                </div>
                <Buttons ctx={ctx} entry={n.followup} canApprove={canApprove} />
              </form>
              {indicators.map((i) => (
                <form method="post" action={action} class="report-form" id={`indicator-${i.id}`}>
                  <Hidden ctx={ctx} csrf={csrf} view={view} kind="indicator" id={i.id} />
                  <h3>
                    {t('plan.kind.indicator')}: {i.code && <span class="plan-code">{i.code}</span>} {i.title}
                  </h3>
                  <EntryMeta ctx={ctx} entry={i.followup} />
                  <p>
                    {t('plan.computedTrend')}: <TrendView ctx={ctx} indicator={i} />{' '}
                    <span class="muted">({trendMethodText(ctx, i)})</span>
                    {i.kolada && <span class="muted"> · {t(sourceKey(i))}</span>}
                  </p>
                  <div class="form-row">
                    <div class="field">
                      <label for={`override-${i.id}`}>{t('plan.overrideLabel')}</label>
                      <select
                        id={`override-${i.id}`}
                        name="trend_override"
                        aria-describedby={`override-hint-${i.id}`}
                      >
                        <option value="">{t('plan.overrideNone')}</option>
                        {TREND_OVERRIDES.map((o) => (
                          <option value={o} selected={i.trend_override?.direction === o}>
                            {t(`plan.trend.${o}` as MessageKey)}
                          </option>
                        ))}
                      </select>
                      <span class="hint" id={`override-hint-${i.id}`}>
                        {t('plan.overrideHint')}
                      </span>
                    </div>
                    <div class="field field--wide">
                      <label for={`reason-${i.id}`}>{t('plan.overrideReason')}</label>
                      <input
                        type="text"
                        id={`reason-${i.id}`}
                        name="override_reason"
                        value={i.trend_override?.reason ?? ''}
                      />
                    </div>
                  </div>
                  <div class="field field--wide">
                    <label for={`comment-indicator-${i.id}`}>{t('plan.comment')}</label>
                    <textarea id={`comment-indicator-${i.id}`} name="comment" rows={2}>
                      {i.followup?.comment ?? ''}
                    </textarea>
                  </div>
                  <Buttons ctx={ctx} entry={i.followup} canApprove={canApprove} />
                </form>
              ))}
              {actions.map((a) => (
                <form method="post" action={action} class="report-form" id={`action-${a.id}`}>
                  <Hidden ctx={ctx} csrf={csrf} view={view} kind="action" id={a.id} />
                  <h3>
                    {t('plan.action')}: {a.title}
                  </h3>
                  <EntryMeta ctx={ctx} entry={a.followup} />
                  <div class="form-row">
                    <div class="field">
                      <label for={`status-${a.id}`}>{t('plan.statusLabel')}</label>
                      <select id={`status-${a.id}`} name="action_status">
                        {ACTION_STATUSES.map((s) => (
                          <option value={s} selected={a.status === s}>
                            {statusText(ctx, s)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div class="field">
                      <label for={`progress-${a.id}`}>{t('plan.progressPercent')}</label>
                      <input
                        type="number"
                        id={`progress-${a.id}`}
                        name="progress"
                        min="0"
                        max="100"
                        step="1"
                        value={a.progress === null ? '' : String(a.progress)}
                      />
                    </div>
                  </div>
                  <div class="field field--wide">
                    <label for={`comment-action-${a.id}`}>{t('plan.comment')}</label>
                    <textarea id={`comment-action-${a.id}`} name="comment" rows={2}>
                      {a.followup?.comment ?? ''}
                    </textarea>
                  </div>
                  <Buttons ctx={ctx} entry={a.followup} canApprove={canApprove} />
                </form>
              ))}
            </section>
          );
        })}
    </Layout>
  );
}

export function reportDocument(ctx: PageContext, view: PlanView): TableDocument {
  const { t } = ctx;
  return {
    title: t('plan.reportTitle', { period: view.period }),
    filename: safeFilename(`etablera-plan-${view.plan.id}-rapportera-${view.period}`),
    meta: documentMeta(ctx, [
      { key: 'plan', label: t('plan.planTitle'), value: view.plan.title },
      { key: 'period', label: t('plan.period'), value: view.period },
    ]),
    columns: [
      { key: 'kind', header: t('plan.colKind'), type: 'text' },
      { key: 'id', header: 'id', type: 'integer' },
      { key: 'code', header: t('plan.colCode'), type: 'text' },
      { key: 'title', header: t('plan.item'), type: 'text' },
      { key: 'deadline', header: t('plan.deadline'), type: 'text' },
      { key: 'state', header: t('plan.colState'), type: 'text' },
    ],
    rows: dueItems(view).map((i) => ({
      kind: i.kind,
      id: i.id,
      code: i.code,
      title: i.title,
      deadline: i.deadline,
      state: i.entry?.state ?? null,
    })),
  };
}
