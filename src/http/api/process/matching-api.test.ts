/**
 * Matching over HTTP on both databases, with the bundled taxonomy: a person's occupation matches (shape,
 * audited as a read of the person, 404 without need, 409 when restricted, "nothing to match yet" for an
 * empty inventory), hide/pin decisions, next steps, and job ads: import from a file, from POST and from
 * a JobSearch-compatible fake server of our own, with a report per bad ad (no occupation, HTML, contact
 * fields, a 10 MB document) and the contacts absent from the store (read back from the table).
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { api, keyLine, type ProcessUser, seedProcessUsers } from '../../../../test/support/process.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { loadSettings } from '../../../config/settings.js';
import { fetchJobSearch, readAdsFile } from '../../../domain/process/matching/ad-sources.js';
import { MatchingService } from '../../../domain/process/matching/matching.service.js';
import { loadBundledTaxonomy } from '../../../domain/process/taxonomy/taxonomy-loader.js';
import { PeopleRepository } from '../../../store/repositories/people.repository.js';
import { buildApp } from '../../app.js';

/** Real concept ids of the bundled taxonomy. */
const ID = {
  swedish: 'zSLA_vw2_FXN',
  licenceB: 'VTK8_WRx_GcM',
};

const adWithContacts = (id: string, occupation: string) => ({
  id,
  headline: 'Lastbilsförare till <b>Luleå</b>',
  description: {
    text: '<p>Vi söker en lastbilsförare med erfarenhet av styckegodshantering och transport av farligt gods.</p><p>Frågor? Ring Karin Berg på 070-123 45 67 eller mejla karin.berg@akeri.se</p>',
  },
  occupation: { concept_id: occupation },
  must_have: { skills: [], languages: [{ concept_id: ID.swedish }], work_experiences: [] },
  nice_to_have: { skills: [], languages: [], work_experiences: [] },
  driving_license: [{ concept_id: ID.licenceB }],
  application_contacts: [{ name: 'Karin Berg', email: 'karin.berg@akeri.se', telephone: '070-123 45 67' }],
  employer: { name: 'Åkeri AB', email: 'info@akeri.se', phone_number: '0920-12 34 56' },
  workplace_address: { municipality_concept_id: 'CXbY_gui_14v', region_concept_id: '9hXe_F4g_eTG' },
  publication_date: '2026-11-20T08:00:00',
  application_deadline: '2026-12-20T23:59:59',
});

