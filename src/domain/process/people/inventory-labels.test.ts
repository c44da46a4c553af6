/** Inventory codes by catalog key: every code the inventory takes has a text, in Swedish and English. */
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../../i18n/translator.js';
import { CONSTRAINTS, DIGITAL_LEVELS, EXPERIENCE_BANDS, SWEDISH_LEVELS } from './inventory.js';
import { codeKey } from './inventory-labels.js';

describe('the catalog key of an inventory code', () => {
  it('names codes that are no plain word by their key word, and plain words as they are', () => {
    expect(codeKey('years', '0')).toBe('process.years.none');
    expect(codeKey('years', '<1')).toBe('process.years.lt1');
    expect(codeKey('years', '5+')).toBe('process.years.y5plus');
    expect(codeKey('swedish', 'sfi-a')).toBe('process.swedish.sfiA');
    expect(codeKey('swedish', 'sva-gy')).toBe('process.swedish.svaGy');
    expect(codeKey('swedish', 'none')).toBe('process.swedish.none');
    expect(codeKey('constraint', 'care-of-relative')).toBe('process.constraint.careOfRelative');
    expect(codeKey('constraint', 'childcare')).toBe('process.constraint.childcare');
    expect(codeKey('digital', 'basic')).toBe('process.digital.basic');
  });

  it('gives every code of every list a text in Swedish and in English, each its own', () => {
    const lists = [
      ['years', Object.keys(EXPERIENCE_BANDS)],
      ['swedish', SWEDISH_LEVELS],
      ['constraint', CONSTRAINTS],
      ['digital', DIGITAL_LEVELS],
    ] as const;
    for (const [prefix, codes] of lists) {
      const keys = codes.map((code) => codeKey(prefix, code));
      // Two codes of a list never share a key (and so a text).
      expect(new Set(keys).size).toBe(codes.length);
      for (const key of keys) {
        expect(key.startsWith(`process.${prefix}.`)).toBe(true);
        expect(CATALOGS.sv.messages[key], key).toEqual(expect.any(String));
        expect(CATALOGS.en.messages[key], key).toEqual(expect.any(String));
      }
    }
  });
});
