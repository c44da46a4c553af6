/**
 * Readers never see half a KPI during a sync, and a killed sync leaves none:
 * - the fake Kolada server serves version 1 of three KPIs of about 29,500 values each (312 municipalities
 *   × 35 years × 3 genders, four pages of 5000 items), which are synced
 *   into the store; then it serves version 2 (every value changed, some deleted, some added) and
 *   `etablera sync` (a child process, over HTTP) applies it while readers on their own connections
 *   compute each KPI's checksum again and again: every checksum is version 1's or version 2's;
 * - SIGKILL in the middle of that sync: every KPI is entirely version 1 or version 2; the same
 *   sync started again resumes the run, does not fetch the finished KPIs again, and ends at version 2.
 * Both on SQLite and on PostgreSQL. The two versions' checksums come from a reference store that
 * synced them in-process, with no concurrency and no faults.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KoladaClient } from '../../src/kolada/kolada-client.js';
import { SyncBusyError, type SyncSummary, syncFromKolada } from '../../src/kolada/sync.service.js';
import { openStore, type Store } from '../../src/store/database.js';
import { runCli } from '../support/cli.js';
import { DIALECTS } from '../support/dialects.js';
import { type FakeKolada, startFakeKolada } from '../support/fake-kolada/fake-kolada.js';
import { FIXTURE_META } from '../support/fixture.js';
import { valueDigest } from '../support/store-checksum.js';
import { createTempStore, type TempStore } from '../support/temp-store.js';

// Not in Kolada's catalogue, so the fake serves only what this file gives it.
const KPIS = ['U99901', 'U99902', 'U99903'];
const FIRST_YEAR = 1990;
const LAST_YEAR = 2024;
const YEARS = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
const GENDERS = ['T', 'K', 'M'] as const;
/** The real 312 municipalities and regions. */
const MUNICIPALITIES = (
  JSON.parse(readFileSync(FIXTURE_META.municipality, 'utf8')) as { values: { id: string }[] }
).values.map((m) => m.id);

const SELECTION = { kpis: KPIS, years: YEARS, metadata: false };
const CLI_ARGS = [
  'sync',
  '--kpi',
  KPIS.join(','),
  '--years',
  `${FIRST_YEAR}-${LAST_YEAR}`,
  '--no-metadata',
  // One KPI after the other, so the store passes through states where some KPIs are new, some old.
  '--concurrency',
  '1',
];
// During the kill test every request waits a little, so the kill lands between two KPIs' writes.
// (During the readers test, the readers' own work slows the fake server, which shares their process.)
const SLOW = { rate: 1, kinds: ['latency' as const], latencyMs: 50 };

let fake: FakeKolada;
const valueCount = { v1: 0, v2: 0 };

/**
 * Makes the fake serve one version. Version 2 changes every value of version 1, deletes one in ten
 * (reported as deleted, so the sync writes tombstones) and adds the values version 1 lacked.
 */
function serve(version: 1 | 2) {
  fake.resetValues();
  let served = 0;
  KPIS.forEach((kpi, k) => {
    MUNICIPALITIES.forEach((municipality, m) => {
      for (const period of YEARS)
        GENDERS.forEach((gender, g) => {
          const n = k * 7 + m * 13 + period * 3 + g;
          const inV1 = !(g === 2 && n % 11 === 0);
          const inV2 = n % 10 !== 0;
          if (version === 1 ? !inV1 : !inV2) {
            if (version === 2 && inV1) fake.deleteValue(kpi, municipality, period, gender);
            return;
          }
          fake.setValue(kpi, municipality, period, gender, version * 1000 + (n % 500) / 10);
          served++;
        });
    });
  });
  if (version === 1) valueCount.v1 = served;
  else valueCount.v2 = served;
}

function client() {
  return new KoladaClient({ baseUrl: fake.url, timeoutMs: 30_000, retries: 2, backoffBaseMs: 20 });
}

async function perKpi(store: Store): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const kpi of KPIS) out.set(kpi, (await valueDigest(store, [kpi])).checksum);
  return out;
}

/** Data requests the fake logged from `mark` on. */
function dataRequests(mark: number, kpi?: string) {
  return fake.requests.slice(mark).filter((r) => r.url.startsWith(`/v3/data/kpi/${kpi ?? ''}`));
}

/** Distinct data pages asked for from `mark` on (a retried request counts once). */
function dataPages(mark: number): number {
  return new Set(dataRequests(mark).map((r) => r.url)).size;
}

/** Checksums of each version, from a reference store that synced them directly. */
const reference = { v1: new Map<string, string>(), v2: new Map<string, string>() };
let referenceSecond: SyncSummary;
/** Data pages (at most 5000 municipality × year items each) one KPI's version 2 takes. */
let pagesPerKpi = 0;
const figures: string[] = [];

