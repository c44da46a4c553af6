/**
 * The value diff alone: what one KPI's fetch changes in the store, for a complete fetch (the whole
 * truth for its years) and an incremental one (from_date: deletions only when Kolada names them).
 */
import { describe, expect, it } from 'vitest';
import type { ValueRow } from '../store/bulk/value-writer.js';
import type { StoredValue } from '../store/repositories/sync-state.repository.js';
import type { Gender } from '../store/schema.js';
import { diffValues, valueKey } from './value-diff.js';

const KPI = 'N00001';

function row(
  unit: string,
  period: number,
  gender: Gender,
  value: number | null,
  more: Partial<ValueRow> = {},
) {
  return { kpi: KPI, unit, period, gender, value, count: 1, status: '', isDeleted: false, ...more };
}
const stored = (value: number | null, more: Partial<StoredValue> = {}): StoredValue => ({
  value,
  count: 1,
  status: '',
  isDeleted: false,
  ...more,
});
const tombstone = stored(null, { count: 0, isDeleted: true });

function fetchedMap(rows: ValueRow[]): Map<string, ValueRow> {
  return new Map(rows.map((r) => [valueKey(r.unit, r.period, r.gender), r]));
}

describe('diffValues', () => {
  it('adds new values, changes those whose value, count or status differ, and skips equal ones', () => {
    const current = new Map([
      ['0180|2022|T', stored(10)],
      ['0180|2022|K', stored(11)],
      ['0180|2022|M', stored(12)],
      ['1280|2022|T', stored(20)],
    ]);
    const fetched = fetchedMap([
      row('0180', 2022, 'T', 10),
      row('0180', 2022, 'K', 11, { count: 2 }),
      row('0180', 2022, 'M', 12, { status: 'Missing' }),
      row('1280', 2022, 'T', 21),
      row('1281', 2022, 'T', 30),
    ]);
    const diff = diffValues(KPI, current, fetched, false);
    expect(diff).toEqual({
      changes: [
        row('0180', 2022, 'K', 11, { count: 2 }),
        row('0180', 2022, 'M', 12, { status: 'Missing' }),
        row('1280', 2022, 'T', 21),
        row('1281', 2022, 'T', 30),
      ],
      added: 1,
      changed: 3,
      deleted: 0,
    });
  });

  it('tells a value that became null from one that stayed null', () => {
    const current = new Map([
      ['0180|2022|T', stored(10)],
      ['1280|2022|T', stored(null)],
    ]);
    const fetched = fetchedMap([row('0180', 2022, 'T', null), row('1280', 2022, 'T', null)]);
    expect(diffValues(KPI, current, fetched, true)).toMatchObject({
      changes: [row('0180', 2022, 'T', null)],
      added: 0,
      changed: 1,
      deleted: 0,
    });
  });

  it('turns a deletion Kolada names into a tombstone, only for a value the store holds alive', () => {
    const current = new Map([
      ['0180|2022|T', stored(10, { count: 3, status: 'x' })],
      ['1280|2022|T', tombstone],
    ]);
    const fetched = fetchedMap([
      row('0180', 2022, 'T', 10, { isDeleted: true, count: 3, status: 'x' }),
      row('1280', 2022, 'T', null, { isDeleted: true }),
      row('1281', 2022, 'T', null, { isDeleted: true }),
    ]);
    const diff = diffValues(KPI, current, fetched, false);
    expect(diff).toEqual({
      changes: [row('0180', 2022, 'T', null, { isDeleted: true, count: 0, status: '' })],
      added: 0,
      changed: 0,
      deleted: 1,
    });
  });

  it('revives a tombstone that Kolada sends again, counted as added', () => {
    const current = new Map([['0180|2022|T', tombstone]]);
    const diff = diffValues(KPI, current, fetchedMap([row('0180', 2022, 'T', 5)]), true);
    expect(diff).toEqual({ changes: [row('0180', 2022, 'T', 5)], added: 1, changed: 0, deleted: 0 });
  });

  it('on a complete fetch, tombstones what the store holds and Kolada no longer sends, once', () => {
    const current = new Map([
      ['0180|2022|T', stored(10)],
      ['1280|2021|K', stored(20, { count: 4, status: 'B' })],
      ['2584|2020|M', tombstone],
    ]);
    const fetched = fetchedMap([row('0180', 2022, 'T', 10)]);
    const diff = diffValues(KPI, current, fetched, true);
    expect(diff).toEqual({
      changes: [row('1280', 2021, 'K', null, { count: 0, isDeleted: true })],
      added: 0,
      changed: 0,
      deleted: 1,
    });
    // The stored tombstone is already deleted: a second complete fetch changes nothing.
    const after = new Map([...current, ['1280|2021|K', tombstone]]);
    expect(diffValues(KPI, after, fetched, true)).toEqual({ changes: [], added: 0, changed: 0, deleted: 0 });
  });

  it('on an incremental fetch, keeps what Kolada did not mention', () => {
    const current = new Map([
      ['0180|2022|T', stored(10)],
      ['1280|2022|T', stored(20)],
    ]);
    const diff = diffValues(KPI, current, fetchedMap([row('0180', 2022, 'T', 11)]), false);
    expect(diff).toEqual({ changes: [row('0180', 2022, 'T', 11)], added: 0, changed: 1, deleted: 0 });
  });
});
