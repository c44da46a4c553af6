/**
 * The Plan pages as data (.json/.csv/.xlsx): one row per plan item (node, indicator, action) of the
 * period with its verdict, trend or status, and the summary lines in the header block.
 */
import type { MessageKey } from '../../../i18n/catalog.js';
import { documentMeta } from '../exports/document-meta.js';
import { type CellValue, safeFilename, type TableDocument } from '../exports/table-document.js';
import type { PageContext } from '../page-context.js';
import { statusText, summarySentence } from './plan-components.js';
import type { PlanView } from './plan-view.js';
import { subtree, type TreeItem } from './plan-view.js';

export function planDocument(
  ctx: PageContext,
  view: PlanView,
  items: TreeItem[],
  name: string,
): TableDocument {
  const { t } = ctx;
  const s = view.followup.summary;
  const rows: Record<string, CellValue>[] = [];
  for (const item of items.flatMap(subtree)) {
    const n = item.node;
    rows.push({
      kind: 'node',
      id: n.id,
      parent_id: n.parent_id,
      code: n.code,
      title: n.title,
      responsible: n.responsible,
      assessment: n.verdict ? n.verdict.label : t('plan.noVerdictYet'),
      kpi: null,
      latest_period: null,
      latest_value: null,
      trend_method: null,
      state: n.followup?.state ?? null,
      comment: n.followup?.comment ?? null,
    });
    for (const i of item.indicators) {
      const last = i.values.at(-1);
      rows.push({
        kind: 'indicator',
        id: i.id,
        parent_id: n.id,
        code: i.code,
        title: i.title,
        responsible: null,
        assessment: i.effective_direction
          ? t(`plan.trend.${i.effective_direction}` as MessageKey)
          : t('plan.trendNone'),
        kpi: i.kolada?.kpi ?? null,
        latest_period: last?.period ?? null,
        latest_value: last ? last[i.kolada?.gender ?? 'T'] : null,
        trend_method: i.trend_method,
        state: i.followup?.state ?? null,
        comment: i.followup?.comment ?? null,
      });
    }
    for (const a of item.actions)
      rows.push({
        kind: 'action',
        id: a.id,
        parent_id: n.id,
        code: a.code,
        title: a.title,
        responsible: a.responsible,
        assessment: statusText(ctx, a.status),
        kpi: null,
        latest_period: null,
        latest_value: a.progress,
        trend_method: null,
        state: a.followup?.state ?? null,
        comment: a.followup?.comment ?? null,
      });
  }
  return {
    title: name,
    filename: safeFilename(`etablera-plan-${view.plan.id}-${view.period}`),
    meta: documentMeta(ctx, [
      { key: 'plan', label: t('plan.planTitle'), value: view.plan.title },
      { key: 'period', label: t('plan.period'), value: view.period },
      {
        key: 'approved_only',
        label: t('plan.approvedOnly'),
        value: view.followup.approved_only ? 'true' : 'false',
      },
      { key: 'summary', label: t('plan.summaryTitle'), value: summarySentence(ctx, s.indicators) },
      ...s.by_area.map((a) => ({
        key: `summary_area_${a.node_id}`,
        label: `${t('plan.area')}: ${a.code ? `${a.code} ` : ''}${a.title}`,
        value: summarySentence(ctx, a),
      })),
      ...s.by_responsible.map((r, k) => ({
        key: `summary_responsible_${k + 1}`,
        label: `${t('plan.responsible')}: ${r.responsible}`,
        value: summarySentence(ctx, r),
      })),
    ]),
    columns: [
      { key: 'kind', header: t('plan.colKind'), type: 'text' },
      { key: 'id', header: 'id', type: 'integer' },
      { key: 'parent_id', header: t('plan.colParent'), type: 'integer' },
      { key: 'code', header: t('plan.colCode'), type: 'text' },
      { key: 'title', header: t('plan.planTitle'), type: 'text' },
      { key: 'responsible', header: t('plan.responsible'), type: 'text' },
      { key: 'assessment', header: t('plan.colAssessment'), type: 'text' },
      { key: 'kpi', header: t('comparator.kpiId'), type: 'text' },
      { key: 'latest_period', header: t('plan.colLatestPeriod'), type: 'text' },
      { key: 'latest_value', header: t('plan.colLatestValue'), type: 'number' },
      { key: 'trend_method', header: t('plan.colMethod'), type: 'text' },
      { key: 'state', header: t('plan.colState'), type: 'text' },
      { key: 'comment', header: t('plan.comment'), type: 'text' },
    ],
    rows,
  };
}
