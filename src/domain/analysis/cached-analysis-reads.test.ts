/**
 * The analyses' cache (cached-analysis-reads.ts) on every backend: the similarity, expected-value and
 * correlation reports through it are the same as straight from the store, a repeat reads nothing from
 * the store, a new import is seen once the data version is checked again, nothing is kept while an
 * import runs, and the byte budget holds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counted } from '../../../test/support/counted-analysis-reads.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { importFiles } from '../../import/import.service.js';
import type { DataVersion } from '../../store/repositories/store-meta.repository.js';
import type { AnalysisReads } from './analysis-reads.js';
import { CachedAnalysisReads } from './cached-analysis-reads.js';
import { correlationAnalysis } from './correlation.service.js';
import { expectedValues } from './expected-value.service.js';
import { similarMunicipalities } from './similarity.service.js';

const KOMMUNER = ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008'];
const KPIS = ['N9A', 'N9B', 'N9C'];

/** Values per KPI and year; N9C has no 2022 (read for 2021), 1008 lacks N9B in 2022. */
function valueRows(shift: number): string[] {
  const rows: string[] = [];
  KOMMUNER.forEach((m, i) => {
    rows.push(`N9A,${m},2022,T,${(i + 1) * 1000 + shift}`, `N9A,${m},2021,T,${(i + 1) * 900}`);
    if (m !== '1008') rows.push(`N9B,${m},2022,T,${((i * 7) % 5) + i / 3}`);
    rows.push(`N9C,${m},2021,T,${(i * i) % 11}`);
  });
  rows.push('N9A,0001,2022,T,5'); // a region: not a kommun, never in an analysis
  return rows;
}

