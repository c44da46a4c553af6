/**
 * Issue 23's checks of the Kolada-compatible API on the committed real fixture (so they run on a
 * fresh clone too; conformance.test.ts repeats them over a socket on the full data): a v2 request with
 * all 290 kommun ids in one segment answers every kommun's value, and `?id=` on metadata routes
 * answers exactly the objects named. Both backends.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import type { Store } from '../../src/store/database.js';
import { DIALECTS } from '../support/dialects.js';
import { openFixtureStore } from '../support/fixture.js';

type Obj = Record<string, unknown>;

for (const dialect of DIALECTS) {
  describe(`Kolada fidelity on the committed fixture (${dialect})`, () => {
    let store: Store;
    let app: FastifyInstance;
    beforeAll(async () => {
      store = await openFixtureStore(dialect);
      app = await buildApp({ store, settings: loadSettings({ LOG_LEVEL: 'silent' }) });
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
    });

    const get = async (url: string) => {
      const reply = await app.inject(url);
      return { status: reply.statusCode, body: reply.json() as { values: Obj[] } & Obj };
    };

    it('answers all 290 kommun ids in one v2 segment with every kommun’s value for the KPI and year', async () => {
      const kommuner = (
        await store.db.selectFrom('municipality').select('id').where('type', '=', 'K').orderBy('id').execute()
      ).map((m) => m.id);
      expect(kommuner).toHaveLength(290);
      const stored = await store.db
        .selectFrom('value')
        .select(['municipality_id', 'gender', 'value'])
        .where('kpi_id', '=', 'N01951')
        .where('period', '=', 2022)
        .where('is_deleted', '=', 0)
        .where('municipality_id', 'in', kommuner)
        .orderBy('municipality_id')
        .orderBy('gender')
        .execute();
      expect(new Set(stored.map((r) => r.municipality_id)).size).toBe(290);

      const { status, body } = await get(`/v2/data/kpi/N01951/municipality/${kommuner.join(',')}/year/2022`);
      expect(status).toBe(200);
      expect(body.next_page).toBeUndefined();
      const served = body.values.flatMap((i) =>
        (i.values as Obj[]).map((v) => `${i.municipality}/${v.gender}/${v.value}`),
      );
      expect(served).toEqual(stored.map((r) => `${r.municipality_id}/${r.gender}/${Number(r.value)}`));
      // v3 keeps Kolada v3's limit of 25 ids a segment.
      expect((await get(`/v3/data/kpi/N01951/municipality/${kommuner.join(',')}/year/2022`)).status).toBe(
        422,
      );
    });

    it('answers ?id= on metadata routes with exactly the objects named', async () => {
      for (const [url, expected] of [
        ['/v3/kpi?id=N00700,N01951', ['N00700', 'N01951']],
        ['/v3/municipality?id=1280,0180', ['0180', '1280']],
        ['/v2/kpi?id=N00700,N01951', ['N00700', 'N01951']],
        ['/v2/municipality?id=1280,0180', ['0180', '1280']],
      ] as const) {
        const { status, body } = await get(url);
        expect({ url, status }).toEqual({ url, status: 200 });
        expect({ url, ids: body.values.map((v) => v.id) }).toEqual({ url, ids: expected });
      }
    });
  });
}
