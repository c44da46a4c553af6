/**
 * One KPI across all kommuner (`/nyckeltal/{kpi}`): ranking for a year and gender, distribution,
 * and trends for chosen municipalities with the reference group's mean and Riket as reference lines.
 * Everything the KPI holds for the gender comes from one compact table (read once, then cached);
 * the rest is computed in memory.
 */
import type { MunicipalityRow } from '../../store/repositories/comparison.repository.js';
import type { DatasetKind } from '../../store/repositories/store-meta.repository.js';
import type { Gender } from '../../store/schema.js';
import { INTEGRATION_AREAS, type IntegrationArea, integrationKpi } from '../integration-set.js';
import { type Distribution, describeFinite } from '../statistics/describe.js';
import { type HistogramBin, histogram } from '../statistics/histogram.js';
import type { MeanResult } from '../statistics/mean.js';
import { type Cell, NOT_APPLICABLE } from './cell.js';
import type { ComparisonService, KpiInfo, ResolvedReference } from './comparison.service.js';
import type { YearChoice } from './profile.service.js';
import type { Position, Ranked } from './ranking.js';
import { type ReferenceOption, RIKET_ID } from './reference.js';
import type { KpiValueTable } from './year-values.js';

export interface RankingEntry {
  municipality: MunicipalityRow;
  cell: Cell;
  rank: Ranked | null;
  position: Position;
  chosen: boolean;
  inReference: boolean;
}

export interface TrendSeries {
  id: string;
  /** Null for the mean of all kommuner or of the user's own selection: the HTTP layer names them. */
  label: string | null;
  kind: 'kommun' | 'reference' | 'riket';
  /** One value per year of `TrendData.years`, null where missing. */
  values: (number | null)[];
}

export interface TrendData {
  years: number[];
  series: TrendSeries[];
}

export interface KpiViewModel {
  kpi: KpiInfo;
  area: IntegrationArea | null;
  gender: Gender;
  yearChoice: YearChoice;
  /** The year shown: the chosen one, or the latest with any kommun value. */
  year: number | null;
  years: number[];
  municipality: MunicipalityRow | null;
  reference: ResolvedReference | null;
  referenceOptions: ReferenceOption[];
  referenceMean: MeanResult | null;
  riket: Cell;
  ranking: RankingEntry[];
  distribution: Distribution | null;
  histogram: HistogramBin[];
  trend: TrendData;
  compare: MunicipalityRow[];
  unknownCompare: string[];
  dataset: DatasetKind;
}

export interface KpiViewQuery {
  kpiId: string;
  year: YearChoice;
  gender: Gender;
  municipalityId?: string;
  ref?: string;
  selection: readonly string[];
  compare: readonly string[];
}

const MAX_TREND_KOMMUNER = 10;

export class KpiViewService {
  constructor(private readonly comparison: ComparisonService) {}

  async kpiView(q: KpiViewQuery): Promise<KpiViewModel | null> {
    await this.comparison.freshness();
    const [kpis, catalog, dataset] = await Promise.all([
      this.comparison.kpiInfo([q.kpiId]),
      this.comparison.catalog(),
      this.comparison.dataset(),
    ]);
    const kpi = kpis.get(q.kpiId);
    if (!kpi) return null;
    const municipality = q.municipalityId ? (catalog.byId.get(q.municipalityId) ?? null) : null;
    const chosen = municipality?.type === 'K' ? municipality : null;

    const [tables, resolved, compared] = await Promise.all([
      this.comparison.kpiTables([kpi.id], q.gender),
      chosen ? this.comparison.resolveReference(chosen.id, q.ref, q.selection) : Promise.resolve(null),
      this.comparison.resolveKommuner(q.compare),
    ]);
    const table = tables.get(kpi.id)!;
    const years = table.years.filter((y) => table.year(y).anyKommunRow()).reverse();
    const year = q.year === 'latest' ? (years[0] ?? null) : q.year;
    const atYear = table.year(year ?? Number.NaN);

    const reference = resolved?.reference ?? null;
    // Means of groups are memoised per year; a custom selection changes with every request.
    const referenceKey = reference?.option.kind === 'urval' ? undefined : reference?.option.param;
    const members = new Set(reference && reference.option.kind !== 'alla' ? reference.members : []);
    const ranks = atYear.ranks(kpi.direction);
    const notApplicable = kpi.municipalityType === 'L' || (q.gender !== 'T' && !kpi.isDividedByGender);
    const ranking: RankingEntry[] = catalog.kommunIds.map((id) => {
      const rank = ranks.get(id) ?? null;
      return {
        municipality: catalog.byId.get(id)!,
        cell: notApplicable ? NOT_APPLICABLE : atYear.cell(id),
        rank,
        position: rank?.position ?? (kpi.direction && kpi.direction !== 'neither' ? 'missing' : 'none'),
        chosen: id === chosen?.id,
        inReference: members.has(id),
      };
    });
    const present = notApplicable ? [] : atYear.kommunValues();

    const compare = compared.found
      .filter((m) => m.type === 'K' && m.id !== chosen?.id)
      .slice(0, MAX_TREND_KOMMUNER);
    const trend = buildTrend({
      table,
      kommuner: chosen ? [chosen, ...compare] : compare,
      referenceMembers: reference?.members ?? catalog.kommunIds,
      referenceId: reference?.option.param ?? 'alla',
      referenceKey: reference ? referenceKey : 'alla',
      referenceLabel: reference?.option.title ?? null,
    });

    return {
      kpi,
      area: INTEGRATION_AREAS.find((a) => a.id === integrationKpi(kpi.id)?.area) ?? null,
      gender: q.gender,
      yearChoice: q.year,
      year,
      years,
      municipality: chosen,
      reference,
      referenceOptions: resolved?.options ?? [],
      referenceMean: reference ? atYear.meanOf(reference.members, referenceKey) : null,
      riket: atYear.cell(RIKET_ID),
      ranking,
      distribution: describeFinite(present),
      histogram: histogram(present),
      trend,
      compare,
      unknownCompare: compared.unknown,
      dataset,
    };
  }
}

function buildTrend(input: {
  table: KpiValueTable;
  kommuner: MunicipalityRow[];
  referenceMembers: readonly string[];
  referenceId: string;
  /** The memo key of the reference's mean (undefined for a custom selection). */
  referenceKey: string | undefined;
  /** Null for all kommuner and the user's own selection: the HTTP layer names them. */
  referenceLabel: string | null;
}): TrendData {
  const { table } = input;
  // The years where a chosen kommun has a value, or (none chosen) where any kommun has one.
  const ids = input.kommuner.length > 0 ? input.kommuner.map((k) => k.id) : input.referenceMembers;
  const years = table.years.filter((y) => ids.some((id) => table.year(y).value(id) !== null));
  const series: TrendSeries[] = input.kommuner.map((k) => ({
    id: k.id,
    label: k.title,
    kind: 'kommun',
    values: years.map((y) => table.year(y).value(k.id)),
  }));
  if (years.length === 0) return { years, series };
  series.push({
    id: `ref:${input.referenceId}`,
    label: input.referenceLabel,
    kind: 'reference',
    values: years.map((y) => table.year(y).meanOf(input.referenceMembers, input.referenceKey).value),
  });
  series.push({
    id: RIKET_ID,
    label: 'Riket',
    kind: 'riket',
    values: years.map((y) => table.year(y).value(RIKET_ID)),
  });
  return { years, series };
}
