/**
 * importFiles beyond the happy path of import.test.ts: the order files go in, the report of each
 * (counts, unknown ids, skipped lines), the import log, progress, metadata files holding the wrong
 * kind, OU values, and which statistics an import refreshes. Both dialects.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { dataLine, META, tempDir, writeText } from '../../test/support/value-files.js';
import { type ImportProgress, importFiles } from './import.service.js';
import { ImportError } from './import-error.js';

const OUS = JSON.stringify({
  values: [
    { id: 'V15E1', title: 'Skola A', municipality: '1280' },
    { id: 'V15E2', title: 'Skola B', municipality: '1282' },
  ],
});
const ouLine = (kpi: string, ou: string, period: number, value: number) =>
  JSON.stringify({
    kpi,
    ou,
    period,
    values: [{ gender: 'T', count: 1, status: '', value, isdeleted: false }],
  });
const KPI_GROUPS = JSON.stringify({
  values: [{ id: 'G9', title: 'Grupp', members: [{ member_id: 'N1', member_title: 'KPI N1' }] }],
});

for (const dialect of DIALECTS) {
  describe(`importFiles on ${dialect}`, () => {
    let temp: TempStore;
    let dir: string;

    beforeEach(async () => {
      temp = await createTempStore(dialect);
      dir = tempDir();
    });
    afterEach(() => temp.destroy());

    const importLog = () =>
      temp.store.db
        .selectFrom('import_log')
        .select(['kind', 'source', 'status', 'counts', 'message'])
        .orderBy('id')
        .execute();
    const statistics = async () =>
      (
        await temp.store.db
          .selectFrom('kpi_statistic')
          .select(['kpi_id', 'computed_at'])
          .distinct()
          .orderBy('kpi_id')
          .execute()
      ).map((r) => [r.kpi_id, r.computed_at]);

    it('reads metadata before values, municipalities before groups, empty files last, and logs each file', async () => {
      const files = {
        data: writeText(
          dir,
          'values.ndjson',
          [dataLine('N1', '1280', 2022, 1), dataLine('N1', '0180', 2022, 2)].join('\n'),
        ),
        oudata: writeText(dir, 'ouvalues.ndjson', ouLine('N1', 'V15E1', 2022, 5)),
        empty: writeText(dir, 'empty.ndjson', '\n\n'),
        kpiGroups: writeText(dir, 'kpi_groups.json', KPI_GROUPS),
        groups: writeText(dir, 'municipality_groups.json', META.groups),
        ou: writeText(dir, 'ou.json', OUS),
        kpi: writeText(dir, 'kpi.json', META.kpisV3),
        municipality: writeText(dir, 'municipality.json', META.municipalities),
      };
      const reports = await importFiles(temp.store, Object.values(files));
      expect(reports.map((r) => [r.file, r.kind])).toEqual([
        [files.municipality, 'municipality'],
        [files.kpi, 'kpi'],
        [files.ou, 'ou'],
        [files.groups, 'municipality_groups'],
        [files.kpiGroups, 'kpi_groups'],
        [files.data, 'data'],
        [files.oudata, 'oudata'],
        [files.empty, 'empty'],
      ]);
      const byKind = Object.fromEntries(reports.map((r) => [r.kind, r]));
      expect(byKind.municipality).toMatchObject({ items: 4, values: 0, written: 4, unchanged: 0 });
      expect(byKind.kpi).toMatchObject({ items: 3, written: 3 });
      expect(byKind.ou).toMatchObject({ items: 2, written: 2 });
      expect(byKind.municipality_groups).toMatchObject({ items: 1, written: 1, unknownUnits: {} });
      expect(byKind.municipality_groups?.unknownUnits).toEqual({});
      expect(byKind.kpi_groups).toMatchObject({ items: 1, written: 1 });
      // Every KPI, municipality and OU was known by the time the values came.
      expect(byKind.data).toMatchObject({
        items: 2,
        values: 2,
        written: 2,
        unchanged: 0,
        unknownKpis: {},
        unknownUnits: {},
      });
      expect(byKind.oudata).toMatchObject({
        items: 1,
        values: 1,
        written: 1,
        unknownKpis: {},
        unknownUnits: {},
      });
      for (const kind of ['data', 'oudata']) {
        expect(byKind[kind]?.unknownKpis).toEqual({});
        expect(byKind[kind]?.unknownUnits).toEqual({});
      }
      expect(byKind.empty).toEqual({
        file: files.empty,
        kind: 'empty',
        items: 0,
        values: 0,
        written: 0,
        unchanged: 0,
        skipped: { count: 0, examples: [] },
        unknownKpis: {},
        unknownUnits: {},
        seconds: expect.any(Number),
      });
      for (const r of reports) {
        expect(r.seconds).toBeGreaterThanOrEqual(0);
        expect(r.seconds).toBeLessThan(120);
      }
      // Each group file went to its own kind of group.
      expect(await temp.store.db.selectFrom('kpi_group').select('id').execute()).toEqual([{ id: 'G9' }]);
      expect(await temp.store.db.selectFrom('municipality_group').select('id').execute()).toEqual([
        { id: 'G1' },
      ]);
      expect(
        await temp.store.db.selectFrom('ou_value').select(['kpi_id', 'ou_id', 'value']).execute(),
      ).toEqual([{ kpi_id: 'N1', ou_id: 'V15E1', value: 5 }]);
      const log = await importLog();
      expect(log.map((l) => [l.kind, l.source, l.status, l.message])).toEqual(
        reports.map((r) => ['import', r.file, 'ok', null]),
      );
      expect(JSON.parse(log[5]?.counts ?? '')).toEqual({
        kind: 'data',
        items: 2,
        values: 2,
        written: 2,
        unchanged: 0,
        skipped: 0,
        unknownKpis: 0,
        unknownUnits: 0,
      });
    });

    it('counts unknown KPIs and units by value, and values repeated in a file once in the store', async () => {
      await importFiles(temp.store, [
        writeText(dir, 'municipality.json', META.municipalities),
        writeText(dir, 'kpi.json', META.kpisV3),
        writeText(dir, 'ou.json', OUS),
      ]);
      const [report] = await importFiles(temp.store, [
        writeText(
          dir,
          'v.ndjson',
          [
            dataLine('X1', '9998', 2022, 1, 2),
            dataLine('X1', '9999', 2022, 3),
            JSON.stringify({ kpi: 'N1', municipality: '1280', period: 2022, values: [] }),
            dataLine('N1', '1280', 2022, 4),
            dataLine('N1', '1280', 2022, 5),
            dataLine('X2', '1280', 2021, 6, 7),
            dataLine('X1', '9999', 2021, 8),
          ].join('\n'),
        ),
      ]);
      expect(report).toMatchObject({
        items: 7,
        values: 8,
        written: 7,
        unchanged: 0,
        unknownKpis: { X1: 4, X2: 2 },
        unknownUnits: { '9998': 2, '9999': 2 },
      });
      expect(report?.unknownKpis).toEqual({ X1: 4, X2: 2 });
      expect(report?.unknownUnits).toEqual({ '9998': 2, '9999': 2 });
      expect(
        await temp.store.db.selectFrom('value').select('value').where('kpi_id', '=', 'N1').execute(),
      ).toEqual([{ value: 5 }]);
      const log = await importLog();
      expect(JSON.parse(log.at(-1)?.counts ?? '')).toMatchObject({ unknownKpis: 2, unknownUnits: 2 });

      const [ou] = await importFiles(temp.store, [
        writeText(
          dir,
          'ou.ndjson',
          [ouLine('N1', 'V15E1', 2022, 1), ouLine('N1', 'V15X9', 2022, 2)].join('\n'),
        ),
      ]);
      expect(ou).toMatchObject({
        kind: 'oudata',
        items: 2,
        values: 2,
        written: 2,
        unknownUnits: { V15X9: 1 },
      });
      expect(ou?.unknownUnits).toEqual({ V15X9: 1 });
      // OU values are never municipality values.
      expect(
        await temp.store.db.selectFrom('value').select('kpi_id').where('kpi_id', '=', 'N1').execute(),
      ).toHaveLength(1);
    });

    it('refuses a metadata file holding another kind, naming the entry, or skips it with skipInvalid', async () => {
      await importFiles(temp.store, [writeText(dir, 'municipality.json', META.municipalities)]);
      const kpi = JSON.parse(META.kpisV3).values[0];
      const mixed = writeText(
        dir,
        'mixed.json',
        JSON.stringify({
          values: [{ id: '2000', title: 'Ny', type: 'K' }, kpi, { id: '2001', title: 'Ny 2', type: 'K' }],
        }),
      );
      const error = await importFiles(temp.store, [mixed]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toBe(
        `${mixed}: values[1]: a kpi object in a file of municipality objects`,
      );
      const log = await importLog();
      expect(log.at(-1)).toMatchObject({ status: 'failed', message: (error as Error).message });

      const [report] = await importFiles(temp.store, [mixed], { skipInvalid: true });
      expect(report).toMatchObject({
        items: 2,
        written: 2,
        skipped: {
          count: 1,
          examples: [`${mixed}: values[1]: a kpi object in a file of municipality objects`],
        },
      });
      const broken = writeText(
        dir,
        'bad-item.json',
        JSON.stringify({ values: [{ id: '2002', title: 7, type: 'K' }] }),
      );
      await expect(importFiles(temp.store, [broken])).rejects.toThrow(
        `${broken}: values[0]: "title" must be a string`,
      );
      const lines = writeText(dir, 'municipality.ndjson', `{"id":"2003","title":"A","type":"K"}\n{"id":`);
      await expect(importFiles(temp.store, [lines])).rejects.toThrow(`${lines}:2: broken JSON`);
    });

    it('counts group members that are not known municipalities', async () => {
      await importFiles(temp.store, [writeText(dir, 'municipality.json', META.municipalities)]);
      const groups = JSON.stringify({
        values: [
          { id: 'G1', title: 'a', members: [{ member_id: '1280' }, { member_id: '7777' }] },
          { id: 'G2', title: 'b', members: [{ member_id: '7777' }, { member_id: '8888' }] },
        ],
      });
      const [report] = await importFiles(temp.store, [writeText(dir, 'municipality_groups.json', groups)]);
      expect(report).toMatchObject({
        kind: 'municipality_groups',
        items: 2,
        unknownUnits: { '7777': 2, '8888': 1 },
      });
      expect(report?.unknownUnits).toEqual({ '7777': 2, '8888': 1 });
    });

    it('keeps at most 20 examples of skipped lines, and counts them all', async () => {
      const lines = [dataLine('N1', '1280', 2022, 1)];
      for (let i = 0; i < 25; i++) lines.push(`broken ${i}`);
      const [report] = await importFiles(temp.store, [writeText(dir, 'skips.ndjson', lines.join('\n'))], {
        skipInvalid: true,
      });
      expect(report?.skipped.count).toBe(25);
      expect(report?.skipped.examples).toHaveLength(20);
      expect(report?.skipped.examples[19]).toMatch(/skips\.ndjson:21: broken JSON/);
      expect(report).toMatchObject({ items: 1, values: 1, written: 1 });
    });

    it('with skipInvalid, tells the kind from the first readable line, and calls a file of broken lines empty', async () => {
      const file = writeText(dir, 'late.ndjson', ['nonsense', dataLine('N1', '1280', 2022, 1)].join('\n'));
      const [report] = await importFiles(temp.store, [file], { skipInvalid: true });
      expect(report).toMatchObject({ kind: 'data', written: 1, skipped: { count: 1 } });
      const bad = writeText(dir, 'all-bad.ndjson', 'x\ny\n');
      const [empty] = await importFiles(temp.store, [bad], { skipInvalid: true });
      expect(empty).toMatchObject({ kind: 'empty', items: 0 });
      const odd = writeText(dir, 'odd.ndjson', '{"hello":1}\n');
      await expect(importFiles(temp.store, [odd])).rejects.toThrow(
        `${odd}:1: cannot tell what kind of Kolada object this is (keys: hello)`,
      );
    });

    it('reports progress: the file and its size first, then counts, the last with every byte read', async () => {
      const lines = Array.from({ length: 3000 }, (_, i) => dataLine('N1', '1280', 1900 + (i % 300), i));
      const file = writeText(dir, 'many.ndjson', lines.join('\n'));
      const starts: unknown[] = [];
      const progress: ImportProgress[] = [];
      const [report] = await importFiles(temp.store, [file], {
        onFileStart: (...args) => starts.push(args),
        onProgress: (p) => progress.push(p),
      });
      const size = Buffer.byteLength(lines.join('\n'));
      expect(starts).toEqual([[file, 'data', size]]);
      expect(progress[0]).toMatchObject({ file, totalBytes: size, items: 1, values: 1 });
      expect(progress.at(-1)).toEqual({ file, bytesRead: size, totalBytes: size, items: 3000, values: 3000 });
      // Reported now and then, not per line.
      expect(progress.length).toBeLessThan(3000);
      expect(report).toMatchObject({ items: 3000, values: 3000, written: 300 });

      const meta: ImportProgress[] = [];
      await importFiles(temp.store, [writeText(dir, 'municipality.json', META.municipalities)], {
        onProgress: (p) => meta.push(p),
      });
      expect(meta.at(-1)).toMatchObject({
        items: 4,
        values: 0,
        bytesRead: Buffer.byteLength(META.municipalities),
      });
    });

    it('refreshes the statistics of the KPIs written, all of them when a municipality set changed', async () => {
      await importFiles(temp.store, [
        writeText(dir, 'municipality.json', META.municipalities),
        writeText(dir, 'kpi.json', META.kpisV3),
      ]);
      const both = [
        dataLine('N1', '1280', 2022, 1),
        dataLine('N1', '1282', 2022, 2),
        dataLine('N2', '1280', 2022, 3),
        dataLine('N2', '1282', 2022, 4),
      ];
      await importFiles(temp.store, [writeText(dir, 'a.ndjson', both.join('\n'))]);
      const first = await statistics();
      expect(first.map(([kpi]) => kpi)).toEqual(['N1', 'N2']);

      // A file of N2 alone changes N2: only N2's statistics are computed again.
      await importFiles(temp.store, [
        writeText(dir, 'b.ndjson', [dataLine('N2', '1280', 2022, 9), both[3]].join('\n')),
      ]);
      const second = await statistics();
      expect(second[0]).toEqual(first[0]);
      expect(second[1]?.[1]).not.toBe(first[1]?.[1]);

      // Nothing written: nothing computed.
      const [same] = await importFiles(temp.store, [
        writeText(dir, 'c.ndjson', [both[0], both[1], dataLine('N2', '1280', 2022, 9), both[3]].join('\n')),
      ]);
      expect(same).toMatchObject({ written: 0, unchanged: 4 });
      expect(await statistics()).toEqual(second);

      // OU values are not in the municipality statistics.
      await importFiles(temp.store, [writeText(dir, 'ou.json', OUS)]);
      await importFiles(temp.store, [writeText(dir, 'ou.ndjson', ouLine('N1', 'V15E1', 2022, 3))]);
      expect(await statistics()).toEqual(second);

      // A new kommun changes the set of all kommuner: every KPI's statistics are computed again.
      const more = JSON.parse(META.municipalities);
      more.values.push({ id: '1283', title: 'Helsingborg', type: 'K' });
      await importFiles(temp.store, [writeText(dir, 'municipality2.json', JSON.stringify(more))]);
      const third = await statistics();
      expect(third[0]?.[1]).not.toBe(second[0]?.[1]);
      expect(third[1]?.[1]).not.toBe(second[1]?.[1]);
    });

    it('refreshes the statistics of the KPIs written before a failure', async () => {
      await importFiles(temp.store, [
        writeText(dir, 'municipality.json', META.municipalities),
        writeText(dir, 'kpi.json', META.kpisV3),
      ]);
      const file = writeText(
        dir,
        'bad.ndjson',
        [
          dataLine('N1', '1280', 2022, 1),
          dataLine('N1', '1282', 2022, 2),
          dataLine('N2', '1280', 2022, 3),
          'broken',
        ].join('\n'),
      );
      await expect(importFiles(temp.store, [file])).rejects.toThrow(`${file}:4: broken JSON`);
      expect((await statistics()).map(([kpi]) => kpi)).toEqual(['N1']);
    });

    it('marks KPIs with the origin asked for, Kolada by default', async () => {
      const one = (id: string) => JSON.stringify({ values: [{ ...JSON.parse(META.kpisV3).values[0], id }] });
      await importFiles(temp.store, [writeText(dir, 'kpi.json', one('N7'))]);
      await importFiles(temp.store, [writeText(dir, 'kpi2.json', one('N8'))], { origin: 'demo' });
      expect(await temp.store.db.selectFrom('kpi').select(['id', 'origin']).orderBy('id').execute()).toEqual([
        { id: 'N7', origin: 'kolada' },
        { id: 'N8', origin: 'demo' },
      ]);
    });
  });
}
