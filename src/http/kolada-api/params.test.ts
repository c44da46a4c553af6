/**
 * The parameter checks and paging envelopes on their own (no store, no server): every problem names
 * its parameter, status and place, the limits hold exactly at their edge, and the paging links
 * change only `page`. The route tests (kolada-api*.test.ts) check the same promises through the API.
 */
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { envelope } from './paging.js';
import {
  ApiInputError,
  MAX_IDS_PER_SEGMENT,
  MAX_PAGE,
  MAX_PER_PAGE,
  paging,
  parseDate,
  parseIds,
  parseRegionTypes,
  parseSearchText,
  parseYears,
} from './params.js';

/** What `fn` threw, as the fields a reply is built from. */
function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof ApiInputError)) throw error;
    return {
      status: error.status,
      parameter: error.parameter,
      message: error.message,
      location: error.location,
    };
  }
  throw new Error('expected an ApiInputError');
}

describe('parseIds', () => {
  it('splits comma lists and repeated parameters, trims, drops empty parts and repeats', () => {
    expect(parseIds('kpi', ' N00001 ,,N00002,N00001')).toEqual(['N00001', 'N00002']);
    expect(parseIds('kpi', ['N00001,G2KPI84105', 'V15E128000101', 'a.b_c-d'])).toEqual([
      'N00001',
      'G2KPI84105',
      'V15E128000101',
      'a.b_c-d',
    ]);
  });

  it('refuses an empty list with 400, naming the parameter and where it was sent', () => {
    expect(refusal(() => parseIds('kpi', ' , ,'))).toEqual({
      status: 400,
      parameter: 'kpi',
      message: 'kpi is empty',
      location: 'query',
    });
    expect(refusal(() => parseIds('municipality', '', 'path'))).toEqual({
      status: 400,
      parameter: 'municipality',
      message: 'municipality is empty',
      location: 'path',
    });
  });

  it('allows 25 ids in one segment and refuses 26 with 422; v2 has no count limit', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `N${String(i).padStart(5, '0')}`);
    expect(MAX_IDS_PER_SEGMENT).toBe(25);
    expect(parseIds('kpi', ids(25).join(','))).toHaveLength(25);
    expect(refusal(() => parseIds('kpi', ids(26).join(','), 'path'))).toEqual({
      status: 422,
      parameter: 'kpi',
      message: 'kpi has 26 ids; at most 25 are allowed in one request',
      location: 'path',
    });
    expect(parseIds('kpi', ids(300).join(','), 'path', { maxIds: null })).toHaveLength(300);
    expect(refusal(() => parseIds('kpi', 'N1,N2,N3', 'query', { maxIds: 2 })).message).toBe(
      'kpi has 3 ids; at most 2 are allowed in one request',
    );
  });

  it('refuses what is not an id, showing it (cut after 40 characters)', () => {
    expect(refusal(() => parseIds('kpi', 'N00001,-N2', 'path'))).toEqual({
      status: 400,
      parameter: 'kpi',
      message:
        'kpi contains "-N2", which is not an id (letters and digits, also ".", "_" or "-" after the first; at most 64)',
      location: 'path',
    });
    const long = 'x'.repeat(65);
    expect(refusal(() => parseIds('ou', long)).message).toBe(
      `ou contains "${'x'.repeat(40)}…", which is not an id (letters and digits, also ".", "_" or "-" after the first; at most 64)`,
    );
    // Exactly 40 characters are shown whole.
    expect(refusal(() => parseIds('ou', `${'y'.repeat(39)}!`)).message).toMatch(
      /^ou contains "y{39}!", which/,
    );
    expect(parseIds('ou', 'x'.repeat(64))).toEqual(['x'.repeat(64)]);
  });
});

describe('parseYears', () => {
  it('reads a list of four-digit years as numbers, once each', () => {
    expect(parseYears('year', '2022, 2021,2022')).toEqual([2022, 2021]);
    expect(parseYears('year', ['1999', '2000,2001'])).toEqual([1999, 2000, 2001]);
  });

  it('refuses what is not a year with 400, naming it and the place', () => {
    for (const bad of ['22', '20221', '2o22', '+2022', '2022.0'])
      expect(
        refusal(() => parseYears('year', `2021,${bad}`, 'path')),
        bad,
      ).toEqual({
        status: 400,
        parameter: 'year',
        message: `year contains "${bad}", which is not a year`,
        location: 'path',
      });
    expect(refusal(() => parseYears('year', ','))).toEqual({
      status: 400,
      parameter: 'year',
      message: 'year is empty',
      location: 'query',
    });
  });

  it('allows 200 years and refuses 201 with 422', () => {
    const years = (n: number) => Array.from({ length: n }, (_, i) => String(1800 + i));
    expect(parseYears('year', years(200).join(','))).toHaveLength(200);
    expect(refusal(() => parseYears('year', years(201).join(','), 'path'))).toEqual({
      status: 422,
      parameter: 'year',
      message: 'year has 201 years; at most 200',
      location: 'path',
    });
  });
});

describe('parseDate', () => {
  it('takes a real calendar date as it is', () => {
    for (const date of ['2024-02-29', '2023-12-31', '2000-01-01', '1999-10-09'])
      expect(parseDate('from_date', date)).toBe(date);
  });

  it('refuses dates that are not real or not in the form YYYY-MM-DD', () => {
    for (const bad of [
      '2023-02-29',
      '2023-13-01',
      '2023-00-10',
      '2023-04-31',
      '2023-1-01',
      '20230101',
      'x2023-01-01',
      '2023-01-01x',
      '',
    ])
      expect(
        refusal(() => parseDate('from_date', bad)),
        bad,
      ).toEqual({
        status: 400,
        parameter: 'from_date',
        message: `from_date must be a date YYYY-MM-DD, got ${JSON.stringify(bad)}`,
        location: 'query',
      });
  });
});

