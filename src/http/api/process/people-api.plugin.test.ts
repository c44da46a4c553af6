/**
 * The people API plugin on a bare Fastify app (the seam and the plugin, nothing else), built inside
 * each test over one store set up on the repositories: the start-up check that every person route
 * declares its access, Process off (503 processOff on every route), the PDF renderer missing (503
 * pdfUnavailable), each route's answer and audit entry, the download headers, the one-time link's
 * address, the access level of each route, anonymous callers (401) and the published OpenAPI entries.
 * Cheap per test (no password hashes, no full app, a fake PDF renderer), so that each mutant of the
 * plugin runs in seconds (TESTING.md); the full app's walk is in people-access.test.ts.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganisationRow, addTokenRow, addUserRow } from '../../../../test/support/account-rows.js';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { api, keyLine, seedConcepts } from '../../../../test/support/process.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import type { Actor } from '../../../accounts/actor.js';
import type { Role } from '../../../accounts/roles.js';
import { loadSettings } from '../../../config/settings.js';
import { type PdfRenderer, PdfRendererError } from '../../../documents/pdf-renderer.js';
import { PeopleService } from '../../../domain/process/people/people.service.js';
import { Keyring } from '../../../domain/process/privacy/field-cipher.js';
import { registerAuth } from '../../auth/auth.js';
import { etableraOpenApi } from '../../auth/openapi.js';
import { type PeopleApiOptions, peopleApi } from './people-api.plugin.js';

const OFF = 'Process is off: ETABLERA_PROCESS_KEYS holds no key (test)';
const FAKE_PDF = Buffer.from('%PDF-1.7 fake for the plugin test');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const USERS: [name: string, email: string, org: string, role: Role][] = [
  ['caseworker', 'cw@lulea.se', '2580', 'caseworker'],
  ['colleague', 'cw2@lulea.se', '2580', 'caseworker'],
  ['processAdmin', 'padmin@lulea.se', '2580', 'process-admin'],
  ['otherOrg', 'other@malmo.se', '1280', 'caseworker'],
];

const actorOf = (userId: string, org: string, role: Role): Actor => ({
  userId,
  label: userId,
  via: 'session',
  memberships: [{ organisationId: org, role }],
  global: [],
});

for (const dialect of DIALECTS) {
  describe(`the people API plugin on a bare app (${dialect})`, () => {
    let temp: TempStore;
    const keyring = Keyring.parse(keyLine('k1'), 'test');
    const tokens: Record<string, string> = {};
    const ids: Record<string, string> = {};
    let person = '';
    /** The audit log is append-only: each test reads the rows written after it began. */
    let since = 0;

    const fakePdf = (fail = false) =>
      ({
        render: async () => {
          if (fail) throw new PdfRendererError('chromium is not installed (test)');
          return FAKE_PDF;
        },
      }) as unknown as PdfRenderer;

    async function makeApp(options: Partial<PeopleApiOptions> = {}): Promise<FastifyInstance> {
      const made = Fastify({ logger: false });
      await registerAuth(made, { store: temp.store, settings: loadSettings({ LOG_LEVEL: 'silent' }) });
      await made.register(peopleApi, {
        store: temp.store,
        keyring,
        offReason: OFF,
        pdf: fakePdf(),
        ...options,
      });
      await made.ready();
      return made;
    }

    const mark = async () => {
      since = Number(
        (
          await temp.store.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.max('id').as('m'))
            .executeTakeFirst()
        )?.m ?? 0,
      );
    };
    const audit = () =>
      temp.store.db
        .selectFrom('audit_log')
        .select(['actor_user_id', 'action', 'target_type', 'target_id', 'ip', 'detail'])
        .where('id', '>', since)
        .orderBy('id')
        .execute();

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await seedConcepts(temp.store);
      await addOrganisationRow(temp.store, '2580');
      await addOrganisationRow(temp.store, '1280');
      for (const [name, email, org, role] of USERS) {
        ids[name] = await addUserRow(temp.store, email, [[org, role]]);
        tokens[name] = (await addTokenRow(temp.store, ids[name] as string)).token;
      }
      const service = new PeopleService(temp.store, keyring);
      person = (
        await service.create(actorOf(ids.caseworker as string, '2580', 'caseworker'), {
          organisation: '2580',
          name: 'Amina Plugin',
          language: 'ar',
          contact: 'amina@example.org',
        })
      ).id;
      // A person of the other organisation: a recompute of 2580 must not take in 1280.
      await service.create(actorOf(ids.otherOrg as string, '1280', 'caseworker'), {
        organisation: '1280',
        name: 'Olle Malmö',
        language: 'sv',
      });
    }, 60_000);
    afterAll(async () => {
      await temp?.destroy();
    });

    it('refuses at start-up a person route that declares no access level, naming it', async () => {
      const made = Fastify({ logger: false });
      await registerAuth(made, { store: temp.store, settings: loadSettings({ LOG_LEVEL: 'silent' }) });
      const opts = { store: temp.store, keyring, offReason: OFF, pdf: fakePdf() };
      const build = async () => {
        await made.register(async (inner) => {
          await peopleApi(inner, opts);
          // A route without a person id needs no level; one with it and a level is accepted.
          inner.get('/api/people-extra', { config: { permission: 'signed-in' } }, async () => 'x');
          inner.get(
            '/api/people/:id/ok',
            { config: { permission: 'signed-in', personAccess: 'read' } },
            async () => 'x',
          );
          inner.get('/api/people/:id/extra', async () => 'x');
        });
        await made.ready();
      };
      await expect(build()).rejects.toThrow(
        'GET /api/people/:id/extra: a person route must declare config.personAccess',
      );
      await made.close().catch(() => undefined);
    });

    it('answers 503 processOff with the reason on every route while Process is off', async () => {
      const app = await makeApp({ keyring: null });
      const off = { statusCode: 503, error: OFF, code: 'processOff' };
      const cw = api(app, tokens.caseworker as string);
      const calls: [string, 'GET' | 'POST' | 'PUT', string, unknown?][] = [
        ['create', 'POST', '/api/people', { organisation: '2580', name: 'X', language: 'sv' }],
        ['read', 'GET', `/api/people/${person}`],
        ['profile', 'GET', `/api/people/${person}/profile.pdf`],
        ['export', 'GET', `/api/people/${person}/export.pdf`],
        ['plan', 'GET', `/api/people/${person}/plan`],
        ['ladder', 'GET', `/api/people/${person}/ladder`],
        ['own KPIs', 'POST', '/api/organisations/2580/own-kpis/recompute', {}],
        ['caseload', 'GET', '/api/caseload'],
        ['summary', 'GET', '/api/organisations/2580/caseload'],
      ];
      for (const [what, method, url, body] of calls) {
        const res = await cw(method, url, body);
        expect([what, res.statusCode, res.json()]).toEqual([what, 503, off]);
      }
      await app.close();
    });

    it('answers 503 pdfUnavailable when the PDF renderer fails, and other errors in the one shape', async () => {
      const app = await makeApp({ pdf: fakePdf(true) });
      const cw = api(app, tokens.caseworker as string);
      for (const url of [`/api/people/${person}/profile.pdf`, `/api/people/${person}/export.pdf`]) {
        const res = await cw('GET', url);
        expect(res.statusCode).toBe(503);
        expect(res.json()).toEqual({
          statusCode: 503,
          error: 'chromium is not installed (test)',
          code: 'pdfUnavailable',
        });
      }
      const bad = await cw('POST', '/api/people', { organisation: '2580', name: '', language: 'sv' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ statusCode: 400, code: 'invalid', parameter: 'name' });
      await app.close();
    });

    it('sends the documents as downloads that are not cached, each read audited', async () => {
      const app = await makeApp();
      const cw = api(app, tokens.caseworker as string);
      await mark();
      const pdf = await cw('GET', `/api/people/${person}/profile.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe('attachment; filename="profile.pdf"');
      expect(pdf.headers['cache-control']).toBe('no-store');
      expect(pdf.rawPayload.equals(FAKE_PDF)).toBe(true);
      const docx = await cw('GET', `/api/people/${person}/profile.docx?lang=en`);
      expect(docx.statusCode).toBe(200);
      expect(docx.headers['content-type']).toBe(DOCX);
      expect(docx.headers['content-disposition']).toBe('attachment; filename="profile.docx"');
      expect(docx.headers['cache-control']).toBe('no-store');
      expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const exported = await cw('GET', `/api/people/${person}/export.pdf`);
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toBe('application/pdf');
      expect(exported.headers['content-disposition']).toBe(`attachment; filename="person-${person}.pdf"`);
      expect(exported.headers['cache-control']).toBe('no-store');
      const json = await cw('GET', `/api/people/${person}/export`);
      expect(json.statusCode).toBe(200);
      expect(json.headers['content-disposition']).toBe(`attachment; filename="person-${person}.json"`);
      expect(json.json().person.name).toBe('Amina Plugin');
      const rows = (await audit()).filter((r) => r.action.startsWith('person.'));
      expect(
        rows.map((r) => [r.action, r.target_type, r.ip, r.actor_user_id, JSON.parse(r.detail ?? '{}').part]),
      ).toEqual([
        ['person.read', 'person', '127.0.0.1', ids.caseworker, 'profile'],
        ['person.read', 'person', '127.0.0.1', ids.caseworker, 'profile'],
        ['person.read', 'person', '127.0.0.1', ids.caseworker, 'export'],
        ['person.read', 'person', '127.0.0.1', ids.caseworker, 'export'],
      ]);
      expect(rows.map((r) => JSON.parse(r.detail ?? '{}').format)).toEqual(['pdf', 'docx', 'pdf', 'json']);
      await app.close();
    });

    it('records, reads and changes a person through each route, answering what the route promises', async () => {
      const app = await makeApp();
      const cw = api(app, tokens.caseworker as string);
      await mark();
      const created = await cw('POST', '/api/people', {
        organisation: '2580',
        name: 'Bo Route',
        language: 'sv',
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      expect(Object.keys(created.json())).toEqual(['id']);
      const read = await cw('GET', `/api/people/${id}`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ id, name: 'Bo Route', language: 'sv', status: 'open' });
      const workers = await cw('PUT', `/api/people/${id}/caseworkers`, {
        caseworkers: ['cw@lulea.se', 'cw2@lulea.se'],
      });
      expect(workers.statusCode).toBe(200);
      expect(
        workers
          .json()
          .caseworkers.map((c: { email: string }) => c.email)
          .sort(),
      ).toEqual(['cw2@lulea.se', 'cw@lulea.se']);
      const consent = await cw('POST', `/api/people/${id}/consents`, {
        textVersion: 'v1',
        legalBasis: 'art. 6.1 e',
      });
      expect(consent.statusCode).toBe(201);
      expect(consent.json()).toMatchObject({ textVersion: 'v1', legalBasis: 'art. 6.1 e' });
      const information = await cw('GET', `/api/people/${id}/information`);
      expect(information.statusCode).toBe(200);
      expect(information.json().textVersion).toEqual(expect.any(String));
      // No body: the empty inventory is saved (the domain's parser checks the document, not Fastify).
      const emptied = await app.inject({
        method: 'PUT',
        url: `/api/people/${id}/inventory`,
        headers: { authorization: `Bearer ${tokens.caseworker}` },
      });
      expect(emptied.statusCode).toBe(200);
      const saved = await cw('PUT', `/api/people/${id}/inventory`, { freeText: 'Snickare' });
      expect(saved.statusCode).toBe(200);
      expect((await cw('GET', `/api/people/${id}/inventory`)).json().freeText).toBe('Snickare');
      const wrong = await cw('PUT', `/api/people/${id}/inventory`, { work: 'not a list' });
      expect(wrong.json()).toEqual({
        statusCode: 400,
        code: 'invalidInventory',
        parameter: 'work',
        error: expect.any(String),
      });
      const lent = await cw('POST', `/api/people/${id}/temporary-access`, {
        user: 'cw2@lulea.se',
        reason: 'cover',
        hours: 2,
      });
      expect(lent.statusCode).toBe(201);
      expect(lent.json()).toMatchObject({ expiresAt: expect.any(String) });
      const restricted = await cw('PUT', `/api/people/${id}/restriction`, { restricted: true });
      expect([restricted.statusCode, restricted.json()]).toEqual([200, { restricted: true }]);
      const closed = await cw('PUT', `/api/people/${id}/status`, { status: 'closed' });
      expect([closed.statusCode, closed.json()]).toEqual([200, { status: 'closed' }]);
      expect((await cw('GET', `/api/people/${id}`)).json().status).toBe('closed');
      const rows = (await audit()).filter((r) => r.action !== 'token.use');
      expect(rows.map((r) => `${r.action} ${JSON.parse(r.detail ?? '{}').part}`)).toEqual([
        'person.create person',
        'person.read person',
        'person.write caseworkers',
        'person.write consent',
        'person.read information',
        'person.write inventory',
        'person.write inventory',
        'person.read inventory',
        // The refused inventory wrote nothing.
        'person.access-grant access',
        'person.write restriction',
        'person.write status',
        'person.read person',
      ]);
      expect(rows.every((r) => r.ip === '127.0.0.1' && r.actor_user_id === ids.caseworker)).toBe(true);
      expect(new Set(rows.map((r) => r.target_id)).size).toBe(1);
      await app.close();
    });

    it('gives a one-time link under the public address, or the request address when none is set', async () => {
      for (const [base, expected] of [
        ['https://etablera.example.se', 'https://etablera.example.se/min/'],
        [undefined, 'http://localhost:80/min/'],
      ] as const) {
        const app = await makeApp(base === undefined ? {} : { publicBaseUrl: base });
        const res = await api(app, tokens.caseworker as string)(
          'POST',
          `/api/people/${person}/access-codes`,
          {},
        );
        expect(res.statusCode).toBe(201);
        const body = res.json();
        expect(body.url).toBe(`${expected}${body.code}`);
        expect(body.expiresAt).toEqual(expect.any(String));
        await app.close();
      }
    });

    it('opens each route to the level it declares, and refuses the rest as 404', async () => {
      const app = await makeApp();
      // The colleague is of the organisation but not assigned: no route of the person is theirs.
      // The case worker is assigned (reads, writes, manages) but is no DPO; the Process admin is all.
      const expectations: [string, 'GET' | 'POST' | 'PUT', string, unknown, Record<string, number>][] = [
        ['read', 'GET', '', undefined, { caseworker: 200, colleague: 404, processAdmin: 200, otherOrg: 404 }],
        [
          'dpo',
          'GET',
          '/reads',
          undefined,
          { caseworker: 404, colleague: 404, processAdmin: 200, otherOrg: 404 },
        ],
        [
          'manage',
          'PUT',
          '/status',
          { status: 'open' },
          { caseworker: 200, colleague: 404, processAdmin: 200, otherOrg: 404 },
        ],
      ];
      for (const [level, method, path, body, byUser] of expectations)
        for (const [who, status] of Object.entries(byUser)) {
          const res = await api(app, tokens[who] as string)(method, `/api/people/${person}${path}`, body);
          expect(`${level} ${who} ${res.statusCode}`).toBe(`${level} ${who} ${status}`);
        }
      const reads = await api(app, tokens.processAdmin as string)('GET', `/api/people/${person}/reads`);
      expect(reads.json().entries.length).toBeGreaterThan(0);
      // Each route's level, as declared (the walk in people-access.test.ts checks the refusals).
      const levels = Object.fromEntries(
        app.routeAccess
          .filter((r) => r.url.includes(':id') && r.method !== 'HEAD')
          .map((r) => [`${r.method} ${r.url}`, r.permission]),
      );
      expect(Object.values(levels).every((p) => p === 'signed-in')).toBe(true);
      await app.close();
    });

    it('refuses every route to an anonymous caller with 401', async () => {
      const app = await makeApp();
      const routes = app.routeAccess.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
      expect(routes.length).toBeGreaterThanOrEqual(30);
      for (const r of routes) {
        const res = await api(app, null)(
          r.method as 'GET',
          r.url.replace(':id', person).replace(':org', '2580'),
          {},
        );
        expect(`${r.method} ${r.url} ${res.statusCode}`).toBe(`${r.method} ${r.url} 401`);
      }
      await app.close();
    });

    it("answers the caseload routes: one's own people, and the organisation's counts for its Process admin only", async () => {
      const app = await makeApp();
      await mark();
      const mine = await api(app, tokens.caseworker as string)('GET', '/api/caseload');
      expect(mine.statusCode).toBe(200);
      expect(mine.json().people.map((p: { name: string }) => p.name)).toContain('Amina Plugin');
      const summary = await api(app, tokens.processAdmin as string)(
        'GET',
        '/api/organisations/2580/caseload',
      );
      expect(summary.statusCode).toBe(200);
      expect(summary.json()).toMatchObject({ organisation: '2580', summary: { people: expect.any(Number) } });
      for (const who of ['caseworker', 'otherOrg'])
        expect(
          (await api(app, tokens[who] as string)('GET', '/api/organisations/2580/caseload')).statusCode,
        ).toBe(404);
      const tooLong = await api(app, tokens.processAdmin as string)(
        'GET',
        `/api/organisations/${'x'.repeat(61)}/caseload`,
      );
      expect([tooLong.statusCode, tooLong.json().parameter]).toEqual([400, 'org']);
      const rows = (await audit()).filter((r) => r.action !== 'token.use');
      expect(rows.map((r) => [r.action, r.ip, r.actor_user_id])).toEqual([
        ['person.read', '127.0.0.1', ids.caseworker],
        ['caseload.summary', '127.0.0.1', ids.processAdmin],
      ]);
      await app.close();
    });

    it("recomputes the organisation's own KPIs for its Process admin only, audited", async () => {
      const app = await makeApp();
      await mark();
      const url = '/api/organisations/2580/own-kpis/recompute';
      for (const who of ['caseworker', 'otherOrg'])
        expect((await api(app, tokens[who] as string)('POST', url, {})).json()).toEqual({
          statusCode: 404,
          error: 'no such organisation',
          code: 'not_found',
        });
      const done = await api(app, tokens.processAdmin as string)('POST', url, {});
      expect(done.statusCode).toBe(200);
      // The figures depend on what the other tests of this file recorded (a mutation run picks tests).
      const result = done.json();
      expect(result).toEqual({
        organisations: ['2580'],
        skipped: [],
        people: expect.any(Number),
        events: expect.any(Number),
        cells: expect.any(Number),
        suppressed: expect.any(Number),
        changed: expect.any(Number),
        seconds: expect.any(Number),
      });
      expect(result.people).toBeGreaterThanOrEqual(1);
      const tooLong = await api(app, tokens.processAdmin as string)(
        'POST',
        `/api/organisations/${'x'.repeat(61)}/own-kpis/recompute`,
        {},
      );
      expect([tooLong.statusCode, tooLong.json().parameter]).toEqual([400, 'org']);
      const rows = (await audit()).filter((r) => r.action !== 'token.use');
      expect(rows).toEqual([
        {
          actor_user_id: ids.processAdmin,
          action: 'own-kpi.recompute',
          target_type: 'organisation',
          target_id: '2580',
          ip: '127.0.0.1',
          detail: JSON.stringify({ changed: result.changed, cells: result.cells }),
        },
      ]);
      await app.close();
    });

    it("matches the person, keeps the case worker's decisions and answers next steps, each audited", async () => {
      const app = await makeApp();
      const cw = api(app, tokens.caseworker as string);
      await mark();
      const matches = await cw('GET', `/api/people/${person}/matches`);
      const none = { matches: [], nothingToMatch: true, hidden: [], pinned: [] };
      expect([matches.statusCode, matches.json()]).toEqual([200, { kind: 'occupation', ...none }]);
      const ads = await cw('GET', `/api/people/${person}/matches?kind=ad&limit=1`);
      expect([ads.statusCode, ads.json()]).toEqual([200, { kind: 'ad', ...none }]);
      const steps = await cw('GET', `/api/people/${person}/matches/15e8_KDZ_31Z/next-steps`);
      // The seeded concepts are not in the matching model: an unknown occupation, named as such.
      expect([steps.statusCode, steps.json()]).toEqual([
        404,
        {
          statusCode: 404,
          error: '”occupation”: taxonomin har inget begrepp med id ”15e8_KDZ_31Z”',
          code: 'unknownConcept',
          parameter: 'occupation',
        },
      ]);
      const longOccupation = await cw('GET', `/api/people/${person}/matches/${'x'.repeat(41)}/next-steps`);
      expect([longOccupation.statusCode, longOccupation.json().parameter]).toEqual([400, 'occupation']);
      const decided = await cw('POST', `/api/people/${person}/match-decisions`, {
        kind: 'occupation',
        target: '15e8_KDZ_31Z',
        action: 'hide',
        reason: 'not wanted',
      });
      expect([decided.statusCode, decided.json()]).toEqual([
        200,
        { hidden: [{ id: '15e8_KDZ_31Z', reason: 'not wanted' }], pinned: [] },
      ]);
      const rows = (await audit()).filter((r) => r.action !== 'token.use');
      expect(rows.map((r) => [r.action, r.ip, r.actor_user_id, JSON.parse(r.detail ?? '{}')])).toEqual([
        [
          'person.read',
          '127.0.0.1',
          ids.caseworker,
          { part: 'matches', via: 'caseworker', kind: 'occupation', limit: 20 },
        ],
        [
          'person.read',
          '127.0.0.1',
          ids.caseworker,
          { part: 'matches', via: 'caseworker', kind: 'ad', limit: 1 },
        ],
        [
          'person.write',
          '127.0.0.1',
          ids.caseworker,
          {
            part: 'matches',
            via: 'caseworker',
            kind: 'occupation',
            target: '15e8_KDZ_31Z',
            decision: 'hide',
          },
        ],
      ]);
      await app.close();
    });

    it('refuses a body, query or parameter outside its schema with 400 naming it, and writes nothing', async () => {
      const app = await makeApp();
      const cw = api(app, tokens.caseworker as string);
      const p = `/api/people/${person}`;
      const long = (n: number) => 'x'.repeat(n);
      const person0 = { organisation: '2580', name: 'N', language: 'sv' };
      const cases: [string, 'GET' | 'POST' | 'PUT', string, unknown, string][] = [
        ['organisation empty', 'POST', '/api/people', { ...person0, organisation: '' }, 'organisation'],
        ['organisation 101', 'POST', '/api/people', { ...person0, organisation: long(101) }, 'organisation'],
        ['name 201', 'POST', '/api/people', { ...person0, name: long(201) }, 'name'],
        ['language 36', 'POST', '/api/people', { ...person0, language: long(36) }, 'language'],
        ['contact 2001', 'POST', '/api/people', { ...person0, contact: long(2001) }, 'contact'],
        ['gender X', 'POST', '/api/people', { ...person0, gender: 'X' }, 'gender'],
        [
          '21 case workers',
          'PUT',
          `${p}/caseworkers`,
          { caseworkers: Array(21).fill('cw@lulea.se') },
          'caseworkers',
        ],
        ['case worker 321', 'PUT', `${p}/caseworkers`, { caseworkers: [long(321)] }, 'caseworkers'],
        ['text version empty', 'POST', `${p}/consents`, { textVersion: '' }, 'textVersion'],
        ['text version 101', 'POST', `${p}/consents`, { textVersion: long(101) }, 'textVersion'],
        ['legal basis empty', 'POST', `${p}/consents`, { legalBasis: '' }, 'legalBasis'],
        ['legal basis 201', 'POST', `${p}/consents`, { legalBasis: long(201) }, 'legalBasis'],
        ['consent language 36', 'POST', `${p}/consents`, { language: long(36) }, 'language'],
        ['acknowledged 41', 'POST', `${p}/consents`, { acknowledgedAt: long(41) }, 'acknowledgedAt'],
        ['grant user empty', 'POST', `${p}/temporary-access`, { user: '', reason: 'r', hours: 1 }, 'user'],
        [
          'grant user 321',
          'POST',
          `${p}/temporary-access`,
          { user: long(321), reason: 'r', hours: 1 },
          'user',
        ],
        [
          'grant reason empty',
          'POST',
          `${p}/temporary-access`,
          { user: 'cw2@lulea.se', reason: '', hours: 1 },
          'reason',
        ],
        [
          'grant reason 501',
          'POST',
          `${p}/temporary-access`,
          { user: 'cw2@lulea.se', reason: long(501), hours: 1 },
          'reason',
        ],
        [
          'grant 0 hours',
          'POST',
          `${p}/temporary-access`,
          { user: 'cw2@lulea.se', reason: 'r', hours: 0 },
          'hours',
        ],
        [
          'grant 721 hours',
          'POST',
          `${p}/temporary-access`,
          { user: 'cw2@lulea.se', reason: 'r', hours: 721 },
          'hours',
        ],
        [
          'grant 1.5 hours',
          'POST',
          `${p}/temporary-access`,
          { user: 'cw2@lulea.se', reason: 'r', hours: 1.5 },
          'hours',
        ],
        ['restricted as text', 'PUT', `${p}/restriction`, { restricted: 'yes' }, 'restricted'],
        ['status pending', 'PUT', `${p}/status`, { status: 'pending' }, 'status'],
        ['lang 36', 'GET', `${p}/profile.pdf?lang=${long(36)}`, undefined, 'lang'],
        ['export lang 36', 'GET', `${p}/export.pdf?lang=${long(36)}`, undefined, 'lang'],
        ['matches limit 0', 'GET', `${p}/matches?limit=0`, undefined, 'limit'],
        ['matches limit 201', 'GET', `${p}/matches?limit=201`, undefined, 'limit'],
        ['matches kind job', 'GET', `${p}/matches?kind=job`, undefined, 'kind'],
        [
          'decision kind job',
          'POST',
          `${p}/match-decisions`,
          { kind: 'job', target: 't', action: 'pin' },
          'kind',
        ],
        [
          'decision target empty',
          'POST',
          `${p}/match-decisions`,
          { kind: 'ad', target: '', action: 'pin' },
          'target',
        ],
        [
          'decision target 81',
          'POST',
          `${p}/match-decisions`,
          { kind: 'ad', target: long(81), action: 'pin' },
          'target',
        ],
        [
          'decision action keep',
          'POST',
          `${p}/match-decisions`,
          { kind: 'ad', target: 't', action: 'keep' },
          'action',
        ],
        [
          'decision reason 501',
          'POST',
          `${p}/match-decisions`,
          { kind: 'ad', target: 't', action: 'hide', reason: long(501) },
          'reason',
        ],
      ];
      // Unknown fields are not among them: Fastify's Ajv removes them (removeAdditional) and the route
      // goes on without them; the published schema says additionalProperties: false.
      await mark();
      for (const [what, method, url, body, parameter] of cases) {
        const res = await cw(method, url, body);
        expect([what, res.statusCode, res.json().parameter ?? '']).toEqual([what, 400, parameter]);
      }
      // Refused before the handler: no read or write of anyone.
      expect((await audit()).filter((r) => r.action !== 'token.use')).toEqual([]);
      await app.close();
    });

    it("answers the plan's and the ladder's routes through the plugin's services", async () => {
      const app = await makeApp();
      const cw = api(app, tokens.caseworker as string);
      for (const path of ['plan', 'ladder']) {
        const res = await cw('GET', `/api/people/${person}/${path}`);
        expect([path, res.statusCode]).toEqual([path, 200]);
      }
      await app.close();
    });

    it('publishes each route with its summary, tags, permission and body schema', async () => {
      const app = await makeApp();
      const doc = etableraOpenApi(app.routeAccess, 'test') as { paths: Record<string, unknown> };
      await expect(JSON.stringify(doc.paths, null, 2)).toMatchFileSnapshot(
        'openapi-snapshots/people-api.paths.json',
      );
      await app.close();
    });
  });
}
