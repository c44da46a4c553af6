/**
 * The follow-up of a plan for one period: per indicator its values by period and gender (Kolada's
 * for Kolada-bound ones, "Källa: Kolada" — or the municipality's own when the KPI is one of Etablera's own
 * (origin `local`); the plan's own otherwise), Riket (Kolada's own 0000
 * value, never a recomputed mean), the chosen comparison (Etablera's unweighted group mean, through
 * Position's comparison service), the computed trend and target attainment; per node the verdict;
 * per action its status; and the summary lines strategists quote. Three assessments stay separate:
 * the human verdict, the computed trend, the action status.
 */

import type { ActionStatus, FollowupState, PeriodKind, TrendMethod } from '../../store/plan-schema.js';
import type {
  FollowupRow,
  IndicatorRow,
  PlanContents,
  PlanRepository,
} from '../../store/repositories/plan.repository.js';
import type { Direction, Gender } from '../../store/schema.js';
import type { ComparisonService } from '../comparison/comparison.service.js';
import { RIKET_ID, referenceOptions } from '../comparison/reference.js';
import { parsePeriod, yearOf } from './periods.js';
import { PlanNotFoundError } from './plan.service.js';
import {
  computeTrend,
  type SeriesPoint,
  type TargetAttainment,
  type Trend,
  type TrendDirection,
  targetAttainment,
} from './trend.js';

/** The note for an indicator bound to one of the municipality's own KPIs (never "Källa: Kolada"). */
export const SOURCE_NOTE_LOCAL = 'Källa: kommunens egen uppgift (Etablera)';

export type Genders = Record<Gender, number | null>;

export interface PeriodValues extends Genders {
  period: string;
}

export interface ComparisonSeries {
  kind: 'riket' | 'kommungrupp' | 'liknande' | 'grupp';
  title: string;
  group_id: string | null;
  /** Etablera's own unweighted mean of the members with a value (Riket: Kolada's value). */
  computed_by: 'kolada' | 'etablera';
  values: { period: string; value: number | null; n: number | null }[];
}

export interface EntryState {
  state: FollowupState;
  comment: string | null;
  updated_by: string;
  updated_at: string;
  ready_by: string | null;
  ready_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
}

export interface IndicatorFollowup {
  id: number;
  node_id: number;
  code: string | null;
  title: string;
  unit: string | null;
  direction: Direction;
  /** kolada: a Kolada KPI; local: a KPI of the municipality's own in the KPI store; own: the plan's own values. */
  source: 'kolada' | 'local' | 'own';
  kolada: { kpi: string; municipality: string; gender: Gender } | null;
  /** "Källa: Kolada" for Kolada-bound indicators, the municipality's own for own KPIs. */
  source_note: string | null;
  values: PeriodValues[];
  riket: PeriodValues[] | null;
  comparison: ComparisonSeries | null;
  baseline: { period: string; value: number | null } | null;
  targets: Record<string, number>;
  trend_method: TrendMethod;
  trend: Trend | null;
  /** A person's override of the computed trend, with the reason it needs. */
  trend_override: { direction: TrendDirection; reason: string } | null;
  /** The override when there is one, else the computed direction. */
  effective_direction: TrendDirection | null;
  target_attainment: TargetAttainment | null;
  published: Record<string, Record<string, number>> | null;
  followup: EntryState | null;
}

export interface VerdictOut {
  key: string;
  label: string;
  icon: string;
  colour: string | null;
  missing: boolean;
}

export interface NodeFollowup {
  id: number;
  parent_id: number | null;
  depth: number;
  code: string | null;
  type: string;
  title: string;
  responsible: string | null;
  /** The due date of this node's part: lower levels are due earlier. */
  deadline: string;
  verdict: VerdictOut | null;
  followup: EntryState | null;
}

export interface ActionFollowup {
  id: number;
  node_id: number;
  code: string | null;
  title: string;
  responsible: string | null;
  start: string | null;
  due: string | null;
  status: ActionStatus;
  progress: number | null;
  followup: EntryState | null;
}

export interface SummaryLine {
  positive: number;
  total: number;
  negative: number;
  unchanged: number;
  without_trend: number;
}

export interface FollowupSummary {
  indicators: SummaryLine;
  by_area: (SummaryLine & { node_id: number; code: string | null; title: string })[];
  by_responsible: (SummaryLine & { responsible: string })[];
  actions: Record<ActionStatus, number>;
}

