/**
 * The bulk value writer rewrites a row exactly when one of its columns differs: value, count, status or
 * the deletion flag. A row written again unchanged keeps its `changed_at` (Etablera's own from_date),
 * and one whose status alone changed (Kolada's ".." becoming a figure's note) is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import type { ValueLevel } from '../value-levels.js';
import { createValueWriter, type ValueRow } from './value-writer.js';

const base: ValueRow = {
  kpi: 'N1',
  unit: '1280',
  period: 2022,
  gender: 'T',
  value: 10,
  count: 1,
  status: '',
  isDeleted: false,
};

for (const dialect of DIALECTS) {
  for (const threaded of dialect === 'sqlite' ? [false, true] : [false]) {
    describe(`value writer on ${dialect}${threaded ? ' (threaded)' : ''}`, () => {
      let temp: TempStore;
      beforeAll(async () => {
        temp = await createTempStore(dialect);
      });
      afterAll(() => temp.destroy());

      async function write(level: ValueLevel, row: ValueRow, at: string): Promise<number> {
        const writer = await createValueWriter(temp.store, { threaded });
        try {
          return (await writer.write(level, [row], at)).written;
        } finally {
          await writer.close();
        }
      }

      async function stored(level: ValueLevel) {
        const rows =
          level === 'municipality'
            ? await temp.store.db.selectFrom('value').selectAll().execute()
            : await temp.store.db.selectFrom('ou_value').selectAll().execute();
        expect(rows).toHaveLength(1);
        const r = rows[0]!;
        return {
          value: r.value === null ? null : Number(r.value),
          count: Number(r.count),
          status: r.status,
          isDeleted: Number(r.is_deleted),
          changedAt: r.changed_at,
        };
      }

      for (const level of ['municipality', 'ou'] as const) {
        it(`${level}: rewrites a row when its value, count, status or deletion differs, and only then`, async () => {
          const unit = level === 'ou' ? 'V15E128000101' : '1280';
          const row = { ...base, unit };
          expect(await write(level, row, '2026-01-01T00:00:00.000Z')).toBe(1);
          expect(await write(level, row, '2026-01-02T00:00:00.000Z')).toBe(0);
          expect((await stored(level)).changedAt).toBe('2026-01-01T00:00:00.000Z');

          expect(await write(level, { ...row, status: 'preliminary' }, '2026-01-03T00:00:00.000Z')).toBe(1);
          expect(await stored(level)).toEqual({
            value: 10,
            count: 1,
            status: 'preliminary',
            isDeleted: 0,
            changedAt: '2026-01-03T00:00:00.000Z',
          });
          expect(
            await write(level, { ...row, status: 'preliminary', count: 3 }, '2026-01-04T00:00:00.000Z'),
          ).toBe(1);
          expect((await stored(level)).count).toBe(3);
          expect(
            await write(
              level,
              { ...row, status: 'preliminary', count: 3, value: 11 },
              '2026-01-05T00:00:00.000Z',
            ),
          ).toBe(1);
          expect((await stored(level)).value).toBe(11);
          const tombstone = { ...row, value: null, count: 0, status: '', isDeleted: true };
          expect(await write(level, tombstone, '2026-01-06T00:00:00.000Z')).toBe(1);
          expect(await stored(level)).toEqual({
            value: null,
            count: 0,
            status: '',
            isDeleted: 1,
            changedAt: '2026-01-06T00:00:00.000Z',
          });
          expect(await write(level, tombstone, '2026-01-07T00:00:00.000Z')).toBe(0);
          expect((await stored(level)).changedAt).toBe('2026-01-06T00:00:00.000Z');
        });
      }
    });
  }
}
