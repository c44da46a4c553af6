/**
 * Readers never see half a KPI, and a crash never leaves one:
 * - while `etablera import` (a child process) rewrites KPIs with a new version, concurrent readers on
 *   their own connections compute each KPI's checksum again and again: every checksum is the old or
 *   the new version's, never a mix;
 * - SIGKILL in the middle of an import: every KPI is entirely old or entirely new; running the same
 *   import again completes it, equal to a reference import.
 * Both on SQLite and on PostgreSQL. Checksums are test/support/store-checksum's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/import/import.service.js';
import { openStore, type Store } from '../../src/store/database.js';
import { runCli } from '../support/cli.js';
import { DIALECTS } from '../support/dialects.js';
import { valueDigest } from '../support/store-checksum.js';
import { createTempStore, type TempStore } from '../support/temp-store.js';
import { tempDir } from '../support/value-files.js';
import { kpiIds, writeMetadata, writeValues } from './synthetic-kpis.js';

// One KPI of 27,000 values for the readers; 24 KPIs of 9,000 values (about five write transactions) for the kill.
const READ_KPI = kpiIds(1);
const READ_YEARS = Array.from({ length: 30 }, (_, i) => 1995 + i);
const KILL_KPIS = kpiIds(25).slice(1);
const KILL_YEARS = Array.from({ length: 10 }, (_, i) => 2015 + i);

const dir = tempDir();
const meta = writeMetadata(dir, kpiIds(25));
const files = {
  readOld: writeValues(dir, 'read-v1.ndjson', READ_KPI, READ_YEARS, 1),
  readNew: writeValues(dir, 'read-v2.ndjson', READ_KPI, READ_YEARS, 2),
  killOld: writeValues(dir, 'kill-v1.ndjson', KILL_KPIS, KILL_YEARS, 1),
  killNew: writeValues(dir, 'kill-v2.ndjson', KILL_KPIS, KILL_YEARS, 2),
};

/** Checksums of each version, from a reference store that imported it directly (no faults). */
const reference = {
  readOld: '',
  readNew: '',
  killOld: new Map<string, string>(),
  killNew: new Map<string, string>(),
};
const figures: string[] = [];

async function perKpi(store: Store, kpis: readonly string[]) {
  const out = new Map<string, string>();
  for (const kpi of kpis) out.set(kpi, (await valueDigest(store, [kpi])).checksum);
  return out;
}

beforeAll(async () => {
  const ref = await createTempStore('sqlite');
  try {
    await importFiles(ref.store, [...meta, files.readOld, files.killOld]);
    reference.readOld = (await valueDigest(ref.store, READ_KPI)).checksum;
    reference.killOld = await perKpi(ref.store, KILL_KPIS);
    await importFiles(ref.store, [files.readNew, files.killNew]);
    reference.readNew = (await valueDigest(ref.store, READ_KPI)).checksum;
    reference.killNew = await perKpi(ref.store, KILL_KPIS);
  } finally {
    await ref.destroy();
  }
  expect(reference.readNew).not.toBe(reference.readOld);
});

afterAll(() => {
  console.log(`[reliability] ${figures.join('\n[reliability] ')}`);
});

for (const dialect of DIALECTS) {
  describe(`consistency under concurrent import and SIGKILL (${dialect})`, () => {
    let temp: TempStore;
    let readers: Store;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      readers = await openStore({ databaseUrl: temp.env.DATABASE_URL, dataDir: temp.env.ETABLERA_DATA_DIR });
      await importFiles(temp.store, [...meta, files.readOld, files.killOld]);
    });
    afterAll(async () => {
      await readers?.close();
      await temp?.destroy();
    });

    it('readers see the old or the new version of a KPI while an import rewrites it, never a mix', async () => {
      const seen = { old: 0, new: 0, mixed: 0 };
      const rounds = [files.readNew, files.readOld];
      for (const file of rounds) {
        const child = runCli(['import', file], temp.env);
        let running = true;
        void child.exited.then(() => {
          running = false;
        });
        const reader = async () => {
          while (running) {
            const { checksum } = await valueDigest(readers, READ_KPI);
            if (checksum === reference.readOld) seen.old++;
            else if (checksum === reference.readNew) seen.new++;
            else seen.mixed++;
            // better-sqlite3 reads synchronously: let the event loop see the child's exit.
            await new Promise((r) => setImmediate(r));
          }
        };
        await Promise.all([reader(), reader(), reader()]);
        expect(await child.exited, child.output()).toBe(0);
      }
      figures.push(
        `${dialect}: ${rounds.length} imports rewriting a KPI of 27,000 values; ${seen.old + seen.new + seen.mixed} concurrent reads: ${seen.old} old, ${seen.new} new, ${seen.mixed} mixed`,
      );
      expect(seen.mixed).toBe(0);
      expect(seen.old + seen.new).toBeGreaterThan(0);
      expect((await valueDigest(readers, READ_KPI)).checksum).toBe(reference.readOld);
    }, 600_000);

    it('SIGKILL during an import leaves every KPI entirely old or new; running it again completes it', async () => {
      let attempts = 0;
      let state = { old: 0, new: 0, mixed: 0 };
      // The kill must land between the first and the last write transaction; try again if it did not.
      while (attempts < 4) {
        attempts++;
        const child = runCli(['import', files.killNew], temp.env);
        let exited = false;
        void child.exited.then(() => {
          exited = true;
        });
        while (!exited) {
          const firstWritten = await readers.db
            .selectFrom('value')
            .select('kpi_id')
            .where('kpi_id', 'in', KILL_KPIS)
            .where('value', '>=', 2000)
            .limit(1)
            .execute();
          if (firstWritten.length > 0) break;
          await new Promise((r) => setTimeout(r, 10));
        }
        await child.kill();
        state = { old: 0, new: 0, mixed: 0 };
        for (const [kpi, checksum] of await perKpi(readers, KILL_KPIS)) {
          if (checksum === reference.killOld.get(kpi)) state.old++;
          else if (checksum === reference.killNew.get(kpi)) state.new++;
          else state.mixed++;
        }
        expect(state.mixed).toBe(0);
        if (state.old > 0 && state.new > 0) break;
        // Too late (or too early): restore the old version and try again.
        const restore = runCli(['import', files.killOld], temp.env);
        expect(await restore.exited, restore.output()).toBe(0);
      }
      figures.push(
        `${dialect}: SIGKILL during import of ${KILL_KPIS.length} KPIs × 9,000 values (attempt ${attempts}): ${state.new} KPIs new, ${state.old} old, ${state.mixed} mixed`,
      );
      expect(state.old).toBeGreaterThan(0);
      expect(state.new).toBeGreaterThan(0);

      const again = runCli(['import', files.killNew], temp.env);
      expect(await again.exited, again.output()).toBe(0);
      expect(await perKpi(readers, KILL_KPIS)).toEqual(reference.killNew);
    }, 600_000);
  });
}
