/**
 * `etablera backup` while an import is half-way (the importing process is stopped between two KPI
 * transactions), then `etablera restore` into an empty target: the restored store has exactly the
 * backup's checksum of every KPI, each KPI entirely old or entirely new, and the counts are checked.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiIds, writeMetadata, writeValues } from '../../test/reliability/synthetic-kpis.js';
import { runCli } from '../../test/support/cli.js';
import { DIALECTS, databaseUrl } from '../../test/support/dialects.js';
import { valueDigest } from '../../test/support/store-checksum.js';
import { adminQuery, createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { importFiles } from '../import/import.service.js';
import { openStore, type Store } from './database.js';

const KPIS = kpiIds(24);
const YEARS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022];
const dir = mkdtempSync(join(tmpdir(), 'etablera-backup-'));
const meta = writeMetadata(dir, KPIS);
const v1 = writeValues(dir, 'v1.ndjson', KPIS, YEARS, 1);
const v2 = writeValues(dir, 'v2.ndjson', KPIS, YEARS, 2);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function perKpi(store: Store): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const kpi of KPIS) out.set(kpi, (await valueDigest(store, [kpi])).checksum);
  return out;
}

for (const dialect of DIALECTS) {
  describe(`backup and restore (${dialect})`, () => {
    let source: TempStore;
    const cleanups: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      source = await createTempStore(dialect);
      await importFiles(source.store, [...meta, v1]);
    });
    afterAll(async () => {
      for (const c of cleanups) await c();
      await source?.destroy();
    });

    it('backs up during a running import and restores to an identical checksum of every KPI', async () => {
      const before = await perKpi(source.store);
      const child = runCli(['import', v2], source.env);
      let exited = false;
      void child.exited.then(() => {
        exited = true;
      });
      // Wait until the import has committed its first KPI, then freeze it there.
      while (!exited) {
        const written = await source.store.db
          .selectFrom('value')
          .select('kpi_id')
          .where('value', '>=', 2000)
          .limit(1)
          .execute();
        if (written.length > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(exited, child.output()).toBe(false);
      process.kill(-child.pid, 'SIGSTOP');
      const file = join(dir, `backup-${dialect}.etablera`);
      let backup: ReturnType<typeof runCli>;
      try {
        backup = runCli(['backup', file], source.env);
        expect(await backup.exited, backup.output()).toBe(0);
      } finally {
        process.kill(-child.pid, 'SIGCONT');
      }
      expect(backup.output()).toMatch(/Backed up .* tables, \d+ rows/);
      expect(await child.exited, child.output()).toBe(0);
      const after = await perKpi(source.store);

      // An empty target: a new data directory (SQLite) or a new database (PostgreSQL).
      const targetDir = mkdtempSync(join(tmpdir(), 'etablera-restore-'));
      let targetUrl = '';
      if (dialect === 'postgres') {
        const name = `etablera_r_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
        await adminQuery(`create database ${name}`);
        targetUrl = databaseUrl(name);
        cleanups.push(() => adminQuery(`drop database if exists ${name} with (force)`));
      }
      cleanups.push(async () => rmSync(targetDir, { recursive: true, force: true }));
      const env = { DATABASE_URL: targetUrl, ETABLERA_DATA_DIR: targetDir };
      const restore = runCli(['restore', file], env);
      expect(await restore.exited, restore.output()).toBe(0);
      expect(restore.output()).toMatch(/row counts match the backup/);

      const restored = await openStore({ databaseUrl: targetUrl, dataDir: targetDir });
      try {
        const got = await perKpi(restored);
        // The backup caught the import half-way: some KPIs new, the others old, none mixed.
        let olds = 0;
        let news = 0;
        for (const kpi of KPIS) {
          if (got.get(kpi) === before.get(kpi)) olds++;
          else if (got.get(kpi) === after.get(kpi)) news++;
          else throw new Error(`${kpi} is neither the old nor the new version`);
        }
        expect(news).toBeGreaterThan(0);
        expect(olds).toBeGreaterThan(0);
        expect((await valueDigest(restored, KPIS)).rows).toBe(KPIS.length * 300 * YEARS.length * 3);
      } finally {
        await restored.close();
      }

      // A second restore into the same (now full) target is refused, and the store stays as it was.
      const again = runCli(['restore', file], env);
      expect(await again.exited).toBe(1);
      expect(again.output()).toMatch(/empty/);
    }, 600_000);

    it('refuses what is not a backup, and an existing backup file, naming the problem', async () => {
      const notBackup = join(dir, 'not-a-backup.txt');
      writeFileSync(notBackup, 'hello');
      const targetDir = mkdtempSync(join(tmpdir(), 'etablera-restore-'));
      cleanups.push(async () => rmSync(targetDir, { recursive: true, force: true }));
      if (dialect === 'sqlite') {
        const bad = runCli(['restore', notBackup], { DATABASE_URL: '', ETABLERA_DATA_DIR: targetDir });
        expect(await bad.exited).toBe(1);
        expect(bad.output()).toMatch(/not an SQLite backup/);
      }
      const exists = runCli(['backup', notBackup], source.env);
      expect(await exists.exited).toBe(1);
      expect(exists.output()).toMatch(/exists; choose a new file name/);
    });

    // Only PostgreSQL backs up through pg_dump; not registered at all on SQLite (no skipped test in CI).
    if (dialect === 'postgres')
      it('prints the pg_dump command when pg_dump is not on PATH, without the password', async () => {
        const file = join(dir, 'no-pg-dump.dump');
        const run = runCli(['backup', file], { ...source.env, PATH: join(dir, 'empty-path') });
        expect(await run.exited, run.output()).toBe(2);
        expect(run.output()).toMatch(/pg_dump is not on PATH/);
        expect(run.output()).toMatch(
          /pg_dump --format=custom --no-owner --file=\S+no-pg-dump\.dump --dbname=postgres:\/\/etablera@/,
        );
        expect(run.output()).not.toMatch(/etablera:etablera@/);
        expect(existsSync(file)).toBe(false);
      });
  });
}
