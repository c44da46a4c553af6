/**
 * A store created before a migration was renamed must open with the new name: the migration is not
 * run a second time (it would fail on its existing tables) and what it created keeps its rows.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { migrate } from '../database.js';
import { migrationsFor, RENAMED_MIGRATIONS } from './index.js';

const recordedNames = async (temp: TempStore) =>
  (
    await sql<{ name: string }>`select name from kysely_migration order by name`.execute(temp.store.db)
  ).rows.map((r) => r.name);

for (const dialect of DIALECTS) {
  describe(`renamed migrations (${dialect})`, () => {
    let temp: TempStore | undefined;
    afterEach(async () => {
      await temp?.destroy();
      temp = undefined;
    });

    it('upgrades a store that recorded the old names, without running them again', async () => {
      temp = await createTempStore(dialect);
      const db = temp.store.db;
      await sql`insert into sync_kpi_state (kpi_id, high_water, years, updated_at)
        values ('N00700', '2026-01-01', '', '2026-01-01T00:00:00Z')`.execute(db);
      // What a store of the previous release holds: the old names in Kysely's record.
      for (const [from, to] of Object.entries(RENAMED_MIGRATIONS))
        await sql`update kysely_migration set name = ${from} where name = ${to}`.execute(db);
      expect(await recordedNames(temp)).toContain('0002-sync-state');

      await migrate(temp.store);

      expect(await recordedNames(temp)).toEqual(Object.keys(migrationsFor(dialect)).sort());
      const kept = await sql<{ kpi_id: string }>`select kpi_id from sync_kpi_state`.execute(db);
      expect(kept.rows.map((r) => r.kpi_id)).toEqual(['N00700']);
    });

    it('names every migration once, with distinct numbers', () => {
      const numbers = Object.keys(migrationsFor(dialect)).map((name) => name.slice(0, 4));
      expect(new Set(numbers).size).toBe(numbers.length);
    });
  });
}
