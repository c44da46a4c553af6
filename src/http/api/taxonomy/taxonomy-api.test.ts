import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { loadSettings } from '../../../config/settings.js';
import { loadBundledTaxonomy } from '../../../domain/process/taxonomy/taxonomy-loader.js';
import { buildApp } from '../../app.js';

const TRUCKFORARE = 'GQSf_fnq_kjF';
const KLOTTERSANERARE_DEPRECATED = '15DU_axL_nRT';

for (const dialect of DIALECTS) {
  describe(`taxonomy API (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    const get = (url: string) => app.inject({ method: 'GET', url });

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await loadBundledTaxonomy(temp.store);
      app = await buildApp({
        store: temp.store,
        settings: loadSettings({ LOG_LEVEL: 'silent', ETABLERA_RATE_LIMIT_MAX: '0' }),
      });
    }, 180_000);
    afterAll(async () => {
      await app.close();
      await temp.destroy();
    });

    it('searches in Swedish and says why each result matched', async () => {
      const reply = await get(`/api/taxonomy/search?q=${encodeURIComponent('truckförare')}&limit=3`);
      expect(reply.statusCode).toBe(200);
      const body = reply.json();
      expect(body.results).toHaveLength(3);
      expect(body.results[0]).toMatchObject({
        id: TRUCKFORARE,
        type: 'occupation-name',
        label: 'Truckförare',
        labelSv: 'Truckförare',
        labelLang: 'sv',
        matched: { label: 'Truckförare', lang: 'sv', kind: 'preferred', approximate: false },
      });
    }, 60_000);

    it('filters by type and finds English ESCO names as related names of SSYK groups', async () => {
      const body = (await get('/api/taxonomy/search?q=forklift+driver&lang=en&type=ssyk-level-4')).json();
      expect(body.results.every((r: { type: string }) => r.type === 'ssyk-level-4')).toBe(true);
      expect(body.results[0]).toMatchObject({
        labelSv: 'Truckförare',
        matched: { kind: 'related', lang: 'en', source: 'esco' },
      });
    });

    it('shows a drafted label-pack label in the requested language, marked as a draft', async () => {
      const en = (await get('/api/taxonomy/search?q=forklift&lang=en&type=occupation-name')).json();
      expect(en.results[0]).toMatchObject({
        id: TRUCKFORARE,
        label: 'Forklift driver',
        labelLang: 'en',
        draft: true,
        labelSv: 'Truckförare',
      });
      const prs = (
        await get(`/api/taxonomy/search?q=${encodeURIComponent('راننده لیفتراک')}&lang=prs`)
      ).json();
      expect(prs.results[0]).toMatchObject({
        id: TRUCKFORARE,
        labelLang: 'prs',
        draft: true,
        matched: { kind: 'draft', source: 'pack:prs' },
      });
      const concept = (await get(`/api/taxonomy/concepts/${TRUCKFORARE}`)).json();
      expect(concept.labels).toContainEqual({
        lang: 'uk',
        kind: 'draft',
        label: 'Водій навантажувача',
        source: 'pack:uk',
        draft: true,
      });
    });

    it('marks a match through a typo as approximate', async () => {
      const body = (await get(`/api/taxonomy/search?q=${encodeURIComponent('undersköteska')}`)).json();
      expect(body.results[0].labelSv).toMatch(/^Undersköterska/);
      expect(body.results[0].matched.approximate).toBe(true);
    });

    it.each([
      [`q=${'a'.repeat(10_000)}`, 'q'],
      ['q=truck%01', 'q'],
      ['q=truck%0Aförare', 'q'],
      ['q=', 'q'],
      ['', 'q'],
      ['q=truck&type=planet', 'type'],
      ['q=truck&lang=xx', 'lang'],
      ['q=truck&limit=0', 'limit'],
      ['q=truck&limit=51', 'limit'],
      ['q=truck&limit=abc', 'limit'],
      ['q=a&q=b', 'q'],
    ])('rejects a bad query (%#) with 400 naming the parameter', async (query, parameter) => {
      const reply = await get(`/api/taxonomy/search?${query}`);
      expect(reply.statusCode).toBe(400);
      expect(reply.json()).toMatchObject({ statusCode: 400, parameter, code: expect.any(String) });
      expect(Object.keys(reply.json()).sort()).toEqual(['code', 'error', 'parameter', 'statusCode']);
    });

    it('gives a concept with its SSYK group, skills, substitutes, related names and demand in the kommun', async () => {
      const reply = await get(`/api/taxonomy/concepts/${TRUCKFORARE}?kommun=2580`);
      expect(reply.statusCode).toBe(200);
      const c = reply.json();
      expect(c).toMatchObject({
        id: TRUCKFORARE,
        type: 'occupation-name',
        label: 'Truckförare',
        deprecated: false,
      });
      expect(c.ssykGroup).toMatchObject({ code: '8344', type: 'ssyk-level-4' });
      expect(c.skills.length).toBeGreaterThan(3);
      expect(c.skills.every((s: { type: string }) => s.type === 'skill')).toBe(true);
      expect(c.substitutes.length + c.substitutedBy.length).toBeGreaterThan(0);
      expect(
        c.substitutes.every((s: { percentage: number }) => s.percentage === 25 || s.percentage === 75),
      ).toBe(true);
      expect(c.relatedNames).toContainEqual({ lang: 'en', label: 'forklift driver', isco: '8344' });
      expect(c.demand.national.map((f: { year: number; level: string }) => [f.year, f.level])).toEqual([
        [2022, 'medelstor'],
        [2026, 'medelstor'],
      ]);
      expect(c.demand.national[0].source).toMatch(/Arbetsförmedlingen/);
      expect(c.demand.kommun).toMatchObject({ code: '2580', name: 'Luleå' });
      expect(c.demand.regional.available).toBe(false);
      expect(c.demand.regional.reason).toMatch(/kan ännu inte kopplas till SSYK/);
    });

    it('resolves a deprecated id with its old label and the deprecation', async () => {
      const reply = await get(`/api/taxonomy/concepts/${KLOTTERSANERARE_DEPRECATED}`);
      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toMatchObject({ label: 'Klottersanerare', deprecated: true });
    });

    it.each(['NOPE_not_there', 'x'.repeat(300), encodeURIComponent('åäö okänd')])(
      'answers 404 for an unknown id (%#)',
      async (id) => {
        const reply = await get(`/api/taxonomy/concepts/${id}`);
        expect(reply.statusCode).toBe(404);
        expect(reply.json()).toMatchObject({ statusCode: 404, code: 'unknownConcept', parameter: 'id' });
        expect(reply.json().error).toMatch(/inget begrepp|no concept/);
      },
    );

    it.each(['9999', 'abc', '25801'])('rejects kommun=%s with 400', async (kommun) => {
      const reply = await get(`/api/taxonomy/concepts/${TRUCKFORARE}?kommun=${kommun}`);
      expect(reply.statusCode).toBe(400);
      expect(reply.json().parameter).toBe('kommun');
    });
  });
}
