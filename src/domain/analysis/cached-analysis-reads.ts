/**
 * The analyses' reads, kept in the process until the data changes. Every similarity analysis asked the
 * store for each KPI's latest year across all its values (tens of thousands of rows a KPI set: 0.3–1.3 s
 * under load, BENCHMARKS.md *Session 32*) and read the same kommuner and values again; on SQLite the
 * driver is synchronous, so that time also held every other request of the process. The results only
 * change with an import or sync, so they are cached here, bounded by bytes (least recently used out
 * first), and dropped when the store's data version moves. While an import or sync runs nothing is
 * cached (its values may still change): every call reads the store.
 */
import { LRUCache } from 'lru-cache';
import type { KpiInfo, NamedMunicipality } from '../../store/repositories/analysis.repository.js';
import type { DataVersion } from '../../store/repositories/store-meta.repository.js';
import type { Gender } from '../../store/schema.js';
import type { AnalysisReads } from './analysis-reads.js';

/** Heap bytes of one cached value (municipality id string, number, map slot): ≈ 90 measured, rounded up. */
export const ANALYSIS_BYTES_PER_VALUE = 100;
/** Heap bytes of one municipality row or KPI's metadata (a few short strings). */
const ROW_BYTES = 300;
/** A KPI's years with data: its key and the array, before its numbers. */
const PERIOD_BYTES = 100;
/** At most this often the data version is asked for (one small query). */
const VERSION_CHECK_MS = 1000;

export interface AnalysisCacheStatus {
  budgetBytes: number;
  usedBytes: number;
  entries: number;
}

type Entry =
  | { kind: 'municipalities'; list: readonly NamedMunicipality[] }
  | { kind: 'kpi'; info: KpiInfo }
  | { kind: 'periods'; periods: readonly number[] }
  | { kind: 'values'; values: ReadonlyMap<string, number> };

function entryBytes(entry: Entry): number {
  switch (entry.kind) {
    case 'municipalities':
      return Math.max(1, entry.list.length) * ROW_BYTES;
    case 'kpi':
      return ROW_BYTES + 2 * entry.info.title.length;
    case 'periods':
      return PERIOD_BYTES + 8 * entry.periods.length;
    case 'values':
      return Math.max(1, entry.values.size) * ANALYSIS_BYTES_PER_VALUE;
  }
}

export class CachedAnalysisReads implements AnalysisReads {
  private readonly cache: LRUCache<string, Entry>;
  private version: { key: string | null; running: boolean; checkedAt: number } = {
    key: null,
    // Stryker disable next-line BooleanLiteral: never read: the first call always checks the version (checkedAt is -Infinity), which sets it
    running: true,
    checkedAt: Number.NEGATIVE_INFINITY,
  };
  private versionCheck?: Promise<void>;
  /** Moves on every drop: a read that began before a drop must not store what it read. */
  private generation = 0;

