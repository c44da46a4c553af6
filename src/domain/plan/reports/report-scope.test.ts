/**
 * A report for one unit's part of the plan (a goal area) holds that part only, and its activation
 * notifies the reporters of that part only: another area's reporter is not asked, and its goals are
 * neither in the content nor among the sections that must be ready. Both databases; the plan's
 * indicators have their own values, so no Kolada data is needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../../../../test/support/accounts.js';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { AccountService } from '../../../accounts/account.service.js';
import type { Actor } from '../../../accounts/actor.js';
import { AuditLog } from '../../../accounts/audit-log.js';
import { PdfRenderer } from '../../../documents/pdf-renderer.js';
import { ComparisonRepository } from '../../../store/repositories/comparison.repository.js';
import { PlanRepository, type PlanRow } from '../../../store/repositories/plan.repository.js';
import { StoreMetaRepository } from '../../../store/repositories/store-meta.repository.js';
import { ComparisonService } from '../../comparison/comparison.service.js';
import { importPlanFile } from '../plan.service.js';
import { ReportService } from './report.service.js';

const TWO_AREAS = `plan:
  title: "Två målområden"
  organisation: "2580"
  periods: {kind: ar, from: 2020, to: 2024}
  verdict_scale:
    - {key: troligt, label: "Troligt att målet nås"}
    - {key: osakert, label: "Osäkert om målet kan nås"}
  nodes:
    - code: "1"
      type: malomrade
      title: "Arbete och försörjning"
      children:
        - code: "1.1"
          type: mal
          title: "Fler nyanlända i arbete"
          verdicts: [{period: "2022", level: troligt, text: "Arbetet går åt rätt håll."}]
          indicators:
            - {code: "1.1.1", title: "Antal i språkpraktik", direction: higher, unit: antal, values: {T: {2020: 40, 2021: 52, 2022: 61}}}
    - code: "2"
      type: malomrade
      title: "Språk och utbildning"
      children:
        - code: "2.1"
          type: mal
          title: "Fler klarar sfi"
          verdicts: [{period: "2022", level: osakert, text: "Resultaten varierar mellan åren."}]
          indicators:
            - {code: "2.1.1", title: "Antal som klarat sfi D", direction: higher, unit: antal, values: {T: {2020: 110, 2021: 98, 2022: 123}}}
`;

const STRATEGIST = {
  userId: 'u-strateg',
  label: 'strateg@lulea.example',
  via: 'session',
  memberships: [{ organisationId: '2580', role: 'strategist' }],
  global: [],
} as unknown as Actor;

for (const dialect of DIALECTS) {
  describe(`a report for one goal area (${dialect})`, () => {
    let temp: TempStore;
    let pdf: PdfRenderer;
    let service: ReportService;
    let plan: PlanRow;
    const node: Record<string, number> = {};

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const repo = new PlanRepository(temp.store.db);
      const id = await importPlanFile(repo, TWO_AREAS, 'two-areas.yaml');
      plan = (await repo.plan(id))!;
      for (const n of (await repo.contents(id))!.nodes) node[n.code!] = n.id;
      const accounts = new AccountService(temp.store.repositories);
      await accounts.addOrganisation(null, { id: '2580', name: 'Luleå kommun' });
      for (const [email, code] of [
        ['arbete@lulea.example', '1.1'],
        ['sprak@lulea.example', '2.1'],
      ] as const) {
        await accounts.addUser(null, { email, organisationId: '2580', role: 'reporter', password: PASSWORD });
        const user = await temp.store.db
          .selectFrom('app_user')
          .select('id')
          .where('email', '=', email)
          .executeTakeFirstOrThrow();
        await repo.assignReporter({
          plan_id: id,
          node_id: node[code]!,
          user_id: user.id,
          assigned_by: 'test',
          assigned_at: '2026-01-01T00:00:00Z',
        });
      }
      pdf = new PdfRenderer();
      service = new ReportService({
        store: temp.store,
        comparison: new ComparisonService(
          new ComparisonRepository(temp.store.db),
          new StoreMetaRepository(temp.store.db),
        ),
        pdf: () => pdf,
        audit: new AuditLog(temp.store.repositories),
      });
    });
    afterAll(async () => {
      await pdf?.close();
      await temp?.destroy();
    });

    it('holds the area’s goals, indicators and verdicts only', async () => {
      const html = (
        await service.render({ planId: plan.id, period: '2022', scopeNodeId: node['2']! }, 'html')
      ).toString('utf8');
      expect(html).toContain('Språk och utbildning');
      expect(html).toContain('Fler klarar sfi');
      expect(html).toContain('Antal som klarat sfi D');
      expect(html).toContain('Resultaten varierar mellan åren.');
      expect(html).not.toContain('Arbete och försörjning');
      expect(html).not.toContain('Fler nyanlända i arbete');
      expect(html).not.toContain('Antal i språkpraktik');
      expect(html).not.toContain('Arbetet går åt rätt håll.');
      // The whole plan's report has both.
      const whole = (await service.render({ planId: plan.id, period: '2022' }, 'html')).toString('utf8');
      expect(whole).toContain('Fler nyanlända i arbete');
      expect(whole).toContain('Fler klarar sfi');
    });

    it('asks only the area’s reporter, and only its goals must be ready', async () => {
      const created = await service.create(STRATEGIST, plan, { period: '2022', scopeNodeId: node['2']! });
      expect(created.scope).toBe(String(node['2']));
      const activated = await service.activate(STRATEGIST, plan, created.id);
      expect(activated.sections.map((s) => s.title)).toEqual([
        '2 Språk och utbildning',
        '2.1 Fler klarar sfi',
      ]);
      const audit = await temp.store.db
        .selectFrom('audit_log')
        .select('detail')
        .where('action', '=', 'plan.report.activate')
        .executeTakeFirstOrThrow();
      const detail = typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail;
      expect(detail.notified).toEqual(['sprak@lulea.example']);
      // The other area's part is a report of its own, with its own reporter.
      const other = await service.create(STRATEGIST, plan, { period: '2022', scopeNodeId: node['1.1']! });
      const otherActivated = await service.activate(STRATEGIST, plan, other.id);
      expect(otherActivated.sections.map((s) => s.title)).toEqual(['1.1 Fler nyanlända i arbete']);
    });
  });
}
