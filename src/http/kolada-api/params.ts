/**
 * Parses and checks what Kolada clients send: comma-separated id segments, year lists, dates and
 * paging. Every problem becomes an `ApiInputError` that names the parameter, so the reply can say
 * exactly what was wrong (and a database never sees malformed input).
 */

import { KOLADA_ID } from '../../kolada/ids.js';

/** Kolada v3 refuses more than this many ids in one segment (reported as HTTP 422). */
export const MAX_IDS_PER_SEGMENT = 25;
/**
 * Kolada v2 limited id lists only by the URL's length (400 when too long). Its limit is not
 * documented; 8192 characters of path and query is the request-line limit of the common web servers
 * (nginx, Apache), and holds every kommun, region and Riket id in one segment several times over.
 */
export const MAX_V2_URL_LENGTH = 8192;
/** Kolada's largest page. */
export const MAX_PER_PAGE = 5000;
export const MAX_PAGE = 10_000_000;
const MAX_YEARS = 200;
const MAX_SEARCH_LENGTH = 500;

const YEAR = /^\d{4}$/;
// Stryker disable next-line Regex: equivalent without either anchor, parseDate's round trip refuses any text around the date
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Where a parameter was sent: a path segment or the query string (the `loc` of an error). */
export type ParameterLocation = 'path' | 'query';

export class ApiInputError extends Error {
  constructor(
    readonly status: 400 | 422,
    readonly parameter: string,
    message: string,
    readonly location: ParameterLocation = 'query',
  ) {
    super(message);
  }
}

/** How one API version reads id lists: v3 allows at most 25 ids in one, v2 any number. */
export interface IdListRule {
  maxIds: number | null;
}

function elements(
  parameter: string,
  raw: string | readonly string[],
  location: ParameterLocation = 'query',
): string[] {
  const parts = (typeof raw === 'string' ? [raw] : raw).flatMap((r) => r.split(','));
  const list = parts.map((p) => p.trim()).filter((p) => p !== '');
  if (list.length === 0) throw new ApiInputError(400, parameter, `${parameter} is empty`, location);
  return list;
}

function shown(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** A comma-separated id list (a path segment, or a query parameter that may repeat). */
export function parseIds(
  parameter: string,
  raw: string | readonly string[],
  location: ParameterLocation = 'query',
  rule: IdListRule = { maxIds: MAX_IDS_PER_SEGMENT },
): string[] {
  const list = elements(parameter, raw, location);
  if (rule.maxIds !== null && list.length > rule.maxIds) {
    throw new ApiInputError(
      422,
      parameter,
      `${parameter} has ${list.length} ids; at most ${rule.maxIds} are allowed in one request`,
      location,
    );
  }
  for (const id of list) {
    if (!KOLADA_ID.test(id)) {
      throw new ApiInputError(
        400,
        parameter,
        `${parameter} contains ${shown(id)}, which is not an id (letters and digits, also ".", "_" or "-" after the first; at most 64)`,
        location,
      );
    }
  }
  return [...new Set(list)];
}

export function parseYears(
  parameter: string,
  raw: string | readonly string[],
  location: ParameterLocation = 'query',
): number[] {
  const list = elements(parameter, raw, location);
  if (list.length > MAX_YEARS) {
    throw new ApiInputError(
      422,
      parameter,
      `${parameter} has ${list.length} years; at most ${MAX_YEARS}`,
      location,
    );
  }
  return [
    ...new Set(
      list.map((y) => {
        if (!YEAR.test(y))
          throw new ApiInputError(
            400,
            parameter,
            `${parameter} contains ${shown(y)}, which is not a year`,
            location,
          );
        return Number(y);
      }),
    ),
  ];
}

/** `from_date=YYYY-MM-DD`, a real calendar date. */
export function parseDate(parameter: string, raw: string): string {
  const m = DATE.exec(raw);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  // date is null exactly when the form does not match.
  if (!date || date.toISOString().slice(0, 10) !== raw) {
    throw new ApiInputError(400, parameter, `${parameter} must be a date YYYY-MM-DD, got ${shown(raw)}`);
  }
  return raw;
}

/** A substring to search for (title, description, operating_area). */
export function parseSearchText(parameter: string, raw: string): string {
  if (raw.length > MAX_SEARCH_LENGTH)
    throw new ApiInputError(400, parameter, `${parameter} is longer than ${MAX_SEARCH_LENGTH} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(raw))
    throw new ApiInputError(400, parameter, `${parameter} contains control characters`);
  return raw;
}

/** region_type / type: K (kommun) or L (region, Riket), comma lists allowed. */
export function parseRegionTypes(parameter: string, raw: string | readonly string[]): string[] {
  return [
    ...new Set(
      elements(parameter, raw).map((t) => {
        const upper = t.toUpperCase();
        if (upper !== 'K' && upper !== 'L')
          throw new ApiInputError(400, parameter, `${parameter} must be K or L, got ${shown(t)}`);
        return upper;
      }),
    ),
  ];
}

export interface Paging {
  page: number;
  perPage: number;
}

/**
 * Page and page size. The route schemas already check them, but a huge number string coerces to
 * Infinity, which passes a JSON-schema integer check; this is the guarantee that reaches SQL.
 */
// Stryker disable next-line StringLiteral: equivalent — only 'v2' is told apart, so any other default acts as v3.
export function paging(query: { page?: unknown; per_page?: unknown }, version: 'v2' | 'v3' = 'v3'): Paging {
  return {
    page: bounded('page', query.page, 1, MAX_PAGE),
    // Kolada v2 limited every reply to 5000 items rather than refusing more (see schemas.ts).
    perPage: bounded('per_page', query.per_page, MAX_PER_PAGE, MAX_PER_PAGE, version === 'v2'),
  };
}

function bounded(parameter: string, raw: unknown, fallback: number, max: number, clamp = false): number {
  if (raw === undefined) return fallback;
  const n = typeof raw === 'number' ? raw : Number.NaN;
  if (n > max) {
    if (clamp) return max;
    throw new ApiInputError(422, parameter, `${parameter} must be at most ${max}`);
  }
  if (!Number.isInteger(n) || n < 1)
    throw new ApiInputError(400, parameter, `${parameter} must be a whole number from 1 to ${max}`);
  return n;
}
