/**
 * Ranks municipalities on one KPI and places each in a relative position (quartile colour), the way
 * Kolada's Jämföraren does: best quarter green, middle half yellow, worst quarter red, missing grey.
 * The colour says where a municipality stands among the others, not whether the result is good.
 */
import type { Direction } from '../../store/schema.js';
import { rankValues } from '../statistics/rank.js';

/** Relative position: top/middle/bottom quarter, `none` for KPIs without a direction, `missing` without a value. */
export type Position = 'top' | 'middle' | 'bottom' | 'none' | 'missing';

export interface Ranked {
  /** 1 = best (or largest, when the KPI has no direction); equal values share the better rank. */
  rank: number;
  /** How many municipalities have a value. */
  of: number;
  position: Position;
}

export interface RankInput {
  id: string;
  value: number | null;
}

/**
 * Competition ranking ("1, 2, 2, 4", the statistics kernel's): municipalities without a value get no
 * rank. KPIs with direction `neither` are ranked largest first, uncoloured.
 */
export function rankMunicipalities(
  entries: readonly RankInput[],
  direction: Direction | null,
): Map<string, Ranked> {
  const present = entries.filter((e): e is { id: string; value: number } => isNumber(e.value));
  const ranked = rankValues(present, direction === 'lower' ? 'lowest' : 'highest');
  const n = ranked.length;
  return new Map(
    ranked.map((r) => [r.id, { rank: r.rank, of: n, position: relativePosition(r.rank, n, direction) }]),
  );
}

/**
 * The quarter a rank falls in, by the share of municipalities ranked strictly better:
 * under 25 % → top, 75 % or more → bottom, otherwise middle.
 */
export function relativePosition(rank: number, of: number, direction: Direction | null): Position {
  if (!direction || direction === 'neither') return 'none';
  if (of <= 0 || rank < 1) return 'missing';
  const better = (rank - 1) / of;
  if (better < 0.25) return 'top';
  if (better >= 0.75) return 'bottom';
  return 'middle';
}

function isNumber(v: number | null): v is number {
  return v !== null && Number.isFinite(v);
}
