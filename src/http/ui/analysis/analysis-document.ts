/**
 * Header entries and columns every analysis export has, worded the same in each. Imported as a
 * namespace: `analysisDoc.year(ctx, 2024)`.
 */
import type { Column, MetaEntry } from '../exports/table-document.js';
import type { PageContext } from '../page-context.js';

export function computation(ctx: PageContext, value = 'Etablera'): MetaEntry {
  return { key: 'computation', label: ctx.t('analysis.computation'), value };
}

export function year(ctx: PageContext, year: number): MetaEntry {
  return { key: 'year', label: ctx.t('analysis.year'), value: String(year) };
}

export function gender(ctx: PageContext, gender: string): MetaEntry {
  return { key: 'gender', label: ctx.t('analysis.gender'), value: gender };
}

export function method(ctx: PageContext, method: string): MetaEntry {
  return { key: 'method', label: ctx.t('analysis.method'), value: method };
}

/** The municipality's code and name, the first columns of a table of municipalities. */
export function municipalityColumns(ctx: PageContext): Column[] {
  return [
    { key: 'municipality_id', header: ctx.t('analysis.code'), type: 'text' },
    { key: 'municipality', header: ctx.t('analysis.municipality'), type: 'text' },
  ];
}
