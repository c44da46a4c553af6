/**
 * Precomputes KPI statistics: for every KPI, precomputed municipality set ("K" = all kommuner, plus
 * groups registered for it), year and gender the distribution and each municipality's rank and
 * percentile. Runs after every import and sync, so pages read stored figures instead of computing
 * them per request.
 */

import { InputError } from '../../errors/input-error.js';
import type { AnalysisRepository } from '../../store/repositories/analysis.repository.js';
import type {
  StatisticRow,
  StatisticSet,
  StatisticsRepository,
  StoredStatistic,
} from '../../store/repositories/statistics.repository.js';
import type { Gender } from '../../store/schema.js';
import { describeSorted } from '../statistics/describe.js';
import { percentileOfRank, rankValues } from '../statistics/rank.js';
import { KOMMUNER, requireKpis } from './analysis-input.js';

export interface RefreshResult {
  kpis: number;
  statistics: number;
  /** Municipality ranks stored (one per value in a precomputed set). */
  ranks: number;
  sets: string[];
  seconds: number;
}

export interface RefreshOptions {
  /** Called after each chunk of KPIs is stored. */
  onProgress?: (done: number, total: number) => void;
}

// About 50 KPIs hold some 200,000 values: small enough for memory, large enough to amortise a transaction.
const KPIS_PER_CHUNK = 50;

/**
 * Recomputes the stored statistics of `kpiIds` (every KPI with values when omitted). Each chunk of
 * KPIs is replaced in one transaction; a KPI without values any more loses its statistics.
 */
export async function refreshStatistics(
  repository: StatisticsRepository,
  kpiIds?: readonly string[],
  options: RefreshOptions = {},
): Promise<RefreshResult> {
  const started = performance.now();
  const sets = await repository.sets();
  // Stryker disable next-line MethodExpression: the order only decides which KPIs share a chunk; every chunk is stored whole
  const kpis = kpiIds ? [...new Set(kpiIds)].sort() : await repository.kpiIdsToRefresh();
  const computedAt = new Date().toISOString();
  let statistics = 0;
  let ranks = 0;
  for (let i = 0; i < kpis.length; i += KPIS_PER_CHUNK) {
    const chunk = kpis.slice(i, i + KPIS_PER_CHUNK);
    const rows = statisticRows(sets, await collectBuckets(repository, chunk, sets));
    await repository.replace(chunk, rows, computedAt);
    statistics += rows.length;
    for (const r of rows) ranks += r.n;
    options.onProgress?.(Math.min(i + KPIS_PER_CHUNK, kpis.length), kpis.length);
  }
  return {
    kpis: kpis.length,
    statistics,
    ranks,
    sets: sets.map((s) => s.id),
    seconds: (performance.now() - started) / 1000,
  };
}

/** Changes whenever a precomputed set gains or loses a member (then every KPI must be refreshed). */
export async function statisticSetsSignature(repository: StatisticsRepository): Promise<string> {
  const sets = await repository.sets();
  return JSON.stringify(sets.map((s) => [s.id, s.members]));
}

/** The values of one KPI, set, year and gender. */
export interface ValueBucket {
  setId: string;
  kpi: string;
  period: number;
  gender: Gender;
  ids: string[];
  values: number[];
}

const GENDER_INDEX: Record<Gender, number> = { T: 0, K: 1, M: 2 };

async function collectBuckets(
  repository: StatisticsRepository,
  kpis: readonly string[],
  sets: readonly StatisticSet[],
): Promise<ValueBucket[]> {
  const setsOf = new Map<string, number[]>();
  sets.forEach((set, index) => {
    for (const member of set.members) setsOf.set(member, [...(setsOf.get(member) ?? []), index]);
  });
  // A numeric key per (year, gender, set) inside each KPI: millions of lookups, so no string keys.
  const byKpi = new Map<string, Map<number, ValueBucket>>();
  await repository.forEachValue(kpis, (kpi, municipality, period, gender, value) => {
    const memberOf = setsOf.get(municipality);
    if (!memberOf || !Number.isFinite(value)) return;
    let buckets = byKpi.get(kpi);
    if (!buckets) {
      buckets = new Map();
      byKpi.set(kpi, buckets);
    }
    for (const setIndex of memberOf) {
      // Stryker disable next-line ArithmeticOperator: `- index` for `+ index` (index < the factor) keeps every key distinct
      const key = ((period * 3 + (GENDER_INDEX[gender] ?? 0)) * sets.length + setIndex) | 0;
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = { setId: sets[setIndex]!.id, kpi, period, gender, ids: [], values: [] };
        buckets.set(key, bucket);
      }
      bucket.ids.push(municipality);
      bucket.values.push(value);
    }
  });
  return [...byKpi.values()].flatMap((m) => [...m.values()]);
}

/** Describes and ranks each bucket: rank 1 = highest value, ties share the best rank. */
export function statisticRows(
  sets: readonly StatisticSet[],
  buckets: readonly ValueBucket[],
): StatisticRow[] {
  const size = new Map(sets.map((s) => [s.id, s.members.length]));
  return buckets.map((b) => {
    const n = b.values.length;
    // Highest first, ties by municipality id, so the stored order is deterministic.
    const ranked = rankValues(b.ids.map((id, i) => ({ id, value: b.values[i]! })));
    const ascending = new Float64Array(n);
    for (let i = 0; i < n; i++) ascending[n - 1 - i] = ranked[i]!.value;
    const d = describeSorted(ascending);
    const ranking = ranked.map((r): [string, number] => [r.id, r.rank]);
    return {
      kpi_id: b.kpi,
      set_id: b.setId,
      period: b.period,
      gender: b.gender,
      n,
      missing: Math.max(0, (size.get(b.setId) ?? n) - n),
      min: d.min,
      max: d.max,
      mean: d.mean,
      median: d.median,
      q1: d.q1,
      q3: d.q3,
      sd: d.sd,
      ranking: JSON.stringify(ranking),
    };
  });
}

