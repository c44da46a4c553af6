/** A value row for the bulk writer in store tests: count 1, no status, not deleted unless `extra` says. */
import type { ValueRow } from '../../src/store/bulk/value-writer.js';
import type { Gender } from '../../src/store/schema.js';

export function valueRow(
  kpi: string,
  unit: string,
  period: number,
  gender: Gender,
  value: number | null,
  extra: Partial<ValueRow> = {},
): ValueRow {
  return { kpi, unit, period, gender, value, count: 1, status: '', isDeleted: false, ...extra };
}
