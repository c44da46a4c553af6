/**
 * OU values (Kolada's /oudata) in the mirror, on the committed fixture and both databases: after
 * `etablera sync --ou` against the fake Kolada, the Kolada-compatible OU routes answer exactly what the
 * fake serves (from_date included); a second sync asks only for what changed; faults on the OU requests
 * are retried, and an OU fetch that fails, or a sync killed while fetching OU values, is finished by the
 * next run without fetching again what the interrupted run completed.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { DIALECTS } from '../../test/support/dialects.js';
import { type FakeKolada, startFakeKolada } from '../../test/support/fake-kolada/fake-kolada.js';
import { OU_YEARS } from '../../test/support/fake-kolada/ou-data.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { loadSettings } from '../config/settings.js';
import { buildApp } from '../http/app.js';
import type { Store } from '../store/database.js';
import { KoladaClient } from './kolada-client.js';
import { syncFromKolada } from './sync.service.js';

// U01805: the integration set's KPI Kolada marks has_ou_data. N00903 is outside the integration set;
// the fake marks it has_ou_data, so it has OU values only when asked for (`ou: true`, `--ou`).
const OU_KPI = 'U01805';
const OTHER_OU_KPI = 'N00903';
let fake: FakeKolada;

beforeAll(async () => {
  fake = await startFakeKolada({ kpis: ['N00700', OU_KPI, OTHER_OU_KPI], hasOuData: [OTHER_OU_KPI] });
}, 120_000);
afterAll(async () => {
  await fake?.close();
});

function client(retries = 8) {
  return new KoladaClient({
    baseUrl: fake.url,
    timeoutMs: 10_000,
    retries,
    backoffBaseMs: 10,
    backoffMaxMs: 100,
  });
}

type Item = { kpi: string; ou: string; period: number; values: object[] };
type Entry = { gender: string; value: unknown; isdeleted?: boolean };

/** Items as comparable text: values in gender order (the API sorts K, M, T; Kolada T, K, M). */
function canonical(items: readonly Item[]): string[] {
  return items
    .map((i) =>
      JSON.stringify({
        ...i,
        values: [...(i.values as Entry[])].sort((a, b) => a.gender.localeCompare(b.gender)),
      }),
    )
    .sort();
}

/** What the fake serves for a KPI over the given years (deleted values left out). */
function served(kpi: string, years: readonly number[] = OU_YEARS): Item[] {
  return years.flatMap((y) => fake.ouItems(kpi, y)) as Item[];
}

/** A store's OU values of a KPI (not deleted), as the items Kolada would send. */
async function stored(store: Store, kpi: string): Promise<Item[]> {
  const rows = await store.db
    .selectFrom('ou_value')
    .selectAll()
    .where('kpi_id', '=', kpi)
    .where('is_deleted', '=', 0)
    .execute();
  const items = new Map<string, Item>();
  for (const r of rows) {
    const key = `${r.ou_id}|${r.period}`;
    const item = items.get(key) ?? { kpi, ou: r.ou_id, period: Number(r.period), values: [] };
    items.set(key, item);
    item.values.push({
      gender: r.gender,
      count: Number(r.count),
      status: r.status,
      value: r.value === null ? null : Number(r.value),
      isdeleted: false,
    });
  }
  return [...items.values()];
}

const oudataRequests = (from: number, prefix = '/v3/oudata/') =>
  fake.requests.slice(from).filter((r) => r.url.startsWith(prefix));

