import { describe, expect, it } from 'vitest';
import { decimalsFor, formatDate, formatNumber, MINUS, meanDecimals, THIN_SPACE } from './format.js';

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