async function load(temp: TempStore, shift: number, withMetadata: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'etablera-analysis-cache-'));
  try {
    const files: Record<string, unknown> = withMetadata
      ? {
          'municipality.json': {
            values: [
              { id: '0001', title: 'Region A', type: 'L' },
              ...KOMMUNER.map((id) => ({ id, title: `Kommun ${id}`, type: 'K' })),
            ],
          },
          'kpi.json': {
            values: KPIS.map((id) => ({ id, title: `Nyckeltal ${id}`, is_divided_by_gender: false })),
          },
        }
      : {};
    for (const [name, content] of Object.entries(files))
      writeFileSync(join(dir, name), JSON.stringify(content));
    writeFileSync(
      join(dir, 'values.csv'),
      ['kpi,municipality,period,gender,value', ...valueRows(shift)].join('\n'),
    );
    await importFiles(
      temp.store,
      [...Object.keys(files), 'values.csv'].map((f) => join(dir, f)),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const analyses = (reads: AnalysisReads) =>
  Promise.all([
    similarMunicipalities(reads, { municipality: '1003', kpis: KPIS.map((id) => ({ id, weight: 1 })) }),
    expectedValues(reads, { outcome: 'N9A', predictors: ['N9B', 'N9C'] }),
    correlationAnalysis(reads, { x: 'N9A', y: 'N9B', highlight: '1002' }),
  ]);

for (const dialect of DIALECTS) {
  describe(`${dialect}: the analyses' cache`, () => {
    let temp: TempStore;
    let clock = 0;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await load(temp, 0, true);
    });
    afterAll(() => temp?.destroy());

    const cached = (store: AnalysisReads, budget = 1 << 20, version?: () => Promise<DataVersion>) =>
      new CachedAnalysisReads(
        store,
        version ?? (() => temp.store.repositories.storeMeta.dataVersion()),
        budget,
        () => clock,
      );

    it('gives the same reports as the store, and a repeat reads nothing from the store', async () => {
      const direct = await analyses(temp.store.repositories.analysis);
      const store = counted(temp.store.repositories.analysis);
      const reads = cached(store.reads);
      const first = await analyses(reads);
      expect(first).toEqual(direct);
      // The year each KPI is read for comes from the store: N9C's latest year is 2021, the others' 2022.
      expect(first[1].predictors.map((p) => [p.id, p.period])).toEqual([
        ['N9B', 2022],
        ['N9C', 2021],
      ]);
      const afterFirst = store.calls();
      expect(afterFirst).toBeGreaterThan(0);
      expect(reads.status().entries).toBeGreaterThan(0);
      expect(await analyses(reads)).toEqual(direct);
      expect(store.calls()).toBe(afterFirst);
    });

    it("answers each year's latest period as the store does, from one read of each KPI's years", async () => {
      const store = counted(temp.store.repositories.analysis);
      const reads = cached(store.reads);
      const kpis = [...KPIS, 'N9UNKNOWN'];
      for (const year of [undefined, 2020, 2021, 2022, 2023]) {
        const expected = await temp.store.repositories.analysis.latestPeriods(kpis, 'K', 'T', year);
        expect(await reads.latestPeriods(kpis, 'K', 'T', year)).toEqual(expected);
      }
      // Not vacuous: 2021 gives N9A's earlier year, 2020 nothing at all, N9C 2021 whatever is asked after.
      expect(await reads.latestPeriods(kpis, 'K', 'T', 2021)).toEqual(
        new Map([
          ['N9A', 2021],
          ['N9C', 2021],
        ]),
      );
      expect((await reads.latestPeriods(kpis, 'K', 'T', 2020)).size).toBe(0);
      expect((await reads.latestPeriods(kpis, 'K', 'T')).get('N9B')).toBe(2022);
      expect(store.calls()).toBe(1);
    });

    it('sees a new import once the data version is checked again (at most a second later)', async () => {
      const reads = cached(temp.store.repositories.analysis);
      const before = await expectedValues(reads, { outcome: 'N9A', predictors: ['N9B'] });
      await load(temp, 500, false);
      clock += 1000;
      const after = await expectedValues(reads, { outcome: 'N9A', predictors: ['N9B'] });
      expect(after).toEqual(
        await expectedValues(temp.store.repositories.analysis, { outcome: 'N9A', predictors: ['N9B'] }),
      );
      const actual = (r: typeof before) => r.municipalities.find((m) => m.id === '1001')?.actual;
      expect(actual(before)).toBe(1000);
      expect(actual(after)).toBe(1500);
    });

    it('keeps nothing while an import or sync runs', async () => {
      const store = counted(temp.store.repositories.analysis);
      const running = async (): Promise<DataVersion> => ({ key: 'x', running: true, lastLoadedAt: null });
      const reads = cached(store.reads, 1 << 20, running);
      await analyses(reads);
      const once = store.calls();
      clock += 1000;
      await analyses(reads);
      expect(store.calls()).toBe(2 * once);
      expect(reads.status()).toMatchObject({ entries: 0, usedBytes: 0 });
    });

    it('stays within its byte budget', async () => {
      const budget = 2000; // a few municipality rows: the kommuner list alone is over it
      const reads = cached(temp.store.repositories.analysis, budget);
      const [similar] = await analyses(reads);
      expect(similar.similar.length).toBeGreaterThan(0);
      expect(reads.status().usedBytes).toBeLessThanOrEqual(budget);
      expect(reads.status().budgetBytes).toBe(budget);
    });
  });
}

describe("the analyses' cache, a drop while a read is under way", () => {
  it('does not keep what a read begun before the data changed returned', async () => {
    let version = 'v1';
    let now = 0;
    let release: () => void = () => {};
    let calls = 0;
    const store: AnalysisReads = {
      municipalities: async () => [],
      municipality: async () => undefined,
      kpis: async () => [],
      latestPeriods: async () => new Map(),
      periodsWithData: async () => new Map(),
      values: async () => {
        const call = ++calls;
        if (call === 1) await new Promise<void>((r) => (release = r));
        return new Map([['1001', call]]);
      },
    };
    const reads = new CachedAnalysisReads(
      store,
      async () => ({ key: version, running: false, lastLoadedAt: null }),
      1 << 20,
      () => now,
    );
    const slow = reads.values('N9A', 2022, 'T');
    await new Promise((r) => setImmediate(r));
    // The data changes while the first read waits; the next check drops the cache.
    version = 'v2';
    now += 1000;
    expect((await reads.values('N9A', 2022, 'T')).get('1001')).toBe(2);
    release();
    expect((await slow).get('1001')).toBe(1);
    // The stale answer was not stored over the fresh one.
    expect((await reads.values('N9A', 2022, 'T')).get('1001')).toBe(2);
    expect(calls).toBe(2);
  });

  it('refuses a budget of 0 (the server then reads the store directly)', () => {
    const store = {} as AnalysisReads;
    expect(
      () => new CachedAnalysisReads(store, async () => ({ key: '', running: false, lastLoadedAt: null }), 0),
    ).toThrow(/budget/);
  });
});
