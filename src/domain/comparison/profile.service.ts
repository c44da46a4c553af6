/**
 * The integration profile of one municipality: for each KPI of the integration set, the value in the
 * chosen (or latest) year, women and men, rank and relative position among all kommuner, the
 * reference group's mean (Etablera's computation), Riket (Kolada's figure) and the trend.
 *
 * Reads: one query for the municipality's and Riket's series, plus cached every-kommun values per
 * KPI and year (see ComparisonService); everything else is computed in memory.
 */
import type { MunicipalityRow, PointRow } from '../../store/repositories/comparison.repository.js';
import type { DatasetKind } from '../../store/repositories/store-meta.repository.js';
import { INTEGRATION_AREAS, INTEGRATION_SET, type IntegrationArea } from '../integration-set.js';
import { type MeanResult, unweightedMean } from '../statistics/mean.js';
import { type Cell, cellOf, MISSING, NOT_APPLICABLE } from './cell.js';
import type { ComparisonService, KpiInfo, ResolvedReference, YearValues } from './comparison.service.js';
import type { Position, Ranked } from './ranking.js';
import { type ReferenceOption, RIKET_ID } from './reference.js';

export type YearChoice = number | 'latest';

export interface TrendPoint {
  period: number;
  value: number;
}

export interface ProfileRow {
  kpi: KpiInfo;
  /** Year shown; null when the KPI has no value for the municipality or Riket at all. */
  period: number | null;
  value: Cell;
  women: Cell;
  men: Cell;
  rank: Ranked | null;
  position: Position;
  reference: MeanResult;
  riket: Cell;
  /** The municipality's values (gender T), oldest first, up to the shown year. */
  trend: TrendPoint[];
}

export interface ProfileModel {
  municipality: MunicipalityRow;
  year: YearChoice;
  /** Years with any value for the municipality or Riket, newest first (for the year selector). */
  years: number[];
  reference: ResolvedReference;
  referenceOptions: ReferenceOption[];
  areas: { area: IntegrationArea; rows: ProfileRow[] }[];
  /** Integration-set KPIs the store does not know (not yet synced). */
  missingKpis: string[];
  dataset: DatasetKind;
}

export interface ProfileQuery {
  municipalityId: string;
  year: YearChoice;
  ref?: string;
  selection?: readonly string[];
}

const SPARKLINE_YEARS = 10;
/** How far back the profile reads the municipality's totals (sparklines, available years). */
const SERIES_YEARS = 12;

export class ProfileService {
  constructor(private readonly comparison: ComparisonService) {}

  /** Null when the id is not a kommun. */
  async profile(q: ProfileQuery): Promise<ProfileModel | null> {
    await this.comparison.freshness();
    const catalog = await this.comparison.catalog();
    const municipality = catalog.byId.get(q.municipalityId);
    if (municipality?.type !== 'K') return null;

    const setIds = INTEGRATION_SET.map((k) => k.id);
    // Totals for the sparklines and the latest year: the recent years are enough (and much cheaper).
    const fromPeriod = (q.year === 'latest' ? new Date().getFullYear() : q.year) - SERIES_YEARS;
    const [kpis, series, { reference, options }, dataset] = await Promise.all([
      this.comparison.kpiInfo(setIds),
      this.comparison.series(setIds, [municipality.id, RIKET_ID], ['T'], fromPeriod),
      this.comparison.resolveReference(municipality.id, q.ref, q.selection ?? []),
      this.comparison.dataset(),
    ]);

    const years = [...new Set(series.filter((r) => r.value !== null).map((r) => r.period))].sort(
      (a, b) => b - a,
    );
    const totals = indexSeries(series);
    const shown = new Map<string, number | null>();
    for (const id of setIds)
      shown.set(id, q.year === 'latest' ? latestPeriod(totals, id, municipality.id) : q.year);
    const pairs = [...shown]
      .filter((e): e is [string, number] => e[1] !== null && kpis.has(e[0]))
      .map(([kpi, period]) => ({ kpi, period }));
    // Women and men only for the years shown, and only where Kolada splits by gender.
    const byGender = [...kpis.values()].filter((k) => k.isDividedByGender).map((k) => k.id);
    const [everyKommun, genderRows] = await Promise.all([
      this.comparison.yearValues(pairs),
      this.comparison.valuesAt(
        byGender,
        [municipality.id],
        [...new Set(pairs.map((p) => p.period))],
        ['K', 'M'],
      ),
    ]);
    const own = indexSeries([...series, ...genderRows]);

    // Group means are memoised per group; a custom selection changes with every request.
    const referenceKey = reference.option.kind === 'urval' ? undefined : reference.option.param;
    const areas = INTEGRATION_AREAS.map((area) => ({
      area,
      rows: INTEGRATION_SET.filter((k) => k.area === area.id && kpis.has(k.id)).map((k) => {
        const kpi = kpis.get(k.id)!;
        const period = shown.get(k.id) ?? null;
        const all = period === null ? undefined : everyKommun.get(`${k.id}:${period}`);
        return this.row(kpi, period, municipality.id, own, all, reference.members, referenceKey);
      }),
    })).filter((a) => a.rows.length > 0);

    return {
      municipality,
      year: q.year,
      years,
      reference,
      referenceOptions: options,
      areas,
      missingKpis: setIds.filter((id) => !kpis.has(id)),
      dataset,
    };
  }