beforeAll(async () => {
  // No real values: everything the fake serves comes from serve().
  fake = await startFakeKolada({ kpis: [] });
  const ref = await createTempStore('sqlite');
  try {
    serve(1);
    const first = await syncFromKolada(ref.store, client(), SELECTION);
    expect(first).toMatchObject({ failed: [], valuesAdded: valueCount.v1 });
    reference.v1 = await perKpi(ref.store);
    serve(2);
    const mark = fake.requests.length;
    referenceSecond = await syncFromKolada(ref.store, client(), SELECTION);
    pagesPerKpi = dataPages(mark) / KPIS.length;
    expect(referenceSecond.failed).toEqual([]);
    reference.v2 = await perKpi(ref.store);
  } finally {
    await ref.destroy();
  }
  // The second version changes, deletes and adds values, and differs from the first in every KPI.
  expect(referenceSecond.valuesChanged).toBeGreaterThan(0);
  expect(referenceSecond.valuesDeleted).toBeGreaterThan(0);
  expect(referenceSecond.valuesAdded).toBeGreaterThan(0);
  for (const kpi of KPIS) expect(reference.v2.get(kpi)).not.toBe(reference.v1.get(kpi));
  expect(Number.isInteger(pagesPerKpi) && pagesPerKpi >= 2, `${pagesPerKpi} pages a KPI`).toBe(true);
}, 300_000);

afterAll(async () => {
  await fake?.close();
  console.log(`[reliability] ${figures.join('\n[reliability] ')}`);
});

type Seen = { v1: number; v2: number; mixed: number };

/**
 * Runs a sync once the killed one's lock is free: its PID (SQLite lock file) or its session
 * (PostgreSQL advisory lock) lives on for a moment after the kill, until the system reaps it.
 */
