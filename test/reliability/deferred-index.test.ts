/**
 * A first full import (SQLite and PostgreSQL) drops the (municipality, period) index while it loads an empty value
 * table and builds it once at the end. This checks both halves of that promise: the index is back
 * (and used) after a completed import, and a SIGKILL in the middle, which leaves it missing, is
 * repaired the next time the store is opened.
 */

import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/import/import.service.js';
import { openStore } from '../../src/store/database.js';
import { runCli } from '../support/cli.js';
import { DIALECTS } from '../support/dialects.js';
import { createTempStore, type TempStore } from '../support/temp-store.js';
import { tempDir } from '../support/value-files.js';
import { kpiIds, writeMetadata, writeValues } from './synthetic-kpis.js';

const INDEX = 'value_municipality_id_period_idx';
const KPIS = kpiIds(30);
const YEARS = Array.from({ length: 10 }, (_, i) => 2013 + i);

const dir = tempDir();
const meta = writeMetadata(dir, KPIS);
const values = writeValues(dir, 'values.ndjson', KPIS, YEARS, 1);

async function hasIndex(temp: TempStore): Promise<boolean> {
  const catalogue =
    temp.store.dialect === 'sqlite'
      ? sql`select 1 from sqlite_master where type = 'index' and name = ${INDEX}`
      : sql`select 1 from pg_indexes where indexname = ${INDEX}`;
  return (await catalogue.execute(temp.store.db)).rows.length > 0;
}

/** SQLite's plan for "one municipality's values for a year" (PostgreSQL would scan a table this small). */
function sqlitePlan(temp: TempStore): string {
  if (temp.store.dialect !== 'sqlite') throw new Error('SQLite only');
  const rows = temp.store.sqlite
    .prepare("explain query plan select * from value where municipality_id = '1001' and period = 2020")
    .all() as { detail: string }[];
  return rows.map((r) => r.detail).join('; ');
}

for (const dialect of DIALECTS)
  describe(`deferred (municipality, period) index on a first import (${dialect})`, () => {
    let temp: TempStore | undefined;
    afterEach(async () => {
      await temp?.destroy();
      temp = undefined;
    });

    it('is in place and used after a completed import into an empty store', async () => {
      temp = await createTempStore(dialect);
      await importFiles(temp.store, [...meta, values]);
      expect(await hasIndex(temp)).toBe(true);
      if (dialect === 'sqlite') expect(sqlitePlan(temp)).toContain(INDEX);
      const { rows } = await sql<{ n: number }>`select count(*) as n from value`.execute(temp.store.db);
      expect(Number(rows[0]?.n)).toBe(KPIS.length * YEARS.length * 300 * 3);
    });

    it('is rebuilt when the store is opened after an import was killed while it was missing', async () => {
      temp = await createTempStore(dialect);
      await importFiles(temp.store, meta);
      const child = runCli(['import', values], temp.env);
      let exited = false;
      void child.exited.then(() => {
        exited = true;
      });
      // Once any value is visible the writer has dropped the index (it does so before its first write)
      // and cannot have rebuilt it (it does so only after its last).
      let sawValues = false;
      while (!exited && !sawValues) {
        sawValues = (await temp.store.db.selectFrom('value').select('kpi_id').limit(1).execute()).length > 0;
        if (!sawValues) await new Promise((r) => setTimeout(r, 5));
      }
      const missingDuringLoad = !(await hasIndex(temp));
      const finishedBeforeKill = exited;
      await child.kill();
      expect(sawValues, child.output()).toBe(true);
      expect(finishedBeforeKill, 'the import finished before it could be killed').toBe(false);
      expect(missingDuringLoad).toBe(true);
      expect(await hasIndex(temp)).toBe(false);

      const reopened = await openStore({
        databaseUrl: temp.env.DATABASE_URL,
        dataDir: temp.env.ETABLERA_DATA_DIR,
      });
      try {
        expect(await hasIndex(temp)).toBe(true);
      } finally {
        await reopened.close();
      }
      if (dialect === 'sqlite') expect(sqlitePlan(temp)).toContain(INDEX);
    });
  });
