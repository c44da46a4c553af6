/**
 * Widening the years of a synced KPI, on the committed fixture and every backend: a KPI synced for
 * some years and then asked for more is fetched whole for the new set (its high-water mark covers only
 * the years it was fetched for), so the new years arrive; asked again for years it already has, it is
 * fetched incrementally (`from_date`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { type FakeKolada, startFakeKolada } from '../../test/support/fake-kolada/fake-kolada.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import type { Store } from '../store/database.js';
import { KoladaClient } from './kolada-client.js';
import { syncFromKolada } from './sync.service.js';

const KPI = 'N00700';
let fake: FakeKolada;

beforeAll(async () => {
  fake = await startFakeKolada({ kpis: [KPI] });
}, 120_000);
afterAll(async () => {
  await fake?.close();
});

const client = () =>
  new KoladaClient({ baseUrl: fake.url, timeoutMs: 10_000, retries: 2, backoffBaseMs: 10, backoffMaxMs: 50 });

async function valuesIn(store: Store, year: number): Promise<number> {
  const rows = await store.db
    .selectFrom('value')
    .select('municipality_id')
    .where('kpi_id', '=', KPI)
    .where('period', '=', year)
    .where('is_deleted', '=', 0)
    .execute();
  return rows.length;
}

/** The data requests for the KPI since a point in the fake's log. */
const dataRequests = (from: number) =>
  fake.requests.slice(from).filter((r) => r.url.startsWith(`/v3/data/kpi/${KPI}/`));

for (const dialect of DIALECTS) {
  describe(`sync with more years than before (${dialect})`, () => {
    let temp: TempStore;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    it('fetches the KPI whole when new years are asked for, and incrementally for years it has', async () => {
      const store = temp.store;
      await syncFromKolada(store, client(), { kpis: [KPI], years: [2020] });
      const in2020 = await valuesIn(store, 2020);
      expect(in2020).toBeGreaterThan(0);
      expect(await valuesIn(store, 2021)).toBe(0);

      const widened = fake.requests.length;
      const summary = await syncFromKolada(store, client(), {
        kpis: [KPI],
        years: [2020, 2021],
        metadata: false,
      });
      expect(summary.failed).toEqual([]);
      // The new year's values arrive, as many as the fixture has for 2020 (every kommun, region, Riket).
      expect(await valuesIn(store, 2021)).toBeGreaterThan(0);
      expect(summary.valuesAdded).toBe(await valuesIn(store, 2021));
      expect(dataRequests(widened).length).toBeGreaterThan(0);
      expect(dataRequests(widened).filter((r) => r.url.includes('from_date='))).toEqual([]);

      // Both years are known now: the same selection again is incremental and adds nothing.
      const again = fake.requests.length;
      const repeat = await syncFromKolada(store, client(), {
        kpis: [KPI],
        years: [2020, 2021],
        metadata: false,
      });
      expect(repeat).toMatchObject({ valuesAdded: 0, valuesChanged: 0, valuesDeleted: 0, failed: [] });
      expect(dataRequests(again).length).toBeGreaterThan(0);
      expect(dataRequests(again).every((r) => r.url.includes('from_date='))).toBe(true);
    });
  });
}