export interface PlanFollowup {
  plan: {
    id: number;
    title: string;
    period_kind: PeriodKind;
    organisation_id: string;
    municipality_id: string;
    status: string;
    version: number;
  };
  period: string;
  /** Only approved entries (the public site) or every entry (signed-in users). */
  approved_only: boolean;
  verdict_scale: VerdictOut[];
  nodes: NodeFollowup[];
  indicators: IndicatorFollowup[];
  actions: ActionFollowup[];
  summary: FollowupSummary;
}

export class FollowupError extends Error {
  override name = 'FollowupError';
}

export class FollowupService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly comparison: ComparisonService,
  ) {}

  async followup(
    planId: number,
    period: string,
    options: { approvedOnly?: boolean } = {},
  ): Promise<PlanFollowup> {
    const contents = await this.plans.contents(planId);
    if (!contents) throw new PlanNotFoundError(planId);
    const { plan } = contents;
    const info = parsePeriod(plan.period_kind, period);
    if (!info)
      throw new FollowupError(`bad period "${period}" for a plan with periods of kind ${plan.period_kind}`);
    const approvedOnly = options.approvedOnly ?? false;
    const entries = (await this.plans.followups(planId, period)).filter(
      (f) => !approvedOnly || f.state === 'approved',
    );
    const entryOf = new Map(entries.map((e) => [`${e.item_kind}:${e.item_id}`, e]));

    const levels: VerdictOut[] = contents.levels.map((l) => ({
      key: l.key,
      label: l.label,
      icon: l.icon,
      colour: l.colour,
      missing: l.is_missing === 1,
    }));
    const nodes = this.nodes(contents, entryOf, levels, period);
    const indicators = await this.indicators(contents, entryOf, period);
    const actions: ActionFollowup[] = contents.actions.map((a) => {
      const e = entryOf.get(`action:${a.id}`);
      return {
        id: a.id,
        node_id: a.node_id,
        code: a.code,
        title: a.title,
        responsible: a.responsible,
        start: a.start,
        due: a.due,
        status: e?.action_status ?? a.status,
        progress: e?.progress ?? a.progress,
        followup: e ? entryState(e) : null,
      };
    });
    return {
      plan: {
        id: plan.id,
        title: plan.title,
        period_kind: plan.period_kind,
        organisation_id: plan.organisation_id,
        municipality_id: plan.municipality_id,
        status: plan.status,
        version: plan.version,
      },
      period,
      approved_only: approvedOnly,
      verdict_scale: levels,
      nodes,
      indicators,
      actions,
      summary: summarise(nodes, indicators, actions),
    };
  }

  private nodes(
    contents: PlanContents,
    entryOf: Map<string, FollowupRow>,
    levels: VerdictOut[],
    period: string,
  ): NodeFollowup[] {
    const { plan } = contents;
    const rule = JSON.parse(plan.deadline_rule) as { after_days: number; earlier_per_level_days: number };
    const info = parsePeriod(plan.period_kind, period)!;
    const depthOf = new Map<number, number>();
    return contents.nodes.map((n) => {
      const depth = n.parent_id === null ? 0 : (depthOf.get(n.parent_id) ?? 0) + 1;
      depthOf.set(n.id, depth);
      const e = entryOf.get(`node:${n.id}`);
      const days = Math.max(0, rule.after_days - depth * rule.earlier_per_level_days);
      const deadline = new Date(`${info.end}T00:00:00Z`);
      deadline.setUTCDate(deadline.getUTCDate() + days);
      return {
        id: n.id,
        parent_id: n.parent_id,
        depth,
        code: n.code,
        type: n.type,
        title: n.title,
        responsible: n.responsible,
        deadline: deadline.toISOString().slice(0, 10),
        verdict: (e?.verdict && levels.find((l) => l.key === e.verdict)) || null,
        followup: e ? entryState(e) : null,
      };
    });
  }

  private async indicators(
    contents: PlanContents,
    entryOf: Map<string, FollowupRow>,
    period: string,
  ): Promise<IndicatorFollowup[]> {
    const { plan } = contents;
    const year = yearOf(period);
    const bound = contents.indicators.filter((i) => i.kpi_id);
    const municipalityOf = (i: IndicatorRow) => i.municipality_id ?? plan.municipality_id;
    const kpiIds = [...new Set(bound.map((i) => i.kpi_id!))];
    const kpiInfo = await this.comparison.kpiInfo(kpiIds);
    const isLocal = (kpi: string) => kpiInfo.get(kpi)?.origin === 'local';
    const rows = await this.comparison.series(
      kpiIds,
      [...new Set([...bound.map(municipalityOf), RIKET_ID])],
      ['T', 'K', 'M'],
    );
    const koladaSeries = new Map<string, Map<number, Genders>>();
    for (const r of rows) {
      if (r.period > year || r.value === null) continue;
      const key = `${r.kpi}:${r.municipality}`;
      const byYear = koladaSeries.get(key) ?? new Map<number, Genders>();
      const g = byYear.get(r.period) ?? { T: null, K: null, M: null };
      g[r.gender] = r.value;
      byYear.set(r.period, g);
      koladaSeries.set(key, byYear);
    }
    const toValues = (byYear: Map<number, Genders> | undefined): PeriodValues[] =>
      [...(byYear ?? new Map<number, Genders>())]
        .sort(([a], [b]) => a - b)
        .map(([p, g]) => ({ period: String(p), ...g }));

    const own = new Map<number, Map<string, Genders>>();
    for (const v of contents.ownValues) {
      const byPeriod = own.get(v.indicator_id) ?? new Map<string, Genders>();
      const g = byPeriod.get(v.period) ?? { T: null, K: null, M: null };
      g[v.gender] = v.value;
      byPeriod.set(v.period, g);
      own.set(v.indicator_id, byPeriod);
    }
    const targetsOf = new Map<number, Record<string, number>>();
    for (const t of contents.targets) {
      const m = targetsOf.get(t.indicator_id) ?? {};
      m[t.period] = t.value;
      targetsOf.set(t.indicator_id, m);
    }

    // One reference group per kommun and choice for the whole plan (hundreds of indicators share few).
    const references = new Map<string, ReturnType<ComparisonService['resolveReference']>>();
    const out: IndicatorFollowup[] = [];
    for (const i of contents.indicators) {
      const municipality = municipalityOf(i);
      const gender: Gender = i.gender ?? 'T';
      const values = i.kpi_id
        ? toValues(koladaSeries.get(`${i.kpi_id}:${municipality}`))
        : [...(own.get(i.id) ?? new Map<string, Genders>())]
            .filter(([p]) => p <= period)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([p, g]) => ({ period: p, ...g }));
      const riket = i.kpi_id ? toValues(koladaSeries.get(`${i.kpi_id}:${RIKET_ID}`)) : null;
      const points: SeriesPoint[] = values.flatMap((v) =>
        v[gender] === null ? [] : [{ period: v.period, value: v[gender]! }],
      );
      const baselinePoint = i.baseline_period
        ? points.find((p) => p.period === i.baseline_period)
        : undefined;
      const baselineValue = i.baseline_value ?? baselinePoint?.value;
      const trend =
        computeTrend(points, i.trend_method, {
          direction: i.direction,
          from: i.trend_from ?? i.baseline_period ?? undefined,
          baselineValue: i.trend_method === 'baseline_latest' ? baselineValue : undefined,
        }) ?? null;
      const e = entryOf.get(`indicator:${i.id}`);
      const override =
        e?.trend_override && e.override_reason
          ? { direction: e.trend_override as TrendDirection, reason: e.override_reason }
          : null;
      const targets = targetsOf.get(i.id) ?? {};
      out.push({
        id: i.id,
        node_id: i.node_id,
        code: i.code,
        title: i.title,
        unit: i.unit,
        direction: i.direction,
        source: i.kpi_id ? (isLocal(i.kpi_id) ? 'local' : 'kolada') : 'own',
        kolada: i.kpi_id ? { kpi: i.kpi_id, municipality, gender } : null,
        source_note: i.kpi_id ? (isLocal(i.kpi_id) ? SOURCE_NOTE_LOCAL : 'Källa: Kolada') : null,
        values,
        riket,
        comparison: i.kpi_id
          ? await this.comparisonSeries(
              i,
              municipality,
              gender,
              riket ?? [],
              [...new Set([...values, ...(riket ?? [])].map((v) => Number(v.period)))],
              references,
            )
          : null,
        baseline: i.baseline_period ? { period: i.baseline_period, value: baselineValue ?? null } : null,
        targets,
        trend_method: i.trend_method,
        trend,
        trend_override: override,
        effective_direction: override?.direction ?? trend?.direction ?? null,
        target_attainment: targetAttainment(targets, period, points, i.direction, baselineValue) ?? null,
        published: i.published ? JSON.parse(i.published) : null,
        followup: e ? entryState(e) : null,
      });
    }
    return out;
  }

  /** The indicator's chosen comparison, of the indicator's gender; Riket is Kolada's own value for 0000. */
  private async comparisonSeries(
    i: IndicatorRow,
    municipality: string,
    gender: Gender,
    riket: PeriodValues[],
    years: number[],
    references: Map<string, ReturnType<ComparisonService['resolveReference']>>,
  ): Promise<ComparisonSeries | null> {
    const kind = i.compare_with as ComparisonSeries['kind'] | null;
    if (!kind) return null;
    if (kind === 'riket')
      return {
        kind,
        title: 'Riket',
        group_id: RIKET_ID,
        computed_by: 'kolada',
        values: riket.flatMap((r) =>
          r[gender] === null ? [] : [{ period: r.period, value: r[gender], n: null }],
        ),
      };
    let ref: string | undefined;
    let selection: string[] = [];
    if (kind === 'grupp') {
      const group = i.compare_group ?? '';
      if (group.startsWith('[')) {
        ref = 'urval';
        selection = JSON.parse(group) as string[];
      } else ref = group;
    }
    const key = `${municipality}|${kind}|${i.compare_group ?? ''}`;
    let resolving = references.get(key);
    if (!resolving) {
      if (kind !== 'grupp') {
        const options = referenceOptions(await this.comparison.groupsContaining(municipality));
        ref = options.find((o) => o.kind === kind)?.param;
      }
      if (!ref) return { kind, title: kind, group_id: null, computed_by: 'etablera', values: [] };
      resolving = this.comparison.resolveReference(municipality, ref, selection);
      references.set(key, resolving);
    }
    const { reference } = await resolving;
    const pairs = years.sort((a, b) => a - b).map((period) => ({ kpi: i.kpi_id!, period }));
    const byYear = await this.comparison.yearValues(pairs, gender);
    const values: ComparisonSeries['values'] = [];
    for (const { period } of pairs) {
      const mean = byYear.get(`${i.kpi_id}:${period}`)?.meanOf(reference.members, reference.option.groupId);
      if (mean && mean.value !== null)
        values.push({ period: String(period), value: mean.value, n: mean.count });
    }
    return {
      kind,
      // A group no longer in Kolada falls back to all kommuner, which has no title of its own.
      title: reference.option.title ?? reference.option.param,
      group_id: reference.option.groupId ?? null,
      computed_by: 'etablera',
      values,
    };
  }
}