for (const dialect of DIALECTS) {
  describe(`matching over HTTP (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: Awaited<ReturnType<typeof seedProcessUsers>>;
    let as: (who: ProcessUser) => ReturnType<typeof api>;
    let personId: string;
    let emptyId: string;
    let driver: string;
    let fake: Server;
    let fakeUrl: string;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await loadBundledTaxonomy(temp.store);
      users = await seedProcessUsers(temp.store);
      app = await buildApp({
        store: temp.store,
        settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0', ETABLERA_PROCESS_KEYS: keyLine('k1') }),
      });
      as = (who) => api(app, users[who].token);
      const model = await new MatchingService(temp.store).matchingModel();
      driver = (model.nameList.find((n) => n.label === 'Distributionsförare') as { id: string }).id;
      await new PeopleRepository(temp.store.db).setLegalBasis('2580', 'Allmänt intresse');
      const create = async () => {
        const id = (
          await as('caseworker')('POST', '/api/people', { organisation: '2580', name: 'A', language: 'ar' })
        ).json().id as string;
        await as('caseworker')('POST', `/api/people/${id}/consents`, {});
        return id;
      };
      personId = await create();
      emptyId = await create();
      const group = model.groups.get(model.names.get(driver)?.group as string) as { skills: string[] };
      const put = await as('caseworker')('PUT', `/api/people/${personId}/inventory`, {
        work: [{ occupation: driver, years: '5+', country: 'unknown' }],
        skills: group.skills.slice(0, 4),
        languages: [{ language: ID.swedish, listening: 'A2', reading: 'A2', speaking: 'A2', writing: 'A1' }],
      });
      expect(put.statusCode).toBe(200);
      fake = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        const offset = Number(url.searchParams.get('offset'));
        res.setHeader('content-type', 'application/json');
        if (url.pathname !== '/search' || req.headers['api-key'] !== 'test-key') {
          res.statusCode = 401;
          return res.end('{}');
        }
        const hits =
          offset === 0
            ? Array.from({ length: 100 }, (_, i) => adWithContacts(`js-${i}`, driver))
            : [adWithContacts('js-100', driver)];
        res.end(JSON.stringify({ total: { value: 101 }, hits }));
      });
      await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
      fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    }, 240_000);
    afterAll(async () => {
      await app?.close();
      await new Promise((r) => fake?.close(r));
      await temp?.destroy();
    });

    it('returns occupation matches with every factor, best first, and audits the read', async () => {
      const res = await as('caseworker')('GET', `/api/people/${personId}/matches?kind=occupation&limit=5`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.nothingToMatch).toBe(false);
      expect(body.matches).toHaveLength(5);
      const first = body.matches[0];
      expect(first).toMatchObject({ id: driver, label: 'Distributionsförare' });
      for (const key of [
        'id',
        'label',
        'score',
        'breakdown',
        'matchedSkills',
        'missingSkills',
        'gates',
        'demand',
      ])
        expect(first).toHaveProperty(key);
      expect(first.breakdown.map((b: { factor: string }) => b.factor)).toEqual([
        'skills',
        'experience',
        'education',
        'demand',
        'interests',
      ]);
      expect(first.matchedSkills[0]).toEqual({ id: expect.any(String), label: expect.any(String) });
      expect(first.gates.map((g: { kind: string }) => g.kind).sort()).toEqual([
        'driving-licence',
        'language',
      ]);
      const scores = body.matches.map((m: { score: number }) => m.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      const audit = await temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('target_type', '=', 'person')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(audit.action).toBe('person.read');
      expect(JSON.parse(audit.detail)).toMatchObject({
        part: 'matches',
        via: 'caseworker',
        kind: 'occupation',
      });
    });

    it('is the same answer twice; nothing to match yet for an empty inventory; 404 without need', async () => {
      const a = (await as('caseworker')('GET', `/api/people/${personId}/matches`)).json();
      const b = (await as('caseworker')('GET', `/api/people/${personId}/matches`)).json();
      expect(b).toEqual(a);
      const empty = (await as('caseworker')('GET', `/api/people/${emptyId}/matches`)).json();
      expect(empty).toMatchObject({ matches: [], nothingToMatch: true });
      for (const who of ['otherOrg', 'otherOrgAdmin', 'colleague', 'newcomer'] as const)
        expect((await as(who)('GET', `/api/people/${personId}/matches`)).statusCode).toBe(404);
      expect((await as('caseworker')('GET', `/api/people/${personId}/matches?kind=salary`)).statusCode).toBe(
        400,
      );
    });

    it('hides a suggestion with a reason, pins one, and gives next steps tied to what they close', async () => {
      const top = (await as('caseworker')('GET', `/api/people/${personId}/matches?limit=3`)).json().matches;
      const noReason = await as('caseworker')('POST', `/api/people/${personId}/match-decisions`, {
        kind: 'occupation',
        target: top[1].id,
        action: 'hide',
      });
      expect(noReason.statusCode).toBe(400);
      const hide = await as('caseworker')('POST', `/api/people/${personId}/match-decisions`, {
        kind: 'occupation',
        target: top[1].id,
        action: 'hide',
        reason: 'Vill inte köra nattetid',
      });
      expect(hide.json()).toMatchObject({ hidden: [{ id: top[1].id, reason: 'Vill inte köra nattetid' }] });
      await as('caseworker')('POST', `/api/people/${personId}/match-decisions`, {
        kind: 'occupation',
        target: top[0].id,
        action: 'pin',
      });
      const after = (await as('caseworker')('GET', `/api/people/${personId}/matches?limit=3`)).json();
      expect(after.matches.map((m: { id: string }) => m.id)).not.toContain(top[1].id);
      expect(after.pinned).toEqual([top[0].id]);
      const sealed = await temp.store.db
        .selectFrom('match_decision')
        .select('reason_sealed')
        .where('action', '=', 'hide')
        .executeTakeFirstOrThrow();
      expect(sealed.reason_sealed).not.toContain('nattetid');
      const steps = (
        await as('caseworker')('GET', `/api/people/${personId}/matches/${driver}/next-steps`)
      ).json();
      expect(steps.steps.map((s: { kind: string }) => s.kind)).toEqual(
        expect.arrayContaining(['swedish', 'drivingLicence', 'validering']),
      );
      expect(steps.steps.find((s: { kind: string }) => s.kind === 'drivingLicence').closes.gates).toEqual([
        'driving-licence',
      ]);
    });

    it('refuses a query, an occupation or a decision out of bounds with a 400 that names it', async () => {
      const get = (path: string) => as('caseworker')('GET', `/api/people/${personId}${path}`);
      const decide = (body: Record<string, unknown>) =>
        as('caseworker')('POST', `/api/people/${personId}/match-decisions`, body);
      const refused = async (res: Awaited<ReturnType<typeof get>>, field: string) => {
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error).toContain(field);
      };
      expect((await get('/matches?limit=200')).statusCode).toBe(200);
      // An unknown query field is dropped, not refused (Fastify's Ajv removes it).
      expect((await get('/matches?sort=salary')).statusCode).toBe(200);
      await refused(await get('/matches?limit=0'), 'limit');
      await refused(await get('/matches?limit=201'), 'limit');
      await refused(await get(`/matches/${'x'.repeat(41)}/next-steps`), 'occupation');
      await refused(await decide({ kind: 'occupation', target: '', action: 'pin' }), 'target');
      await refused(await decide({ kind: 'occupation', target: 'x'.repeat(81), action: 'pin' }), 'target');
      await refused(
        await decide({ kind: 'occupation', target: driver, action: 'hide', reason: 'x'.repeat(501) }),
        'reason',
      );
      // An ad is decided on like an occupation.
      const pinAd = await decide({ kind: 'ad', target: 'ad-x', action: 'pin' });
      expect(pinAd.statusCode, pinAd.body).toBe(200);
      expect(pinAd.json().pinned).toEqual(['ad-x']);
    });

    it('documents the ad routes in /api/openapi.json with their tag, summary and permission', async () => {
      const paths = (await app.inject({ url: '/api/openapi.json' })).json().paths;
      expect(paths['/api/ads/import'].post).toMatchObject({
        tags: ['process'],
        summary: expect.stringMatching(/^Import job ads in JobTech's ad JSON shape/),
        'x-etablera-permission': 'process.admin',
      });
      expect(paths['/api/ads/{adId}'].get).toMatchObject({
        tags: ['process'],
        summary: 'One imported ad with its skills and the words they were found by',
        'x-etablera-permission': 'process.read',
      });
    });

    it('refuses matching for a restricted person (409)', async () => {
      await as('caseworker')('PUT', `/api/people/${emptyId}/restriction`, { restricted: true });
      const res = await as('caseworker')('GET', `/api/people/${emptyId}/matches`);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'personRestricted' });
    });

    it('imports ads with a report per ad, keeps the valid ones, and never stores contacts', async () => {
      const document = [
        adWithContacts('ad-1', driver),
        { ...adWithContacts('ad-2', driver), occupation: undefined },
        { ...adWithContacts('ad-3', driver), occupation: { concept_id: 'nope_nope_no' } },
        'not an ad',
        { ...adWithContacts('ad-4', driver), description: { text: 'x'.repeat(60_000) } },
      ];
      const res = await as('processAdmin')('POST', '/api/ads/import', document);
      expect(res.statusCode).toBe(200);
      const report = res.json();
      expect(report).toMatchObject({ kept: 1, refused: 4 });
      expect(report.ads.map((a: { problem?: string }) => a.problem ?? 'kept')).toEqual([
        'kept',
        'noOccupation',
        'unknownOccupation',
        'notAnObject',
        'textTooLong',
      ]);
      expect(report.ads[0].notes).toEqual([
        'contactsDropped',
        'htmlRemoved',
        'contactDetailsRemovedFromText',
      ]);
      expect((await as('caseworker')('POST', '/api/ads/import', document)).statusCode).toBe(403);
      const stored = JSON.stringify(await temp.store.db.selectFrom('job_ad').selectAll().execute());
      for (const secret of [
        'Karin',
        'Berg',
        'karin.berg@akeri.se',
        'info@akeri.se',
        '070-123',
        '0920',
        '<p>',
        '<b>',
      ])
        expect(stored).not.toContain(secret);
      const ad = (await as('caseworker')('GET', '/api/ads/ad-1')).json();
      expect(ad.extracted).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ label: 'Styckegodshantering', words: ['styckegodshantering'] }),
          expect.objectContaining({
            label: 'Transport av farligt gods',
            words: ['transport', 'farligt', 'gods'],
          }),
        ]),
      );
      expect(ad.text).toContain('[telefon borttagen]');
      // Where each ad came from is kept with it (the CLI's say `file: <path>` or `jobsearch: <host>`).
      const source = await temp.store.db
        .selectFrom('job_ad')
        .select('source')
        .where('id', '=', 'ad-1')
        .executeTakeFirstOrThrow();
      expect(source).toEqual({ source: 'api' });
      const missing = await as('caseworker')('GET', '/api/ads/no-such-ad');
      expect([missing.statusCode, missing.json()]).toEqual([404, { error: 'no such ad' }]);
      // An ad is read with process.read: not by a newcomer, not without signing in.
      expect((await as('newcomer')('GET', '/api/ads/ad-1')).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/api/ads/ad-1' })).statusCode).toBe(401);
    });

    it('reads a 10 MB file: the valid ads kept, the bad ones reported; a file over the limit is refused whole', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ads-'));
      const ads = Array.from({ length: 2500 }, (_, i) => ({
        ...adWithContacts(`big-${i}`, driver),
        description: { text: `Lastbilskörning. ${'Godshantering och lastsäkring. '.repeat(120)}` },
      }));
      ads.push({
        ...adWithContacts('big-bad', driver),
        occupation: undefined,
      } as unknown as (typeof ads)[number]);
      const file = join(dir, 'ads.json');
      writeFileSync(file, JSON.stringify(ads));
      const { size } = await import('node:fs').then((fs) => fs.statSync(file));
      expect(size).toBeGreaterThan(9 * 2 ** 20);
      const report = await new MatchingService(temp.store).importAds(readAdsFile(file), 'file');
      expect(report).toMatchObject({ kept: 2500, refused: 1 });
      expect(report.ads.at(-1)).toMatchObject({ id: 'big-bad', problem: 'noOccupation' });
      expect(() => readAdsFile(file, 2 ** 20)).toThrow(/MB, more than the 1 MB/);
      writeFileSync(join(dir, 'bad.json'), '{"hits": [');
      expect(() => readAdsFile(join(dir, 'bad.json'))).toThrow(/is not JSON/);
    }, 120_000);

    it('fetches ads from a JobSearch-compatible endpoint (a fake server) and ranks them for the person', async () => {
      await expect(fetchJobSearch({ baseUrl: fakeUrl, apiKey: 'wrong' })).rejects.toThrow(/401/);
      const hits = await fetchJobSearch({ baseUrl: fakeUrl, apiKey: 'test-key', limit: 500 });
      expect(hits).toHaveLength(101);
      const report = await new MatchingService(temp.store).importAds(hits, 'jobsearch');
      expect(report.kept).toBe(101);
      const res = await as('caseworker')('GET', `/api/people/${personId}/matches?kind=ad&limit=5`);
      const body = res.json();
      expect(body.matches).toHaveLength(5);
      expect(body.matches[0]).toMatchObject({ score: expect.any(Number), gates: expect.any(Array) });
      expect(body.matches[0].breakdown[0].factor).toBe('skills');
    });
  });
}
