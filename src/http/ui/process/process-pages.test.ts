/**
 * The Process pages on both databases, through real HTTP handling: a case worker records a person,
 * gives the information (shown in the person's language beside Swedish), interviews section by
 * section (two languages side by side, right to left for Arabic), bad input refused with the field
 * named and nothing of the valid answers lost, a script tag kept as text and shown escaped; the
 * person opens a one-time code, sees and corrects their own record (their change shown to the case
 * worker as theirs) and reads nobody else's; another organisation and unassigned case workers get
 * 404 on the pages; every read by a case worker is in the audit log.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieHeader, setCookies } from '../../../../test/support/accounts.js';
import { DIALECTS } from '../../../../test/support/dialects.js';
import {
  api,
  CONCEPTS,
  keyLine,
  type ProcessUser,
  seedConcepts,
  seedProcessUsers,
} from '../../../../test/support/process.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { loadSettings } from '../../../config/settings.js';
import { PeopleRepository } from '../../../store/repositories/people.repository.js';
import { buildApp } from '../../app.js';

const SCRIPT = '<script>alert("x")</script> Zq9Free';

for (const dialect of DIALECTS) {
  describe(`Process pages (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: Awaited<ReturnType<typeof seedProcessUsers>>;
    let personId: string;
    const keys = keyLine('k1');

    const page = (who: ProcessUser | null, url: string) =>
      app.inject({
        method: 'GET',
        url,
        headers: { ...(who ? { authorization: `Bearer ${users[who].token}` } : {}), accept: 'text/html' },
      });
    const post = (
      who: ProcessUser,
      url: string,
      form: Record<string, string | string[]>,
      autosave = false,
    ) => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
      return app.inject({
        method: 'POST',
        url,
        headers: {
          authorization: `Bearer ${users[who].token}`,
          'content-type': 'application/x-www-form-urlencoded',
          ...(autosave ? { 'x-etablera-autosave': '1', accept: 'application/json' } : {}),
        },
        payload: body.toString(),
      });
    };
    const inventory = async () =>
      (await api(app, users.caseworker.token)('GET', `/api/people/${personId}/inventory`)).json();

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await seedConcepts(temp.store);
      users = await seedProcessUsers(temp.store);
      await new PeopleRepository(temp.store.db).setLegalBasis('2580', 'allmänt intresse, art. 6.1 e');
      app = await buildApp({
        store: temp.store,
        settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0', ETABLERA_PROCESS_KEYS: keys }),
      });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('records a person from the form and lists them for their case worker only', async () => {
      const created = await post('caseworker', '/personer/ny', {
        organisation: '2580',
        name: 'Layla Zq9Name',
        language: 'ar',
        contact: '070-1234567',
      });
      expect(created.statusCode).toBe(303);
      personId = String(created.headers.location).split('/').pop() as string;
      expect(personId).toMatch(/^[0-9a-f-]{36}$/);
      const list = await page('caseworker', '/personer');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('Layla Zq9Name');
      for (const who of ['colleague', 'otherOrg'] as const)
        expect((await page(who, '/personer')).body).not.toContain('Zq9Name');
    });

    it('records the optional gender from the form (for the own KPIs) and refuses a value outside the list', async () => {
      const form = (await page('caseworker', '/personer/ny')).body;
      expect(form).toMatch(/<option value(="")?>Inte frågat<\/option>/);
      expect(form).toContain('<option value="declined">Vill inte svara</option>');
      const created = await post('caseworker', '/personer/ny', {
        organisation: '2580',
        name: 'Genus Zq8',
        language: 'uk',
        gender: 'declined',
      });
      const id = String(created.headers.location).split('/').pop() as string;
      const genderOf = async (personId: string) =>
        (
          await temp.store.db
            .selectFrom('person')
            .select('gender')
            .where('id', '=', personId)
            .executeTakeFirstOrThrow()
        ).gender;
      expect(await genderOf(id)).toBe('declined');
      const unasked = await post('caseworker', '/personer/ny', {
        organisation: '2580',
        name: 'Ingen Zq8',
        language: 'sv',
        gender: '',
      });
      expect(await genderOf(String(unasked.headers.location).split('/').pop() as string)).toBeNull();
      const bad = await post('caseworker', '/personer/ny', {
        organisation: '2580',
        name: 'Fel Zq8',
        language: 'sv',
        gender: 'X',
      });
      expect(bad.statusCode).toBe(303);
      expect(new URL(String(bad.headers.location), 'http://x').searchParams.get('fel')).toContain('gender');
      const count = await temp.store.db
        .selectFrom('person')
        .select('id')
        .where('organisation_id', '=', '2580')
        .execute();
      expect(count).toHaveLength(3);
    });

    it('shows the information in Arabic beside Swedish before anything is recorded', async () => {
      const res = await page('caseworker', `/personer/${personId}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Information om dina personuppgifter');
      expect(res.body).toMatch(/lang="ar" dir="rtl"/);
      // The interview waits for the acknowledgement.
      expect((await page('caseworker', `/personer/${personId}/inventering/languages`)).statusCode).toBe(409);
      const ack = await post('caseworker', `/personer/${personId}/information`, {});
      expect(ack.headers.location).toContain('klart=consent');
      expect((await page('caseworker', `/personer/${personId}`)).body).toContain('Informationen bekräftades');
    });

    it('answers 404 to another organisation, an unassigned case worker and a newcomer, on pages and forms', async () => {
      for (const who of ['otherOrg', 'otherOrgAdmin', 'colleague', 'newcomer'] as const) {
        for (const url of [`/personer/${personId}`, `/personer/${personId}/inventering/work`])
          expect((await page(who, url)).statusCode, `${who} ${url}`).toBe(404);
        const res = await post(who, `/personer/${personId}/inventering/freeText`, { freeText: 'x' });
        expect(res.statusCode, who).toBe(404);
        expect(res.body).not.toContain('Zq9');
      }
      expect((await page(null, `/personer/${personId}`)).statusCode).toBe(303);
      expect((await inventory()).freeText).toBe('');
    });

    it('interviews in two languages side by side, every question with "vet inte" and "vill inte svara"', async () => {
      const res = await page('caseworker', `/personer/${personId}/inventering/languages`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('class="bi__second" lang="ar" dir="rtl"');
      expect(res.body).toContain('Hörförståelse');
      expect(res.body).toContain('Vet inte');
      expect(res.body).toContain('Vill inte svara');
      expect(res.body).toContain('class="pictogram"');
    });

    it('refuses CEFR "C3" naming the field and keeps what was saved; saves a section at every step', async () => {
      const ok = await post('caseworker', `/personer/${personId}/inventering/languages`, {
        'languages.0.language': CONCEPTS.lithuanian.id,
        'languages.0.listening': 'B1',
        'languages.0.reading': 'unknown',
        'languages.0.speaking': 'B2',
        'languages.0.writing': 'declined',
        swedish: 'sfi-b',
        op: 'next',
      });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toContain('/inventering/licences');
      const bad = await post(
        'caseworker',
        `/personer/${personId}/inventering/languages`,
        { 'languages.0.language': CONCEPTS.lithuanian.id, 'languages.0.speaking': 'C3' },
        true,
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.json().parameter).toBe('languages[0].speaking');
      const unknown = await post(
        'caseworker',
        `/personer/${personId}/inventering/skills`,
        { skills: 'Nope_Nop_Nop' },
        true,
      );
      expect(unknown.statusCode).toBe(422);
      const saved = await inventory();
      expect(saved.languages[0]).toMatchObject({ speaking: 'B2', writing: 'declined' });
      expect(saved.swedish).toBe('sfi-b');
    });

    it('keeps a script tag as text, shows it escaped', async () => {
      const res = await post(
        'caseworker',
        `/personer/${personId}/inventering/freeText`,
        { freeText: SCRIPT },
        true,
      );
      expect(res.statusCode).toBe(200);
      expect((await inventory()).freeText).toBe(SCRIPT);
      const html = (await page('caseworker', `/personer/${personId}/inventering/freeText`)).body;
      expect(html).not.toContain('<script>alert');
      expect(html).toContain('&lt;script>alert');
    });

    it('a one-time code opens the person’s own view once; their correction is shown to the case worker as theirs', async () => {
      const created = await api(app, users.caseworker.token)('POST', `/api/people/${personId}/access-codes`);
      expect(created.statusCode).toBe(201);
      const { code, url } = created.json();
      expect(url).toContain(`/min/${code}`);
      expect(
        JSON.stringify(await temp.store.db.selectFrom('person_access_code').selectAll().execute()),
      ).not.toContain(code);
      const linkPage = await app.inject({
        method: 'GET',
        url: `/min/${code}`,
        headers: { accept: 'text/html' },
      });
      expect(linkPage.statusCode).toBe(200);
      const jar: Record<string, string> = {};
      /** A fresh phone: the code page, then the code posted (lower case and all: it is normalised). */
      const redeem = async (c: string) => {
        const start = await app.inject({ method: 'GET', url: `/min/${c}`, headers: { accept: 'text/html' } });
        const fresh = setCookies(start);
        const csrf = /name="_csrf" value="([^"]+)"/.exec(start.body)?.[1] ?? '';
        const res = await app.inject({
          method: 'POST',
          url: '/min',
          headers: { cookie: cookieHeader(fresh), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: csrf, code: c.toLowerCase() }).toString(),
        });
        Object.assign(jar, fresh, setCookies(res));
        return res;
      };
      const used = await redeem(code);
      expect(used.statusCode).toBe(303);
      expect(used.headers.location).toBe('/min-sida?lang=ar');
      const session = { ...jar };
      const own = (url: string) =>
        app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(jar), accept: 'text/html' } });
      const mine = await own('/min-sida?lang=ar');
      expect(mine.statusCode).toBe(200);
      expect(mine.body).toContain('Zq9Name');
      expect(mine.body).toContain('dir="rtl"');
      Object.assign(jar, setCookies(mine));
      // A second use of the same code opens nothing.
      expect((await redeem(code)).headers.location).toContain('fel=kod');
      for (const k of Object.keys(jar)) delete jar[k];
      Object.assign(jar, session);
      // The person corrects a language level.
      const form = await own('/min-sida/languages');
      Object.assign(jar, setCookies(form));
      const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
      const fix = await app.inject({
        method: 'POST',
        url: '/min-sida/languages',
        headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: token,
          'languages.0.language': CONCEPTS.lithuanian.id,
          'languages.0.listening': 'B1',
          'languages.0.reading': 'unknown',
          'languages.0.speaking': 'C1',
          'languages.0.writing': 'declined',
          swedish: 'sfi-b',
        }).toString(),
      });
      expect(fix.statusCode).toBe(303);
      expect((await inventory()).languages[0].speaking).toBe('C1');
      const seen = await page('caseworker', `/personer/${personId}`);
      expect(seen.body).toContain('Personen har själv ändrat: Språk');
      const section = await page('caseworker', `/personer/${personId}/inventering/languages`);
      expect(section.body).toContain('languages[0].speaking');
      // The person reads only their own record: another person's page is a 404.
      const other = (
        await api(app, users.caseworker.token)('POST', '/api/people', {
          organisation: '2580',
          name: 'Other',
          language: 'sv',
        })
      ).json().id;
      expect((await own(`/personer/${other}`)).statusCode).toBe(404);
      expect((await own(`/api/people/${other}`)).statusCode).toBe(404);
      expect((await own(`/api/people/${personId}/export`)).statusCode).toBe(200);
    });

    it('shows a new one-time code once after the redirect, also when another server process answers it', async () => {
      const created = await post('caseworker', `/personer/${personId}/atkomstkod`, {});
      expect(created.statusCode).toBe(303);
      const cookie = created.cookies.find((c) => c.name === 'etablera_fresh_code');
      expect(cookie).toMatchObject({
        path: `/personer/${personId}`,
        httpOnly: true,
        sameSite: 'Lax',
        maxAge: 60,
      });
      // Sealed: the code is not readable in the cookie.
      expect(cookie?.value).not.toMatch(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
      const sealed = `etablera_fresh_code=${cookie?.value}`;
      // Another worker: its own app over the same store and data key, nothing shared in memory.
      const other = await buildApp({
        store: temp.store,
        settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0', ETABLERA_PROCESS_KEYS: keys }),
      });
      try {
        const view = (who: ProcessUser) =>
          other.inject({
            method: 'GET',
            url: `/personer/${personId}`,
            headers: { authorization: `Bearer ${users[who].token}`, accept: 'text/html', cookie: sealed },
          });
        // Bound to the case worker who made it: the Process admin, who may read the person, sees no code.
        const admin = await view('processAdmin');
        expect(admin.statusCode).toBe(200);
        expect(admin.body).not.toContain('access-code');
        const shown = await view('caseworker');
        const code = /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(
          /class="notice access-code"[\s\S]*?<\/p>/.exec(shown.body)?.[0] ?? '',
        )?.[0];
        expect(code).toBeDefined();
        // The cookie is cleared as the code is shown; the code opens the person's own view.
        expect(shown.cookies.find((c) => c.name === 'etablera_fresh_code')).toMatchObject({
          value: '',
          path: `/personer/${personId}`,
        });
        const start = await app.inject({
          method: 'GET',
          url: `/min/${code}`,
          headers: { accept: 'text/html' },
        });
        expect(start.statusCode).toBe(200);
      } finally {
        await other.close();
      }
    });

    it('audits each page a case worker reads once, with the person and the part', async () => {
      const person = await new PeopleRepository(temp.store.db).person(personId);
      const before = await temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('target_id', '=', person?.audit_ref as string)
        .execute();
      await page('caseworker', `/personer/${personId}/inventering/work`);
      const after = await temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('target_id', '=', person?.audit_ref as string)
        .orderBy('id')
        .execute();
      // One page, one read: exactly one entry, naming the part and the section.
      const added = after.slice(before.length).map((r) => JSON.parse(r.detail));
      expect(added.map((d) => d.part)).toEqual(['inventory']);
      expect(added[0].section).toBe('work');
    });
  });
}
