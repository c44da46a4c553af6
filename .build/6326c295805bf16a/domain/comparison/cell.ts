/**
 * One shown value, or why there is none, with Kolada's symbols: "-" bortfall (no value reported),
 * "." ej tillämplig (does not apply), ".." sekretess (suppressed to protect individuals).
 */
import type { PointRow } from '../../store/repositories/comparison.repository.js';

export type MissingSymbol = '-' | '.' | '..';

export interface Cell {
  value: number | null;
  /** Set exactly when value is null. */
  symbol: MissingSymbol | null;
}

export const NOT_APPLICABLE: Cell = { value: null, symbol: '.' };
export const MISSING: Cell = { value: null, symbol: '-' };

export function cellOf(row: PointRow | undefined): Cell {
  if (!row) return MISSING;
  if (row.value !== null && Number.isFinite(row.value)) return { value: row.value, symbol: null };
  return { value: null, symbol: symbolForStatus(row.status) };
}

/** Kolada marks suppressed or inapplicable values in `status`; anything else without a value is bortfall. */
export function symbolForStatus(status: string): MissingSymbol {
  const s = status.trim().toLowerCase();
  if (s === '..' || s.includes('sekretess') || s.includes('confidential')) return '..';
  if (s === '.' || s.includes('ej tillämplig') || s.includes('not applicable')) return '.';
  return '-';
}
