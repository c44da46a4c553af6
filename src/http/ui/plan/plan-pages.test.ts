/**
 * The Plan pages over the committed fixture, on every backend: overview and goal page (verdicts as
 * text, trends, summary lines, "Källa: Kolada"), their data variants, the reporter's form limited to
 * their nodes (plain POST with CSRF, then redirect), approval by a strategist, the editor, the public
 * site with approved entries only, 404 for another organisation's plan, and the audit log.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, PASSWORD } from '../../../../test/support/accounts.js';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { createFixtureStore } from '../../../../test/support/fixture.js';
import { FIXTURE_PLAN_YAML } from '../../../../test/support/plan-files.js';
import type { TempStore } from '../../../../test/support/temp-store.js';
import { AccountService } from '../../../accounts/account.service.js';
import { TokenService } from '../../../accounts/token.service.js';
import { loadSettings } from '../../../config/settings.js';
import { importPlanFile } from '../../../domain/plan/plan.service.js';
import { PlanRepository } from '../../../store/repositories/plan.repository.js';
import { buildApp } from '../../app.js';

for (const dialect of DIALECTS) {
  describe(`Plan pages (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let planId: number;
    let otherPlanId: number;
    let goalId: number;
    let areaId: number;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      temp = await createFixtureStore(dialect);
      const repo = new PlanRepository(temp.store.db);
      planId = await importPlanFile(repo, FIXTURE_PLAN_YAML, 'plan.yaml');
      otherPlanId = await importPlanFile(
        repo,
        FIXTURE_PLAN_YAML.replace('organisation: "1282"', 'organisation: "1280"'),
        'other.yaml',
      );
      const nodes = (await repo.contents(planId))!.nodes;
      areaId = nodes[0]!.id;
      goalId = nodes[1]!.id;
      const accounts = new AccountService(temp.store.repositories);
      await accounts.addOrganisation(null, { id: '1282', name: 'Landskrona stad' });
      await accounts.addOrganisation(null, { id: '1280', name: 'Malmö stad' });
      for (const [email, org, role] of [
        ['strateg@landskrona.se', '1282', 'strategist'],
        ['rapportor@landskrona.se', '1282', 'reporter'],
        ['annan@landskrona.se', '1282', 'reporter'],
        ['strateg@malmo.se', '1280', 'strategist'],
      ] as const) {
        await accounts.addUser(null, { email, organisationId: org, role, password: PASSWORD });
        ids[email] = (
          await temp.store.db
            .selectFrom('app_user')
            .select('id')
            .where('email', '=', email)
            .executeTakeFirstOrThrow()
        ).id;
      }
      app = await buildApp({
        store: temp.store,
        settings: loadSettings({ LOG_LEVEL: 'silent', ETABLERA_RATE_LIMIT_MAX: '0' }),
      });
    });
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    const signedIn = async (email: string) => {
      const b = new Browser(app);
      await b.signIn(email);
      return b;
    };
    const planAudit = async () =>
      (
        await temp.store.db
          .selectFrom('audit_log')
          .select(['action', 'actor'])
          .where('action', 'like', 'plan.%')
          .orderBy('id')
          .execute()
      ).map((r) => `${r.action} ${r.actor}`);

    it("asks for sign-in, and answers 404 for another organisation's plan", async () => {
      const anon = await app.inject({ url: `/plan/${planId}`, headers: { accept: 'text/html' } });
      expect(anon.statusCode).toBe(303);
      expect(anon.headers.location).toMatch(/^\/logga-in/);
      const malmo = await signedIn('strateg@malmo.se');
      expect((await malmo.get(`/plan/${planId}`)).statusCode).toBe(404);
      expect((await malmo.get(`/plan/${planId}/mal/${goalId}`)).statusCode).toBe(404);
      expect((await malmo.get(`/plan/${planId}/redigera`)).statusCode).toBe(404);
      expect((await malmo.get(`/plan/${otherPlanId}`)).statusCode).toBe(200);
      // Writes to another organisation's plan: 404, nothing recorded.
      await malmo.get(`/plan/${otherPlanId}/redigera`);
      const res = await malmo.post(`/plan/${planId}/redigera`, { op: 'add-node', title: 'Intrång' });
      expect(res.statusCode).toBe(404);
      expect((await new PlanRepository(temp.store.db).contents(planId))!.nodes).toHaveLength(2);
    });

    it('shows the overview: tree, verdicts as text, trends, the summary lines, and data variants', async () => {
      const b = await signedIn('strateg@landskrona.se');
      const page = await b.get(`/plan/${planId}?period=2022`);
      expect(page.statusCode).toBe(200);
      const html = page.body;
      expect(html).toContain('Integrationsprogram (test)');
      expect(html).toContain('Fler nyanlända i arbete eller studier');
      expect(html).toContain('Ingen bedömning ännu');
      expect(html).toMatch(/\d av 2 indikatorer utvecklas positivt/);
      expect(html).toContain('Arbetsmarknadsförvaltningen');
      expect(html).toContain('1 påbörjad');
      const json = (
        await app.inject({
          url: `/plan/${planId}.json?period=2022`,
          headers: { cookie: b.jar ? cookie(b) : '' },
        })
      ).json();
      expect(json.meta.summary).toMatch(/av 2 indikatorer utvecklas positivt/);
      expect(json.rows.map((r: { kind: string }) => r.kind)).toEqual([
        'node',
        'node',
        'indicator',
        'indicator',
        'action',
      ]);
      const csv = await app.inject({
        url: `/plan/${planId}.csv?period=2022`,
        headers: { cookie: cookie(b) },
      });
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const xlsx = await app.inject({
        url: `/plan/${planId}.xlsx?period=2022`,
        headers: { cookie: cookie(b) },
      });
      expect(xlsx.statusCode).toBe(200);
      const en = await b.get(`/plan/${planId}?period=2022&lang=en`);
      expect(en.body).toMatch(/\d of 2 indicators are improving/);
      const bad = await b.get(`/plan/${planId}?period=2031`);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('2031');
    });

    it('shows a goal with its indicators: chart data, Källa: Kolada, Riket and the targets', async () => {
      const b = await signedIn('strateg@landskrona.se');
      const page = await b.get(`/plan/${planId}/mal/${goalId}?period=2022`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Källa: Kolada');
      expect(page.body).toContain('data-chart="trend"');
      const chart = /data-chart-data="([^"]+)"/.exec(page.body)![1]!.replaceAll('&quot;', '"');
      const data = JSON.parse(chart);
      expect(data.series.map((s: { kind: string }) => s.kind)).toEqual(['kommun', 'target', 'riket']);
      expect(data.series[0].name).toBe('Landskrona');
      expect(page.body).toContain('linjär regression');
      expect((await b.get(`/plan/${planId}/mal/999999`)).statusCode).toBe(404);
    });

    it('gives a reporter only their nodes, refuses the others, and audits every write', async () => {
      const strategist = await signedIn('strateg@landskrona.se');
      await strategist.get(`/plan/${planId}/redigera`);
      const assigned = await strategist.post(`/plan/${planId}/redigera`, {
        op: 'assign',
        node: String(goalId),
        user: ids['rapportor@landskrona.se']!,
      });
      expect(assigned.statusCode).toBe(303);
      expect(assigned.headers.location).toContain('klart=assign');

      const reporter = await signedIn('rapportor@landskrona.se');
      const form = await reporter.get(`/plan/${planId}/rapportera?period=2022`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('Fler nyanlända i arbete eller studier');
      expect(form.body).not.toContain(`id="node-${areaId}"`); // the goal area is not theirs
      expect(form.body).toContain('Att rapportera');
      // Without the form's token: 403.
      const noToken = await reporter.post(
        `/plan/${planId}/rapportera`,
        { kind: 'node', item: String(goalId), period: '2022', op: 'save', verdict: 'troligt' },
        { csrf: false },
      );
      expect(noToken.statusCode).toBe(403);
      const saved = await reporter.post(`/plan/${planId}/rapportera`, {
        kind: 'node',
        item: String(goalId),
        period: '2022',
        op: 'ready',
        verdict: 'troligt',
        comment: 'Fler i arbete än väntat.',
      });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toContain('klart=ready');
      const outside = await reporter.post(`/plan/${planId}/rapportera`, {
        kind: 'node',
        item: String(areaId),
        period: '2022',
        op: 'save',
        verdict: 'troligt',
      });
      expect(outside.headers.location).toContain('fel=outside');
      const approveAsReporter = await reporter.post(`/plan/${planId}/rapportera`, {
        kind: 'node',
        item: String(goalId),
        period: '2022',
        op: 'approve',
      });
      expect(approveAsReporter.headers.location).toContain('fel=approve');
      const badReason = await reporter.post(`/plan/${planId}/rapportera`, {
        kind: 'indicator',
        item: String((await new PlanRepository(temp.store.db).contents(planId))!.indicators[0]!.id),
        period: '2022',
        op: 'save',
        trend_override: 'better',
        override_reason: '',
      });
      expect(badReason.headers.location).toContain('fel=override_reason');

      const other = await signedIn('annan@landskrona.se');
      const empty = await other.get(`/plan/${planId}/rapportera?period=2022`);
      expect(empty.body).toContain('Du är inte utsedd att rapportera');

      // Not on the public site before it is published and approved.
      expect((await app.inject({ url: `/uppfoljning/${planId}` })).statusCode).toBe(404);
      await strategist.get(`/plan/${planId}/rapportera?period=2022`);
      const approved = await strategist.post(`/plan/${planId}/rapportera`, {
        kind: 'node',
        item: String(goalId),
        period: '2022',
        op: 'approve',
      });
      expect(approved.headers.location).toContain('klart=approved');
      await strategist.post(`/plan/${planId}/redigera`, { op: 'publish' });
      const pub = await app.inject({ url: `/uppfoljning/${planId}?period=2022` });
      expect(pub.statusCode).toBe(200);
      expect(pub.body).toContain('Troligt att målet nås');
      const pubGoal = await app.inject({ url: `/uppfoljning/${planId}/mal/${goalId}?period=2022` });
      expect(pubGoal.body).toContain('Fler i arbete än väntat.');
      expect((await app.inject({ url: `/uppfoljning/${otherPlanId}` })).statusCode).toBe(404);

      expect(await planAudit()).toEqual([
        'plan.edit.assign strateg@landskrona.se',
        'plan.followup.record rapportor@landskrona.se',
        'plan.followup.ready rapportor@landskrona.se',
        'plan.followup.approved strateg@landskrona.se',
        'plan.edit.publish strateg@landskrona.se',
      ]);
    });

    it('holds a reporter to their nodes on the API writes too (403 elsewhere, nothing written)', async () => {
      const { token } = await new TokenService(temp.store.repositories).create(null, {
        email: 'rapportor@landskrona.se',
        lifetimeMs: null,
      });
      const headers = { authorization: `Bearer ${token}` };
      // The reporter was assigned to the goal (not the goal area) in the test above.
      const post = (payload: object) =>
        app.inject({ method: 'POST', url: `/api/plans/${planId}/followup`, payload, headers });
      const outside = await post({ kind: 'node', item_id: areaId, period: '2021', comment: 'x' });
      expect(outside.statusCode).toBe(403);
      // The one JSON error shape of Etablera's own endpoints, with a reason code.
      expect(outside.json()).toMatchObject({
        statusCode: 403,
        code: 'outsideScope',
        error: expect.any(String),
      });
      const badPeriod = await app.inject({ url: `/api/plans/${planId}/followup?period=2022-T9`, headers });
      expect(badPeriod.json()).toMatchObject({ statusCode: 400, code: 'invalidPeriod', parameter: 'period' });
      const elsewhere = await app.inject({ url: `/api/plans/${otherPlanId}`, headers });
      expect(elsewhere.json()).toEqual({ statusCode: 404, error: 'no such plan', code: 'notFound' });
      expect(
        await new PlanRepository(temp.store.db).followup(planId, 'node', areaId, '2021'),
      ).toBeUndefined();
      const own = await post({ kind: 'node', item_id: goalId, period: '2021', comment: 'Egen del.' });
      expect(own.statusCode).toBe(200);
      const contents = (await new PlanRepository(temp.store.db).contents(planId))!;
      const ownMeasure = contents.indicators.find((i) => !i.kpi_id)!;
      const pushed = await app.inject({
        method: 'POST',
        url: `/api/indicators/${ownMeasure.id}/values`,
        payload: { values: [{ period: '2023', value: 70 }] },
        headers,
      });
      expect(pushed.statusCode).toBe(200); // the own measure hangs on their goal
    });

    it('lets a strategist build the tree with forms: add a goal, bind a Kolada indicator, move, delete', async () => {
      const b = await signedIn('strateg@landskrona.se');
      await b.get(`/plan/${planId}/redigera`);
      const added = await b.post(`/plan/${planId}/redigera`, {
        op: 'add-node',
        parent: String(areaId),
        title: 'Fler kvinnor i arbete',
        code: '1.2',
      });
      expect(added.headers.location).toContain('klart=add-node');
      const repo = new PlanRepository(temp.store.db);
      const node = (await repo.contents(planId))!.nodes.find((n) => n.title === 'Fler kvinnor i arbete')!;
      expect(node.parent_id).toBe(areaId);
      expect(node.type).toBe('mal');
      const unknown = await b.post(`/plan/${planId}/redigera`, {
        op: 'add-indicator',
        node: String(node.id),
        title: 'X',
        kpi: 'N99999',
      });
      expect(unknown.headers.location).toContain('fel=unknownKpi');
      const bound = await b.post(`/plan/${planId}/redigera`, {
        op: 'add-indicator',
        node: String(node.id),
        title: 'Andel kvinnor i arbete',
        kpi: 'n00700',
        gender: 'K',
        direction: 'higher',
        compare_with: 'kommungrupp',
        targets: '2024=55',
      });
      expect(bound.headers.location).toContain('klart=add-indicator');
      const indicator = (await repo.contents(planId))!.indicators.find(
        (i) => i.title === 'Andel kvinnor i arbete',
      )!;
      expect(indicator).toMatchObject({ kpi_id: 'N00700', gender: 'K', municipality_id: '1282' });
      const moved = await b.post(`/plan/${planId}/redigera`, {
        op: 'move-up',
        kind: 'node',
        item: String(node.id),
      });
      expect(moved.headers.location).toContain('klart=move-up');
      const order = (await repo.contents(planId))!.nodes.map((n) => n.title);
      expect(order).toEqual([
        'Arbete och egen försörjning',
        'Fler kvinnor i arbete',
        'Fler nyanlända i arbete eller studier',
      ]);
      const goal = await b.get(`/plan/${planId}/mal/${node.id}?period=2022`);
      expect(goal.body).toContain('Andel kvinnor i arbete');
      await b.post(`/plan/${planId}/redigera`, { op: 'delete-node', node: String(node.id) });
      expect((await repo.contents(planId))!.nodes).toHaveLength(2);
      // A reporter cannot open the editor (plan.edit).
      const reporter = await signedIn('rapportor@landskrona.se');
      expect((await reporter.get(`/plan/${planId}/redigera`)).statusCode).toBe(403);
    });
    it('lets a strategist edit the report template with forms; problems are named where they are', async () => {
      const b = await signedIn('strateg@landskrona.se');
      // A goal for the template to name, deleted further down through the editor.
      await b.get(`/plan/${planId}/redigera`);
      await b.post(`/plan/${planId}/redigera`, {
        op: 'add-node',
        parent: String(areaId),
        title: 'Tillfälligt mål',
      });
      const goal = (await new PlanRepository(temp.store.db).contents(planId))!.nodes.find(
        (n) => n.title === 'Tillfälligt mål',
      )!.id;
      const url = `/plan/${planId}/rapporter/mall`;
      const stamp = (body: string) => /name="stamp" value="([0-9a-f]+)"/.exec(body)![1]!;
      const sections = async () =>
        JSON.parse(
          (
            await temp.store.db
              .selectFrom('plan_report_template')
              .select('template')
              .where('plan_id', '=', planId)
              .executeTakeFirstOrThrow()
          ).template,
        ).sections as { type: string; node?: number; title?: string; charts?: boolean }[];
      let page = await b.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Avsnitt 3: Ett avsnitt per målområde');
      // A goal section without a goal: refused, nothing saved, the add form is pointed at.
      const noGoal = await b.post(url, { stamp: stamp(page.body), op: 'add', type: 'goal', node: '' });
      expect(noGoal.headers.location).toContain('fel=template-choose-goal');
      expect((await b.get(String(noGoal.headers.location))).body).toContain('href="#lagg-till"');
      const noTitle = await b.post(url, { stamp: stamp(page.body), op: 'add', type: 'text', text: 'x' });
      expect(noTitle.headers.location).toContain('fel=template-text-missing');
      // Add a goal and a text, move the goal up, leave out its charts.
      let r = await b.post(url, { stamp: stamp(page.body), op: 'add', type: 'goal', node: String(goal) });
      expect(r.headers.location).toContain('klart=template-add');
      expect(r.headers.location).toContain('#avsnitt-4');
      page = await b.get(url);
      // A form drawn from the template before that change changes nothing.
      const stale = await b.post(url, { stamp: 'feedfeedfeedfeed', op: 'delete', index: '0' });
      expect(stale.headers.location).toContain('fel=template-changed');
      r = await b.post(url, {
        stamp: stamp(page.body),
        op: 'add',
        type: 'text',
        title: 'Bakgrund',
        text: 'Planen antogs 2023.',
      });
      page = await b.get(url);
      r = await b.post(url, { stamp: stamp(page.body), op: 'up', index: '3' });
      expect(r.headers.location).toContain('klart=template-move');
      page = await b.get(url);
      r = await b.post(url, {
        stamp: stamp(page.body),
        op: 'update',
        index: '2',
        type: 'goal',
        node: String(goal),
        flags: '1',
        indicators: '1',
        actions: '1',
      });
      expect(r.headers.location).toContain('klart=template-update');
      expect(await sections()).toEqual([
        { type: 'introduction' },
        { type: 'summary' },
        { type: 'goal', node: goal, indicators: true, charts: false, actions: true },
        { type: 'goals' },
        { type: 'text', title: 'Bakgrund', text: 'Planen antogs 2023.' },
      ]);
      // The goal is deleted from the plan: the page marks section 3 and lists it at the top; a move
      // elsewhere is refused naming it; removing the section is allowed.
      await b.get(`/plan/${planId}/redigera`);
      const deleted = await b.post(`/plan/${planId}/redigera`, { op: 'delete-node', node: String(goal) });
      expect(deleted.headers.location).toContain('klart=');
      page = await b.get(url);
      expect(page.body).toContain('href="#avsnitt-3"');
      expect(page.body).toMatch(/id="s3-node"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="s3-node"/);
      expect(page.body).toContain(`målet med id ${goal} finns inte längre i planen`);
      r = await b.post(url, { stamp: stamp(page.body), op: 'down', index: '3' });
      expect(r.headers.location).toContain('fel=template-deleted-goal');
      expect(r.headers.location).toContain('avsnitt=3');
      r = await b.post(url, { stamp: stamp(page.body), op: 'delete', index: '2' });
      expect(r.headers.location).toContain('klart=template-delete');
      expect((await sections()).map((x) => x.type)).toEqual(['introduction', 'summary', 'goals', 'text']);
      page = await b.get(url);
      r = await b.post(url, { stamp: stamp(page.body), op: 'reset' });
      expect((await sections()).map((x) => x.type)).toEqual(['introduction', 'summary', 'goals']);
      expect((await planAudit()).filter((a) => a.startsWith('plan.report.template'))).toEqual(
        Array(6).fill('plan.report.template strateg@landskrona.se'),
      );
      // The data variant, and a reporter cannot open it (plan.edit).
      expect((await b.get(`${url}.json`)).statusCode).toBe(200);
      const reporter = await signedIn('rapportor@landskrona.se');
      expect((await reporter.get(url)).statusCode).toBe(403);
    });
  });
}

function cookie(b: Browser): string {
  return Object.entries(b.jar)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}
