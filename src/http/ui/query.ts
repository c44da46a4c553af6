/**
 * Reads the pages' query strings. Each page's whole state lives there (permalinks); anything that
 * cannot be understood is an InputError naming the parameter, never a server error.
 */
import type { YearChoice } from '../../domain/comparison/profile.service.js';
import { InputError } from '../../errors/input-error.js';
import { KPI_ID } from '../../kolada/ids.js';
import type { Gender } from '../../store/schema.js';

type Query = Record<string, unknown>;

/** One value of a parameter; repeated parameters are joined with commas (lists) or refused. */
function text(query: unknown, name: string, maxLength: number, list = false): string {
  const raw = (query as Query | undefined)?.[name];
  if (raw === undefined || raw === null) return '';
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.some((v) => typeof v !== 'string')) throw new InputError('textOnly', { parameter: name });
  if (values.length > 1 && !list) throw new InputError('giveOnce', { parameter: name });
  const value = (values as string[]).join(',').trim();
  if (value.length > maxLength)
    throw new InputError('tooLong', { parameter: name, values: { max: maxLength } });
  return value;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function readYear(query: unknown): YearChoice {
  const ar = text(query, 'ar', 10);
  if (ar === '' || ar === 'senaste' || ar === 'latest') return 'latest';
  const year = Number(ar);
  if (!/^\d{4}$/.test(ar) || year < 1900 || year > 2100)
    throw new InputError('invalidYear', { parameter: 'ar', values: { value: ar } });
  return year;
}

function readRef(query: unknown): string | undefined {
  const ref = text(query, 'ref', 40);
  if (ref === '') return undefined;
  if (!/^(alla|urval|G[A-Za-z0-9]{1,30})$/.test(ref))
    throw new InputError('invalidRef', { parameter: 'ref', values: { value: ref } });
  return ref;
}

export function readStartQuery(query: unknown): { q: string } {
  return { q: text(query, 'q', 100) };
}

export interface ProfileQueryParams {
  year: YearChoice;
  ref: string | undefined;
  selection: string[];
  selectionText: string;
}

export function readProfileQuery(query: unknown): ProfileQueryParams {
  const selectionText = text(query, 'urval', 2000, true);
  return { year: readYear(query), ref: readRef(query), selection: splitList(selectionText), selectionText };
}

export type SortKey = 'rank' | 'name' | 'value';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export interface KpiQueryParams extends ProfileQueryParams {
  municipalityId: string | undefined;
  gender: Gender;
  compare: string[];
  compareText: string;
  sort: Sort;
}

export function readKpiQuery(query: unknown): KpiQueryParams {
  const kommun = text(query, 'kommun', 10);
  if (kommun && !/^\d{4}$/.test(kommun))
    throw new InputError('invalidKommunCode', { parameter: 'kommun', values: { value: kommun } });
  const kon = text(query, 'kon', 1) || 'T';
  if (kon !== 'T' && kon !== 'K' && kon !== 'M')
    throw new InputError('invalidGender', { parameter: 'kon', values: { value: kon } });
  const sortKey = text(query, 'sort', 10) || 'rank';
  if (sortKey !== 'rank' && sortKey !== 'name' && sortKey !== 'value')
    throw new InputError('invalidSort', { parameter: 'sort', values: { value: sortKey } });
  const dir = text(query, 'dir', 4) || 'asc';
  if (dir !== 'asc' && dir !== 'desc')
    throw new InputError('invalidSortDirection', { parameter: 'dir', values: { value: dir } });
  const compareText = text(query, 'jmf', 2000, true);
  return {
    ...readProfileQuery(query),
    municipalityId: kommun || undefined,
    gender: kon,
    compare: splitList(compareText),
    compareText,
    sort: { key: sortKey, dir },
  };
}

export interface CompareQueryParams {
  year: YearChoice;
  kommuner: string[];
  kommunText: string;
  kpis: string[];
}

export function readCompareQuery(query: unknown): CompareQueryParams {
  const kommunText = text(query, 'kommun', 2000, true);
  const kpis = splitList(text(query, 'kpi', 2000, true)).map((k) => k.toUpperCase());
  for (const k of kpis)
    if (!KPI_ID.test(k)) throw new InputError('invalidId', { parameter: 'kpi', values: { value: k } });
  return { year: readYear(query), kommuner: splitList(kommunText), kommunText, kpis: [...new Set(kpis)] };
}
