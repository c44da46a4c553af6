/**
 * Edges of the Kolada-compatible API that clients rely on, on every backend: Kolada's largest page
 * (per_page=5000, what clients send), pages beyond the last, and group means (`G…` ids) combined
 * with from_date.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureValue, MUNICIPALITIES, useFixtureApp } from '../../../test/kolada-api/fixture.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createValueWriter, type ValueRow } from '../../store/bulk/value-writer.js';
import { MAX_PER_PAGE } from './params.js';

type Json = Record<string, unknown> & { values: Record<string, unknown>[]; count: number };

// A KPI with more items than one page holds: every fixture municipality × 850 years.
const BIG_KPI = 'N09999';
const BIG_YEARS = Array.from({ length: 850 }, (_, i) => 1200 + i);
const BIG_ITEMS = MUNICIPALITIES.length * BIG_YEARS.length;

const today = new Date().toISOString().slice(0, 10);
const CHANGED = 500.5; // the new value of Lund (1281, in G1 only) for N00001 2022 T

for (const dialect of DIALECTS) {
  describe(`Kolada API edges (${dialect})`, () => {
    const live = useFixtureApp(dialect);

    beforeAll(async () => {
      const { store } = live.temp;
      // Everything imported counts as old, so only the writes below are changes since today.
      await sql`update value set changed_at = '2020-01-01T00:00:00.000Z'`.execute(store.db);
      const value = (kpi: string, unit: string, period: number, v: number): ValueRow => ({
        kpi,
        unit,
        period,
        gender: 'T',
        value: v,
        count: 1,
        status: '',
        isDeleted: false,
      });
      const writer = await createValueWriter(store);
      try {
        const big = MUNICIPALITIES.flatMap((m) => BIG_YEARS.map((y) => value(BIG_KPI, m.id, y, y)));
        await writer.write('municipality', big, '2020-01-01T00:00:00.000Z');
        await writer.write(
          'municipality',
          [value('N00001', '1281', 2022, CHANGED)],
          new Date().toISOString(),
        );
      } finally {
        await writer.close();
      }
    });

    async function get(url: string) {
      const res = await live.app.inject({ method: 'GET', url });
      return { status: res.statusCode, body: res.json() as Json };
    }

    it('serves per_page=5000, Kolada’s largest page, in full, then the rest', async () => {
      expect(MAX_PER_PAGE).toBe(5000);
      const first = await get(`/v3/data?kpi_id=${BIG_KPI}&per_page=5000`);
      expect(first.status).toBe(200);
      expect(first.body.count).toBe(5000);
      expect(first.body.values).toHaveLength(5000);
      expect(first.body.next_url).toBe(`http://localhost:80/v3/data?kpi_id=${BIG_KPI}&per_page=5000&page=2`);
      const second = await get(`/v3/data?kpi_id=${BIG_KPI}&per_page=5000&page=2`);
      expect(second.body.count).toBe(BIG_ITEMS - 5000);
      expect(second.body.next_url).toBeNull();
      const seen = [...first.body.values, ...second.body.values].map((i) => `${i.municipality}/${i.period}`);
      expect(new Set(seen).size).toBe(BIG_ITEMS);
      // The default page is the largest; v2 and metadata routes take 5000 as well.
      expect((await get(`/v3/data?kpi_id=${BIG_KPI}`)).body.count).toBe(5000);
      const v2 = await get(`/v2/data/kpi/${BIG_KPI}/municipality/1280?per_page=5000`);
      expect({ status: v2.status, count: v2.body.count }).toEqual({ status: 200, count: BIG_YEARS.length });
      const kpis = await get('/v3/kpi?per_page=5000');
      expect({ status: kpis.status, count: kpis.body.count }).toEqual({ status: 200, count: 3 });
    });

    it('serves a v2 per_page over 5000 as pages of 5000 (Kolada v2 limited every reply to 5000 items); v3 refuses it', async () => {
      const path = `/v2/data/kpi/${BIG_KPI}/municipality/${MUNICIPALITIES.map((m) => m.id).join(',')}`;
      const first = await get(`${path}?per_page=10000`);
      expect({ status: first.status, count: first.body.count }).toEqual({ status: 200, count: 5000 });
      expect(first.body.next_page).toBe(`http://localhost:80${path}?per_page=10000&page=2`);
      const second = await get(String(first.body.next_page).replace('http://localhost:80', ''));
      expect(second.body.count).toBe(BIG_ITEMS - 5000);
      expect(second.body.next_page).toBeUndefined();
      const seen = [...first.body.values, ...second.body.values].map((i) => `${i.municipality}/${i.period}`);
      expect(new Set(seen).size).toBe(BIG_ITEMS);
      const metadata = await get(`/v2/municipality?per_page=${'9'.repeat(30)}`);
      expect({ status: metadata.status, count: metadata.body.count }).toEqual({
        status: 200,
        count: MUNICIPALITIES.length,
      });
      const v3 = await get(`/v3/data/kpi/${BIG_KPI}/year/2022?per_page=10000`);
      expect(v3.status).toBe(422);
      expect(v3.body).toMatchObject({ parameter: 'per_page' });
    });

    it('answers a page far beyond the last with no values and a link back, in both versions', async () => {
      const v3 = await get(`/v3/data?kpi_id=${BIG_KPI}&per_page=5000&page=1000`);
      expect(v3).toEqual({
        status: 200,
        body: {
          values: [],
          count: 0,
          next_url: null,
          previous_url: `http://localhost:80/v3/data?kpi_id=${BIG_KPI}&per_page=5000&page=999`,
        },
      });
      const v2 = await get('/v2/municipality?page=10000000');
      expect(v2).toEqual({
        status: 200,
        body: { values: [], count: 0, previous_page: 'http://localhost:80/v2/municipality?page=9999999' },
      });
      const groups = await get('/v3/data/kpi/N00001/municipality/G1/year/2022?page=3');
      expect(groups.body).toMatchObject({ values: [], count: 0, next_url: null });
    });

    it('gives group means only where a member changed since from_date', async () => {
      // Lund (1281) is in G1, not in G2: only G1's 2022 mean changed.
      const since = await get(`/v3/data/kpi/N00001/municipality/G1,G2/year/2021,2022?from_date=${today}`);
      expect(since.status).toBe(200);
      expect(since.body.values.map((i) => [i.municipality, i.period])).toEqual([['G1', 2022]]);
      const t = (since.body.values[0]!.values as { gender: string; value: number; count: number }[]).find(
        (v) => v.gender === 'T',
      );
      expect(t?.value).toBeCloseTo((fixtureValue(0, '1280', 2022, 'T') + CHANGED) / 2, 9);
      expect(t?.count).toBe(2);
      // The query form, mixed with a municipality that did not change either.
      const query = await get(`/v3/data?kpi_id=N00001&municipality_id=G2,1280,G1&from_date=${today}`);
      expect(query.body.values.map((i) => [i.municipality, i.period])).toEqual([['G1', 2022]]);
      // Without from_date every group and year is there.
      const all = await get('/v3/data/kpi/N00001/municipality/G1,G2/year/2021,2022');
      expect(all.body.values.map((i) => [i.municipality, i.period])).toEqual([
        ['G1', 2021],
        ['G1', 2022],
        ['G2', 2021],
        ['G2', 2022],
      ]);
      // A date after every change: nothing.
      const later = await get('/v3/data/kpi/N00001/municipality/G1,G2/year/2021,2022?from_date=2999-01-01');
      expect(later.body.values).toEqual([]);
    });
  });
}
