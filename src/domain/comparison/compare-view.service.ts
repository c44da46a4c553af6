/**
 * Compare `/jamfor`: chosen municipalities × chosen KPIs, each KPI in the chosen (or its latest)
 * year with rank and relative position, plus every year for trend lines. One query reads the
 * series; ranks come from the cached every-kommun values.
 */
import type { MunicipalityRow, PointRow } from '../../store/repositories/comparison.repository.js';
import type { DatasetKind } from '../../store/repositories/store-meta.repository.js';
import { type Cell, cellOf, NOT_APPLICABLE } from './cell.js';
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

    const ids = kommuner.map((k) => k.id);
    const series = await this.comparison.series(kpiIds, [...ids, RIKET_ID], ['T']);
    const byKpi = new Map<string, PointRow[]>();
    for (const r of series) {
      const list = byKpi.get(r.kpi);
      if (list) list.push(r);
      else byKpi.set(r.kpi, [r]);
    }

    const periods = new Map<string, number | null>();
    for (const id of kpiIds) {
      if (q.year !== 'latest') periods.set(id, q.year);
      else {
        const withValue = (byKpi.get(id) ?? []).filter((r) => r.value !== null).map((r) => r.period);
        periods.set(id, withValue.length > 0 ? Math.max(...withValue) : null);
      }
    }
    const pairs = [...periods]
      .filter((e): e is [string, number] => e[1] !== null)
      .map(([kpi, period]) => ({ kpi, period }));
    const everyKommun = await this.comparison.yearValues(pairs);

    const rows = kpiIds.map((id): CompareRow => {
      const kpi = kpis.get(id)!;
      const period = periods.get(id) ?? null;
      const points = byKpi.get(id) ?? [];
      const at = new Map(points.map((r) => [`${r.municipality}|${r.period}`, r]));
      const all = period === null ? undefined : everyKommun.get(`${id}:${period}`);
      const ranks = all?.ranks(kpi.direction) ?? new Map<string, Ranked>();
      const notApplicable = kpi.municipalityType === 'L';
      const cells = kommuner.map((m) => {
        const cell = notApplicable ? NOT_APPLICABLE : cellOf(at.get(`${m.id}|${period}`));
        const rank = cell.value === null ? null : (ranks.get(m.id) ?? null);
        return {
          municipality: m,
          cell,
          rank,
          position: rank?.position ?? (kpi.direction && kpi.direction !== 'neither' ? 'missing' : 'none'),
        } satisfies CompareCell;
      });
      const years = [...new Set(points.filter((r) => r.value !== null).map((r) => r.period))].sort(
        (a, b) => a - b,
      );
      const trend: TrendData = {
        years,
        series: [
          ...kommuner.map((m) => ({
            id: m.id,
            label: m.title,
            kind: 'kommun' as const,
            values: years.map((y) => at.get(`${m.id}|${y}`)?.value ?? null),
          })),
          {
            id: RIKET_ID,
            label: 'Riket',
            kind: 'riket' as const,
            values: years.map((y) => at.get(`${RIKET_ID}|${y}`)?.value ?? null),
          },
        ],
      };
      return {
        kpi,
        period,
        cells,
        riket: notApplicable ? NOT_APPLICABLE : cellOf(at.get(`${RIKET_ID}|${period}`)),
        trend,
      };
    });
    return { ...base, rows };
  }
}
