/**
 * Outcomes back into Plan (issue 20): an indicator bound to one of the municipality's own KPIs (computed
 * from a simulated caseload) shows its values and trend on the goal page next to a Kolada-bound one,
 * labelled as the municipality's own figure, never "Källa: Kolada"; the KPI page says the same.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, PASSWORD } from '../../../../test/support/accounts.js';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { createFixtureStore } from '../../../../test/support/fixture.js';
import { simulateCaseload, writeCaseload } from '../../../../test/support/outcome-simulation.js';
import { FIXTURE_PLAN_YAML } from '../../../../test/support/plan-files.js';
import { keyLine } from '../../../../test/support/process.js';
import type { TempStore } from '../../../../test/support/temp-store.js';
import { AccountService } from '../../../accounts/account.service.js';
import { loadSettings } from '../../../config/settings.js';
import { SOURCE_NOTE_LOCAL } from '../../../domain/plan/followup.service.js';
import { importPlanFile } from '../../../domain/plan/plan.service.js';
import { OwnKpiService } from '../../../domain/process/outcomes/own-kpi.service.js';
import { Keyring } from '../../../domain/process/privacy/field-cipher.js';
import { PlanRepository } from '../../../store/repositories/plan.repository.js';
import { buildApp } from '../../app.js';

const OWN_KPI = 'E10101';
const PLAN_WITH_OWN_KPI = FIXTURE_PLAN_YAML.replace(
  '          actions:',
  `            - {code: "1.1.3", title: "Nyanlända med kartläggning", direction: higher, unit: antal, kolada: {kpi: ${OWN_KPI}, gender: T}}
          actions:`,
);

const fromAttribute = (s: string) => s.replaceAll('&quot;', '"').replaceAll('&amp;', '&');

for (const dialect of DIALECTS)
  describe(`a plan indicator bound to an own KPI (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let planId: number;
    let goalId: number;

    beforeAll(async () => {
      temp = await createFixtureStore(dialect);
      const line = keyLine('k1');
      const keyring = Keyring.parse(line, 'test');
      const accounts = new AccountService(temp.store.repositories);
      await accounts.addOrganisation(null, { id: '1282', name: 'Landskrona stad' });
      await accounts.addUser(null, {
        email: 'strateg@landskrona.se',
        organisationId: '1282',
        role: 'strategist',
        password: PASSWORD,
      });
      const people = simulateCaseload({
        seed: 11,
        organisations: { '1282': 150 },
        start: '2019-01-01',
        years: 3,
        today: '2022-12-31',
      });
      await writeCaseload(temp.store, keyring, people);
      await new OwnKpiService(temp.store, keyring).recompute({ organisation: '1282' });
      const repo = new PlanRepository(temp.store.db);
      planId = await importPlanFile(repo, PLAN_WITH_OWN_KPI, 'plan.yaml');
      goalId = (await repo.contents(planId))!.nodes[1]!.id;
      app = await buildApp({
        store: temp.store,
        settings: loadSettings({
          LOG_LEVEL: 'silent',
          ETABLERA_RATE_LIMIT_MAX: '0',
          ETABLERA_PROCESS_KEYS: line,
        }),
      });
    }, 180_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    /** The published (unsuppressed) yearly totals of the own KPI for Landskrona, as the API serves them. */
    async function servedTotals(): Promise<Map<number, number>> {
      const res = await app.inject({ url: `/v3/data/kpi/${OWN_KPI}/municipality/1282` });
      expect(res.statusCode).toBe(200);
      const totals = new Map<number, number>();
      for (const item of res.json().values as {
        period: number;
        values: { gender: string; value: number | null }[];
      }[])
        for (const v of item.values)
          if (v.gender === 'T' && v.value !== null) totals.set(item.period, v.value);
      return totals;
    }

    it('shows the own KPI with its values and trend beside the Kolada indicator, labelled as the municipality’s own', async () => {
      const totals = await servedTotals();
      expect(totals.size).toBeGreaterThanOrEqual(3);
      const b = new Browser(app);
      await b.signIn('strateg@landskrona.se');
      const page = await b.get(`/plan/${planId}/mal/${goalId}?period=2022`);
      expect(page.statusCode).toBe(200);
      const main = page.body.slice(0, page.body.indexOf('</main>'));
      const sections = main.split('<section class="plan-indicator"').slice(1);
      const kolada = sections.find((s) => s.includes('1.1.1'))!;
      const own = sections.find((s) => s.includes('1.1.3'))!;
      expect(kolada).toContain('Källa: Kolada');
      expect(own).toContain(SOURCE_NOTE_LOCAL);
      expect(own).not.toContain('Källa: Kolada');
      // Its chart holds the served values, and a trend is computed from them (not "no trend").
      const chart = JSON.parse(fromAttribute(/data-chart-data="([^"]+)"/.exec(own)![1]!));
      const kommun = chart.series.find((s: { kind: string }) => s.kind === 'kommun');
      const shown = new Map<number, number>();
      chart.years.forEach((p: string, k: number) => {
        if (kommun.values[k] !== null) shown.set(Number(p), kommun.values[k]);
      });
      expect(shown).toEqual(new Map([...totals].filter(([p]) => p <= 2022)));
      expect(own).toContain('linjär regression');

      const api = await b.get(`/api/plans/${planId}/followup?period=2022`);
      expect(api.statusCode).toBe(200);
      const indicators = api.json().indicators as {
        code: string;
        source: string;
        source_note: string | null;
      }[];
      expect(indicators.find((i) => i.code === '1.1.3')).toMatchObject({
        source: 'local',
        source_note: SOURCE_NOTE_LOCAL,
      });
      expect(indicators.find((i) => i.code === '1.1.1')).toMatchObject({
        source: 'kolada',
        source_note: 'Källa: Kolada',
      });
      const iati = await b.get(`/api/plans/${planId}/followup?period=2022&format=iati`);
      const exported = (iati.json().results as { indicators: { ref: string; source: object }[] }[]).flatMap(
        (n) => n.indicators,
      );
      expect(exported.find((i) => i.ref === '1.1.3')?.source).toMatchObject({
        kolada: { kpi: OWN_KPI, municipality: '1282' },
        origin: 'local',
        note: SOURCE_NOTE_LOCAL,
      });
      expect(exported.find((i) => i.ref === '1.1.1')?.source).toMatchObject({
        origin: 'kolada',
        note: 'Källa: Kolada',
      });
    });

    it('labels the own KPI’s page as the municipality’s own figure', async () => {
      const page = await app.inject({
        url: `/nyckeltal/${OWN_KPI}?kommun=1282`,
        headers: { accept: 'text/html' },
      });
      expect(page.statusCode).toBe(200);
      const start = page.body.indexOf('id="about-title"');
      const about = page.body.slice(start, page.body.indexOf('</section>', start));
      expect(about).toContain('Källa: kommunens egen uppgift (Etablera)');
      expect(about).not.toContain('Källa: Kolada');
    });
  });
