/** JSON: the header block as an object and the rows keyed by column, numbers at full precision. */
import type { Column, TableDocument } from './table-document.js';

export interface JsonDocument {
  title: string;
  meta: Record<string, string>;
  columns: Column[];
  rows: TableDocument['rows'];
}

export function toJson(doc: TableDocument): JsonDocument {
  return {
    title: doc.title,
    meta: Object.fromEntries(doc.meta.map((m) => [m.key, m.value])),
    columns: doc.columns,
    rows: doc.rows,
  };
}
