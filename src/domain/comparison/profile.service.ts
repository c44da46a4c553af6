/**
 * The integration profile of one municipality: for each KPI of the integration set, the value in the
 * chosen (or latest) year, women and men, rank and relative position among all kommuner, the
 * reference group's mean (Etablera's computation), Riket (Kolada's figure) and the trend.
 *
 * Reads: the integration KPIs' compact tables (every kommun and Riket, every year, gender T) and the
 * women's and men's values of the years shown, all cached until the data changes (see
 * ComparisonService); everything else is computed in memory.
 */
import type { MunicipalityRow } from '../../store/repositories/comparison.repository.js';
import type { DatasetKind } from '../../store/repositories/store-meta.repository.js';
import { INTEGRATION_AREAS, INTEGRATION_SET, type IntegrationArea } from '../integration-set.js';
import { type MeanResult, unweightedMean } from '../statistics/mean.js';
import { type Cell, MISSING, NOT_APPLICABLE } from './cell.js';
import type { ComparisonService, KpiInfo, ResolvedReference } from './comparison.service.js';
import type { Position, Ranked } from './ranking.js';
import { type ReferenceOption, RIKET_ID } from './reference.js';
import type { KpiValueTable, YearValues } from './year-values.js';

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
    // The sparklines, the latest year and the year selector look at the recent years only.
    const fromPeriod = (q.year === 'latest' ? new Date().getFullYear() : q.year) - SERIES_YEARS;
    const [kpis, tables, { reference, options }, dataset] = await Promise.all([
      this.comparison.kpiInfo(setIds),
      this.comparison.kpiTables(setIds, 'T'),
      this.comparison.resolveReference(municipality.id, q.ref, q.selection ?? []),
      this.comparison.dataset(),
    ]);
    const own = new OwnSeries(tables, municipality.id, fromPeriod);

    const shown = new Map<string, number | null>();
    for (const id of setIds) shown.set(id, q.year === 'latest' ? own.latestPeriod(id) : q.year);
    // Women and men only for the years shown, and only where Kolada splits by gender.
    const genderPairs = [...shown]
      .filter(([id, period]) => period !== null && kpis.get(id)?.isDividedByGender)
      .map(([kpi, period]) => ({ kpi, period: period! }));
    const [women, men] = await Promise.all([
      this.comparison.yearValues(genderPairs, 'K'),
      this.comparison.yearValues(genderPairs, 'M'),
    ]);

    // Group means are memoised per group; a custom selection changes with every request.
    const referenceKey = reference.option.kind === 'urval' ? undefined : reference.option.param;
    const areas = INTEGRATION_AREAS.map((area) => ({
      area,
      rows: INTEGRATION_SET.filter((k) => k.area === area.id && kpis.has(k.id)).map((k) => {
        const kpi = kpis.get(k.id)!;
        const period = shown.get(k.id) ?? null;
        const byGender = period === null ? undefined : { women, men, key: `${k.id}:${period}` };
        return this.row(kpi, period, municipality.id, own, byGender, reference.members, referenceKey);
      }),
    })).filter((a) => a.rows.length > 0);

    return {
      municipality,
      year: q.year,
      years: own.years(),
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
    own: OwnSeries,
    byGender: { women: Map<string, YearValues>; men: Map<string, YearValues>; key: string } | undefined,
    referenceMembers: readonly string[],
    referenceKey: string | undefined,
  ): ProfileRow {
    const trend = own.trend(kpi.id, period);
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
    const all = own.year(kpi.id, period);
    const value = all.cell(municipalityId);
    const rank = value.value === null ? null : (all.ranks(kpi.direction).get(municipalityId) ?? null);
    const split = (years: Map<string, YearValues> | undefined) =>
      kpi.isDividedByGender ? (years?.get(byGender!.key)?.cell(municipalityId) ?? MISSING) : NOT_APPLICABLE;
    return {
      kpi,
      period,
      value,
      women: split(byGender?.women),
      men: split(byGender?.men),
      rank,
      position: rank?.position ?? (kpi.direction === 'neither' || !kpi.direction ? 'none' : 'missing'),
      reference: all.meanOf(referenceMembers, referenceKey),
      riket: all.cell(RIKET_ID),
      trend,
    };
  }
}

/** The municipality's and Riket's totals from the KPIs' tables, from `fromPeriod` on. */
class OwnSeries {
  constructor(
    private readonly tables: Map<string, KpiValueTable>,
    private readonly municipalityId: string,
    private readonly fromPeriod: number,
  ) {}

  year(kpi: string, period: number): YearValues {
    return this.tables.get(kpi)!.year(period);
  }

  /** The recent years of a KPI where the municipality or Riket has a value, oldest first. */
  private periods(kpi: string): number[] {
    const table = this.tables.get(kpi);
    if (!table) return [];
    return table.years.filter((y) => {
      if (y < this.fromPeriod) return false;
      const at = table.year(y);
      return at.value(this.municipalityId) !== null || at.value(RIKET_ID) !== null;
    });
  }

  /** The latest year in which the municipality or Riket has a total value for the KPI. */
  latestPeriod(kpi: string): number | null {
    return this.periods(kpi).at(-1) ?? null;
  }

  /** Years with any value of the municipality or Riket on any KPI, newest first (the year selector). */
  years(): number[] {
    const all = new Set<number>();
    for (const kpi of this.tables.keys()) for (const y of this.periods(kpi)) all.add(y);
    return [...all].sort((a, b) => b - a);
  }

  /** The municipality's values, oldest first, up to `upTo` (all when null), at most SPARKLINE_YEARS. */
  trend(kpi: string, upTo: number | null): TrendPoint[] {
    const table = this.tables.get(kpi);
    if (!table) return [];
    const points: TrendPoint[] = [];
    for (const period of table.years) {
      if (period < this.fromPeriod || (upTo !== null && period > upTo)) continue;
      const value = table.year(period).value(this.municipalityId);
      if (value !== null) points.push({ period, value });
    }
    return points.slice(-SPARKLINE_YEARS);
  }
}