export interface MunicipalityRank {
  municipality: string;
  rank: number;
  percentile: number;
}

/** Every member's rank and percentile in a stored statistic, highest value first. */
export function ranksOf(statistic: Pick<StoredStatistic, 'ranking' | 'n'>): MunicipalityRank[] {
  const ties = new Map<number, number>();
  for (const [, rank] of statistic.ranking) ties.set(rank, (ties.get(rank) ?? 0) + 1);
  return statistic.ranking.map(([municipality, rank]) => ({
    municipality,
    rank,
    percentile: percentileOfRank(rank, ties.get(rank)!, statistic.n),
  }));
}

/** One municipality's rank and percentile in a stored statistic, or null when it has no value. */
export function rankOf(
  statistic: Pick<StoredStatistic, 'ranking' | 'n'>,
  municipality: string,
): MunicipalityRank | null {
  const entry = statistic.ranking.find(([id]) => id === municipality);
  if (!entry) return null;
  const ties = statistic.ranking.filter(([, r]) => r === entry[1]).length;
  return { municipality, rank: entry[1], percentile: percentileOfRank(entry[1], ties, statistic.n) };
}

export interface StatisticsRequest {
  kpi: string;
  year?: number;
  gender?: Gender;
  /** A municipality group id; all kommuner when omitted. */
  group?: string;
}

/**
 * Use case "statistik": one KPI's distribution over a municipality set for a year, with every member's
 * value, rank and percentile and the members without a value. Read from the precomputed tables; a
 * group that is not precomputed is computed on request with the same functions (and says so).
 */
export async function kpiStatistics(
  { statistics: repository, analysis }: { statistics: StatisticsRepository; analysis: AnalysisRepository },
  request: StatisticsRequest,
) {
  const gender = request.gender ?? 'T';
  const [kpi] = await requireKpis(analysis, [request.kpi]);
  // null: every kommun (set K); the HTTP layer names it in the reader's language (statisticSetTitle).
  let setTitle: string | null = null;
  let members: string[];
  if (request.group) {
    const group = await analysis.group(request.group);
    if (!group)
      throw new InputError('unknownGroup', {
        status: 404,
        parameter: 'grupp',
        values: { id: request.group },
      });
    setTitle = group.title;
    members = group.members;
  } else {
    members = await repository.members({ id: KOMMUNER, kind: 'type' });
  }
  const setId = request.group ?? KOMMUNER;
  const precomputed = await repository.isPrecomputed(setId);
  const titles = new Map((await analysis.municipalities()).map((m) => [m.id, m.title]));

  let year = request.year;
  let statistic: Omit<StoredStatistic, 'computed_at'> & { computed_at: string | null };
  let history: Omit<StoredStatistic, 'ranking'>[] = [];
  // Stored figures when the set is precomputed and the KPI has them (a sync may not have refreshed yet).
  const all = precomputed
    ? await repository.distributions({ kpi: request.kpi, set: setId, genders: [gender] })
    : [];
  if (all.length > 0) {
    year ??= Math.max(...all.map((s) => s.period));
    const found = all.find((s) => s.period === year);
    if (!found)
      throw new InputError('noValuesInYear', {
        status: 404,
        values: { kpi: request.kpi, year: String(year) },
      });
    statistic = found;
    history = all.map(({ ranking: _, ...rest }) => rest);
  } else {
    if (year === undefined) {
      const latest = await analysis.latestPeriods([request.kpi], KOMMUNER, gender);
      year = latest.get(request.kpi);
      if (year === undefined)
        throw new InputError('noValuesForKpi', { status: 404, values: { kpi: request.kpi } });
    }
    const values = await analysis.values(request.kpi, year, gender);
    const bucket: ValueBucket = { setId, kpi: request.kpi, period: year, gender, ids: [], values: [] };
    for (const id of members) {
      const v = values.get(id);
      if (v !== undefined) {
        bucket.ids.push(id);
        bucket.values.push(v);
      }
    }
    if (bucket.ids.length === 0)
      throw new InputError('noValuesInGroup', {
        status: 404,
        values: { kpi: request.kpi, year: String(year) },
      });
    const [row] = statisticRows([{ id: setId, kind: 'group', members }], [bucket]);
    statistic = { ...row!, ranking: JSON.parse(row!.ranking) as [string, number][], computed_at: null };
  }
  const values = await analysis.values(request.kpi, year, gender);
  const ranked = ranksOf(statistic);
  const withValue = new Set(ranked.map((r) => r.municipality));
  const { ranking: _, ...distribution } = statistic;
  return {
    analysis: 'statistik' as const,
    kpi: { id: kpi!.id, title: kpi!.title },
    set: { id: setId, title: setTitle, size: members.length, precomputed: statistic.computed_at !== null },
    year,
    gender,
    distribution,
    municipalities: ranked.map((r) => ({
      id: r.municipality,
      title: titles.get(r.municipality) ?? r.municipality,
      value: values.get(r.municipality) ?? null,
      rank: r.rank,
      percentile: r.percentile,
    })),
    missing: members.filter((m) => !withValue.has(m)).map((id) => ({ id, title: titles.get(id) ?? id })),
    history,
  };
}

export type StatisticsReport = Awaited<ReturnType<typeof kpiStatistics>>;
