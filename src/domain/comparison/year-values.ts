/**
 * The comparator's values held compactly: one KPI's values in one year (one gender) for the 290 kommuner
 * and Riket as a typed array, not a map of row objects. The pages read the same (KPI, year) tables
 * again and again; as objects they cost about 400 bytes a municipality on the heap (issue 24), so a
 * cache within budget held only the latest year of each integration KPI, and the KPI page read
 * thousands of rows from the database for every request. Compact, every year of every integration KPI
 * fits in a few megabytes.
 */
import type { PointRow } from '../../store/repositories/comparison.repository.js';
import type { Direction } from '../../store/schema.js';
import { type MeanResult, unweightedMean } from '../statistics/mean.js';
import { rankValues } from '../statistics/rank.js';
import { type Cell, MISSING, symbolForStatus } from './cell.js';
import { type Ranked, relativePosition } from './ranking.js';
import { RIKET_ID } from './reference.js';

/** Where each municipality sits in a year's arrays: the kommuner in catalog order, then Riket. */
export class Population {
  readonly ids: readonly string[];
  private readonly index: Map<string, number>;

  constructor(readonly kommunIds: readonly string[]) {
    this.ids = [...kommunIds, RIKET_ID];
    this.index = new Map(this.ids.map((id, i) => [id, i]));
  }

  indexOf(id: string): number | undefined {
    return this.index.get(id);
  }
}

/** Looks a municipality's rank up; `undefined` without a value. */
export interface RankLookup {
  get(id: string): Ranked | undefined;
}

/** Heap bytes of an entry besides its arrays: the object, its maps and its memoised means. */
const ENTRY_OVERHEAD_BYTES = 1024;
/**
 * Means kept per entry. Pages ask for a few references again and again (all kommuner, the kommun's
 * groups); keeping every group ever asked for would grow a cached entry past what its bytes say.
 */
export const MAX_MEMO_MEANS = 8;
/** A status kept for a row without a value (a short string and its map entry). */
const STATUS_BYTES = 64;

/**
 * Every kommun's and Riket's value of one KPI and year, one gender. Ranks and group means are computed
 * once per entry: they are the same for every page that shows this year.
 */
export class YearValues {
  /** NaN where there is no row or the row has no finite value. */
  private readonly values: Float64Array;
  private readonly present: Uint8Array;
  /** The status of rows without a finite value (Kolada's "..", "." and the like), by index. */
  private readonly statuses = new Map<number, string>();
  private readonly rankMemo = new Map<string, { ranks: Int32Array; of: number }>();
  private readonly meanMemo = new Map<string, MeanResult>();
  private rows = 0;

  constructor(private readonly population: Population) {
    this.values = new Float64Array(population.ids.length).fill(Number.NaN);
    this.present = new Uint8Array(population.ids.length);
  }

  /** Takes a row in; rows of municipalities outside the population (regions, OUs) are ignored. */
  set(row: PointRow): void {
    const i = this.population.indexOf(row.municipality);
    if (i === undefined) return;
    if (this.present[i] === 0) this.rows++;
    this.present[i] = 1;
    const value = row.value ?? Number.NaN;
    if (Number.isFinite(value)) {
      this.values[i] = value;
      this.statuses.delete(i);
    } else {
      this.values[i] = Number.NaN;
      this.statuses.set(i, row.status);
    }
  }

  /** How many municipalities have a row (with a value or a status). */
  get size(): number {
    return this.rows;
  }

  has(id: string): boolean {
    return this.present[this.population.indexOf(id) ?? -1] === 1;
  }

  /** The finite value, or null (no row, or a row without a value). */
  value(id: string): number | null {
    const i = this.population.indexOf(id);
    if (i === undefined) return null;
    const v = this.values[i]!;
    return Number.isNaN(v) ? null : v;
  }

  /** What a table cell shows: the value, or the symbol for why there is none. */
  cell(id: string): Cell {
    const i = this.population.indexOf(id);
    if (i === undefined) return MISSING;
    const v = this.values[i]!;
    if (!Number.isNaN(v)) return { value: v, symbol: null };
    const status = this.statuses.get(i);
    // No row reads as a row whose status says nothing: bortfall.
    return status === undefined ? MISSING : { value: null, symbol: symbolForStatus(status) };
  }

