import { describe, expect, it } from 'vitest';
import { decimalsFor, formatDate, formatNumber, MINUS, meanDecimals, THIN_SPACE } from './format.js';
import { INTL_LOCALE, LOCALES } from './locales.js';

describe('formatNumber', () => {
  it('writes Swedish numbers with decimal comma, thin-space thousands and a real minus', () => {
    expect(formatNumber(1234567.25, 'sv', 1)).toBe(`1${THIN_SPACE}234${THIN_SPACE}567,3`);
    expect(formatNumber(-1234.5, 'sv', 1)).toBe(`${MINUS}1${THIN_SPACE}234,5`);
    expect(formatNumber(66.2, 'sv')).toBe('66,2');
    expect(formatNumber(0.125, 'sv')).toBe('0,13');
  });

  it('writes English numbers the English way', () => {
    expect(formatNumber(1234567.25, 'en', 1)).toBe('1,234,567.3');
    expect(formatNumber(-0.5, 'en', 1)).toBe('-0.5');
  });

  it('keeps a fixed number of decimals when asked, so columns line up', () => {
    expect(formatNumber(27, 'sv', 1)).toBe('27,0');
    expect(formatNumber(27, 'sv')).toBe('27');
  });

  it('never shows a negative zero', () => {
    expect(formatNumber(-0.001, 'sv', 2)).toBe('0,00');
    expect(formatNumber(-0.001, 'en')).toBe('0');
  });

  it("gives each language Intl's own digits and signs, Swedish only with its separators replaced", () => {
    const numbers = [0, 7, -7, 12.5, -0.75, 999.99, 1234.5, -1234567.891, 25000, 1e9];
    for (const lang of LOCALES)
      for (const v of numbers)
        for (const decimals of [undefined, 0, 2]) {
          const shown = decimals ?? (Math.abs(v) >= 1000 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
          const parts = new Intl.NumberFormat(INTL_LOCALE[lang], {
            maximumFractionDigits: shown,
            minimumFractionDigits: decimals === undefined ? 0 : shown,
          }).formatToParts(v);
          const expected = parts
            .map((p) =>
              lang === 'sv' && p.type === 'group'
                ? THIN_SPACE
                : lang === 'sv' && p.type === 'minusSign'
                  ? MINUS
                  : p.value,
            )
            .join('');
          expect(formatNumber(v, lang, decimals), `${lang} ${v} ${decimals}`).toBe(expected);
        }
    expect(formatNumber(-1234567.891, 'sv')).not.toMatch(/[\u00a0\u202f-]/);
  });

  it('never starts with the hyphen Kolada uses for bortfall in Swedish', () => {
    for (const v of [-1, -0.5, -1e6]) expect(formatNumber(v, 'sv').startsWith('-')).toBe(false);
  });
});

describe('decimalsFor', () => {
  it('uses none for whole numbers, one for percentages, else by magnitude', () => {
    expect(decimalsFor([1, 2, 300], 'antal')).toBe(0);
    expect(decimalsFor([8.83, 66.2], '%')).toBe(1);
    expect(decimalsFor([1.37, -0.19], 'procentenheter')).toBe(2);
    expect(decimalsFor([1234.5, 10.2], 'kr')).toBe(0);
    expect(decimalsFor([null, undefined], null)).toBe(1);
    expect(meanDecimals(0)).toBe(1);
    expect(meanDecimals(2)).toBe(2);
  });
});

describe('formatDate', () => {
  it('writes dates in the language', () => {
    expect(formatDate('2026-01-07', 'sv')).toBe('7 januari 2026');
    expect(formatDate('2026-01-07', 'en')).toBe('7 January 2026');
    expect(formatDate('not a date', 'sv')).toBe('not a date');
  });
});
