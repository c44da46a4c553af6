/**
 * Header entries and columns every analysis export has, worded the same in each. Imported as a
 * namespace: `analysisDoc.year(ctx, 2024)`.
 */
import type { Column, MetaEntry } from '../exports/table-document.js';
import type { PageContext } from '../page-context.js';
import { tr } from './texts.js';

export function computation(ctx: PageContext, value = 'Etablera'): MetaEntry {
  return { key: 'computation', label: tr(ctx, 'Beräkning', 'Computation'), value };
}

export function year(ctx: PageContext, year: number): MetaEntry {
  return { key: 'year', label: tr(ctx, 'År', 'Year'), value: String(year) };
}

export function gender(ctx: PageContext, gender: string): MetaEntry {
  return { key: 'gender', label: tr(ctx, 'Kön', 'Gender'), value: gender };
}

export function method(ctx: PageContext, method: string): MetaEntry {
  return { key: 'method', label: tr(ctx, 'Metod', 'Method'), value: method };
}

/** The municipality's code and name, the first columns of a table of municipalities. */
export function municipalityColumns(ctx: PageContext): Column[] {
  return [
    { key: 'municipality_id', header: tr(ctx, 'Kommunkod', 'Code'), type: 'text' },
    { key: 'municipality', header: tr(ctx, 'Kommun', 'Municipality'), type: 'text' },
  ];
}
