/**
 * Own KPIs over HTTP: the Process admin recomputes their organisation's (another organisation, a case
 * worker: 404), and the KPIs appear in the Kolada-compatible API like any KPI — suppressed cells served
 * as value null with status "sekretess" — and on the KPI page as the municipality's own figures, not
 * Kolada's.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { simulateCaseload, writeCaseload } from '../../../../test/support/outcome-simulation.js';
import { api, keyLine, type ProcessUsers, seedProcessUsers } from '../../../../test/support/process.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { loadSettings } from '../../../config/settings.js';
import { Keyring } from '../../../domain/process/privacy/field-cipher.js';
import { buildApp } from '../../app.js';

for (const dialect of DIALECTS)
  describe(`own KPIs over HTTP on ${dialect}`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: ProcessUsers;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      users = await seedProcessUsers(temp.store);
      const line = keyLine('k1');
      const people = simulateCaseload({
        seed: 7,
        organisations: { '2580': 200, '1280': 40 },
        start: '2023-01-01',
        years: 3,
        today: '2026-01-31',
      });
      await writeCaseload(temp.store, Keyring.parse(line, 'test'), people);
      app = await buildApp({
        store: temp.store,
        settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0', ETABLERA_PROCESS_KEYS: line }),
      });
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it("lets only the organisation's Process admin recompute, 404 for anyone else", async () => {
      const url = '/api/organisations/2580/own-kpis/recompute';
      expect((await api(app, users.otherOrgAdmin.token)('POST', url)).statusCode).toBe(404);
      expect((await api(app, users.caseworker.token)('POST', url)).statusCode).toBe(404);
      expect((await api(app, users.orgAdmin.token)('POST', url)).statusCode).toBe(404);
      expect((await api(app, null)('POST', url)).statusCode).toBe(401);
      // Nothing was computed by the refused calls.
      expect((await api(app, null)('GET', '/v3/kpi/E10101')).json().count).toBe(0);
      const res = await api(app, users.processAdmin.token)('POST', url);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ organisations: ['2580'], people: 200 });
      expect(res.json().suppressed).toBeGreaterThan(0);
      // Only 2580's: Malmö's people were not counted.
      const data = (await api(app, null)('GET', '/v3/data/kpi/E10101/municipality/1280,2580')).json();
      expect(new Set(data.values.map((v: { municipality: string }) => v.municipality))).toEqual(
        new Set(['2580']),
      );
    });

    it('serves the own KPIs in /v3/kpi and /v2/kpi with their definitions', async () => {
      const v3 = (await api(app, null)('GET', '/v3/kpi/E10104')).json();
      expect(v3.values[0]).toMatchObject({ id: 'E10104', is_divided_by_gender: true });
      expect(v3.values[0].description).toContain('Nämnare');
      const v2 = (await api(app, null)('GET', '/v2/kpi/E10101')).json();
      expect(v2.values[0].id).toBe('E10101');
    });

    it('serves a suppressed cell as Kolada serves sekretess: value null, status "sekretess"', async () => {
      const res = (await api(app, null)('GET', '/v3/data/kpi/E10115/municipality/2580')).json();
      const cells = res.values.flatMap(
        (item: { period: number; values: { gender: string; value: number | null; status: string }[] }) =>
          item.values.map((v) => ({ period: item.period, ...v })),
      );
      const hidden = cells.filter((c: { status: string }) => c.status === 'sekretess');
      expect(hidden.length).toBeGreaterThan(0);
      for (const c of hidden) expect(c.value).toBeNull();
      for (const c of cells.filter((c: { status: string }) => c.status !== 'sekretess'))
        expect(c.value).toBeGreaterThanOrEqual(5);
    });
  });
