import type { ValueRow } from '../store/bulk/value-writer.js';
import { type StoredValue, valueKey } from '../store/repositories/sync-state.repository.js';
import type { Gender } from '../store/schema.js';

export interface ValueDiff {
  /** Only the rows that differ from the store: what one write must apply. */
  changes: ValueRow[];
  added: number;
  changed: number;
  deleted: number;
}

/**
 * Compares what Kolada sent for one KPI with what the store holds. A complete fetch (no from_date)
 * is the whole truth for its years, so stored values it lacks were deleted at the source; an
 * incremental fetch only names deletions explicitly (isdeleted). Deleted values become tombstones
 * (value null, is_deleted 1) so Etablera's own from_date can report them.
 */
export function diffValues(
  kpi: string,
  current: ReadonlyMap<string, StoredValue>,
  fetched: ReadonlyMap<string, ValueRow>,
  complete: boolean,
): ValueDiff {
  const diff: ValueDiff = { changes: [], added: 0, changed: 0, deleted: 0 };
  for (const [key, row] of fetched) {
    const old = current.get(key);
    if (row.isDeleted) {
      if (old && !old.isDeleted) {
        diff.changes.push({ ...row, value: null, count: 0, status: '' });
        diff.deleted++;
      }
      continue;
    }
    if (!old || old.isDeleted) {
      diff.changes.push(row);
      diff.added++;
    } else if (old.value !== row.value || old.count !== row.count || old.status !== row.status) {
      diff.changes.push(row);
      diff.changed++;
    }
  }
  if (complete) {
    for (const [key, old] of current) {
      if (old.isDeleted || fetched.has(key)) continue;
      // Stryker disable next-line StringLiteral: equivalent — every key is valueKey's unit|period|gender, so no default is used.
      const [unit = '', period = '0', gender = 'T'] = key.split('|');
      diff.changes.push({
        kpi,
        unit,
        period: Number(period),
        gender: gender as Gender,
        value: null,
        count: 0,
        status: '',
        isDeleted: true,
      });
      diff.deleted++;
    }
  }
  return diff;
}

export { valueKey };