function entryState(e: FollowupRow): EntryState {
  return {
    state: e.state,
    comment: e.comment,
    updated_by: e.updated_by,
    updated_at: e.updated_at,
    ready_by: e.ready_by,
    ready_at: e.ready_at,
    approved_by: e.approved_by,
    approved_at: e.approved_at,
  };
}

function line(indicators: readonly IndicatorFollowup[]): SummaryLine {
  const count = (d: TrendDirection) => indicators.filter((i) => i.effective_direction === d).length;
  return {
    positive: count('better'),
    total: indicators.length,
    negative: count('worse'),
    unchanged: count('unchanged'),
    without_trend: indicators.filter((i) => i.effective_direction === null).length,
  };
}

/** "5 av 9 indikatorer utvecklas positivt" for the plan, per goal area and per responsible unit. */
export function summarise(
  nodes: readonly NodeFollowup[],
  indicators: readonly IndicatorFollowup[],
  actions: readonly ActionFollowup[],
): FollowupSummary {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const areaOf = (nodeId: number): NodeFollowup => {
    let n = byId.get(nodeId)!;
    while (n.parent_id !== null) n = byId.get(n.parent_id)!;
    return n;
  };
  const responsibleOf = (nodeId: number): string | null => {
    for (let n = byId.get(nodeId); n; n = n.parent_id === null ? undefined : byId.get(n.parent_id))
      if (n.responsible) return n.responsible;
    return null;
  };
  const areas = nodes.filter((n) => n.parent_id === null);
  const responsibles = [
    ...new Set(indicators.map((i) => responsibleOf(i.node_id)).filter((r): r is string => !!r)),
  ];
  const statuses: Record<ActionStatus, number> = {
    ej_paborjad: 0,
    paborjad: 0,
    forsenad: 0,
    genomford: 0,
    avford: 0,
  };
  for (const a of actions) statuses[a.status]++;
  return {
    indicators: line(indicators),
    by_area: areas.map((a) => ({
      node_id: a.id,
      code: a.code,
      title: a.title,
      ...line(indicators.filter((i) => areaOf(i.node_id).id === a.id)),
    })),
    by_responsible: responsibles.sort().map((r) => ({
      responsible: r,
      ...line(indicators.filter((i) => responsibleOf(i.node_id) === r)),
    })),
    actions: statuses,
  };
}
