/**
 * The id patterns: real Kolada ids of each kind pass, and each test below refuses what is one step
 * off (a character too many or of the wrong class, something before or after, a length at the edge).
 */
import { describe, expect, it } from 'vitest';
import { GROUP_ID, KOLADA_ID, KPI_ID } from './ids.js';

describe('KOLADA_ID', () => {
  it('takes every kind of real id, dots, dashes and underscores after the first character', () => {
    for (const id of [
      'N01951',
      '1280',
      'G33621',
      'G2KPI84105',
      'V15E128000101',
      'V15E1280001.01',
      'a-b_c.d',
      '0',
      'z',
    ])
      expect(KOLADA_ID.test(id), id).toBe(true);
  });

  it('refuses an empty id, a first character that is not a letter or digit, and other characters', () => {
    for (const id of [
      '',
      '.N01951',
      '-1280',
      '_G1',
      'N0 1951',
      'N01951/',
      'N01951,1280',
      'Å1',
      'N0195ä',
      ' N01951',
      'N01951 ',
    ])
      expect(KOLADA_ID.test(id), JSON.stringify(id)).toBe(false);
  });

  it('takes 64 characters and no more, and nothing around the id', () => {
    expect(KOLADA_ID.test(`A${'b'.repeat(63)}`)).toBe(true);
    expect(KOLADA_ID.test(`A${'b'.repeat(64)}`)).toBe(false);
    expect(KOLADA_ID.test('N01951\n')).toBe(false);
    expect(KOLADA_ID.test('!N01951')).toBe(false);
    expect(KOLADA_ID.test('N01951!')).toBe(false);
  });
});

describe('KPI_ID', () => {
  it('takes one capital letter and five digits', () => {
    for (const id of ['N01951', 'U00405', 'Z99999', 'A00000']) expect(KPI_ID.test(id), id).toBe(true);
  });

  it('refuses four or six digits, a small letter, two letters, a digit first, and anything around it', () => {
    for (const id of [
      'N0195',
      'N019510',
      'n01951',
      'NN1951',
      '001951',
      'N0195A',
      'N01951 ',
      ' N01951',
      'xN01951',
      'N01951x',
      'N-1951',
      '',
    ])
      expect(KPI_ID.test(id), JSON.stringify(id)).toBe(false);
  });
});

describe('GROUP_ID', () => {
  it('takes G and 1 to 40 letters, digits or underscores', () => {
    for (const id of ['G33621', 'G2KPI84105', 'G1', 'Gx_y', `G${'9'.repeat(40)}`])
      expect(GROUP_ID.test(id), id).toBe(true);
  });

  it('refuses G alone, 41 characters after it, another first letter, other characters, anything around it', () => {
    for (const id of [
      'G',
      `G${'9'.repeat(41)}`,
      'g33621',
      'N33621',
      'G336-21',
      'G336.21',
      'G 1',
      'xG33621',
      'G33621 ',
      ' G33621',
      '',
    ])
      expect(GROUP_ID.test(id), JSON.stringify(id)).toBe(false);
  });
});
