/**
 * The analyses' cache (cached-analysis-reads.ts) on every backend: each read is kept under every part
 * of what was asked (kommun type; KPI; type, gender and KPI of the years with data; KPI, year and gender
 * of the values), so two questions that differ in one part never share an answer, whichever comes
 * first; each kind of entry weighs what the budget says; the data version is asked at most once a
 * second, and an unchanged version keeps what was read.
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
import type { Gender } from '../../store/schema.js';
import type { AnalysisReads } from './analysis-reads.js';
import { CachedAnalysisReads } from './cached-analysis-reads.js';

// Each key part matters somewhere: N9A's years differ by kommun type (the region has 2019 only) and by
// gender (women's values only in 2020); N9B's years differ from N9A's.
const VALUES = [
  'N9A,1001,2022,T,1',
  'N9A,1002,2022,T,2',
  'N9A,1003,2022,T,3',
  'N9A,1001,2021,T,4',
  'N9A,1002,2021,T,5',
  'N9A,1001,2020,K,6',
  'N9A,0001,2019,T,7',
  'N9B,1001,2022,T,8',
  'N9B,1002,2018,T,9',
];

const byId = <T extends { id: string }>(list: readonly T[]) =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

for (const dialect of DIALECTS) {
  describe(`the analyses' cache keys and sizes (${dialect})`, () => {
    let temp: TempStore;
    let clock = 0;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const dir = mkdtempSync(join(tmpdir(), 'etablera-cache-keys-'));
      try {
        const municipalities = [
          { id: '0001', title: 'Region X', type: 'L' },
          { id: '1001', title: 'Kommun A', type: 'K' },
          { id: '1002', title: 'Kommun B', type: 'K' },
          { id: '1003', title: 'Kommun C', type: 'K' },
        ];
        writeFileSync(join(dir, 'municipality.json'), JSON.stringify({ values: municipalities }));
        const kpis = [
          { id: 'N9A', title: 'Nyckeltal A', is_divided_by_gender: true }, // 11 characters
          { id: 'N9B', title: 'Tal B', is_divided_by_gender: false }, // 5 characters
        ];
        writeFileSync(join(dir, 'kpi.json'), JSON.stringify({ values: kpis }));
        writeFileSync(
          join(dir, 'values.csv'),
          ['kpi,municipality,period,gender,value', ...VALUES].join('\n'),
        );
        await importFiles(
          temp.store,
          ['municipality.json', 'kpi.json', 'values.csv'].map((f) => join(dir, f)),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    afterAll(() => temp?.destroy());

    const cached = (store: AnalysisReads, version?: () => Promise<DataVersion>) =>
      new CachedAnalysisReads(
        store,
        version ?? (() => temp.store.repositories.storeMeta.dataVersion()),
        1 << 20,
        () => clock,
      );

    it('keeps the kommuner of each type apart', async () => {
      const store = temp.store.repositories.analysis;
      const reads = cached(store);
      const ids = (list: readonly { id: string }[]) => list.map((m) => m.id);
      for (const type of ['K', 'L', undefined, 'K', 'X', undefined, 'L']) {
        const list = await reads.municipalities(type);
        expect(list).toEqual(await store.municipalities(type));
        expect(ids(list), String(type)).toEqual(
          type === 'K'
            ? ['1001', '1002', '1003']
            : type === 'L'
              ? ['0001']
              : type === 'X'
                ? []
                : ['1001', '1002', '1003', '0001'],
        );
      }
    });

    it("keeps each KPI's metadata under its id, asks only for the ones it lacks, and answers no ids with none", async () => {
      const store = counted(temp.store.repositories.analysis);
      const reads = cached(store.reads);
      expect(await reads.kpis([])).toEqual([]);
      expect(store.calls()).toBe(0);
      const a = await reads.kpis(['N9A']);
      expect(a.map((k) => [k.id, k.title, k.isDividedByGender])).toEqual([['N9A', 'Nyckeltal A', true]]);
      const both = byId(await reads.kpis(['N9B', 'N9A', 'N9UNKNOWN']));
      expect(both).toEqual(byId(await temp.store.repositories.analysis.kpis(['N9A', 'N9B'])));
      expect(both.map((k) => k.title)).toEqual(['Nyckeltal A', 'Tal B']);
      expect(store.calls()).toBe(2);
      // All known ones kept: no read, the same answer.
      expect(byId(await reads.kpis(['N9A', 'N9B']))).toEqual(both);
      expect(store.calls()).toBe(2);
      // The unknown id is asked for again.
      expect(await reads.kpis(['N9UNKNOWN'])).toEqual([]);
      expect(store.calls()).toBe(3);
    });

    it("keeps each KPI's years with data apart by kommun type and gender", async () => {
      const store = temp.store.repositories.analysis;
      const reads = cached(store);
      const cases: [string, string, Gender, number[]][] = [
        ['N9A', 'K', 'T', [2021, 2022]],
        ['N9A', 'L', 'T', [2019]],
        ['N9A', 'K', 'K', [2020]],
        ['N9A', 'K', 'M', []],
        ['N9B', 'K', 'T', [2018, 2022]],
        ['N9A', 'K', 'T', [2021, 2022]],
      ];
      for (const [kpi, type, gender, years] of cases) {
        const read = await reads.periodsWithData([kpi], type, gender);
        expect(read.get(kpi), `${kpi} ${type} ${gender}`).toEqual(years);
        expect(read.get(kpi)).toEqual((await store.periodsWithData([kpi], type, gender)).get(kpi) ?? []);
      }
      // The latest year reads the same entries: women's N9A is 2020, the region's 2019.
      expect(await reads.latestPeriods(['N9A', 'N9B'], 'K', 'K')).toEqual(new Map([['N9A', 2020]]));
      expect(await reads.latestPeriods(['N9A'], 'L', 'T')).toEqual(new Map([['N9A', 2019]]));
      expect(await reads.latestPeriods(['N9A', 'N9B'], 'K', 'T', 2021)).toEqual(
        new Map([
          ['N9A', 2021],
          ['N9B', 2018],
        ]),
      );
    });

    it('keeps the values of each KPI, year and gender apart', async () => {
      const store = temp.store.repositories.analysis;
      const reads = cached(store);
      const cases: [string, number, Gender, Record<string, number>][] = [
        ['N9A', 2022, 'T', { '1001': 1, '1002': 2, '1003': 3 }],
        ['N9A', 2021, 'T', { '1001': 4, '1002': 5 }],
        ['N9A', 2020, 'K', { '1001': 6 }],
        ['N9A', 2022, 'K', {}],
        ['N9B', 2022, 'T', { '1001': 8 }],
        ['N9A', 2019, 'T', { '0001': 7 }],
        ['N9A', 2022, 'T', { '1001': 1, '1002': 2, '1003': 3 }],
      ];
      for (const [kpi, period, gender, values] of cases) {
        const read = Object.fromEntries(await reads.values(kpi, period, gender));
        expect(read, `${kpi} ${period} ${gender}`).toEqual(values);
        expect(read).toEqual(Object.fromEntries(await store.values(kpi, period, gender)));
      }
    });

    it('weighs each entry as the budget says: 300 bytes a row, 300 + 2 a title character, 100 + 8 a year, 100 a value', async () => {
      const reads = cached(temp.store.repositories.analysis);
      const used = () => reads.status().usedBytes;
      await reads.municipalities('K');
      expect(used()).toBe(3 * 300);
      await reads.municipalities('X'); // no kommun: one row's worth
      expect(used()).toBe(900 + 300);
      await reads.kpis(['N9A', 'N9B']);
      expect(used()).toBe(1200 + (300 + 2 * 11) + (300 + 2 * 5));
      await reads.periodsWithData(['N9A', 'N9UNKNOWN'], 'K', 'T'); // two years; none
      expect(used()).toBe(1832 + (100 + 8 * 2) + 100);
      await reads.values('N9A', 2022, 'T');
      expect(used()).toBe(2048 + 3 * 100);
      await reads.values('N9A', 2022, 'K'); // no value: one value's worth
      expect(used()).toBe(2348 + 100);
      expect(reads.status().entries).toBe(8);
    });

    it('asks for the data version at most once a second, and keeps what it read while the version stays', async () => {
      const store = counted(temp.store.repositories.analysis);
      let versionCalls = 0;
      const reads = cached(store.reads, () => {
        versionCalls++;
        return temp.store.repositories.storeMeta.dataVersion();
      });
      await reads.values('N9A', 2022, 'T');
      await reads.municipalities('K');
      expect(versionCalls).toBe(1);
      clock += 999;
      await reads.values('N9A', 2022, 'T');
      expect(versionCalls).toBe(1);
      clock += 1;
      await reads.values('N9A', 2022, 'T');
      await reads.municipalities('K');
      expect(versionCalls).toBe(2);
      // The version did not move: nothing was read again.
      expect(store.calls()).toBe(2);
      expect(reads.status().entries).toBe(2);
    });
  });
}
