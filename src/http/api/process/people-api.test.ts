/**
 * The people API end to end on both databases: creating a person, consent, the inventory (its exact
 * shape, "vet inte"/"vill inte svara", bad input refused whole), temporary access that expires, the
 * audit entry of every read, the DPO's report, and Process off without a data key.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import {
  api,
  CONCEPTS,
  type ProcessUser,
  seedProcessUsers,
  startProcessApp,
} from '../../../../test/support/process.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { loadSettings } from '../../../config/settings.js';
import { INFORMATION_VERSION } from '../../../domain/process/people/information.js';
import { PeopleRepository } from '../../../store/repositories/people.repository.js';
import { buildApp } from '../../app.js';

const INVENTORY = {
  education: [
    {
      level: CONCEPTS.upperSecondary.id,
      field: CONCEPTS.glass.id,
      country: CONCEPTS.somalia.id,
      years: 2,
      school: 'Mogadishu Secondary',
      documentsSeen: 'unknown',
    },
  ],
  work: [{ occupation: CONCEPTS.sfiTeacher.id, years: '2-4', country: 'declined', tasks: 'taught adults' }],
  skills: [CONCEPTS.refrigeration.id, CONCEPTS.steel.id],
  languages: [
    { language: CONCEPTS.lithuanian.id, listening: 'B2', reading: 'B1', speaking: 'C2', writing: 'declined' },
  ],
  drivingLicences: [CONCEPTS.licenceAM.id],
  freeText: 'Vill arbeta med <script>alert(1)</script> barn',
};

for (const dialect of DIALECTS) {
  describe(`the people API (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: Awaited<ReturnType<typeof seedProcessUsers>>;
    let as: (who: ProcessUser) => ReturnType<typeof api>;
    let personId: string;

    const personEntries = async () =>
      (
        await temp.store.db
          .selectFrom('audit_log')
          .selectAll()
          .where('target_type', '=', 'person')
          .orderBy('id')
          .execute()
      ).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));

    beforeAll(async () => {
      ({ temp, users, app } = await startProcessApp(dialect));
      as = (who) => api(app, users[who].token);
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('creates a person (201 {id}) assigned to the case worker who recorded them', async () => {
      const res = await as('caseworker')('POST', '/api/people', {
        organisation: '2580',
        name: 'Amina A.',
        language: 'so',
      });
      expect(res.statusCode).toBe(201);
      personId = res.json().id;
      expect(personId).toMatch(/^[0-9a-f-]{36}$/);
      const person = await as('caseworker')('GET', `/api/people/${personId}`);
      expect(person.statusCode).toBe(200);
      expect(person.json()).toMatchObject({
        id: personId,
        organisation: '2580',
        name: 'Amina A.',
        language: 'so',
        status: 'open',
        caseworkers: [{ userId: users.caseworker.userId, email: 'cw@lulea.se' }],
      });
    });

    it('refuses a person in an organisation where the caller records no one (404), and bad fields (400)', async () => {
      for (const who of ['otherOrg', 'newcomer', 'orgAdmin'] as const)
        expect(
          (await as(who)('POST', '/api/people', { organisation: '2580', name: 'X', language: 'sv' }))
            .statusCode,
        ).toBe(404);
      const bad = await as('caseworker')('POST', '/api/people', {
        organisation: '2580',
        name: 'X',
        language: 'Swedish!',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'invalidChoice', parameter: 'language' });
    });

    it("gives the information in the person's language (a drafted translation marked draft) with its version", async () => {
      const unstated = await as('caseworker')('POST', `/api/people/${personId}/consents`, {});
      expect(unstated.statusCode).toBe(400);
      expect(unstated.json()).toMatchObject({ code: 'required', parameter: 'legalBasis' });
      await new PeopleRepository(temp.store.db).setLegalBasis('2580', 'Allmänt intresse (SFS 2017:584)');
      const somali = (await as('caseworker')('GET', `/api/people/${personId}/information`)).json();
      expect(somali).toMatchObject({
        textVersion: INFORMATION_VERSION,
        language: 'so',
        fallback: false,
        draft: true,
        legalBasis: 'Allmänt intresse (SFS 2017:584)',
        retentionDays: 730,
      });
      expect(somali.sections.map((s: { id: string }) => s.id)).toEqual([
        'what',
        'why',
        'basis',
        'retention',
        'access',
        'rights',
        'sensitive',
      ]);
      expect(somali.sections[2].text).toBe('Saldhigga sharciga: Allmänt intresse (SFS 2017:584).');
      expect(somali.sections[3].text).toContain('730 maalmood');
      const id = (
        await as('caseworker')('POST', '/api/people', { organisation: '2580', name: 'E', language: 'en' })
      ).json().id;
      const english = (await as('caseworker')('GET', `/api/people/${id}/information`)).json();
      expect(english).toMatchObject({
        language: 'en',
        fallback: false,
        direction: 'ltr',
        textVersion: INFORMATION_VERSION,
      });
      // The acknowledgement defaults to the current version and the organisation's basis.
      const ack = await as('caseworker')('POST', `/api/people/${id}/consents`, {});
      expect(ack.json()).toMatchObject({
        textVersion: INFORMATION_VERSION,
        legalBasis: 'Allmänt intresse (SFS 2017:584)',
        language: 'en',
      });
    });

    it('records no inventory before the information is acknowledged (409)', async () => {
      const res = await as('caseworker')('PUT', `/api/people/${personId}/inventory`, INVENTORY);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'informationNotAcknowledged' });
      expect(
        await temp.store.db
          .selectFrom('person_inventory')
          .select('person_id')
          .where('person_id', '=', personId)
          .execute(),
      ).toEqual([]);
    });

    it('stores the acknowledgement of the information with its date and text version', async () => {
      const res = await as('caseworker')('POST', `/api/people/${personId}/consents`, {
        textVersion: 'info-2026-11',
        legalBasis: 'Uppgift av allmänt intresse (SFS 2017:584)',
        acknowledgedAt: '2026-12-01T09:30:00Z',
      });
      expect(res.statusCode).toBe(201);
      const person = (await as('caseworker')('GET', `/api/people/${personId}`)).json();
      expect(person.consents).toEqual([
        {
          textVersion: 'info-2026-11',
          language: 'so',
          legalBasis: 'Uppgift av allmänt intresse (SFS 2017:584)',
          acknowledgedAt: '2026-12-01T09:30:00.000Z',
          recordedBy: users.caseworker.userId,
        },
      ]);
    });

    it('keeps the inventory in the documented shape, "unknown"/"declined" included, script tags as text', async () => {
      const empty = await as('caseworker')('GET', `/api/people/${personId}/inventory`);
      expect(empty.json()).toEqual({
        education: [],
        work: [],
        skills: [],
        languages: [],
        drivingLicences: [],
        freeText: '',
        updatedAt: null,
      });
      const put = await as('caseworker')('PUT', `/api/people/${personId}/inventory`, INVENTORY);
      expect(put.statusCode, put.body).toBe(200);
      const got = (await as('caseworker')('GET', `/api/people/${personId}/inventory`)).json();
      const { updatedAt, ...inventory } = got;
      expect(inventory).toEqual(INVENTORY);
      expect(Date.parse(updatedAt)).not.toBeNaN();
    });

    it('refuses bad inventories whole, naming the field, and keeps what was saved', async () => {
      const cases: [unknown, number, string, string][] = [
        [{ ...INVENTORY, skills: [CONCEPTS.steel.id, 'Zzzz_Zzz_Zzz'] }, 422, 'unknownConcept', 'skills[1]'],
        [{ ...INVENTORY, skills: [CONCEPTS.somalia.id] }, 422, 'wrongConceptType', 'skills[0]'],
        [
          { ...INVENTORY, languages: [{ ...INVENTORY.languages[0], speaking: 'C3' }] },
          400,
          'invalidChoice',
          'languages[0].speaking',
        ],
        [
          { ...INVENTORY, work: [{ ...INVENTORY.work[0], years: '3-5' }] },
          400,
          'invalidChoice',
          'work[0].years',
        ],
        [{ ...INVENTORY, freeText: 'x'.repeat(20_001) }, 400, 'tooLong', 'freeText'],
        [{ ...INVENTORY, religion: 'x' }, 400, 'unknownField', 'religion'],
        [{ ...INVENTORY, education: 'none' }, 400, 'invalidInventory', 'education'],
      ];
      for (const [body, status, code, parameter] of cases) {
        const res = await as('caseworker')('PUT', `/api/people/${personId}/inventory`, body);
        expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
        expect(res.json()).toMatchObject({ code, parameter });
        expect(res.json().error).toContain(parameter);
      }
      const huge = await as('caseworker')('PUT', `/api/people/${personId}/inventory`, {
        ...INVENTORY,
        freeText: 'x'.repeat(1_048_576),
      });
      expect(huge.statusCode).toBe(413);
      const { updatedAt: _, ...kept } = (
        await as('caseworker')('GET', `/api/people/${personId}/inventory`)
      ).json();
      expect(kept).toEqual(INVENTORY);
    });

    it('writes exactly one audit entry per read, naming the person by its audit reference and the part', async () => {
      const before = (await personEntries()).length;
      await as('caseworker')('GET', `/api/people/${personId}/inventory`);
      const after = await personEntries();
      expect(after.length).toBe(before + 1);
      const entry = after.at(-1);
      expect(entry).toMatchObject({
        action: 'person.read',
        organisation_id: '2580',
        actor: 'cw@lulea.se',
        actor_user_id: users.caseworker.userId,
      });
      expect(entry?.detail).toEqual({ part: 'inventory', via: 'caseworker' });
      const ref = (
        await temp.store.db
          .selectFrom('person')
          .select('audit_ref')
          .where('id', '=', personId)
          .executeTakeFirstOrThrow()
      ).audit_ref;
      expect(entry?.target_id).toBe(ref);
      // The person's id and name appear in no audit entry (the log outlives an erasure).
      const all = await temp.store.db.selectFrom('audit_log').selectAll().execute();
      expect(JSON.stringify(all)).not.toContain(personId);
      expect(JSON.stringify(all)).not.toContain('Amina');
    });

    it('lends a colleague access with a reason, recorded at each use, until it expires', async () => {
      expect((await as('colleague')('GET', `/api/people/${personId}/inventory`)).statusCode).toBe(404);
      expect(
        (
          await as('colleague')('POST', `/api/people/${personId}/temporary-access`, {
            user: 'cw2@lulea.se',
            reason: 'self',
            hours: 1,
          })
        ).statusCode,
      ).toBe(404);
      const grant = await as('caseworker')('POST', `/api/people/${personId}/temporary-access`, {
        user: 'cw2@lulea.se',
        reason: 'covering during leave',
        hours: 8,
      });
      expect(grant.statusCode).toBe(201);
      const read = await as('colleague')('GET', `/api/people/${personId}/inventory`);
      expect(read.statusCode).toBe(200);
      expect((await personEntries()).at(-1)?.detail).toEqual({
        part: 'inventory',
        via: 'temporary',
        reason: 'covering during leave',
      });
      // Not a manager of the person: the colleague cannot lend it on.
      expect(
        (
          await as('colleague')('PUT', `/api/people/${personId}/caseworkers`, {
            caseworkers: ['cw2@lulea.se'],
          })
        ).statusCode,
      ).toBe(404);
      // Nor lend it onward, nor close the case: those are a manager's.
      const grantsBefore = await temp.store.db.selectFrom('person_access_grant').select('id').execute();
      expect(
        (
          await as('colleague')('POST', `/api/people/${personId}/temporary-access`, {
            user: 'cw@lulea.se',
            reason: 'passing it on',
            hours: 2,
          })
        ).statusCode,
      ).toBe(404);
      expect(await temp.store.db.selectFrom('person_access_grant').select('id').execute()).toEqual(
        grantsBefore,
      );
      expect(
        (await as('colleague')('PUT', `/api/people/${personId}/status`, { status: 'closed' })).statusCode,
      ).toBe(404);
      await temp.store.db
        .updateTable('person_access_grant')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .execute();
      expect((await as('colleague')('GET', `/api/people/${personId}/inventory`)).statusCode).toBe(404);
    });

    it("gives the DPO (audit.read or process.admin) who read the person's data, and no one else", async () => {
      const report = await as('orgAdmin')('GET', `/api/people/${personId}/reads`);
      expect(report.statusCode).toBe(200);
      const entries = report.json().entries as {
        actor: string;
        action: string;
        part: string;
        via: string;
        reason: string | null;
      }[];
      expect(
        entries.filter((e) => e.action === 'person.read' && e.part === 'inventory').map((e) => e.actor),
      ).toEqual(expect.arrayContaining(['cw@lulea.se', 'cw2@lulea.se']));
      expect(entries.some((e) => e.via === 'temporary' && e.reason === 'covering during leave')).toBe(true);
      expect((await as('processAdmin')('GET', `/api/people/${personId}/reads`)).statusCode).toBe(200);
      // The organisation admin audits but does not read the record itself.
      expect((await as('orgAdmin')('GET', `/api/people/${personId}/inventory`)).statusCode).toBe(404);
      for (const who of ['caseworker', 'otherOrgAdmin', 'newcomer'] as const)
        expect((await as(who)('GET', `/api/people/${personId}/reads`)).statusCode).toBe(404);
    });

    it('lets the Process admin assign case workers and refuses a non-member', async () => {
      const res = await as('processAdmin')('PUT', `/api/people/${personId}/caseworkers`, {
        caseworkers: ['cw@lulea.se', 'cw2@lulea.se'],
      });
      expect(res.statusCode).toBe(200);
      expect(
        res
          .json()
          .caseworkers.map((c: { email: string }) => c.email)
          .sort(),
      ).toEqual(['cw2@lulea.se', 'cw@lulea.se']);
      expect((await as('colleague')('GET', `/api/people/${personId}/inventory`)).statusCode).toBe(200);
      const bad = await as('processAdmin')('PUT', `/api/people/${personId}/caseworkers`, {
        caseworkers: ['cw@malmo.se'],
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json()).toMatchObject({ code: 'unknownUser', parameter: 'caseworkers[0]' });
    });

    it('documents the people routes in /api/openapi.json', async () => {
      const doc = (await app.inject({ url: '/api/openapi.json' })).json();
      expect(Object.keys(doc.paths['/api/people/{id}/inventory'])).toEqual(
        expect.arrayContaining(['get', 'put']),
      );
      const schema =
        doc.paths['/api/people/{id}/inventory'].put.requestBody.content['application/json'].schema;
      expect(Object.keys(schema.properties).sort()).toEqual([
        'drivingLicences',
        'education',
        'freeText',
        'languages',
        'skills',
        'work',
      ]);
      // Any signed-in user may ask; the organisation decides (404 where the caller records no one).
      const create = doc.paths['/api/people'].post;
      expect(create).toMatchObject({
        'x-etablera-permission': 'signed-in',
        security: [{ sessionCookie: [] }, { bearerToken: [] }],
      });
      expect(Object.keys(create.requestBody.content['application/json'].schema.properties)).toEqual(
        expect.arrayContaining(['organisation', 'name', 'language']),
      );
    });
  });

  describe(`Process without a data key (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: Awaited<ReturnType<typeof seedProcessUsers>>;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      users = await seedProcessUsers(temp.store);
      app = await buildApp({ store: temp.store, settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0' }) });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('answers 503 with the reason on Process routes while Position keeps working', async () => {
      const res = await api(app, users.caseworker.token)('POST', '/api/people', {
        organisation: '2580',
        name: 'X',
        language: 'sv',
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toContain('ETABLERA_PROCESS_KEY_FILE');
      expect((await api(app, null)('GET', '/api/people/x')).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/v3/kpi?title=x' })).statusCode).toBe(200);
      expect(await temp.store.db.selectFrom('person').select('id').execute()).toEqual([]);
    });
  });
}
