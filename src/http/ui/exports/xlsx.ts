/**
 * Excel workbook (exceljs): one sheet with the header block on top, a bold header row, numbers as
 * numbers, the table frozen below its header and an autofilter over it.
 */
import { neutraliseFormula, type TableDocument } from './table-document.js';

export async function toXlsx(doc: TableDocument): Promise<Buffer> {
  // Loaded at the first .xlsx, not at start: exceljs is ≈ 500 modules (0.2 s) that most servers never use.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Etablera';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName(doc.title));

  sheet.addRow([neutraliseFormula(doc.title)]).font = { bold: true, size: 14 };
  for (const m of doc.meta) {
    const row = sheet.addRow([neutraliseFormula(m.label), neutraliseFormula(m.value)]);
    row.getCell(1).font = { bold: true };
  }
  sheet.addRow([]);

  const headerRow = sheet.addRow(doc.columns.map((c) => neutraliseFormula(c.header)));
  headerRow.font = { bold: true };
  headerRow.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  const headerIndex = headerRow.number;

  for (const r of doc.rows) {
    sheet.addRow(
      doc.columns.map((c) => {
        const v = r[c.key] ?? null;
        if (v === null) return null;
        if (typeof v === 'number') return Number.isFinite(v) ? v : null;
        return neutraliseFormula(v);
      }),
    );
  }

  doc.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    if (c.type === 'integer') column.numFmt = '0';
    else if (c.type === 'number') column.numFmt = '#,##0.0##';
    const longest = Math.max(
      c.header.length,
      ...doc.rows.slice(0, 500).map((r) => String(r[c.key] ?? '').length),
    );
    column.width = Math.min(60, Math.max(8, longest + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: headerIndex }];
  if (doc.columns.length > 0) {
    sheet.autoFilter = {
      from: { row: headerIndex, column: 1 },
      to: { row: headerIndex + doc.rows.length, column: doc.columns.length },
    };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// Excel sheet names: at most 31 characters, none of : \ / ? * [ ].
function sheetName(title: string): string {
  return (
    title
      .replace(/[:\\/?*[\]]/g, ' ')
      .slice(0, 31)
      .trim() || 'Etablera'
  );
}