  /** Whether any kommun (not only Riket) has a row this year. */
  anyKommunRow(): boolean {
    const kommuner = this.population.kommunIds.length;
    for (let i = 0; i < kommuner; i++) if (this.present[i] === 1) return true;
    return false;
  }

  /** The kommuner's finite values, in catalog order. */
  kommunValues(): number[] {
    const out: number[] = [];
    const kommuner = this.population.kommunIds.length;
    for (let i = 0; i < kommuner; i++) {
      const v = this.values[i]!;
      if (!Number.isNaN(v)) out.push(v);
    }
    return out;
  }

  /** The kommuner's competition ranks (Riket is not ranked), computed once per direction. */
  ranks(direction: Direction | null): RankLookup {
    const key = String(direction);
    let memo = this.rankMemo.get(key);
    // Stryker disable next-line ConditionalExpression: computing again gives the same ranks (the memo is for speed)
    if (!memo) {
      const present: { id: string; value: number }[] = [];
      const kommunIds = this.population.kommunIds;
      for (let i = 0; i < kommunIds.length; i++) {
        const v = this.values[i]!;
        if (!Number.isNaN(v)) present.push({ id: kommunIds[i]!, value: v });
      }
      // Stryker disable next-line StringLiteral: rankValues ranks highest first unless told 'lowest'
      const ranked = rankValues(present, direction === 'lower' ? 'lowest' : 'highest');
      const ranks = new Int32Array(kommunIds.length);
      for (const r of ranked) ranks[this.population.indexOf(r.id)!] = r.rank;
      memo = { ranks, of: ranked.length };
      this.rankMemo.set(key, memo);
    }
    const { ranks, of } = memo;
    const population = this.population;
    return {
      get(id) {
        const rank = ranks[population.indexOf(id) ?? -1] ?? 0;
        return rank === 0 ? undefined : { rank, of, position: relativePosition(rank, of, direction) };
      },
    };
  }

  /** The members' unweighted mean; `memoKey` (a group id) lets repeated groups reuse it. */
  meanOf(members: readonly string[], memoKey?: string): MeanResult {
    // Stryker disable next-line ConditionalExpression: no mean is kept without a key, so get(undefined) finds none
    const hit = memoKey === undefined ? undefined : this.meanMemo.get(memoKey);
    if (hit) return hit;
    const mean = unweightedMean(members.map((id) => this.value(id)));
    // Stryker disable next-line ConditionalExpression: a mean kept under undefined is never looked up (above)
    if (memoKey === undefined) return mean;
    if (this.meanMemo.size < MAX_MEMO_MEANS) this.meanMemo.set(memoKey, mean);
    return mean;
  }

  /** Estimated heap bytes, for the cache's budget. */
  get bytes(): number {
    const n = this.population.ids.length;
    // values (8) + presence (1) + the rank arrays of up to two directions (2 × 4)
    return ENTRY_OVERHEAD_BYTES + n * 17 + this.statuses.size * STATUS_BYTES;
  }
}

/** Every year of one KPI (one gender) for the kommuner and Riket: what the KPI page shows. */
export class KpiValueTable {
  private readonly byYear = new Map<number, YearValues>();
  /** The years with a row of any kommun or Riket, oldest first. */
  readonly years: readonly number[];

  constructor(
    private readonly population: Population,
    rows: readonly PointRow[],
  ) {
    for (const r of rows) {
      if (this.population.indexOf(r.municipality) === undefined) continue;
      let year = this.byYear.get(r.period);
      if (!year) {
        year = new YearValues(population);
        this.byYear.set(r.period, year);
      }
      year.set(r);
    }
    this.years = [...this.byYear.keys()].sort((a, b) => a - b);
  }

  /** A year's values; a year without rows is an empty table, not a miss. */
  year(period: number): YearValues {
    return this.byYear.get(period) ?? new YearValues(this.population);
  }

  get bytes(): number {
    let sum = ENTRY_OVERHEAD_BYTES;
    for (const y of this.byYear.values()) sum += y.bytes;
    return sum;
  }
}
