/**
 * Query parameters of the analyses, shared by the JSON API (/api/analys/…) and the pages (/analys/…).
 * Parameter names are Swedish, as in the page URLs. Every problem names the parameter.
 */
import type { Comparison, ThresholdFilter } from '../../../domain/analysis/correlation.js';
import type { CorrelationRequest } from '../../../domain/analysis/correlation.service.js';
import type { ExpectedValueRequest } from '../../../domain/analysis/expected-value.service.js';
import type { SimilarityKpi } from '../../../domain/analysis/similarity.js';
import type { SimilarityRequest } from '../../../domain/analysis/similarity.service.js';
import type { StatisticsRequest } from '../../../domain/analysis/statistics.service.js';
import { InputError } from '../../../errors/input-error.js';
import { KOLADA_ID } from '../../../kolada/ids.js';
import type { Gender } from '../../../store/schema.js';

export type Query = Record<string, string | string[] | undefined>;

const MAX_KPIS = 30;

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) {
    if (value.length > 1) throw new InputError('giveOnce', { parameter: name });
    return value[0]?.trim() || undefined;
  }
  return value?.trim() || undefined;
}

function all(query: Query, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim());
}

function id(name: string, value: string): string {
  if (!KOLADA_ID.test(value))
    throw new InputError('invalidId', { parameter: name, values: { value: value.slice(0, 40) } });
  return value;
}

function required(query: Query, name: string): string {
  const value = single(query, name);
  if (!value) throw new InputError('required', { parameter: name });
  return value;
}

export function parseYear(query: Query): number | undefined {
  const value = single(query, 'ar');
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 1900 || year > 2100)
    throw new InputError('invalidYear', { parameter: 'ar', values: { value: value.slice(0, 20) } });
  return year;
}

export function parseGender(query: Query): Gender {
  const value = single(query, 'kon') ?? 'T';
  if (value !== 'T' && value !== 'K' && value !== 'M')
    throw new InputError('invalidGender', { parameter: 'kon', values: { value: value.slice(0, 20) } });
  return value;
}

function parseKpiIds(name: string, raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => id(name, s));
  if (ids.length > MAX_KPIS)
    throw new InputError('tooManyKpis', { parameter: name, values: { max: MAX_KPIS } });
  return ids;
}

/** "N01951:2:log,N02926" → weight 2 with log transform, weight 1. */
export function parseWeightedKpis(raw: string): SimilarityKpi[] {
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length > MAX_KPIS)
    throw new InputError('tooManyKpis', { parameter: 'kpier', values: { max: MAX_KPIS } });
  return items.map((item) => {
    const [kpi = '', weightText, transform] = item.split(':');
    const weight = weightText === undefined || weightText === '' ? 1 : Number(weightText);
    if (!Number.isFinite(weight) || weight < 0 || weight > 100)
      throw new InputError('invalidWeight', { parameter: 'kpier', values: { kpi } });
    if (transform !== undefined && transform !== 'log' && transform !== '')
      throw new InputError('invalidTransform', {
        parameter: 'kpier',
        values: { value: transform.slice(0, 10) },
      });
    return { id: id('kpier', kpi), weight, transform: transform === 'log' ? 'log' : 'none' };
  });
}

export function statisticsRequest(query: Query): StatisticsRequest {
  const group = single(query, 'grupp');
  return {
    kpi: id('kpi', required(query, 'kpi')),
    year: parseYear(query),
    gender: parseGender(query),
    group: group ? id('grupp', group) : undefined,
  };
}

export function similarityRequest(query: Query): SimilarityRequest {
  const kpis = single(query, 'kpier');
  const preset = single(query, 'urval');
  const limit = single(query, 'antal');
  if (limit !== undefined && !/^\d{1,3}$/.test(limit))
    throw new InputError('invalidCount', { parameter: 'antal', values: { value: limit.slice(0, 20) } });
  return {
    municipality: id('kommun', required(query, 'kommun')),
    preset: preset && preset !== 'egen' ? id('urval', preset) : undefined,
    kpis: preset === 'egen' || (kpis && !preset) ? parseWeightedKpis(kpis ?? '') : undefined,
    year: parseYear(query),
    gender: parseGender(query),
    limit: limit === undefined ? undefined : Number(limit),
  };
}

export function expectedValueRequest(query: Query): ExpectedValueRequest {
  return {
    outcome: id('kpi', required(query, 'kpi')),
    predictors: parseKpiIds('forklarande', single(query, 'forklarande')),
    year: parseYear(query),
    gender: parseGender(query),
  };
}

/** Threshold filters as aligned repeated fields: fkpi=N01951&fop=over&fvarde=10000 (what a form sends). */
export function parseFilters(query: Query): ThresholdFilter[] {
  const kpis = all(query, 'fkpi');
  const ops = all(query, 'fop');
  const values = all(query, 'fvarde');
  const filters: ThresholdFilter[] = [];
  for (let i = 0; i < Math.max(kpis.length, ops.length, values.length); i++) {
    const kpi = kpis[i] ?? '';
    const value = (values[i] ?? '').replace(',', '.');
    // An empty row of the form is no filter.
    if (kpi === '' && value === '') continue;
    if (kpi === '' || value === '') throw new InputError('filterIncomplete', { parameter: 'fkpi' });
    const op = ops[i] ?? 'over';
    if (op !== 'over' && op !== 'under')
      throw new InputError('invalidFilterOperator', { parameter: 'fop', values: { value: op.slice(0, 20) } });
    const number = Number(value);
    if (!Number.isFinite(number))
      throw new InputError('notANumber', { parameter: 'fvarde', values: { value: value.slice(0, 20) } });
    filters.push({ kpi: id('fkpi', kpi), comparison: op as Comparison, value: number });
  }
  return filters;
}

export function correlationRequest(query: Query): CorrelationRequest {
  const highlight = single(query, 'kommun');
  return {
    x: id('x', required(query, 'x')),
    y: id('y', required(query, 'y')),
    year: parseYear(query),
    gender: parseGender(query),
    highlight: highlight ? id('kommun', highlight) : undefined,
    filters: parseFilters(query),
  };
}
