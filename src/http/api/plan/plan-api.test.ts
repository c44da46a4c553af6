import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { LULEA_FILE, LULEA_KPIS } from '../../../../test/support/plan-files.js';
import { copyRealSubset } from '../../../../test/support/real-subset.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { loadSettings } from '../../../config/settings.js';
import { importPlanFile } from '../../../domain/plan/plan.service.js';
import { PlanRepository } from '../../../store/repositories/plan.repository.js';
import { buildApp } from '../../app.js';

const TOKEN = 'plan-api-test-token-0123456789';
const lulea = readFileSync(LULEA_FILE, 'utf8');

for (const dialect of DIALECTS) {
  describe(`Plan API (${dialect})`, () => {
    let temp: TempStore;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let publicId: number;
    let privateId: number;
    const auth = { authorization: `Bearer ${TOKEN}` };

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await copyRealSubset(dialect, temp.store, LULEA_KPIS);
      const repo = new PlanRepository(temp.store.db);
      publicId = await importPlanFile(
        repo,
        lulea.replace('  organisation: "2580"\n', '  organisation: "2580"\n  public: true\n'),
        'pub.yaml',
      );
      privateId = await importPlanFile(repo, lulea, 'lulea.yaml');
      app = await buildApp({
        store: temp.store,
        settings: loadSettings({ LOG_LEVEL: 'silent', ETABLERA_ADMIN_TOKEN: TOKEN }),
      });
    });
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('lists public plans to anyone and every plan to the operator', async () => {
      const anon = (await app.inject({ url: '/api/plans' })).json();
      expect(anon.plans.map((p: { id: number }) => p.id)).toEqual([publicId]);
      const op = (await app.inject({ url: '/api/plans', headers: auth })).json();
      expect(op.plans.map((p: { id: number }) => p.id).sort()).toEqual([publicId, privateId].sort());
    });

    it('gives the tree; a plan the caller may not see is 404 like one that does not exist', async () => {
      const tree = (await app.inject({ url: `/api/plans/${publicId}` })).json();
      expect(tree.nodes[0].code).toBe('ÖM.9');
      expect(tree.nodes[0].indicators).toHaveLength(8);
      expect(tree.periods.list[0]).toMatchObject({
        label: '2015',
        end: '2015-12-31',
        deadline: '2016-02-14',
      });
      expect((await app.inject({ url: `/api/plans/${privateId}` })).statusCode).toBe(404);
      expect((await app.inject({ url: '/api/plans/999999' })).statusCode).toBe(404);
      expect((await app.inject({ url: `/api/plans/${privateId}`, headers: auth })).statusCode).toBe(200);
    });

    it('gives the follow-up of a period, and names a bad period', async () => {
      const res = await app.inject({ url: `/api/plans/${publicId}/followup?period=2022` });
      expect(res.statusCode).toBe(200);
      const f = res.json();
      const om98 = f.indicators.find((i: { code: string }) => i.code === 'ÖM.9.8');
      expect(om98.values.at(-1)).toMatchObject({ period: '2022' });
      expect(om98.trend).toMatchObject({ method: 'regression' });
      expect(['better', 'worse', 'unchanged']).toContain(om98.trend.direction);
      expect(om98.riket.at(-1).period).toBe('2022');
      const bad = await app.inject({ url: `/api/plans/${publicId}/followup?period=2022-T1` });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ parameter: 'period' });
      const iati = (
        await app.inject({ url: `/api/plans/${publicId}/followup?period=2022&format=iati` })
      ).json();
      expect(iati.format).toBe('etablera-followup/1');
    });

    it('writes need the token; the public sees an entry only once it is approved', async () => {
      const tree = (await app.inject({ url: `/api/plans/${publicId}` })).json();
      const node = tree.nodes[0].id;
      const body = { kind: 'node', item_id: node, period: '2022', verdict: 'troligt', comment: 'Bättre.' };
      expect(
        (await app.inject({ method: 'POST', url: `/api/plans/${publicId}/followup`, payload: body }))
          .statusCode,
      ).toBe(401);
      const written = await app.inject({
        method: 'POST',
        url: `/api/plans/${publicId}/followup`,
        payload: body,
        headers: auth,
      });
      expect(written.statusCode).toBe(200);
      const verdictOf = async (headers = {}) =>
        (await app.inject({ url: `/api/plans/${publicId}/followup?period=2022`, headers })).json().nodes[0]
          .verdict;
      expect(await verdictOf()).toBeNull();
      expect((await verdictOf(auth))?.key).toBe('troligt');
      for (const to of ['ready', 'approved'])
        expect(
          (
            await app.inject({
              method: 'POST',
              url: `/api/plans/${publicId}/followup/state`,
              payload: { kind: 'node', item_id: node, period: '2022', to },
              headers: auth,
            })
          ).statusCode,
        ).toBe(200);
      expect((await verdictOf())?.key).toBe('troligt');
      const off = await app.inject({
        method: 'POST',
        url: `/api/plans/${publicId}/followup`,
        payload: { ...body, verdict: 'bra' },
        headers: auth,
      });
      expect(off.statusCode).toBe(400);
      expect(off.json()).toMatchObject({ field: 'verdict' });
    });

    it("takes own measures' values by push and refuses them for a Kolada-bound indicator", async () => {
      const tree = (await app.inject({ url: `/api/plans/${publicId}` })).json();
      const own = tree.nodes[0].indicators.find((i: { code: string }) => i.code === 'ÖM.9.1').id;
      const kolada = tree.nodes[0].indicators.find((i: { code: string }) => i.code === 'ÖM.9.8').id;
      const push = (id: number, payload: unknown, headers: Record<string, string> = auth) =>
        app.inject({
          method: 'POST',
          url: `/api/indicators/${id}/values`,
          payload: payload as object,
          headers,
        });
      expect((await push(own, { values: [{ period: '2020', value: 80.2 }] }, {})).statusCode).toBe(401);
      const ok = await push(own, {
        values: [
          { period: '2020', value: 80.2 },
          { period: '2020', value: 78.9, gender: 'K' },
        ],
      });
      expect(ok.json()).toEqual({ written: 2 });
      const f = (await app.inject({ url: `/api/plans/${publicId}/followup?period=2020` })).json();
      expect(f.indicators.find((i: { id: number }) => i.id === own).values).toEqual([
        { period: '2019', T: 79.5, K: null, M: null },
        { period: '2020', T: 80.2, K: 78.9, M: null },
      ]);
      expect((await push(kolada, { values: [{ period: '2020', value: 1 }] })).json().error).toMatch(
        /reads Kolada N00973/,
      );
      expect((await push(own, { values: [{ period: '20x0', value: 1 }] })).statusCode).toBe(400);
      expect((await push(own, { values: [{ period: '2020', value: 'x' }] })).statusCode).toBe(400);
      expect((await push(999999, { values: [{ period: '2020', value: 1 }] })).statusCode).toBe(404);
    });

    it('documents the Plan API in /api/openapi.json', async () => {
      const doc = (await app.inject({ url: '/api/openapi.json' })).json();
      for (const path of [
        '/api/plans',
        '/api/plans/{id}',
        '/api/plans/{id}/followup',
        '/api/indicators/{id}/values',
      ])
        expect(Object.keys(doc.paths)).toContain(path);
    });
  });
}