describe('parseSearchText', () => {
  it('takes up to 500 characters without control characters', () => {
    expect(parseSearchText('title', 'Äldreomsorg – kostnad')).toBe('Äldreomsorg – kostnad');
    expect(parseSearchText('title', 'a'.repeat(500))).toBe('a'.repeat(500));
    expect(parseSearchText('title', ' \u0080~')).toBe(' \u0080~');
  });

  it('refuses longer text and control characters, naming the parameter', () => {
    expect(refusal(() => parseSearchText('description', 'a'.repeat(501)))).toEqual({
      status: 400,
      parameter: 'description',
      message: 'description is longer than 500 characters',
      location: 'query',
    });
    for (const control of ['\u0000', '\u0009', '\u001f', '\u007f'])
      expect(
        refusal(() => parseSearchText('title', `a${control}b`)),
        JSON.stringify(control),
      ).toEqual({
        status: 400,
        parameter: 'title',
        message: 'title contains control characters',
        location: 'query',
      });
  });
});

describe('parseRegionTypes', () => {
  it('reads K and L in either case, once each', () => {
    expect(parseRegionTypes('type', 'k,L,K')).toEqual(['K', 'L']);
    expect(parseRegionTypes('region_type', ['l'])).toEqual(['L']);
  });

  it('refuses anything else, naming it', () => {
    expect(refusal(() => parseRegionTypes('region_type', 'K,R'))).toEqual({
      status: 400,
      parameter: 'region_type',
      message: 'region_type must be K or L, got "R"',
      location: 'query',
    });
    expect(refusal(() => parseRegionTypes('type', ','))).toEqual({
      status: 400,
      parameter: 'type',
      message: 'type is empty',
      location: 'query',
    });
  });
});

describe('paging', () => {
  it('defaults to the first page of Kolada’s largest size', () => {
    expect(paging({})).toEqual({ page: 1, perPage: 5000 });
    expect(paging({}, 'v2')).toEqual({ page: 1, perPage: MAX_PER_PAGE });
  });

  it('takes every page and page size from 1 to its maximum', () => {
    expect(paging({ page: 1, per_page: 1 })).toEqual({ page: 1, perPage: 1 });
    expect(paging({ page: MAX_PAGE, per_page: MAX_PER_PAGE })).toEqual({ page: 10_000_000, perPage: 5000 });
  });

  it('refuses a page size over 5000 in v3 with 422, and serves 5000 in v2', () => {
    expect(refusal(() => paging({ per_page: 5001 }))).toEqual({
      status: 422,
      parameter: 'per_page',
      message: 'per_page must be at most 5000',
      location: 'query',
    });
    expect(paging({ per_page: 5001 }, 'v2')).toEqual({ page: 1, perPage: 5000 });
    expect(paging({ per_page: Number.POSITIVE_INFINITY }, 'v2')).toEqual({ page: 1, perPage: 5000 });
    // v2 clamps only the page size, never the page.
    expect(refusal(() => paging({ page: MAX_PAGE + 1 }, 'v2'))).toEqual({
      status: 422,
      parameter: 'page',
      message: 'page must be at most 10000000',
      location: 'query',
    });
  });

  it('refuses a number sent as text even where v2 clamps, rather than comparing it as a number', () => {
    expect(refusal(() => paging({ per_page: '9999' }, 'v2'))).toEqual({
      status: 400,
      parameter: 'per_page',
      message: 'per_page must be a whole number from 1 to 5000',
      location: 'query',
    });
  });

  it('refuses zero, negative, fractional, non-finite and non-numeric values with 400', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.NEGATIVE_INFINITY, '2', null])
      for (const parameter of ['page', 'per_page'] as const)
        expect(
          refusal(() => paging({ [parameter]: bad })),
          `${parameter}=${String(bad)}`,
        ).toEqual({
          status: 400,
          parameter,
          message: `${parameter} must be a whole number from 1 to ${parameter === 'page' ? MAX_PAGE : MAX_PER_PAGE}`,
          location: 'query',
        });
  });
});

describe('envelope', () => {
  const request = (url: string) =>
    ({ protocol: 'http', host: 'localhost:8080', url }) as unknown as FastifyRequest;

  it('v3: values, count and both links, which change only page', () => {
    const values = [{ a: 1 }, { a: 2 }];
    expect(envelope('v3', request('/v3/kpi?title=x%20y&page=2&per_page=2'), '', values, 2, true)).toEqual({
      values,
      count: 2,
      next_url: 'http://localhost:8080/v3/kpi?title=x+y&page=3&per_page=2',
      previous_url: 'http://localhost:8080/v3/kpi?title=x+y&page=1&per_page=2',
    });
    expect(envelope('v3', request('/v3/kpi'), '', values, 1, false)).toEqual({
      values,
      count: 2,
      next_url: null,
      previous_url: null,
    });
  });

  it('v2: the links only when there is such a page, from ETABLERA_PUBLIC_URL when set', () => {
    expect(
      envelope('v2', request('/v2/kpi?per_page=1'), 'https://etablera.example.se', [{}], 1, true),
    ).toEqual({
      values: [{}],
      count: 1,
      next_page: 'https://etablera.example.se/v2/kpi?per_page=1&page=2',
    });
    expect(envelope('v2', request('/v2/kpi?page=3'), '', [], 3, false)).toEqual({
      values: [],
      count: 0,
      previous_page: 'http://localhost:8080/v2/kpi?page=2',
    });
    expect(envelope('v2', request('/v2/kpi'), '', [], 1, false)).toEqual({ values: [], count: 0 });
  });
});
