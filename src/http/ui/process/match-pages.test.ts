/**
 * The match page on both databases, with the bundled taxonomy, through real HTTP handling: the case
 * worker's list in the person's language (Arabic) beside Swedish, each match with its explanation in
 * plain words (skills "x av de y", what is missing, demand with source and year, gates with how to lift
 * them, the next steps and every factor of the score); one audit entry per page read; 404 for another
 * organisation's person and on the form post; hide needs a reason (refused without one, nothing
 * stored), hides with one (the reason shown to the case worker only), shows again; pin and unpin;
 * "nothing to match yet" for an empty inventory; the person's own view without controls or reasons.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieHeader, setCookies } from '../../../../test/support/accounts.js';
import { DIALECTS } from '../../../../test/support/dialects.js';
import {
  api,
  type ProcessUser,
  type seedProcessUsers,
  startProcessApp,
} from '../../../../test/support/process.js';
import type { TempStore } from '../../../../test/support/temp-store.js';
import { MatchingService } from '../../../domain/process/matching/matching.service.js';
import { PeopleRepository } from '../../../store/repositories/people.repository.js';

const SWEDISH = 'zSLA_vw2_FXN';

for (const dialect of DIALECTS) {
  describe(`the match page (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: Awaited<ReturnType<typeof seedProcessUsers>>;
    let personId: string;
    let emptyId: string;
    let driver: { id: string; label: string };

    const page = (who: ProcessUser, url: string) =>
      app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${users[who].token}`, accept: 'text/html' },
      });
    const post = (who: ProcessUser, url: string, form: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        headers: {
          authorization: `Bearer ${users[who].token}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams(form).toString(),
      });
    /** Reads of the person in the audit log (it names them by their audit reference, not their id). */
    const reads = async () => {
      const { audit_ref } = await temp.store.db
        .selectFrom('person')
        .select('audit_ref')
        .where('id', '=', personId)
        .executeTakeFirstOrThrow();
      return temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('target_type', '=', 'person')
        .where('target_id', '=', audit_ref)
        .where('action', '=', 'person.read')
        .orderBy('id')
        .execute();
    };

    beforeAll(async () => {
      ({ temp, users, app } = await startProcessApp(dialect, { taxonomy: 'bundled' }));
      const model = await new MatchingService(temp.store).matchingModel();
      driver = model.nameList.find((n) => n.label === 'Distributionsförare') as { id: string; label: string };
      await new PeopleRepository(temp.store.db).setLegalBasis('2580', 'Allmänt intresse');
      const as = api(app, users.caseworker.token);
      const create = async () => {
        const id = (
          await as('POST', '/api/people', { organisation: '2580', name: 'Amal', language: 'ar' })
        ).json().id as string;
        await as('POST', `/api/people/${id}/consents`, {});
        return id;
      };
      personId = await create();
      emptyId = await create();
      const group = model.groups.get(model.names.get(driver.id)?.group as string) as { skills: string[] };
      const put = await as('PUT', `/api/people/${personId}/inventory`, {
        work: [{ occupation: driver.id, years: '5+', country: 'unknown' }],
        skills: group.skills.slice(0, 4),
        languages: [{ language: SWEDISH, listening: 'A2', reading: 'A2', speaking: 'A2', writing: 'A1' }],
      });
      expect(put.statusCode).toBe(200);
    }, 240_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('shows the ranked occupations with their explanation, in Arabic beside Swedish, as one audited read', async () => {
      const before = (await reads()).length;
      const res = await page('caseworker', `/personer/${personId}/matchning`);
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain('Matchning: Amal');
      expect(html).toContain(driver.label);
      // Plain words in Swedish and the person's language, side by side.
      expect(html).toMatch(/Du har \d+ av de \d+ kunskaper som yrket oftast kräver/);
      expect(html).toContain('lang="ar" dir="rtl"');
      expect(html).toContain('Du har arbetat som');
      expect(html).toMatch(/Efterfrågan: (stor|medelstor|liten) \(Arbetsförmedlingen[^)]*, 20\d\d\)/);
      expect(html).toContain('Körkort');
      expect(html).toContain('Så går det att lösa');
      expect(html).toContain('Nästa steg');
      expect(html).toContain('Praktik på en arbetsplats');
      // The score's table in Swedish and the person's language (the person reads it on their page too).
      for (const factor of ['Kunskaper', 'Tidigare yrke', 'Utbildning', 'Efterfrågan', 'Intresse'])
        expect(html).toContain(`<th scope="row"><span class="bi"><span class="bi__first">${factor}</span>`);
      expect(html).toContain('<span class="bi__second" lang="ar" dir="rtl">المعارف</span>');
      expect(html).toContain('<details>');
      expect(html).toContain(`action="/personer/${personId}/matchning/beslut"`);
      const after = await reads();
      expect(after.length).toBe(before + 1);
      expect(JSON.parse(after.at(-1)?.detail ?? '{}')).toMatchObject({ part: 'matches', page: true });
    });

    it('is a 404 for another organisation and on the form post; nothing is written', async () => {
      expect((await page('otherOrg', `/personer/${personId}/matchning`)).statusCode).toBe(404);
      const res = await post('otherOrg', `/personer/${personId}/matchning/beslut`, {
        kind: 'occupation',
        target: driver.id,
        action: 'pin',
      });
      expect(res.statusCode).toBe(404);
      expect(
        await temp.store.db
          .selectFrom('match_decision')
          .selectAll()
          .where('person_id', '=', personId)
          .execute(),
      ).toEqual([]);
    });

    it('hides with a reason only, shows the reason to the case worker, shows again; pins and unpins', async () => {
      const url = `/personer/${personId}/matchning/beslut`;
      const refused = await post('caseworker', url, {
        kind: 'occupation',
        target: driver.id,
        action: 'hide',
      });
      expect(refused.statusCode).toBe(303);
      expect(refused.headers.location).toContain('fel=');
      const hide = await post('caseworker', url, {
        kind: 'occupation',
        target: driver.id,
        action: 'hide',
        reason: 'Vill inte köra längre Zq9',
      });
      expect(hide.headers.location).toBe(`/personer/${personId}/matchning?klart=hide`);
      let html = (await page('caseworker', `/personer/${personId}/matchning?klart=hide`)).body;
      expect(html).toContain('Förslaget är dolt.');
      expect(html).toContain('Dolda förslag');
      expect(html).toContain('Skäl: Vill inte köra längre Zq9');
      expect(html).not.toContain(
        '<h3 class="match__title" id="match-0-title" dir="auto">Distributionsförare',
      );
      await post('caseworker', url, { kind: 'occupation', target: driver.id, action: 'hide', undo: '1' });
      const pin = await post('caseworker', url, { kind: 'occupation', target: driver.id, action: 'pin' });
      expect(pin.headers.location).toContain('klart=pin');
      html = (await page('caseworker', `/personer/${personId}/matchning`)).body;
      expect(html).not.toContain('Dolda förslag');
      expect(html).toContain('Ta bort från planen');
      await post('caseworker', url, { kind: 'occupation', target: driver.id, action: 'pin', undo: '1' });
      html = (await page('caseworker', `/personer/${personId}/matchning`)).body;
      expect(html).not.toContain('Ta bort från planen');
    });

    it('says "nothing to match yet" for an empty inventory, and lists job ads on ?typ=annons', async () => {
      const empty = await page('caseworker', `/personer/${emptyId}/matchning`);
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain('Det finns inget att matcha ännu');
      const ads = await page('caseworker', `/personer/${personId}/matchning?typ=annons`);
      expect(ads.statusCode).toBe(200);
      expect(ads.body).toContain('Annonser som passar');
      expect(ads.body).toContain('Inga förslag hittades.');
    });

    it("reads the interests from the person's own words and the labour-market region from their kommun", async () => {
      const as = api(app, users.caseworker.token);
      const model = await new MatchingService(temp.store).matchingModel();
      const cook = model.nameList.find((n) => n.label === 'Kock à la carte') as { id: string; group: string };
      const put = await as('PUT', `/api/people/${emptyId}/inventory`, {
        interests: 'Jag vill helst arbeta som kock.',
      });
      expect(put.statusCode).toBe(200);
      const body = (await as('GET', `/api/people/${emptyId}/matches?limit=200`)).json();
      // "kock" names the group "Kockar och kallskänkor": its names get the interest factor 1, others 0.
      expect(body.nothingToMatch).toBe(false);
      const interest = (m: { breakdown: { factor: string; value: number }[] }) =>
        m.breakdown.find((b) => b.factor === 'interests')?.value;
      const first = body.matches.find((m: { group: { id: string } }) => m.group.id === cook.group);
      for (const m of body.matches) expect(interest(m)).toBe(m.group.id === cook.group ? 1 : 0);
      expect(first.breakdown.find((b: { factor: string }) => b.factor === 'interests')).toMatchObject({
        value: 1,
        weight: 0.05,
        detail: { named: true },
      });
      // Luleå (2580), the person's organisation, is in a labour-market region the demand names.
      const withDemand = body.matches.find((m: { demand: unknown }) => m.demand !== null);
      expect(withDemand.demand.region).toMatchObject({ kommun: expect.stringContaining('Luleå') });
      const html = (await page('caseworker', `/personer/${emptyId}/matchning`)).body;
      expect(html).toContain('Du har sagt att du vill arbeta med det här.');
      expect(html).toContain('Din arbetsmarknadsregion är');
      await as('PUT', `/api/people/${emptyId}/inventory`, {});
    });

    it("shows the person their own list in their language, without the case worker's controls or reasons", async () => {
      await post('caseworker', `/personer/${personId}/matchning/beslut`, {
        kind: 'occupation',
        target: driver.id,
        action: 'hide',
        reason: 'Skäl Zq8 bara för handläggaren',
      });
      const { code } = (
        await api(app, users.caseworker.token)('POST', `/api/people/${personId}/access-codes`)
      ).json();
      const start = await app.inject({
        method: 'GET',
        url: `/min/${code}`,
        headers: { accept: 'text/html' },
      });
      const jar = setCookies(start);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(start.body)?.[1] ?? '';
      const used = await app.inject({
        method: 'POST',
        url: '/min',
        headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, code }).toString(),
      });
      Object.assign(jar, setCookies(used));
      const own = await app.inject({
        method: 'GET',
        url: '/min-sida/matchning?lang=ar',
        headers: { cookie: cookieHeader(jar), accept: 'text/html' },
      });
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain('dir="rtl"');
      expect(own.body).not.toContain('Zq8');
      expect(own.body).not.toContain('matchning/beslut');
      expect(own.body).not.toContain(`>${driver.label}<`);
    });
  });
}
