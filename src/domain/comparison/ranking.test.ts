import { describe, expect, it } from 'vitest';
import { rankMunicipalities, relativePosition } from './ranking.js';

const entries = (values: (number | null)[]) => values.map((value, i) => ({ id: `m${i}`, value }));

describe('rankMunicipalities', () => {
  it('ranks the best first: largest when higher is better, smallest when lower is', () => {
    const higher = rankMunicipalities(entries([10, 30, 20]), 'higher');
    expect([0, 1, 2].map((i) => higher.get(`m${i}`)!.rank)).toEqual([3, 1, 2]);
    const lower = rankMunicipalities(entries([10, 30, 20]), 'lower');
    expect([0, 1, 2].map((i) => lower.get(`m${i}`)!.rank)).toEqual([1, 3, 2]);
  });

  it('gives equal values the same (better) rank and skips ranks after ties', () => {
    const r = rankMunicipalities(entries([5, 7, 7, 1]), 'higher');
    expect([0, 1, 2, 3].map((i) => r.get(`m${i}`)!.rank)).toEqual([3, 1, 1, 4]);
  });

  it('leaves municipalities without a value unranked and counts only those with one', () => {
    const r = rankMunicipalities(entries([5, null, 3, Number.NaN]), 'higher');
    expect(r.has('m1')).toBe(false);
    expect(r.has('m3')).toBe(false);
    expect(r.get('m0')).toMatchObject({ rank: 1, of: 2 });
  });

  it('ranks KPIs without a direction by size but does not colour them', () => {
    const r = rankMunicipalities(entries([1, 2]), 'neither');
    expect(r.get('m1')).toEqual({ rank: 1, of: 2, position: 'none' });
  });
});

describe('relativePosition (quartile colours)', () => {
  it('splits 25 / 50 / 25 by the share ranked strictly better', () => {
    const positions = Array.from({ length: 8 }, (_, i) => relativePosition(i + 1, 8, 'higher'));
    expect(positions).toEqual(['top', 'top', 'middle', 'middle', 'middle', 'middle', 'bottom', 'bottom']);
  });

  it('colours 290 kommuner into 73 green, 145 yellow and 72 red', () => {
    const counts = { top: 0, middle: 0, bottom: 0 } as Record<string, number>;
    for (let r = 1; r <= 290; r++) counts[relativePosition(r, 290, 'lower')]!++;
    expect(counts).toEqual({ top: 73, middle: 145, bottom: 72 });
  });

  it('is grey without a value and uncoloured without a direction', () => {
    expect(relativePosition(0, 0, 'higher')).toBe('missing');
    expect(relativePosition(1, 10, 'neither')).toBe('none');
    expect(relativePosition(1, 10, null)).toBe('none');
  });

  it('gives every member of a tie the same colour', () => {
    const r = rankMunicipalities(entries([1, 1, 1, 1, 0]), 'higher');
    expect(new Set([0, 1, 2, 3].map((i) => r.get(`m${i}`)!.position))).toEqual(new Set(['top']));
    expect(r.get('m4')!.position).toBe('bottom');
  });
});
