/**
 * Compare `/jamfor`: chosen municipalities × chosen KPIs, each KPI in the chosen (or its latest)
 * year with rank and relative position, plus every year for trend lines. Everything comes from the
 * KPIs' compact tables (every kommun and Riket, every year), cached until the data changes.
 */
import type { MunicipalityRow } from '../../store/repositories/comparison.repository.js';
import type { DatasetKind } from '../../store/repositories/store-meta.repository.js';
import { type Cell, MISSING, NOT_APPLICABLE } from './cell.js';
import type { ComparisonService, KpiInfo } from './comparison.service.js';
import type { TrendData } from './kpi-view.service.js';
import type { YearChoice } from './profile.service.js';
import type { Position, Ranked } from './ranking.js';
import { RIKET_ID } from './reference.js';

export const MAX_COMPARE_KOMMUNER = 12;
export const MAX_COMPARE_KPIS = 30;

export interface CompareCell {
  municipality: MunicipalityRow;
  cell: Cell;
  rank: Ranked | null;
  position: Position;
}

export interface CompareRow {
  kpi: KpiInfo;
  period: number | null;
  cells: CompareCell[];
  riket: Cell;
  trend: TrendData;
}

export interface CompareModel {
  yearChoice: YearChoice;
  kommuner: MunicipalityRow[];
  unknownKommuner: string[];
  kpiIds: string[];
  unknownKpis: string[];
  truncatedKommuner: boolean;
  truncatedKpis: boolean;
  rows: CompareRow[];
  dataset: DatasetKind;
}

export interface CompareQuery {
  year: YearChoice;
  kommuner: readonly string[];
  kpis: readonly string[];
}

export class CompareViewService {
  constructor(private readonly comparison: ComparisonService) {}

  async compare(q: CompareQuery): Promise<CompareModel> {
    await this.comparison.freshness();
    const [resolved, dataset] = await Promise.all([
      this.comparison.resolveKommuner(q.kommuner),
      this.comparison.dataset(),
    ]);
    const allKommuner = resolved.found.filter((m) => m.type === 'K');
    const kommuner = allKommuner.slice(0, MAX_COMPARE_KOMMUNER);
    const wanted = q.kpis.slice(0, MAX_COMPARE_KPIS);
    const kpis = await this.comparison.kpiInfo(wanted);
    const kpiIds = wanted.filter((id) => kpis.has(id));
    const base = {
      yearChoice: q.year,
      kommuner,
      unknownKommuner: [
        ...resolved.unknown,
        ...resolved.found.filter((m) => m.type !== 'K').map((m) => m.title),
      ],
      kpiIds,
      unknownKpis: wanted.filter((id) => !kpis.has(id)),
      truncatedKommuner: allKommuner.length > MAX_COMPARE_KOMMUNER,
      truncatedKpis: q.kpis.length > MAX_COMPARE_KPIS,
      dataset,
    };
    if (kommuner.length === 0 || kpiIds.length === 0) return { ...base, rows: [] };

    const ids = [...kommuner.map((k) => k.id), RIKET_ID];
    const tables = await this.comparison.kpiTables(kpiIds, 'T');
    // The years where a chosen kommun or Riket has a value, oldest first: the trend's and the latest.
    const yearsOf = new Map(
      kpiIds.map((id) => {
        const table = tables.get(id)!;
        return [id, table.years.filter((y) => ids.some((m) => table.year(y).value(m) !== null))];
      }),
    );

    const rows = kpiIds.map((id): CompareRow => {
      const kpi = kpis.get(id)!;
      const table = tables.get(id)!;
      const years = yearsOf.get(id)!;
      const period = q.year !== 'latest' ? q.year : (years.at(-1) ?? null);
      const all = period === null ? undefined : table.year(period);
      const ranks = all?.ranks(kpi.direction);
      const notApplicable = kpi.municipalityType === 'L';
      const cells = kommuner.map((m) => {
        const cell = notApplicable ? NOT_APPLICABLE : (all?.cell(m.id) ?? MISSING);
        const rank = cell.value === null ? null : (ranks?.get(m.id) ?? null);
        return {
          municipality: m,
          cell,
          rank,
          position: rank?.position ?? (kpi.direction && kpi.direction !== 'neither' ? 'missing' : 'none'),
        } satisfies CompareCell;
      });
      const trend: TrendData = {
        years,
        series: [
          ...kommuner.map((m) => ({
            id: m.id,
            label: m.title,
            kind: 'kommun' as const,
            values: years.map((y) => table.year(y).value(m.id)),
          })),
          {
            id: RIKET_ID,
            label: 'Riket',
            kind: 'riket' as const,
            values: years.map((y) => table.year(y).value(RIKET_ID)),
          },
        ],
      };
      return {
        kpi,
        period,
        cells,
        riket: notApplicable ? NOT_APPLICABLE : (all?.cell(RIKET_ID) ?? MISSING),
        trend,
      };
    });
    return { ...base, rows };
  }
}
