import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { DIALECTS } from '../../test/support/dialects.js';
import { type FakeKolada, startFakeKolada } from '../../test/support/fake-kolada/fake-kolada.js';
import { describeFullData, FULL_KOLADA, openRealStore } from '../../test/support/real-data.js';
import { metadataDigest, valueDigest } from '../../test/support/store-checksum.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { INTEGRATION_KPI_IDS } from '../domain/integration-set.js';
import type { Store } from '../store/database.js';
import { KoladaClient } from './kolada-client.js';
import { syncFromKolada } from './sync.service.js';

let smallKpis: string[] = [];
let fake: FakeKolada;

function client(url = fake.url) {
  return new KoladaClient({
    baseUrl: url,
    timeoutMs: 10_000,
    retries: 8,
    backoffBaseMs: 20,
    backoffMaxMs: 500,
  });
}

/** Data requests for one KPI in a slice of the fake server's log. */
function dataRequests(from: number, kpi?: string) {
  return fake.requests
    .slice(from)
    .filter((r) => r.url.startsWith(kpi ? `/v3/data/kpi/${kpi}/` : '/v3/data/'));
}

describeFullData('sync from a fake Kolada over the full data', () => {
  beforeAll(async () => {
    // 200 of the smaller KPIs (by number of values) that Kolada's 2026 catalogue still has.
    const real = await openRealStore(DIALECTS[0] ?? 'sqlite');
    try {
      const rows = await real.db
        .selectFrom('value as v')
        .innerJoin('kpi as k', 'k.id', 'v.kpi_id')
        .select('v.kpi_id')
        .groupBy('v.kpi_id')
        .having(sql`count(*)`, '>=', 300)
        .having(sql`count(*)`, '<=', 3000)
        .orderBy('v.kpi_id')
        .limit(200)
        .execute();
      smallKpis = rows.map((r) => r.kpi_id);
    } finally {
      await real.close();
    }
    fake = await startFakeKolada({ kpis: [...INTEGRATION_KPI_IDS, ...smallKpis], data: FULL_KOLADA });
  }, 600_000);

  afterAll(async () => {
    await fake?.close();
  });

  for (const dialect of DIALECTS) {
    describe(dialect, () => {
      let real: Store;
      let realMetadata: Awaited<ReturnType<typeof metadataDigest>>;
      const temps: TempStore[] = [];
      const tempStore = async () => {
        const temp = await createTempStore(dialect);
        temps.push(temp);
        return temp;
      };

      beforeAll(async () => {
        real = await openRealStore(dialect);
        realMetadata = await metadataDigest(real);
      });
      afterAll(async () => {
        await real?.close();
        for (const t of temps) await t.destroy();
      });

      it('syncs the integration set into exactly the store a direct import gives, then applies only what changed', async () => {
        const { store } = await tempStore();
        fake.setFaults(null);
        const first = await syncFromKolada(store, client());
        expect(first.failed).toEqual([]);
        expect(first.kpis).toBe(INTEGRATION_KPI_IDS.length);
        expect(await metadataDigest(store)).toEqual(realMetadata);
        const synced = await valueDigest(store);
        expect(synced).toEqual(await valueDigest(real, INTEGRATION_KPI_IDS));
        expect(first.valuesAdded).toBe(synced.rows);
        console.log(
          `[sync ${dialect}] integration set: ${first.kpis} KPIs, ${first.valuesAdded} values, ${first.requests} requests in ${first.seconds.toFixed(1)} s`,
        );

        // The source changes three values, adds one and deletes two (undone after this test: other tests
        // compare with the real data).
        onTestFinished(() => fake.resetValues());
        const before = await store.db.selectFrom('value').selectAll().execute();
        const key = (r: { kpi_id: string; municipality_id: string; period: number; gender: string }) =>
          `${r.kpi_id}|${r.municipality_id}|${r.period}|${r.gender}`;
        const pickRow = (kpi: string, nth: number) => {
          const row = before.filter((r) => r.kpi_id === kpi && r.value !== null)[nth];
          if (!row) throw new Error(`no value ${nth} for ${kpi}`);
          return row;
        };
        const changed = [pickRow('N00700', 5), pickRow('N01951', 100), pickRow('N02926', 7)];
        const deleted = [pickRow('N00486', 3), pickRow('N18409', 11)];
        for (const r of changed)
          fake.setValue(r.kpi_id, r.municipality_id, r.period, r.gender, Number(r.value) + 1);
        for (const r of deleted) fake.deleteValue(r.kpi_id, r.municipality_id, r.period, r.gender);
        fake.setValue('N00700', '0180', 2023, 'T', 61.5);
        const mark = fake.requests.length;

        const second = await syncFromKolada(store, client(), { metadata: false });
        expect(second).toMatchObject({ valuesAdded: 1, valuesChanged: 3, valuesDeleted: 2, failed: [] });
        expect(dataRequests(mark).every((r) => r.url.includes('from_date='))).toBe(true);

        const after = new Map(
          (await store.db.selectFrom('value').selectAll().execute()).map((r) => [key(r), r]),
        );
        const touched = new Set([...changed, ...deleted].map(key));
        // Every other row is exactly as it was, changed_at included: nothing else was rewritten.
        const differing = before
          .filter((r) => JSON.stringify(after.get(key(r))) !== JSON.stringify(r))
          .map(key);
        expect(differing.sort()).toEqual([...touched].sort());
        for (const r of changed) expect(Number(after.get(key(r))?.value)).toBe(Number(r.value) + 1);
        for (const r of deleted) expect(after.get(key(r))).toMatchObject({ value: null, is_deleted: 1 });
        expect(after.get('N00700|0180|2023|T')).toMatchObject({ value: 61.5, is_deleted: 0 });
        expect(after.size).toBe(before.length + 1);

        // Nothing changed since: a third sync writes nothing.
        const third = await syncFromKolada(store, client(), { metadata: false });
        expect(third).toMatchObject({ valuesAdded: 0, valuesChanged: 0, valuesDeleted: 0 });

        // A full sync (`--full`) fetches everything again over a store holding tombstones: they are
        // already deleted, so none is counted or rewritten (changed_at stays, from_date stays quiet).
        const fullMark = fake.requests.length;
        const full = await syncFromKolada(store, client(), { metadata: false }, { full: true });
        expect(full).toMatchObject({ valuesAdded: 0, valuesChanged: 0, valuesDeleted: 0, failed: [] });
        expect(dataRequests(fullMark).length).toBeGreaterThanOrEqual(INTEGRATION_KPI_IDS.length);
        expect(dataRequests(fullMark).filter((r) => r.url.includes('from_date='))).toEqual([]);
        const afterFull = await store.db.selectFrom('value').selectAll().execute();
        expect(afterFull.length).toBe(after.size);
        expect(
          afterFull.filter((r) => JSON.stringify(after.get(key(r))) !== JSON.stringify(r)).map(key),
        ).toEqual([]);
      }, 900_000);

      it('syncs 200 KPIs over all years with faults on 20% of requests into exactly the directly imported store', async () => {
        const { store } = await tempStore();
        fake.setFaults({ rate: 0.2, seed: 7, latencyMs: 100, retryAfterSeconds: 1, dripMs: 200 });
        const mark = fake.requests.length;
        try {
          const summary = await syncFromKolada(store, client(), { kpis: smallKpis }, { concurrency: 6 });
          const faults = fake.requests.slice(mark).filter((r) => r.fault);
          console.log(
            `[sync ${dialect}] 200 KPIs with faults: ${summary.valuesAdded} values, ${summary.requests} requests, ${summary.retries} retries, ${faults.length} faults injected in ${summary.seconds.toFixed(1)} s`,
          );
          expect(summary.failed).toEqual([]);
          expect(summary.retries).toBeGreaterThan(0);
          expect(new Set(faults.map((f) => f.fault)).size).toBe(7);
        } finally {
          fake.setFaults(null);
        }
        expect(await metadataDigest(store)).toEqual(realMetadata);
        expect(await valueDigest(store)).toEqual(await valueDigest(real, smallKpis));
      }, 900_000);

      it('resumes after SIGKILL without fetching finished KPIs again', async () => {
        const temp = await tempStore();
        const kpis = smallKpis.slice(0, 80);
        // Every request is a little slow, so the kill lands mid-way.
        fake.setFaults({ rate: 1, kinds: ['latency'], latencyMs: 60 });
        const mark = fake.requests.length;
        const args = ['sync', '--kpi', kpis.join(','), '--concurrency', '2'];
        const env = { ...process.env, ...temp.env, KOLADA_BASE_URL: fake.url };
        try {
          const killed = runCli(args, env);
          await waitFor(() => dataRequests(mark).length >= 40, 120_000);
          await killed.kill();
        } finally {
          fake.setFaults(null);
        }
        const done = await sql<{ item: string }>`select item from sync_run_item`.execute(temp.store.db);
        const doneKpis = done.rows.map((r) => r.item.replace('kpi:', '')).filter((i) => kpis.includes(i));
        expect(doneKpis.length).toBeGreaterThan(0);
        expect(doneKpis.length).toBeLessThan(kpis.length);

        const restart = fake.requests.length;
        const resumed = runCli(args, env);
        expect(await resumed.exited).toBe(0);
        expect(resumed.output()).toContain('(resumed)');
        for (const kpi of doneKpis) expect(dataRequests(restart, kpi), kpi).toEqual([]);
        expect(fake.requests.slice(restart).filter((r) => r.url.startsWith('/v3/municipality?'))).toEqual([]);
        expect(await valueDigest(temp.store)).toEqual(await valueDigest(real, kpis));
        expect(await metadataDigest(temp.store)).toEqual(realMetadata);
        // The killed run's log entry is closed, not left "running" for ever.
        const log = await temp.store.db
          .selectFrom('import_log')
          .select(['status', 'finished_at'])
          .orderBy('id')
          .execute();
        expect(log.map((l) => l.status)).toEqual(['failed', 'ok']);
        expect(log.every((l) => l.finished_at !== null)).toBe(true);
      }, 900_000);
    });
  }
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
