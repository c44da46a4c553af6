/**
 * The one shape every page exports: a header block (what, source, year, date) and a table. Pages
 * build a TableDocument from their model; csv.ts, xlsx.ts and json.ts turn it into files. Analysis
 * pages reuse the same shape, so every export in Etablera looks alike.
 */

export type ColumnType = 'text' | 'number' | 'integer';

export interface Column {
  key: string;
  header: string;
  type: ColumnType;
}

export type CellValue = string | number | null;

export interface MetaEntry {
  key: string;
  label: string;
  value: string;
}

export interface TableDocument {
  /** Page title, first line of the header block. */
  title: string;
  /** File name without extension (ASCII, no spaces). */
  filename: string;
  /** Header block: source, year, reference, date…; `key` is the stable name used in JSON. */
  meta: MetaEntry[];
  columns: Column[];
  rows: Record<string, CellValue>[];
}

/** "Landskrona (1282)" → "landskrona-1282": safe in Content-Disposition and on every file system. */
export function safeFilename(text: string): string {
  const ascii = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, 80) || 'etablera';
}

/**
 * Spreadsheet programs run cells that begin with = + - @ (and tab / carriage return) as formulas;
 * text from data must never do that, so such text gets a leading apostrophe. Numbers stay numbers.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
