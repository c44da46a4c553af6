/**
 * The taxonomy's pages and label packs over HTTP on both databases: the label lookup others use, the
 * occupation page (Swedish + chosen language, "utkast" marks, demand with the source, RTL), the search
 * page without JavaScript, bad input, and the review screen (permission, decisions, audit).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, seedAccounts } from '../../../../test/support/accounts.js';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { loadSettings } from '../../../config/settings.js';
import { loadBundledTaxonomy } from '../../../domain/process/taxonomy/taxonomy-loader.js';
import { buildApp } from '../../app.js';

const TRUCKFORARE = 'GQSf_fnq_kjF';
const KLOTTERSANERARE_DEPRECATED = '15DU_axL_nRT';

for (const dialect of DIALECTS) {
  describe(`taxonomy pages and label packs (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await loadBundledTaxonomy(temp.store);
      await seedAccounts(temp.store);
      app = await buildApp({
        store: temp.store,
        settings: loadSettings({ LOG_LEVEL: 'silent', ETABLERA_RATE_LIMIT_MAX: '0' }),
      });
    }, 180_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('looks labels up in a language: drafts marked, deprecated ids resolved, unknown ids listed', async () => {
      const reply = await app.inject({
        url: `/api/taxonomy/labels?ids=${TRUCKFORARE},${KLOTTERSANERARE_DEPRECATED},Zzzz_zzz_zzz&lang=prs`,
      });
      expect(reply.statusCode).toBe(200);
      const body = reply.json();
      expect(body.labels[0]).toMatchObject({
        id: TRUCKFORARE,
        label: 'راننده لیفتراک',
        labelLang: 'prs',
        draft: true,
        labelSv: 'Truckförare',
        deprecated: false,
      });
      expect(body.labels[1]).toMatchObject({
        id: KLOTTERSANERARE_DEPRECATED,
        deprecated: true,
        labelLang: 'sv',
      });
      expect(body.unknown).toEqual(['Zzzz_zzz_zzz']);
      expect((await app.inject({ url: '/api/taxonomy/labels?ids=a%3Bb&lang=prs' })).statusCode).toBe(400);
      expect((await app.inject({ url: '/api/taxonomy/labels?lang=prs' })).statusCode).toBe(400);
      expect((await app.inject({ url: `/api/taxonomy/labels?ids=${TRUCKFORARE}&lang=xx` })).statusCode).toBe(
        400,
      );
      const packs = (await app.inject({ url: '/api/taxonomy/label-packs' })).json().packs;
      expect(packs.map((p: { lang: string }) => p.lang)).toEqual(['en', 'ar', 'prs', 'ti', 'so', 'uk']);
      expect(
        packs.every((p: { labels: number; draft: number }) => p.labels > 0 && p.draft === p.labels),
      ).toBe(true);
    }, 60_000);

    it('shows an occupation in Swedish and Dari, right to left, with skills, similar occupations and demand', async () => {
      const reply = await get(`/yrken/${TRUCKFORARE}?lang=prs&kommun=0180`);
      expect(reply.statusCode).toBe(200);
      const html = reply.body;
      expect(html).toContain('dir="rtl"');
      expect(html).toContain('راننده لیفتراک');
      expect(html).toContain('پیش‌نویس'); // the draft mark in Dari
      expect(html).toContain('Truckförare');
      expect(html).toContain('SSYK 8344');
      expect(html).toMatch(/Yrkesprognoser|Arbetsförmedlingen/);
      expect(html).toContain('Stockholm');
      // A case worker's Swedish page showing the names in Tigrinya.
      const sv = await get(`/yrken/${TRUCKFORARE}?visa=ti`);
      expect(sv.body).toContain('lang="ti"');
      expect(sv.body).toContain('utkast');
      // The deprecated concept still has its page, saying so.
      const old = await get(`/yrken/${KLOTTERSANERARE_DEPRECATED}`);
      expect(old.statusCode).toBe(200);
      expect(old.body).toContain('används inte längre');
    }, 60_000);

    it('answers bad input on the pages: unknown id 404, bad kommun 400, long or control-character query 400', async () => {
      expect((await get('/yrken/Zzzz_zzz_zzz')).statusCode).toBe(404);
      expect((await get(`/yrken/${TRUCKFORARE}?kommun=12`)).statusCode).toBe(400);
      expect((await get(`/yrken/${TRUCKFORARE}?kommun=9999`)).statusCode).toBe(400);
      expect((await get(`/taxonomi/sok?q=${'a'.repeat(10_000)}`)).statusCode).toBe(400);
      expect((await get('/taxonomi/sok?q=truck%07forare')).statusCode).toBe(400);
      expect((await app.inject({ url: `/api/taxonomy/search?q=${'a'.repeat(10_000)}` })).statusCode).toBe(
        400,
      );
    });

    it('lists search results without JavaScript, in the chosen language', async () => {
      const empty = await get('/taxonomi/sok');
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain('data-taxonomy-search');
      const reply = await get(`/taxonomi/sok?q=${encodeURIComponent('truckforare')}&visa=uk`);
      expect(reply.statusCode).toBe(200);
      expect(reply.body).toContain(`href="/yrken/${TRUCKFORARE}?visa=uk"`);
      const ar = await get(`/taxonomi/sok?q=${encodeURIComponent('سائق رافعة شوكية')}&lang=ar`);
      expect(ar.statusCode).toBe(200);
      expect(ar.body).toContain('dir="rtl"');
      expect(ar.body).toContain('Truckförare');
    }, 60_000);

    it('lets a person with taxonomy.review confirm or correct drafts, audited; others may not', async () => {
      const anon = await app.inject({ url: '/taxonomi/granska', headers: { accept: 'text/html' } });
      expect(anon.statusCode).toBe(303);
      const strateg = new Browser(app, temp.store);
      await strateg.signIn('strateg@lulea.se');
      expect((await strateg.get('/taxonomi/granska')).statusCode).toBe(403);

      const admin = new Browser(app, temp.store);
      await admin.signIn('admin@lulea.se');
      const page = await admin.get('/taxonomi/granska?sprak=so');
      expect(page.statusCode).toBe(200);
      const id0 = /name="id\.0" value="([^"]+)"/.exec(page.body)?.[1] as string;
      const id1 = /name="id\.1" value="([^"]+)"/.exec(page.body)?.[1] as string;
      expect(id0 && id1).toBeTruthy();
      const saved = await admin.post('/taxonomi/granska', {
        sprak: 'so',
        'id.0': id0,
        'label.0': 'Magac la saxay',
        'id.1': id1,
        'ok.1': '1',
        'id.2': 'x',
      });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toContain('klart=2');
      const labels = (await app.inject({ url: `/api/taxonomy/labels?ids=${id0},${id1}&lang=so` })).json()
        .labels;
      expect(labels[0]).toMatchObject({ id: id0, label: 'Magac la saxay', draft: false });
      expect(labels[1]).toMatchObject({ id: id1, draft: false });
      const audit = await temp.store.db
        .selectFrom('audit_log')
        .select(['action', 'actor', 'detail'])
        .where('action', '=', 'taxonomy.labels.reviewed')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.actor).toBe('admin@lulea.se');
      expect(audit[0]?.detail).toContain('corrected');
      // The search follows: the corrected label is found and shown without the draft mark.
      const hit = (
        await app.inject({ url: `/api/taxonomy/search?q=${encodeURIComponent('Magac la saxay')}&lang=so` })
      ).json().results[0];
      expect(hit).toMatchObject({ id: id0, label: 'Magac la saxay', draft: false });
      // Reloading the bundled snapshot keeps the decisions.
      await loadBundledTaxonomy(temp.store);
      const again = (await app.inject({ url: `/api/taxonomy/labels?ids=${id0}&lang=so` })).json().labels[0];
      expect(again).toMatchObject({ label: 'Magac la saxay', draft: false });
      // A control character in a correction: nothing saved, the reason shown.
      const bad = await admin.post('/taxonomi/granska', { sprak: 'so', 'id.0': id1, 'label.0': 'a\u0007b' });
      expect(bad.headers.location).toContain('fel=');
      // The JSON API: same permission.
      const refused = await app.inject({
        method: 'POST',
        url: '/api/taxonomy/reviews/so',
        payload: { decisions: [{ id: id1, decision: 'confirm' }] },
      });
      expect(refused.statusCode).toBe(401);
    }, 120_000);
  });
}