for (const dialect of DIALECTS) {
  describe(`OU values in the mirror (${dialect})`, () => {
    const temps: TempStore[] = [];
    const tempStore = async () => {
      const temp = await createTempStore(dialect);
      temps.push(temp);
      return temp;
    };
    afterAll(async () => {
      for (const t of temps) await t.destroy();
    });

    let mirror: TempStore;
    const get = async (url: string) => {
      const app = await buildApp({ store: mirror.store, settings: loadSettings({ LOG_LEVEL: 'silent' }) });
      try {
        const response = await app.inject(url);
        return { status: response.statusCode, body: response.json() };
      } finally {
        await app.close();
      }
    };

    it('etablera sync --ou mirrors the fake’s OU values; the OU routes and from_date answer them', async () => {
      mirror = await tempStore();
      const mark = fake.requests.length;
      const cli = runCli(['sync', '--ou', '--concurrency', '4'], {
        ...mirror.env,
        KOLADA_BASE_URL: fake.url,
      });
      expect(await cli.exited, cli.output()).toBe(0);
      expect(cli.output()).toMatch(/OU values of 1 KPIs: added [\d,]+, changed 0, deleted 0/);
      // The integration set's OU KPI only, over all its pages.
      const fetched = oudataRequests(mark);
      expect(fetched.length).toBeGreaterThan(0);
      expect(fetched.every((r) => r.url.startsWith(`/v3/oudata/kpi/${OU_KPI}/year/`))).toBe(true);
      expect(fetched.some((r) => r.url.includes('page=2'))).toBe(true);

      const year2020 = fake.ouItems(OU_KPI, 2020) as Item[];
      expect(year2020.length).toBe(580);
      const v3 = await get(`/v3/oudata/kpi/${OU_KPI}/year/2020`);
      expect(v3.status).toBe(200);
      expect(v3.body.next_url).toBeNull();
      expect(canonical(v3.body.values)).toEqual(canonical(year2020));
      expect(canonical(await stored(mirror.store, OU_KPI))).toEqual(canonical(served(OU_KPI)));

      // The other OU routes: by OU ids, by OU and year, the query form with municipality, and v2.
      const [a, b] = [year2020[10]!.ou, year2020[11]!.ou];
      const byOu = await get(`/v3/oudata/kpi/${OU_KPI}/ou/${a},${b}/year/2019,2020`);
      expect(canonical(byOu.body.values)).toEqual(
        canonical(served(OU_KPI, [2019, 2020]).filter((i) => i.ou === a || i.ou === b)),
      );
      const ouYear = await get(`/v3/oudata/ou/${a}/year/2020`);
      expect(canonical(ouYear.body.values)).toEqual(canonical(year2020.filter((i) => i.ou === a)));
      const ous1280 = await get('/v3/ou?municipality=1280');
      const ids1280 = (ous1280.body.values as { id: string }[]).map((o) => o.id).sort();
      expect(ids1280).toHaveLength(2);
      const query = await get(`/v3/oudata?kpi_id=${OU_KPI}&year=2020&municipality=1280`);
      expect(canonical(query.body.values)).toEqual(canonical(year2020.filter((i) => ids1280.includes(i.ou))));
      const v2 = await get(`/v2/oudata/kpi/${OU_KPI}/year/2020`);
      expect(canonical(v2.body.values)).toEqual(
        canonical(
          year2020.map((i) => ({
            ...i,
            values: (i.values as Entry[]).map(({ isdeleted: _, ...v }) => v),
          })),
        ),
      );
      // Outside the integration set and not asked for: no OU values.
      expect((await get(`/v3/oudata/kpi/${OTHER_OU_KPI}/year/2020`)).body.values).toEqual([]);
    }, 180_000);

    it('a second sync asks only for what changed since; from_date reports the changes and deletions', async () => {
      // The first sync's values count as written long ago, so from_date=today tells the second's apart.
      await sql`update ou_value set changed_at = '2025-01-01T00:00:00.000Z'`.execute(mirror.store.db);
      const units = fake.ouItems(OU_KPI, 2020) as Item[];
      const tOnly = units.find((i) => i.values.length === 1)!;
      const changed = units.find((i) => i.values.length === 3)!;
      const deleted = units.find((i) => i.values.length === 3 && i.ou !== changed.ou)!;
      fake.setOuValue(OU_KPI, changed.ou, 2020, 'T', 4242.5);
      fake.setOuValue(OU_KPI, tOnly.ou, 2020, 'K', 17);
      fake.deleteOuValue(OU_KPI, deleted.ou, 2020, 'M');
      try {
        const mark = fake.requests.length;
        // The scheduled sync's selection: the integration set, OU values by default.
        const second = await syncFromKolada(mirror.store, client(), { metadata: false });
        expect(second).toMatchObject({
          failed: [],
          ouKpis: 1,
          ouValuesAdded: 1,
          ouValuesChanged: 1,
          ouValuesDeleted: 1,
          valuesAdded: 0,
          valuesChanged: 0,
          valuesDeleted: 0,
        });
        const fetched = oudataRequests(mark);
        expect(fetched.length).toBeGreaterThan(0);
        expect(fetched.every((r) => r.url.includes('from_date='))).toBe(true);

        const now = await get(`/v3/oudata/kpi/${OU_KPI}/year/2020`);
        expect(canonical(now.body.values)).toEqual(canonical(fake.ouItems(OU_KPI, 2020) as Item[]));
        const today = new Date().toISOString().slice(0, 10);
        const since = await get(`/v3/oudata/kpi/${OU_KPI}/year/2020,2021?from_date=${today}`);
        const changes = (since.body.values as Item[]).flatMap((i) =>
          (i.values as Entry[]).map((v) => `${i.ou}|${i.period}|${v.gender}|${v.value}|${v.isdeleted}`),
        );
        expect(changes.sort()).toEqual(
          [
            `${changed.ou}|2020|T|4242.5|false`,
            `${tOnly.ou}|2020|K|17|false`,
            `${deleted.ou}|2020|M|null|true`,
          ].sort(),
        );
        const v2Since = await get(`/v2/oudata/kpi/${OU_KPI}/ou/${deleted.ou}/year/2020?from_date=${today}`);
        expect(v2Since.body.values[0].values).toEqual([
          { gender: 'M', count: 0, status: '', value: null, is_deleted: 1 },
        ]);

        // Nothing changed since: the next sync writes nothing; `ou: false` does not ask for OU values.
        const third = await syncFromKolada(mirror.store, client(), { metadata: false });
        expect(third).toMatchObject({ ouKpis: 1, ouValuesAdded: 0, ouValuesChanged: 0, ouValuesDeleted: 0 });
        const quiet = fake.requests.length;
        const none = await syncFromKolada(mirror.store, client(), { metadata: false, ou: false });
        expect(none.ouKpis).toBe(0);
        expect(oudataRequests(quiet)).toEqual([]);
      } finally {
        fake.resetValues();
      }
    }, 180_000);

    it('retries faults on OU requests, and a run whose OU fetch failed is finished by the next', async () => {
      const selection = { kpis: ['N00700', OU_KPI, OTHER_OU_KPI], ou: true };
      // Faults on half of the OU requests (every kind that needs a retry): the mirror equals the fake.
      const faulty = await tempStore();
      fake.setFaults({
        rate: 0.5,
        seed: 3,
        kinds: ['429', '500', '503', 'reset', 'truncated', 'drip'],
        pathPrefix: '/v3/oudata/',
        retryAfterSeconds: 0,
        dripMs: 50,
      });
      const mark = fake.requests.length;
      try {
        const summary = await syncFromKolada(faulty.store, client(), selection);
        expect(summary).toMatchObject({ failed: [], ouKpis: 2 });
        expect(summary.retries).toBeGreaterThan(0);
      } finally {
        fake.setFaults(null);
      }
      const faults = oudataRequests(mark).filter((r) => r.fault);
      console.log(`[ou-sync ${dialect}] faults on OU requests: ${faults.map((f) => f.fault).join(', ')}`);
      expect(faults.filter((f) => f.fault !== 'latency' && f.fault !== 'drip').length).toBeGreaterThan(1);
      for (const kpi of [OU_KPI, OTHER_OU_KPI])
        expect(canonical(await stored(faulty.store, kpi)), kpi).toEqual(canonical(served(kpi)));

      // One KPI's OU fetch fails for good: the run fails, the other KPI's OU values are in.
      const temp = await tempStore();
      fake.setFaults({ rate: 1, kinds: ['503'], pathPrefix: `/v3/oudata/kpi/${OTHER_OU_KPI}/` });
      try {
        const failed = await syncFromKolada(temp.store, client(1), selection, { concurrency: 1 });
        expect(failed.failed.map((f) => f.kpi)).toEqual([`${OTHER_OU_KPI} (OU)`]);
      } finally {
        fake.setFaults(null);
      }
      expect(canonical(await stored(temp.store, OU_KPI))).toEqual(canonical(served(OU_KPI)));
      expect(await stored(temp.store, OTHER_OU_KPI)).toEqual([]);

      // The same sync again resumes the run: only the failed KPI's OU values are fetched.
      const restart = fake.requests.length;
      const resumed = await syncFromKolada(temp.store, client(), selection);
      expect(resumed).toMatchObject({ resumed: true, failed: [], ouKpis: 2 });
      const after = fake.requests.slice(restart);
      expect(after.filter((r) => r.url.startsWith('/v3/data/'))).toEqual([]);
      expect(after.filter((r) => r.url.startsWith(`/v3/oudata/kpi/${OU_KPI}/`))).toEqual([]);
      expect(after.filter((r) => r.url.startsWith(`/v3/oudata/kpi/${OTHER_OU_KPI}/`)).length).toBeGreaterThan(
        0,
      );
      expect(canonical(await stored(temp.store, OTHER_OU_KPI))).toEqual(canonical(served(OTHER_OU_KPI)));
    }, 180_000);

    it('SIGKILL while `etablera sync --ou` fetches OU values: the same command resumes without fetching finished KPIs again', async () => {
      const temp = await tempStore();
      const env = { ...temp.env, KOLADA_BASE_URL: fake.url };
      const args = ['sync', '--kpi', `N00700,${OU_KPI},${OTHER_OU_KPI}`, '--ou', '--concurrency', '1'];
      // The second OU KPI's requests hang, so the kill lands while it is being fetched, after the first
      // one's OU values were written (one KPI at a time: the next starts once the previous is recorded).
      fake.setFaults({
        rate: 1,
        kinds: ['latency'],
        latencyMs: 60_000,
        pathPrefix: `/v3/oudata/kpi/${OTHER_OU_KPI}/`,
      });
      const mark = fake.requests.length;
      try {
        const killed = runCli(args, env);
        await expect
          .poll(() => oudataRequests(mark, `/v3/oudata/kpi/${OTHER_OU_KPI}/`).length, { timeout: 120_000 })
          .toBeGreaterThan(0);
        await killed.kill();
      } finally {
        fake.setFaults(null);
      }
      expect(canonical(await stored(temp.store, OU_KPI))).toEqual(canonical(served(OU_KPI)));
      expect(await stored(temp.store, OTHER_OU_KPI)).toEqual([]);

      const restart = fake.requests.length;
      const resumed = runCli(args, env);
      expect(await resumed.exited, resumed.output()).toBe(0);
      expect(resumed.output()).toContain('(resumed)');
      const after = fake.requests.slice(restart);
      expect(after.filter((r) => r.url.startsWith('/v3/data/'))).toEqual([]);
      expect(after.filter((r) => r.url.startsWith(`/v3/oudata/kpi/${OU_KPI}/`))).toEqual([]);
      for (const kpi of [OU_KPI, OTHER_OU_KPI])
        expect(canonical(await stored(temp.store, kpi)), kpi).toEqual(canonical(served(kpi)));
    }, 300_000);
  });
}
