import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { LULEA_FILE, LULEA_KPIS } from '../../../../test/support/plan-files.js';
import { describeFullData, HAS_FULL_DATA } from '../../../../test/support/real-data.js';
import { copyRealSubset } from '../../../../test/support/real-subset.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { AccountService } from '../../../accounts/account.service.js';
import { TokenService } from '../../../accounts/token.service.js';
import { loadSettings } from '../../../config/settings.js';
import { importPlanFile } from '../../../domain/plan/plan.service.js';
import { PlanRepository } from '../../../store/repositories/plan.repository.js';
import { buildApp } from '../../app.js';

const lulea = HAS_FULL_DATA ? readFileSync(LULEA_FILE, 'utf8') : '';

for (const dialect of DIALECTS) {
  describeFullData(`Plan API (${dialect})`, () => {
    let temp: TempStore;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let luleaId: number;
    let malmoId: number;
    const headers: Record<'strategist' | 'reporter' | 'unassigned' | 'malmo', { authorization: string }> =
      {} as never;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await copyRealSubset(dialect, temp.store, LULEA_KPIS);
      const repo = new PlanRepository(temp.store.db);
      luleaId = await importPlanFile(repo, lulea, 'lulea.yaml');
      malmoId = await importPlanFile(
        repo,
        lulea.replace('  organisation: "2580"\n', '  organisation: "1280"\n'),
        'malmo.yaml',
      );
      const accounts = new AccountService(temp.store.repositories);
      await accounts.addOrganisation(null, { id: '2580' });
      await accounts.addOrganisation(null, { id: '1280' });
      const tokens = new TokenService(temp.store.repositories);
      for (const [who, email, org, role] of [
        ['strategist', 'strateg@lulea.se', '2580', 'strategist'],
        ['reporter', 'rapportor@lulea.se', '2580', 'reporter'],
        ['unassigned', 'annan@lulea.se', '2580', 'reporter'],
        ['malmo', 'strateg@malmo.se', '1280', 'strategist'],
      ] as const) {
        await accounts.addUser(null, {
          email,
          organisationId: org,
          role,
          password: 'rätt lång lösenfras för planprov 7',
        });
        const { token } = await tokens.create(null, { email, lifetimeMs: null });
        headers[who] = { authorization: `Bearer ${token}` };
      }
      // The reporter reports on Luleå's goal; the other reporter on nothing yet.
      const reporter = await temp.store.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'rapportor@lulea.se')
        .executeTakeFirstOrThrow();
      const goal = (await repo.contents(luleaId))!.nodes[0]!;
      await repo.assignReporter({
        plan_id: luleaId,
        node_id: goal.id,
        user_id: reporter.id,
        assigned_by: 'test',
        assigned_at: new Date().toISOString(),
      });
      app = await buildApp({
        store: temp.store,
        settings: loadSettings({ LOG_LEVEL: 'silent', ETABLERA_RATE_LIMIT_MAX: '0' }),
      });
    });
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    const get = (url: string, h?: { authorization: string }) => app.inject({ url, headers: h ?? {} });
    const post = (url: string, payload: object, h?: { authorization: string }) =>
      app.inject({ method: 'POST', url, payload, headers: h ?? {} });
    const auditActions = async () =>
      await temp.store.db
        .selectFrom('audit_log')
        .select(['action', 'actor', 'organisation_id'])
        .where('action', 'like', 'plan.%')
        .execute();

    it("lists the caller's organisation's plans; none without signing in", async () => {
      expect((await get('/api/plans')).statusCode).toBe(401);
      expect(
        (await get('/api/plans', headers.strategist)).json().plans.map((p: { id: number }) => p.id),
      ).toEqual([luleaId]);
      expect((await get('/api/plans', headers.malmo)).json().plans.map((p: { id: number }) => p.id)).toEqual([
        malmoId,
      ]);
    });

    it("gives the tree; another organisation's plan is 404 like one that does not exist", async () => {
      const tree = (await get(`/api/plans/${luleaId}`, headers.reporter)).json();
      expect(tree.nodes[0].code).toBe('ÖM.9');
      expect(tree.nodes[0].indicators).toHaveLength(8);
      expect(tree.periods.list[0]).toMatchObject({
        label: '2015',
        end: '2015-12-31',
        deadline: '2016-02-14',
      });
      expect((await get(`/api/plans/${luleaId}`, headers.malmo)).statusCode).toBe(404);
      expect((await get(`/api/plans/${luleaId}/followup?period=2022`, headers.malmo)).statusCode).toBe(404);
      expect((await get('/api/plans/999999', headers.strategist)).statusCode).toBe(404);
    });

    it('gives the follow-up of a period, and names a bad period', async () => {
      const res = await get(`/api/plans/${luleaId}/followup?period=2022`, headers.reporter);
      expect(res.statusCode).toBe(200);
      const om98 = res.json().indicators.find((i: { code: string }) => i.code === 'ÖM.9.8');
      expect(om98.values.at(-1)).toMatchObject({ period: '2022' });
      expect(om98.trend).toMatchObject({ method: 'regression' });
      expect(['better', 'worse', 'unchanged']).toContain(om98.trend.direction);
      expect(om98.riket.at(-1).period).toBe('2022');
      const bad = await get(`/api/plans/${luleaId}/followup?period=2022-T1`, headers.reporter);
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ parameter: 'period' });
      const iati = (
        await get(`/api/plans/${luleaId}/followup?period=2022&format=iati`, headers.reporter)
      ).json();
      expect(iati.format).toBe('etablera-followup/1');
    });

    it('a reporter records and marks ready, a strategist approves; every write is audited', async () => {
      const node = (await get(`/api/plans/${luleaId}`, headers.strategist)).json().nodes[0].id;
      const url = `/api/plans/${luleaId}/followup`;
      const body = { kind: 'node', item_id: node, period: '2022', verdict: 'troligt', comment: 'Bättre.' };
      expect((await post(url, body)).statusCode).toBe(401);
      expect((await post(url, body, headers.malmo)).statusCode).toBe(404);
      // A reporter writes only on the nodes assigned to them.
      expect((await post(url, body, headers.unassigned)).statusCode).toBe(403);
      expect((await post(url, body, headers.reporter)).statusCode).toBe(200);
      const state = (to: string, h: { authorization: string }) =>
        post(`${url}/state`, { kind: 'node', item_id: node, period: '2022', to }, h);
      expect((await state('ready', headers.reporter)).json()).toMatchObject({
        state: 'ready',
        ready_by: 'rapportor@lulea.se',
      });
      expect((await state('approved', headers.reporter)).statusCode).toBe(404); // approving needs plan.edit
      expect((await state('approved', headers.strategist)).json()).toMatchObject({
        state: 'approved',
        approved_by: 'strateg@lulea.se',
      });
      const off = await post(url, { ...body, verdict: 'bra' }, headers.reporter);
      expect(off.statusCode).toBe(400);
      expect(off.json()).toMatchObject({ field: 'verdict' });
      expect(await auditActions()).toEqual([
        { action: 'plan.followup.record', actor: 'rapportor@lulea.se', organisation_id: '2580' },
        { action: 'plan.followup.ready', actor: 'rapportor@lulea.se', organisation_id: '2580' },
        { action: 'plan.followup.approved', actor: 'strateg@lulea.se', organisation_id: '2580' },
      ]);
    });

    it("takes own measures' values by push and refuses them for a Kolada-bound indicator", async () => {
      const tree = (await get(`/api/plans/${luleaId}`, headers.reporter)).json();
      const own = tree.nodes[0].indicators.find((i: { code: string }) => i.code === 'ÖM.9.1').id;
      const kolada = tree.nodes[0].indicators.find((i: { code: string }) => i.code === 'ÖM.9.8').id;
      const push = (id: number, payload: object, h = headers.reporter) =>
        post(`/api/indicators/${id}/values`, payload, h);
      expect((await push(own, { values: [{ period: '2020', value: 80.2 }] }, headers.malmo)).statusCode).toBe(
        404,
      );
      const ok = await push(own, {
        values: [
          { period: '2020', value: 80.2 },
          { period: '2020', value: 78.9, gender: 'K' },
        ],
      });
      expect(ok.json()).toEqual({ written: 2 });
      expect(
        (await push(own, { values: [{ period: '2020', value: 1 }] }, headers.unassigned)).statusCode,
      ).toBe(403);
      const f = (await get(`/api/plans/${luleaId}/followup?period=2020`, headers.reporter)).json();
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
      expect((await auditActions()).filter((a) => a.action === 'plan.values.push')).toHaveLength(1);
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