  private row(
    kpi: KpiInfo,
    period: number | null,
    municipalityId: string,
    own: SeriesIndex,
    all: YearValues | undefined,
    referenceMembers: readonly string[],
    referenceKey: string | undefined,
  ): ProfileRow {
    const trend = trendOf(own, kpi.id, municipalityId, period);
    if (period === null || kpi.municipalityType === 'L') {
      const cell = kpi.municipalityType === 'L' ? NOT_APPLICABLE : MISSING;
      return {
        kpi,
        period,
        value: cell,
        women: cell,
        men: cell,
        rank: null,
        position: kpi.direction === 'neither' || !kpi.direction ? 'none' : 'missing',
        reference: unweightedMean(referenceMembers.map(() => null)),
        riket: cell,
        trend,
      };
    }
    const at = (m: string, g: 'T' | 'K' | 'M') => cellOf(own.get(`${kpi.id}|${m}|${period}|${g}`));
    const value = at(municipalityId, 'T');
    const ranks = all?.ranks(kpi.direction) ?? new Map<string, Ranked>();
    const rank = value.value === null ? null : (ranks.get(municipalityId) ?? null);
    return {
      kpi,
      period,
      value,
      women: kpi.isDividedByGender ? at(municipalityId, 'K') : NOT_APPLICABLE,
      men: kpi.isDividedByGender ? at(municipalityId, 'M') : NOT_APPLICABLE,
      rank,
      position: rank?.position ?? (kpi.direction === 'neither' || !kpi.direction ? 'none' : 'missing'),
      reference: all
        ? all.meanOf(referenceMembers, referenceKey)
        : unweightedMean(referenceMembers.map(() => null)),
      riket: cellOf(all?.get(RIKET_ID) ?? own.get(`${kpi.id}|${RIKET_ID}|${period}|T`)),
      trend,
    };
  }
}

interface SeriesIndex {
  get(key: string): PointRow | undefined;
  byKpi: Map<string, PointRow[]>;
}

function indexSeries(rows: readonly PointRow[]): SeriesIndex {
  const points = new Map(rows.map((r) => [`${r.kpi}|${r.municipality}|${r.period}|${r.gender}`, r]));
  const byKpi = new Map<string, PointRow[]>();
  for (const r of rows) {
    const list = byKpi.get(r.kpi);
    if (list) list.push(r);
    else byKpi.set(r.kpi, [r]);
  }
  return { get: (key) => points.get(key), byKpi };
}

/** The latest year in which the municipality or Riket has a total value for the KPI. */
function latestPeriod(own: SeriesIndex, kpi: string, municipalityId: string): number | null {
  let latest: number | null = null;
  for (const r of own.byKpi.get(kpi) ?? []) {
    if (r.gender !== 'T' || r.value === null) continue;
    if (r.municipality !== municipalityId && r.municipality !== RIKET_ID) continue;
    if (latest === null || r.period > latest) latest = r.period;
  }
  return latest;
}

function trendOf(own: SeriesIndex, kpi: string, municipalityId: string, upTo: number | null): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (const r of own.byKpi.get(kpi) ?? []) {
    if (r.municipality === municipalityId && r.gender === 'T' && r.value !== null)
      if (upTo === null || r.period <= upTo) points.push({ period: r.period, value: r.value });
  }
  points.sort((a, b) => a.period - b.period);
  return points.slice(-SPARKLINE_YEARS);
}
