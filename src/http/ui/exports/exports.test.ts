import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';
import { toJson } from './json.js';
import { splitFormat } from './respond.js';
import { neutraliseFormula, safeFilename, type TableDocument } from './table-document.js';
import { toXlsx } from './xlsx.js';

const doc: TableDocument = {
  title: 'Integrationsprofil Malmö (1280)',
  filename: 'etablera-profil-malmo-1280',
  meta: [
    { key: 'source', label: 'Källa', value: 'Källa: Kolada' },
    { key: 'year', label: 'År', value: '2022' },
    { key: 'note', label: 'Anmärkning', value: '=cmd|"/c calc"!A1' },
  ],
  columns: [
    { key: 'kpi', header: 'Nyckeltal', type: 'text' },
    { key: 'value', header: 'Värde', type: 'number' },
    { key: 'rank', header: 'Rang', type: 'integer' },
  ],
  rows: [
    { kpi: 'Andel, "med" citat, och komma', value: 66.23456789, rank: 12 },
    { kpi: '+SUM(A1:A9)', value: -5.5, rank: null },
    { kpi: '@import', value: null, rank: 290 },
    { kpi: '-1+2', value: 0, rank: 1 },
  ],
};

describe('neutraliseFormula', () => {
  it('defuses text a spreadsheet would run as a formula', () => {
    for (const t of ['=1+1', '+1', '-1', '@x', '\tx', '\rx']) expect(neutraliseFormula(t)).toBe(`'${t}`);
    expect(neutraliseFormula('Malmö')).toBe('Malmö');
    expect(neutraliseFormula('')).toBe('');
  });
});

describe('CSV', () => {
  const text = toCsv(doc);
  const records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];

  it('starts with a byte-order mark, the title and the header block, then the table', () => {
    expect(text.startsWith('\uFEFFIntegrationsprofil Malmö (1280)\r\n')).toBe(true);
    expect(records[1]).toEqual(['Källa', 'Källa: Kolada']);
    expect(records[4]).toEqual(['']);
    expect(records[5]).toEqual(['Nyckeltal', 'Värde', 'Rang']);
  });

  it('keeps full precision, quotes where needed and leaves missing values empty', () => {
    expect(records[6]).toEqual(['Andel, "med" citat, och komma', '66.23456789', '12']);
    expect(records[7]).toEqual(["'+SUM(A1:A9)", '-5.5', '']);
    expect(records[8]).toEqual(["'@import", '', '290']);
    expect(records[9]![0]).toBe("'-1+2");
    expect(records[3]).toEqual(['Anmärkning', `'=cmd|"/c calc"!A1`]);
  });
});

describe('XLSX', () => {
  it('holds the header block, numbers as numbers and no formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(doc)) as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('Integrationsprofil Malmö (1280)');
    expect(sheet.getCell('B2').value).toBe('Källa: Kolada');
    expect(sheet.getCell('B4').value).toBe(`'=cmd|"/c calc"!A1`);
    expect(sheet.getRow(6).values).toEqual([undefined, 'Nyckeltal', 'Värde', 'Rang']);
    expect(sheet.getCell('B7').value).toBe(66.23456789);
    expect(sheet.getCell('A8').value).toBe("'+SUM(A1:A9)");
    expect(sheet.getCell('B9').value).toBeNull();
    let formulas = 0;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas++;
      }),
    );
    expect(formulas).toBe(0);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
  });
});

describe('JSON and names', () => {
  it('keys the header block and rows by stable names', () => {
    const json = toJson(doc);
    expect(json.meta).toEqual({ source: 'Källa: Kolada', year: '2022', note: '=cmd|"/c calc"!A1' });
    expect(json.rows[0]).toEqual({ kpi: 'Andel, "med" citat, och komma', value: 66.23456789, rank: 12 });
  });

  it('splits the format off a path segment and makes safe file names', () => {
    expect(splitFormat('1282.csv')).toEqual({ base: '1282', format: 'csv' });
    expect(splitFormat('N00700.xlsx')).toEqual({ base: 'N00700', format: 'xlsx' });
    expect(splitFormat('1282')).toEqual({ base: '1282', format: 'html' });
    expect(splitFormat('1282.exe')).toEqual({ base: '1282.exe', format: 'html' });
    expect(safeFilename('Profil Malmö/Åre "x"')).toBe('profil-malmo-are-x');
  });
});
