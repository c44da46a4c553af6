/**
 * Ranks and percentiles. Competition ranking ("1, 2, 2, 4"): rank = 1 + the number of strictly
 * better values, so tied values share the better rank. Better means larger unless the order is
 * ascending (a KPI where a low value is better). The percentile is the share of the set ranked
 * below, ties counted half (100 − it, read the other way).
 */
export type RankOrder = 'descending' | 'ascending';

export interface RankedValue<Id extends string = string> {
  id: Id;
  value: number;
  rank: number;
  /** How many values were ranked. */
  of: number;
  /** Share ranked below, ties counted half, in percent (0–100). */
  percentile: number;
}

/** The percentile of competition rank `rank`, shared by `ties` values, among `n`. */
export function percentileOfRank(rank: number, ties: number, n: number): number {
  const below = n - (rank - 1) - ties;
  return (100 * (below + 0.5 * ties)) / n;
}

/**
 * Ranks the entries with a finite value (others get no rank), in rank order; ties by id, so the
 * order is deterministic.
 */
export function rankValues<Id extends string>(
  entries: readonly { id: Id; value: number | null }[],
  order: RankOrder = 'descending',
): RankedValue<Id>[] {
  const sign = order === 'descending' ? -1 : 1;
  const present = entries.filter(
    (e): e is { id: Id; value: number } => e.value !== null && Number.isFinite(e.value),
  );
  present.sort((a, b) => sign * (a.value - b.value) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = present.length;
  const ranked: RankedValue<Id>[] = [];
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && present[j + 1]!.value === present[i]!.value) j++;
    const percentile = percentileOfRank(i + 1, j - i + 1, n);
    for (let k = i; k <= j; k++) {
      const e = present[k]!;
      ranked.push({ id: e.id, value: e.value, rank: i + 1, of: n, percentile });
    }
    i = j + 1;
  }
  return ranked;
}

/** A KPI's rank order: better is larger, unless a low value is its preferred direction. */
export function rankOrder(direction: string | null): RankOrder {
  return direction === 'lower' ? 'ascending' : 'descending';
}
