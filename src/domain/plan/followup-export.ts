/**
 * A follow-up as JSON in a shape close to IATI's results (result → indicator → baseline →
 * period{target, actual, comment}); documented in docs/plan-format.md. One result per node, with the
 * node's verdict; measures keep Kolada's attribution, trends are marked as Etablera's computation.
 */
import type { PlanFollowup } from './followup.service.js';
import { parsePeriod } from './periods.js';

export const FOLLOWUP_EXPORT_VERSION = 'etablera-followup/1';

export function followupExport(f: PlanFollowup, now = new Date()) {
  const bounds = (label: string) => {
    const info = parsePeriod(f.plan.period_kind, label);
    return info
      ? { 'period-start': info.start, 'period-end': info.end }
      : { 'period-start': label, 'period-end': label };
  };
  return {
    format: FOLLOWUP_EXPORT_VERSION,
    generated: now.toISOString(),
    plan: f.plan,
    period: { label: f.period, ...bounds(f.period) },
    approved_only: f.approved_only,
    summary: f.summary,
    results: f.nodes.map((n) => ({
      id: n.id,
      ref: n.code,
      type: n.type,
      title: n.title,
      parent: n.parent_id,
      responsible: n.responsible,
      verdict: n.verdict ? { code: n.verdict.key, label: n.verdict.label, icon: n.verdict.icon } : null,
      comment: n.followup?.comment ?? null,
      state: n.followup?.state ?? null,
      indicators: f.indicators
        .filter((i) => i.node_id === n.id)
        .map((i) => {
          const periods = new Set([...i.values.map((v) => v.period), ...Object.keys(i.targets)]);
          const gender = i.kolada?.gender ?? 'T';
          return {
            id: i.id,
            ref: i.code,
            title: i.title,
            measure: i.unit,
            ascending: i.direction === 'higher' ? true : i.direction === 'lower' ? false : null,
            // origin: 'kolada', or 'local' for one of the municipality's own KPIs (same binding, served alike).
            source: i.kolada ? { kolada: i.kolada, origin: i.source, note: i.source_note } : { own: true },
            baseline: i.baseline ? { year: i.baseline.period, value: i.baseline.value } : null,
            trend: i.trend ? { ...i.trend, computed_by: 'etablera' } : null,
            trend_override: i.trend_override,
            target_attainment: i.target_attainment,
            comment: i.followup?.comment ?? null,
            period: [...periods].sort().map((p) => {
              const v = i.values.find((x) => x.period === p);
              return {
                ...bounds(p),
                target: i.targets[p] === undefined ? null : { value: i.targets[p] },
                actual: v ? { value: v[gender], dimension: { T: v.T, K: v.K, M: v.M } } : null,
              };
            }),
          };
        }),
      actions: f.actions
        .filter((a) => a.node_id === n.id)
        .map((a) => ({
          id: a.id,
          ref: a.code,
          title: a.title,
          responsible: a.responsible,
          status: a.status,
          progress: a.progress,
          comment: a.followup?.comment ?? null,
        })),
    })),
  };
}
