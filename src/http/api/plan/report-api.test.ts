/**
 * The reports API over the real app on Luleå's plan and the real data: the workflow by HTTP with the
 * reporters e-mailed through a real SMTP server, frozen files at stable URLs that answer the same
 * bytes after the follow-up changes, the public site's frozen reports, permissions and bad input.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { LULEA_FILE, LULEA_KPIS } from '../../../../test/support/plan-files.js';
import { describeFullData, HAS_FULL_DATA } from '../../../../test/support/real-data.js';
import { copyRealSubset } from '../../../../test/support/real-subset.js';
import { TestSmtpServer, TRUST_TEST_CERT } from '../../../../test/support/smtp.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { AccountService } from '../../../accounts/account.service.js';
import { TokenService } from '../../../accounts/token.service.js';
import { loadSettings } from '../../../config/settings.js';
import { importPlanFile } from '../../../domain/plan/plan.service.js';
import { Mailer } from '../../../mail/mailer.js';
import { PlanRepository } from '../../../store/repositories/plan.repository.js';
import { buildApp } from '../../app.js';

const lulea = HAS_FULL_DATA ? readFileSync(LULEA_FILE, 'utf8') : '';
const quiet = { info() {}, warn() {}, error() {} } as never;

for (const dialect of DIALECTS) {
  describeFullData(`reports API (${dialect})`, () => {
    let temp: TempStore;
    let smtp: TestSmtpServer;
    let mailer: Mailer;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let planId: number;
    let goalId: number;
    const headers: Record<'strategist' | 'reporter' | 'malmo', { authorization: string }> = {} as never;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      smtp = await new TestSmtpServer().start();
      await copyRealSubset(dialect, temp.store, LULEA_KPIS);
      const repo = new PlanRepository(temp.store.db);
      planId = await importPlanFile(repo, lulea, 'lulea.yaml');
      goalId = (await repo.contents(planId))!.nodes[0]!.id;
      const accounts = new AccountService(temp.store.repositories);
      await accounts.addOrganisation(null, { id: '2580' });
      await accounts.addOrganisation(null, { id: '1280' });
      const tokens = new TokenService(temp.store.repositories);
      for (const [who, email, org, role] of [
        ['strategist', 'strateg@lulea.se', '2580', 'strategist'],
        ['reporter', 'rapportor@lulea.se', '2580', 'reporter'],
        ['malmo', 'strateg@malmo.se', '1280', 'strategist'],
      ] as const) {
        await accounts.addUser(null, {
          email,
          organisationId: org,
          role,
          password: 'rätt lång lösenfras för rapportprov 7',
        });
        const { token } = await tokens.create(null, { email, lifetimeMs: null });
        headers[who] = { authorization: `Bearer ${token}` };
      }
      const reporter = await temp.store.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'rapportor@lulea.se')
        .executeTakeFirstOrThrow();
      await repo.assignReporter({
        plan_id: planId,
        node_id: goalId,
        user_id: reporter.id,
        assigned_by: 'test',
        assigned_at: new Date().toISOString(),
      });
      mailer = new Mailer({
        store: temp.store,
        settings: loadSettings(smtp.env()),
        log: quiet,
        transportExtra: TRUST_TEST_CERT,
      });
      app = await buildApp({
        store: temp.store,
        mailer,
        settings: loadSettings({
          LOG_LEVEL: 'silent',
          ETABLERA_RATE_LIMIT_MAX: '0',
          ETABLERA_PUBLIC_URL: 'https://etablera.example',
        }),
      });
    });
    afterAll(async () => {
      await app?.close();
      await mailer?.stop();
      await smtp?.stop();
      await temp?.destroy();
    });

    const get = (url: string, h?: { authorization: string }) => app.inject({ url, headers: h ?? {} });
    const post = (url: string, payload: object, h?: { authorization: string }) =>
      app.inject({ method: 'POST', url, payload, headers: h ?? {} });
    const base = () => `/api/plans/${planId}/reports`;

    it('creates, activates (reporters e-mailed), approves and freezes a report; its files keep their bytes', async () => {
      const created = await post(base(), { period: '2020' }, headers.strategist);
      expect(created.statusCode, created.body).toBe(201);
      const report = created.json() as { id: number; state: string; version: number };
      expect(report).toMatchObject({ state: 'draft', version: 1 });
      const step = (s: string) => post(`${base()}/${report.id}/${s}`, {}, headers.strategist);
      expect((await step('freeze')).statusCode).toBe(409);
      expect((await step('activate')).json()).toMatchObject({ state: 'activated', sections_ready: true });
      await mailer.deliverDue();
      const [mail] = await smtp.waitFor(1);
      expect(mail?.to).toEqual(['rapportor@lulea.se']);
      expect(mail?.subject).toBe('Rapport att skriva: Mål 2040 – Arbete (utdrag), 2020');
      expect(mail?.text).toContain(`https://etablera.example/plan/${planId}/rapportera?period=2020`);
      expect((await step('approve')).json()).toMatchObject({ state: 'approved' });
      const frozen = (await step('freeze')).json() as {
        state: string;
        files: { format: string; url: string; sha256: string }[];
      };
      expect(frozen.state).toBe('frozen');
      const pdfFile = frozen.files.find((f) => f.format === 'pdf')!;
      expect(pdfFile.url).toBe(`${base()}/${report.id}/rapport.pdf`);
      const first = await get(pdfFile.url, headers.strategist);
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toBe('application/pdf');
      expect(first.headers['cache-control']).toContain('immutable');
      // A comment changes after the freeze: the stored files answer the same bytes.
      const comment = await post(
        `/api/plans/${planId}/followup`,
        { kind: 'node', item_id: goalId, period: '2020', comment: 'Skrivet efter fastställandet.' },
        headers.strategist,
      );
      expect(comment.statusCode, comment.body).toBe(200);
      for (const format of ['pdf', 'docx', 'html', 'xlsx']) {
        const r = await get(`${base()}/${report.id}/rapport.${format}`, headers.strategist);
        expect(r.statusCode).toBe(200);
        const { createHash } = await import('node:crypto');
        expect(createHash('sha256').update(r.rawPayload).digest('hex')).toBe(
          frozen.files.find((f) => f.format === format)!.sha256,
        );
      }
      expect((await get(`${base()}/${report.id}/rapport.html`, headers.strategist)).body).not.toContain(
        'Skrivet efter fastställandet.',
      );
      const list = (await get(base(), headers.strategist)).json() as {
        reports: { id: number }[];
        template: unknown;
      };
      expect(list.reports.map((r) => r.id)).toEqual([report.id]);
      expect(list.template).toMatchObject({
        sections: [{ type: 'introduction' }, { type: 'summary' }, { type: 'goals' }],
      });
      const actions = await temp.store.db
        .selectFrom('audit_log')
        .select(['action', 'actor'])
        .where('action', 'like', 'plan.report.%')
        .orderBy('id')
        .execute();
      expect(actions).toEqual(
        ['create', 'activate', 'approve', 'freeze'].map((a) => ({
          action: `plan.report.${a}`,
          actor: 'strateg@lulea.se',
        })),
      );

      // The public site shows a published plan's frozen reports only.
      expect((await get(`/uppfoljning/${planId}/rapporter/${report.id}/rapport.pdf`)).statusCode).toBe(404);
      await new PlanRepository(temp.store.db).setPublic(planId, true);
      const pub = await get(`/uppfoljning/${planId}/rapporter/${report.id}/rapport.pdf`);
      expect(pub.statusCode).toBe(200);
      expect(pub.rawPayload.equals(first.rawPayload)).toBe(true);
      // A new version in progress (a draft) next to the frozen one: the public page lists the
      // frozen report with links to its four stored files, and not the draft.
      const draft = (await post(base(), { period: '2020' }, headers.strategist)).json() as { id: number };
      expect(draft.id).not.toBe(report.id);
      const page = await get(`/uppfoljning/${planId}/rapporter`);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      const hrefs = [...page.body.matchAll(/href="(\/uppfoljning\/[^"]*\/rapport\.[a-z]+)"/g)].map(
        (m) => m[1],
      );
      expect(hrefs).toEqual(
        ['html', 'pdf', 'docx', 'xlsx'].map(
          (f) => `/uppfoljning/${planId}/rapporter/${report.id}/rapport.${f}`,
        ),
      );
      expect(page.body).toContain(`id="rapport-${report.id}"`);
      expect(page.body).not.toContain(`rapport-${draft.id}`);
      expect(page.body).not.toContain(`/rapporter/${draft.id}/`);
      for (const href of hrefs) expect((await get(href!)).statusCode, href).toBe(200);
      expect((await get(`/uppfoljning/${planId}/rapporter/${draft.id}/rapport.html`)).statusCode).toBe(404);
      expect((await get(`/uppfoljning/${planId}/rapporter.json`)).json()).toMatchObject({
        rows: [{ id: report.id, period: '2020', version: 1 }],
      });
      // The public overview links to the list.
      expect((await get(`/uppfoljning/${planId}`)).body).toContain(`href="/uppfoljning/${planId}/rapporter"`);
      // Not published: no list.
      await new PlanRepository(temp.store.db).setPublic(planId, false);
      expect((await get(`/uppfoljning/${planId}/rapporter`)).statusCode).toBe(404);
      await new PlanRepository(temp.store.db).setPublic(planId, true);
    });

    it("answers 404 for another organisation's plan and 403 to a reporter creating a report", async () => {
      expect((await get(base(), headers.malmo)).statusCode).toBe(404);
      expect((await post(base(), { period: '2020' }, headers.malmo)).statusCode).toBe(404);
      expect((await post(base(), { period: '2020' }, headers.reporter)).statusCode).toBe(403);
      expect((await get(base())).statusCode).toBe(401);
    });

    it('refuses bad input with a clear message', async () => {
      const bad = async (payload: object, status: number, pattern: RegExp) => {
        const r = await post(base(), payload, headers.strategist);
        expect(r.statusCode, r.body).toBe(status);
        expect(r.json().error).toMatch(pattern);
      };
      await bad({ period: '1999' }, 400, /"1999" is not a period of plan/);
      await bad({ period: '2019' }, 400, /nothing has been followed up for period 2019/);
      await bad({ period: '2020', scope_node_id: 99999 }, 400, /has no goal 99999/);
      await bad({ period: '2020', lang: 'de' }, 400, /lang/);
      expect(
        (await post('/api/plans/424242/reports', { period: '2020' }, headers.strategist)).statusCode,
      ).toBe(404);
      // A template naming a goal that is then deleted.
      const put = await app.inject({
        method: 'PUT',
        url: `/api/plans/${planId}/report-template`,
        payload: {
          sections: [
            { type: 'introduction', text: 'Vår inledning.' },
            { type: 'goal', node: goalId },
          ],
        },
        headers: headers.strategist,
      });
      expect(put.statusCode, put.body).toBe(200);
      await temp.store.db.deleteFrom('plan_node').where('id', '=', goalId).execute();
      await bad(
        { period: '2020' },
        400,
        new RegExp(`the template names goal ${goalId} \\(section 2\\), which plan ${planId} no longer has`),
      );
      expect((await get(`${base()}/1/rapport.odt`, headers.strategist)).statusCode).toBe(400);
    });
  });
}