  constructor(
    private readonly store: AnalysisReads,
    private readonly dataVersion: () => Promise<DataVersion>,
    private readonly budgetBytes: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(budgetBytes > 0)) throw new RangeError('the analysis cache needs a budget > 0 bytes');
    this.cache = new LRUCache<string, Entry>({ maxSize: budgetBytes, sizeCalculation: entryBytes });
  }

  status(): AnalysisCacheStatus {
    return { budgetBytes: this.budgetBytes, usedBytes: this.cache.calculatedSize, entries: this.cache.size };
  }

  /**
   * Checks (at most once a second, one check at a time) whether the data changed, dropping everything
   * if so; then the generation results may be stored under, or null while an import or sync runs.
   */
  private async cacheable(): Promise<number | null> {
    if (this.now() - this.version.checkedAt >= VERSION_CHECK_MS) {
      this.versionCheck ??= this.dataVersion()
        .then((v) => {
          if (v.key !== this.version.key || v.running) {
            this.cache.clear();
            // Stryker disable next-line UpdateOperator: only compared for equality; counting down also differs from every earlier value
            this.generation++;
          }
          this.version = { key: v.key, running: v.running, checkedAt: this.now() };
        })
        .finally(() => {
          this.versionCheck = undefined;
        });
      await this.versionCheck;
    }
    return this.version.running ? null : this.generation;
  }

  private put(generation: number | null, key: string, entry: Entry): void {
    // null (read while an import or sync ran) never equals the current generation.
    if (generation === this.generation) this.cache.set(key, entry);
  }

  async municipalities(type?: string): Promise<readonly NamedMunicipality[]> {
    const generation = await this.cacheable();
    // Stryker disable next-line StringLiteral: any text no kommun type is (they are single letters) serves for "all"
    const key = `m:${type ?? ''}`;
    const hit = this.cache.get(key);
    if (hit?.kind === 'municipalities') return hit.list;
    const list = await this.store.municipalities(type);
    this.put(generation, key, { kind: 'municipalities', list });
    return list;
  }

  async municipality(id: string): Promise<NamedMunicipality | undefined> {
    return (await this.municipalities()).find((m) => m.id === id);
  }

  async kpis(ids: readonly string[]): Promise<KpiInfo[]> {
    const generation = await this.cacheable();
    const found = new Map<string, KpiInfo>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const hit = this.cache.get(`k:${id}`);
      if (hit?.kind === 'kpi') found.set(id, hit.info);
      else missing.push(id);
    }
    // Unknown ids are not remembered (anyone can ask for any id): they are asked for again.
    for (const info of missing.length > 0 ? await this.store.kpis(missing) : []) {
      found.set(info.id, info);
      this.put(generation, `k:${info.id}`, { kind: 'kpi', info });
    }
    return [...found.values()];
  }

  /**
   * Answered from each KPI's years with data (one read a KPI, whatever year is asked next): the latest
   * at or before `year`, as the store's own latestPeriods.
   */
  async latestPeriods(
    kpis: readonly string[],
    type: string,
    gender: Gender,
    year?: number,
  ): Promise<ReadonlyMap<string, number>> {
    const years = await this.periodsWithData(kpis, type, gender);
    const periods = new Map<string, number>();
    for (const kpi of new Set(kpis)) {
      // Stryker disable next-line ArrayDeclaration: periodsWithData answers every KPI asked (none: []), so never used
      const list = years.get(kpi) ?? [];
      for (let i = list.length - 1; i >= 0; i--) {
        const period = list[i]!;
        if (year === undefined || period <= year) {
          periods.set(kpi, period);
          break;
        }
      }
    }
    return periods;
  }

  async periodsWithData(
    kpis: readonly string[],
    type: string,
    gender: Gender,
  ): Promise<ReadonlyMap<string, readonly number[]>> {
    const generation = await this.cacheable();
    const keyOf = (kpi: string) => `p:${type}:${gender}:${kpi}`;
    const years = new Map<string, readonly number[]>();
    const missing: string[] = [];
    for (const kpi of new Set(kpis)) {
      const hit = this.cache.get(keyOf(kpi));
      if (hit?.kind === 'periods') years.set(kpi, hit.periods);
      else missing.push(kpi);
    }
    if (missing.length > 0) {
      const read = await this.store.periodsWithData(missing, type, gender);
      for (const kpi of missing) {
        const list = read.get(kpi) ?? [];
        years.set(kpi, list);
        // "No data" is an answer too, kept like the others (bounded by the same budget).
        this.put(generation, keyOf(kpi), { kind: 'periods', periods: list });
      }
    }
    return years;
  }

  async values(kpi: string, period: number, gender: Gender): Promise<ReadonlyMap<string, number>> {
    const generation = await this.cacheable();
    const key = `v:${kpi}:${period}:${gender}`;
    const hit = this.cache.get(key);
    if (hit?.kind === 'values') return hit.values;
    const values = await this.store.values(kpi, period, gender);
    this.put(generation, key, { kind: 'values', values });
    return values;
  }
}
