/**
 * Competition ranking ("1, 2, 2, 4"): rank = 1 + the number of strictly better values, so equal values
 * share the better rank. The comparator ranks best first by the KPI's direction; the statistics page
 * ranks highest first. Both call this one function, with `best` saying which end is rank 1.
 */

/** Which end of the scale gets rank 1. */
export type RankOrder = 'highest' | 'lowest';

export interface RankedValue<Id extends string = string> {
  id: Id;
  value: number;
  rank: number;
  /** How many values share this rank (1 when there is no tie). */
  ties: number;
}

/**
 * Ranks finite values; the result is in rank order (ties by id, so it is deterministic).
 * Entries must have finite values: callers drop the missing ones first.
 */
export function rankValues<Id extends string>(
  entries: readonly { id: Id; value: number }[],
  best: RankOrder = 'highest',
): RankedValue<Id>[] {
  const sign = best === 'highest' ? -1 : 1;
  const order = [...entries].sort(
    // Stryker disable next-line EqualityOperator: `<` → `<=` differs only for equal ids, and ids are unique
    (a, b) => sign * (a.value - b.value) || (a.id < b.id ? -1 : 1),
  );
  const ranked: RankedValue<Id>[] = [];
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]!.value === order[i]!.value) j++;
    for (let k = i; k <= j; k++) {
      const e = order[k]!;
      ranked.push({ id: e.id, value: e.value, rank: i + 1, ties: j - i + 1 });
    }
    i = j + 1;
  }
  return ranked;
}

/**
 * The percentile of a value with competition rank `rank` (rank 1 = highest) shared by `ties` values
 * among `n`: the share of the set with a lower value, ties counted half, in percent.
 */
export function percentileOfRank(rank: number, ties: number, n: number): number {
  const lower = n - (rank - 1) - ties;
  return (100 * (lower + 0.5 * ties)) / n;
}
