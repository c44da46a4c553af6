/**
 * The demo plan: loaded with the demo data (so a newcomer sees Plan at once, without signing in, on
 * the public follow-up site), labelled as demo, reading the demo KPIs, and removed with the demo data
 * when real data arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { loadSettings } from '../config/settings.js';
import { buildApp } from '../http/app.js';
import { SyncStateRepository } from '../store/repositories/sync-state.repository.js';
import { loadDemoData } from './demo-loader.js';
import { DEMO_PLAN_ORGANISATION } from './demo-plan.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: the demo plan`, () => {
    let temp: TempStore;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await loadDemoData(temp.store);
    }, 300_000);
    afterAll(async () => {
      await temp?.destroy();
    });

    it('is published with the demo data and shows on the public site without signing in', async () => {
      const plans = await temp.store.db.selectFrom('plan').selectAll().execute();
      expect(plans).toHaveLength(1);
      expect(plans[0]).toMatchObject({
        organisation_id: DEMO_PLAN_ORGANISATION,
        is_public: 1,
        status: 'adopted',
      });
      const app = await buildApp({ store: temp.store, settings: loadSettings({ LOG_LEVEL: 'silent' }) });
      try {
        const list = await app.inject({ url: '/uppfoljning' });
        expect(list.statusCode).toBe(200);
        expect(list.body).toContain('Demoplan: integrationsprogram (exempel)');
        const page = await app.inject({ url: `/uppfoljning/${plans[0]!.id}` });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('DEMO – inte en verklig plan');
        expect(page.body).toContain('Demodata'); // the store's banner
        expect(page.body).toContain('Troligt att målet nås');
        expect(page.body).toMatch(/\d av 6 indikatorer utvecklas positivt/);
        const json = (await app.inject({ url: `/uppfoljning/${plans[0]!.id}.json` })).json();
        expect(json.meta.period).toBe('2024');
        const kolada = json.rows.filter((r: { kpi: string | null }) => r.kpi);
        expect(kolada.length).toBe(5);
        expect(kolada.every((r: { latest_value: number | null }) => r.latest_value !== null)).toBe(true);
      } finally {
        await app.close();
      }
    });

    it('goes with the demo data when real data replaces it', async () => {
      await new SyncStateRepository(temp.store.db).clearDemoData();
      expect(await temp.store.db.selectFrom('plan').selectAll().execute()).toEqual([]);
      expect(await temp.store.db.selectFrom('plan_node').selectAll().execute()).toEqual([]);
      expect(await temp.store.db.selectFrom('plan_followup').selectAll().execute()).toEqual([]);
    });
  });
}
