/**
 * Reads the pages' query strings. Each page's whole state lives there (permalinks); anything that
 * cannot be understood is a BadRequest naming the parameter, never a server error.
 */
import type { YearChoice } from '../../domain/comparison/profile.service.js';
import type { Gender } from '../../store/schema.js';

export class BadRequest extends Error {}

type Query = Record<string, unknown>;

/** One value of a parameter; repeated parameters are joined with commas (lists) or refused. */
function text(query: unknown, name: string, maxLength: number, list = false): string {
  const raw = (query as Query | undefined)?.[name];
  if (raw === undefined || raw === null) return '';
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.some((v) => typeof v !== 'string')) throw new BadRequest(`Parameter "${name}" must be text`);
  if (values.length > 1 && !list) throw new BadRequest(`Parameter "${name}" may be given only once`);
  const value = (values as string[]).join(',').trim();
  if (value.length > maxLength)
    throw new BadRequest(`Parameter "${name}" is longer than ${maxLength} characters`);
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
    throw new BadRequest(`Parameter "ar" (year) must be a year such as 2022 or "senaste", got "${ar}"`);
  return year;
}

function readRef(query: unknown): string | undefined {
  const ref = text(query, 'ref', 40);
  if (ref === '') return undefined;
  if (!/^(alla|urval|G[A-Za-z0-9]{1,30})$/.test(ref))
    throw new BadRequest(
      `Parameter "ref" must be "alla", "urval" or a group id such as G33621, got "${ref}"`,
    );
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
    throw new BadRequest(`Parameter "kommun" must be a four-digit kommun code such as 1282, got "${kommun}"`);
  const kon = text(query, 'kon', 1) || 'T';
  if (kon !== 'T' && kon !== 'K' && kon !== 'M')
    throw new BadRequest(`Parameter "kon" (gender) must be T, K or M, got "${kon}"`);
  const sortKey = text(query, 'sort', 10) || 'rank';
  if (sortKey !== 'rank' && sortKey !== 'name' && sortKey !== 'value')
    throw new BadRequest(`Parameter "sort" must be rank, name or value, got "${sortKey}"`);
  const dir = text(query, 'dir', 4) || 'asc';
  if (dir !== 'asc' && dir !== 'desc')
    throw new BadRequest(`Parameter "dir" must be asc or desc, got "${dir}"`);
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
    if (!/^[A-Z]\d{5}$/.test(k))
      throw new BadRequest(`Parameter "kpi" must list KPI ids such as N00700, got "${k}"`);
  return { year: readYear(query), kommuner: splitList(kommunText), kommunText, kpis: [...new Set(kpis)] };
}
