/**
 * CSV (RFC 4180): UTF-8 with a byte-order mark so Excel reads å, ä, ö; comma-separated, numbers
 * with a decimal point at full precision. The header block comes first as label,value lines, then
 * an empty line, then the table.
 */
import { type CellValue, neutraliseFormula, type TableDocument } from './table-document.js';

const BOM = '\uFEFF';

export function toCsv(doc: TableDocument): string {
  const lines: string[] = [];
  lines.push(line([doc.title]));
  for (const m of doc.meta) lines.push(line([m.label, m.value]));
  lines.push('');
  lines.push(line(doc.columns.map((c) => c.header)));
  for (const row of doc.rows) lines.push(line(doc.columns.map((c) => row[c.key] ?? null)));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

function line(cells: readonly CellValue[]): string {
  return cells.map(field).join(',');
}

function field(cell: CellValue): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = neutraliseFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
