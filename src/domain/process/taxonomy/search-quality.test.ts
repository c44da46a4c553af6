import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { TaxonomyRepository } from '../../../store/repositories/taxonomy.repository.js';
import { QUALITY_QUERIES } from './search-quality.queries.js';
import { loadBundledTaxonomy } from './taxonomy-loader.js';
import { TaxonomySearch } from './taxonomy-search.js';

// The index is built from the store the same way on both backends; one backend is enough to rank.
const dialect = DIALECTS[0] ?? 'sqlite';

describe(`search quality over the bundled taxonomy (${dialect})`, () => {
  let temp: TempStore;
  let search: TaxonomySearch;
  let idOf: Map<string, string>;
  beforeAll(async () => {
    temp = await createTempStore(dialect);
    await loadBundledTaxonomy(temp.store);
    search = await TaxonomySearch.build(temp.store);
    const types = [...new Set(QUALITY_QUERIES.map((q) => q.type))];
    const concepts = await new TaxonomyRepository(temp.store.db).conceptsOfTypes(types);
    idOf = new Map(concepts.filter((c) => !c.deprecated).map((c) => [`${c.type}|${c.label}`, c.id]));
  }, 180_000);
  afterAll(() => temp.destroy());

  it('has at least 100 queries in Swedish, English and Arabic, with typos and compounds, all naming real concepts', () => {
    expect(QUALITY_QUERIES.length).toBeGreaterThanOrEqual(100);
    for (const lang of ['sv', 'en', 'ar'])
      expect(QUALITY_QUERIES.filter((q) => q.lang === lang).length).toBeGreaterThanOrEqual(15);
    expect(QUALITY_QUERIES.filter((q) => q.note === 'typo').length).toBeGreaterThanOrEqual(15);
    expect(QUALITY_QUERIES.filter((q) => q.note === 'compound').length).toBeGreaterThanOrEqual(8);
    const unknown = QUALITY_QUERIES.flatMap((q) =>
      q.accept.filter((l) => !idOf.has(`${q.type}|${l}`)).map((l) => `${q.q}: ${l}`),
    );
    expect(unknown).toEqual([]);
  });

  it('finds an expected concept among the first five for at least 90 % of the queries', () => {
    const misses: string[] = [];
    const byGroup = new Map<string, [number, number]>();
    for (const q of QUALITY_QUERIES) {
      const accepted = new Set(q.accept.map((l) => idOf.get(`${q.type}|${l}`)));
      const hits = search.search({ q: q.q, lang: q.lang, limit: 5 });
      const found = hits.some((h) => accepted.has(h.id));
      const key = `${q.lang}${q.note ? ` ${q.note}` : ''}`;
      const [n, ok] = byGroup.get(key) ?? [0, 0];
      byGroup.set(key, [n + 1, ok + (found ? 1 : 0)]);
      if (!found) misses.push(`${q.q} (${q.lang}) → ${hits.map((h) => h.labelSv).join(' | ')}`);
    }
    const share = (QUALITY_QUERIES.length - misses.length) / QUALITY_QUERIES.length;
    console.log(
      `search quality: ${(share * 100).toFixed(1)} % of ${QUALITY_QUERIES.length} queries in the top 5; ` +
        [...byGroup.entries()].map(([k, [n, ok]]) => `${k} ${ok}/${n}`).join(', '),
    );
    if (misses.length) console.log(`misses:\n  ${misses.join('\n  ')}`);
    expect(share).toBeGreaterThanOrEqual(0.9);
  });
});
