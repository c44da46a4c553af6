/**
 * A report's tables as an Excel workbook: one sheet per table (numbers as numbers, the header row
 * bold and frozen), for whoever works further with the figures.
 */
import { neutraliseFormula } from '../../../http/ui/exports/table-document.js';
import type { ReportContent } from './report-content.js';

export async function reportXlsx(content: ReportContent): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Etablera';
  // A fixed date: the same content gives the same workbook.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  const used = new Set<string>();
  for (const b of content.blocks) {
    if (b.kind !== 'table') continue;
    const sheet = workbook.addWorksheet(sheetName(b.sheet, used), {
      views: [{ state: 'frozen', ySplit: 2 }],
    });
    sheet.addRow([neutraliseFormula(b.caption)]).font = { bold: true };
    const header = sheet.addRow(b.columns.map((c) => neutraliseFormula(c.header)));
    header.font = { bold: true };
    for (const r of b.rows)
      sheet.addRow(r.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell)));
    b.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = i === 0 ? 50 : 16;
      if (c.decimals !== undefined) column.numFmt = c.decimals ? `0.${'0'.repeat(c.decimals)}` : '0';
      else if (c.numeric) column.numFmt = '#,##0.0##';
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(raw: string, used: Set<string>): string {
  const base =
    raw
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 28)
      .trim() || 'Tabell';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 26)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}