async function syncWhenFree(sync: () => Promise<SyncSummary>): Promise<SyncSummary & { waitedMs: number }> {
  for (let waited = 0; ; waited += 100) {
    try {
      return { ...(await sync()), waitedMs: waited };
    } catch (error) {
      if (!(error instanceof SyncBusyError) || waited >= 30_000) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function classify(kpi: string, checksum: string, seen: Seen) {
  if (checksum === reference.v1.get(kpi)) seen.v1++;
  else if (checksum === reference.v2.get(kpi)) seen.v2++;
  else seen.mixed++;
}

for (const dialect of DIALECTS) {
  describe(`consistency under a concurrent sync and SIGKILL (${dialect})`, () => {
    const temps: TempStore[] = [];
    const readerStores: Store[] = [];

    /** A fresh store holding version 1 (synced in-process), and a connection of its own for readers. */
    async function storeAtV1() {
      const temp = await createTempStore(dialect);
      temps.push(temp);
      const readers = await openStore({
        databaseUrl: temp.env.DATABASE_URL,
        dataDir: temp.env.ETABLERA_DATA_DIR,
      });
      readerStores.push(readers);
      serve(1);
      const first = await syncFromKolada(temp.store, client(), SELECTION);
      expect(first.failed).toEqual([]);
      expect(await perKpi(readers)).toEqual(reference.v1);
      serve(2);
      return {
        store: temp.store,
        readers,
        firstRun: first.runId,
        env: { ...temp.env, KOLADA_BASE_URL: fake.url },
      };
    }

    afterAll(async () => {
      fake.setFaults(null);
      for (const r of readerStores) await r.close();
      for (const t of temps) await t.destroy();
    });

    it('readers see version 1 or version 2 of each KPI while `etablera sync` rewrites them, never a mix', async () => {
      const { readers, env } = await storeAtV1();
      const mark = fake.requests.length;
      const started = Date.now();
      const child = runCli(CLI_ARGS, env);
      let running = true;
      void child.exited.then(() => {
        running = false;
      });
      const seen: Seen = { v1: 0, v2: 0, mixed: 0 };
      // Reads that began after the sync's first data request and ended before it exited.
      let duringFetch = 0;
      // The sync writes the KPIs one after the other, in the order given. The readers follow it: they
      // read the first KPI not yet seen at version 2, so their reads pile up on the KPI written next
      // (a write split over several transactions would be caught between two of them).
      let next = 0;
      const reader = async () => {
        while (running) {
          const kpi = KPIS[next] as string;
          const fetching = dataRequests(mark).length > 0;
          const { checksum } = await valueDigest(readers, [kpi]);
          if (fetching && running) duringFetch++;
          classify(kpi, checksum, seen);
          if (checksum === reference.v2.get(kpi) && KPIS[next] === kpi && next < KPIS.length - 1) next++;
          // better-sqlite3 reads synchronously: let the event loop serve the fake and see the exit.
          await new Promise((r) => setImmediate(r));
        }
      };
      await Promise.all([reader(), reader()]);
      expect(await child.exited, child.output()).toBe(0);
      const seconds = (Date.now() - started) / 1000;
      const requests = dataRequests(mark);
      const own = /Sync run #\d+: .* in ([\d.]+) s/.exec(child.output())?.[1];
      const summary = /values added ([\d,]+), changed ([\d,]+), deleted ([\d,]+)/.exec(child.output());
      figures.push(
        `${dialect}: \`etablera sync\` (child process, ${requests.length} data requests for ${dataPages(mark)} pages) rewriting ${KPIS.length} KPIs of ~${Math.round(valueCount.v2 / KPIS.length).toLocaleString('en')} values (${summary?.[1]} added, ${summary?.[2]} changed, ${summary?.[3]} deleted) in ${seconds.toFixed(1)} s (sync itself ${own} s); ${seen.v1 + seen.v2 + seen.mixed} concurrent KPI checksums (${duringFetch} after its first request): ${seen.v1} version 1, ${seen.v2} version 2, ${seen.mixed} mixed`,
      );
      expect(seen.mixed).toBe(0);
      // The readers overlapped the sync: they saw KPIs before and after their rewrite while it ran.
      expect(seen.v1).toBeGreaterThan(0);
      expect(seen.v2).toBeGreaterThan(0);
      expect(duringFetch).toBeGreaterThan(0);
      // Incremental (from_date), every page of every KPI.
      expect(dataPages(mark)).toBe(KPIS.length * pagesPerKpi);
      expect(requests.every((r) => r.url.includes('from_date='))).toBe(true);
      expect(summary?.slice(1).map((n) => Number(n.replaceAll(',', '')))).toEqual([
        referenceSecond.valuesAdded,
        referenceSecond.valuesChanged,
        referenceSecond.valuesDeleted,
      ]);
      expect(await perKpi(readers)).toEqual(reference.v2);
    }, 300_000);

    it('SIGKILL during `etablera sync` leaves every KPI entirely version 1 or 2; a restarted sync resumes and completes it', async () => {
      let attempts = 0;
      let state: Seen = { v1: 0, v2: 0, mixed: 0 };
      let setup: Awaited<ReturnType<typeof storeAtV1>> | null = null;
      let doneBeforeKill: string[] = [];
      let afterKill = new Map<string, string>();
      // The kill must land after the first KPI is written and before the last; try again if not.
      while (attempts < 3) {
        attempts++;
        setup = await storeAtV1();
        const { readers, env, firstRun } = setup;
        // KPIs the child's run (not the in-process version 1 run) has marked finished.
        const runItems = async () =>
          (
            await sql<{ item: string }>`select item from sync_run_item
              where run_id > ${firstRun} and item like 'kpi:%'`.execute(readers.db)
          ).rows.map((r) => r.item.slice('kpi:'.length));
        fake.setFaults(SLOW);
        const child = runCli(CLI_ARGS, env);
        let exited = false;
        void child.exited.then(() => {
          exited = true;
        });
        while (!exited && (await runItems()).length === 0) await new Promise((r) => setTimeout(r, 10));
        await child.kill();
        fake.setFaults(null);
        doneBeforeKill = await runItems();
        afterKill = await perKpi(readers);
        state = { v1: 0, v2: 0, mixed: 0 };
        for (const [kpi, checksum] of afterKill) classify(kpi, checksum, state);
        expect(state.mixed).toBe(0);
        if (state.v1 > 0 && state.v2 > 0) break;
      }
      figures.push(
        `${dialect}: SIGKILL during the sync of ${KPIS.length} KPIs (attempt ${attempts}): ${state.v2} KPIs version 2, ${state.v1} version 1, ${state.mixed} mixed`,
      );
      expect(state.v1).toBeGreaterThan(0);
      expect(state.v2).toBeGreaterThan(0);
      if (!setup) throw new Error('no attempt ran');
      const { store, readers } = setup;
      // Every KPI the killed run marked finished holds version 2.
      expect(doneBeforeKill.length).toBeGreaterThan(0);
      for (const kpi of doneBeforeKill) expect(afterKill.get(kpi), kpi).toBe(reference.v2.get(kpi));

      // The restart runs in this process (the sync service the CLI calls): it resumes the killed run.
      const restart = fake.requests.length;
      const again = await syncWhenFree(() => syncFromKolada(store, client(), SELECTION, { concurrency: 1 }));
      expect(again).toMatchObject({ resumed: true, failed: [], kpisAlreadyDone: doneBeforeKill.length });
      for (const kpi of doneBeforeKill) expect(dataRequests(restart, kpi), kpi).toEqual([]);
      expect(dataPages(restart)).toBe((KPIS.length - doneBeforeKill.length) * pagesPerKpi);
      expect(await perKpi(readers)).toEqual(reference.v2);
      figures.push(
        `${dialect}: restart after the SIGKILL resumed the run (lock free after ${again.waitedMs} ms): ${again.kpisAlreadyDone} KPIs not fetched again, ${dataPages(restart)} pages fetched for the rest; store equals version 2`,
      );
      // The killed run's log entry is closed, not left "running" for ever.
      const log = await readers.db
        .selectFrom('import_log')
        .select(['status', 'finished_at'])
        .orderBy('id')
        .execute();
      expect(log.map((l) => l.status)).toEqual(['ok', 'failed', 'ok']);
      expect(log.every((l) => l.finished_at !== null)).toBe(true);
    }, 300_000);
  });
}
