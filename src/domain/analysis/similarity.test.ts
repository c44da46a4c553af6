import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { differenceIndex, findSimilar, SimilarityError, type SimilarityKpi } from './similarity.js';

function table(rows: Record<string, Record<string, number>>): Map<string, Map<string, number>> {
  const values = new Map<string, Map<string, number>>();
  for (const [municipality, byKpi] of Object.entries(rows))
    for (const [kpi, v] of Object.entries(byKpi)) {
      if (!values.has(kpi)) values.set(kpi, new Map());
      values.get(kpi)!.set(municipality, v);
    }
  return values;
}

describe('findSimilar', () => {
  it('matches a hand-computed case with contributions', () => {
    // KPI a: 1 2 3 4 → mean 2.5, sd √(5/3); KPI b: 10 10 20 40 → mean 20, sd √(200)
    const values = table({
      A: { a: 1, b: 10 },
      B: { a: 2, b: 10 },
      C: { a: 3, b: 20 },
      D: { a: 4, b: 40 },
    });
    const result = findSimilar({
      target: 'A',
      kpis: [
        { id: 'a', weight: 1 },
        { id: 'b', weight: 3 },
      ],
      values,
      candidates: ['A', 'B', 'C', 'D'],
      limit: 2,
    });
    const sdA = Math.sqrt(5 / 3);
    const sdB = Math.sqrt(200);
    // B: (1·1/sdA + 3·0/sdB)/4; C: (1·2/sdA + 3·10/sdB)/4
    expect(result.similar.map((s) => s.id)).toEqual(['B', 'C']);
    expect(result.similar[0]?.index).toBeCloseTo(1 / sdA / 4, 12);
    expect(result.similar[1]?.index).toBeCloseTo((2 / sdA + 30 / sdB) / 4, 12);
    const c = result.similar[1]!.contributions;
    expect(c.find((x) => x.kpi === 'b')?.contribution).toBeCloseTo(30 / sdB / 4, 12);
    expect(c.reduce((sum, x) => sum + x.contribution, 0)).toBeCloseTo(result.similar[1]!.index, 12);
    expect(result.compared).toBe(3);
  });

  it('lists municipalities and KPIs it had to leave out instead of imputing', () => {
    const values = table({
      A: { a: 1, b: 5, c: 1 },
      B: { a: 2, b: 5 },
      C: { a: 3, b: 5 },
      D: { a: 4 },
    });
    const result = findSimilar({
      target: 'A',
      kpis: [
        { id: 'a', weight: 1 },
        { id: 'b', weight: 1 },
        { id: 'x', weight: 1 },
      ],
      values,
      candidates: ['A', 'B', 'C', 'D'],
      limit: 5,
    });
    expect(result.leftOutKpis).toEqual([
      { kpi: 'b', reason: 'no-variation' },
      { kpi: 'x', reason: 'target-missing' },
    ]);
    expect(result.similar.map((s) => s.id)).toEqual(['B', 'C', 'D']);
    const withC = findSimilar({
      target: 'A',
      kpis: [
        { id: 'a', weight: 1 },
        { id: 'c', weight: 1 },
      ],
      values: table({ A: { a: 1, c: 1 }, B: { a: 2, c: 2 }, C: { a: 3, c: 4 }, D: { a: 4 } }),
      candidates: ['A', 'B', 'C', 'D'],
      limit: 5,
    });
    expect(withC.leftOutMunicipalities).toEqual([{ id: 'D', missing: ['c'] }]);
    expect(() => findSimilar({ target: 'A', kpis: [], values, candidates: ['B'], limit: 1 })).toThrow(
      SimilarityError,
    );
  });

  it('weighs only the KPIs in use: left-out KPIs change neither the index nor the contributions', () => {
    // a and b as in the hand-computed case; x lacks the target's value, c has no variation, z weighs 0.
    const values = table({
      A: { a: 1, b: 10, c: 7, z: 1 },
      B: { a: 2, b: 10, c: 7, x: 1, z: 2 },
      C: { a: 3, b: 20, c: 7, x: 2, z: 3 },
      D: { a: 4, b: 40, c: 7, x: 3, z: 4 },
    });
    const used: SimilarityKpi[] = [
      { id: 'a', weight: 1 },
      { id: 'b', weight: 3 },
    ];
    const input = { target: 'A', values, candidates: ['A', 'B', 'C', 'D'], limit: 3 };
    const withLeftOut = findSimilar({
      ...input,
      kpis: [...used, { id: 'x', weight: 2 }, { id: 'c', weight: 5 }, { id: 'z', weight: 0 }],
    });
    expect(withLeftOut.leftOutKpis).toEqual([
      { kpi: 'x', reason: 'target-missing' },
      { kpi: 'c', reason: 'no-variation' },
      { kpi: 'z', reason: 'zero-weight' },
    ]);
    const sdA = Math.sqrt(5 / 3);
    const sdB = Math.sqrt(200);
    const expected = { B: 1 / sdA / 4, C: (2 / sdA + 30 / sdB) / 4, D: (3 / sdA + 90 / sdB) / 4 };
    expect(withLeftOut.similar.map((s) => s.id)).toEqual(['B', 'C', 'D']);
    for (const s of withLeftOut.similar) expect(s.index).toBeCloseTo(expected[s.id as 'B' | 'C' | 'D'], 12);
    expect(withLeftOut.similar[2]!.contributions).toEqual([
      { kpi: 'a', zDifference: expect.closeTo(3 / sdA, 12), contribution: expect.closeTo(3 / sdA / 4, 12) },
      { kpi: 'b', zDifference: expect.closeTo(30 / sdB, 12), contribution: expect.closeTo(90 / sdB / 4, 12) },
    ]);
    // The same figures as when only the usable KPIs are asked for.
    const plain = findSimilar({ ...input, kpis: used });
    expect(withLeftOut.similar).toEqual(plain.similar);
    expect(withLeftOut.scales).toEqual(plain.scales);
  });

  const instance = fc
    .record({
      municipalities: fc.integer({ min: 4, max: 12 }),
      kpis: fc.integer({ min: 1, max: 4 }),
    })
    .chain(({ municipalities, kpis }) =>
      fc.record({
        rows: fc.array(
          fc.array(
            fc.integer({ min: 10, max: 10000 }).map((v) => v / 10),
            { minLength: kpis, maxLength: kpis },
          ),
          { minLength: municipalities, maxLength: municipalities },
        ),
        weights: fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), { minLength: kpis, maxLength: kpis }),
        factor: fc.integer({ min: 1, max: 1_000_000 }).map((v) => v / 1000),
      }),
    )
    .map(({ rows, weights, factor }) => {
      const ids = rows.map((_, i) => `m${i}`);
      const kpis: SimilarityKpi[] = weights.map((weight, j) => ({ id: `k${j}`, weight }));
      const values = new Map(
        kpis.map((k, j) => [k.id, new Map(rows.map((row, i) => [ids[i]!, row[j]!]))] as const),
      );
      return { ids, kpis, values, factor };
    });

  function run(ids: string[], kpis: SimilarityKpi[], values: Map<string, Map<string, number>>) {
    try {
      return findSimilar({ target: ids[0]!, kpis, values, candidates: ids, limit: ids.length });
    } catch (error) {
      if (error instanceof SimilarityError) return null;
      throw error;
    }
  }

  it('gives distance zero from a municipality to itself, and the same index in both directions', () => {
    fc.assert(
      fc.property(instance, ({ ids, kpis, values }) => {
        const result = run(ids, kpis, values);
        if (!result) return;
        const of = (id: string) => new Map(result.scales.map((s) => [s.id, values.get(s.id)!.get(id)!]));
        expect(differenceIndex(result.scales, of(ids[0]!), of(ids[0]!))).toBe(0);
        for (const s of result.similar)
          expect(differenceIndex(result.scales, of(s.id), of(ids[0]!))).toBeCloseTo(s.index, 9);
      }),
    );
  });

  it('does not depend on the order of KPIs or municipalities', () => {
    fc.assert(
      fc.property(instance, ({ ids, kpis, values }) => {
        const a = run(ids, kpis, values);
        const b = run([ids[0]!, ...ids.slice(1).reverse()], [...kpis].reverse(), values);
        expect(b?.similar.map((s) => [s.id, s.index])).toEqual(a?.similar.map((s) => [s.id, s.index]));
        expect(b?.leftOutMunicipalities).toEqual(a?.leftOutMunicipalities);
      }),
    );
  });

  it('is unchanged when a KPI is measured in other units (scaled by a constant)', () => {
    fc.assert(
      fc.property(instance, ({ ids, kpis, values, factor }) => {
        const a = run(ids, kpis, values);
        if (!a) return;
        const scaled = new Map(values);
        scaled.set('k0', new Map([...values.get('k0')!].map(([id, v]) => [id, v * factor])));
        const b = run(ids, kpis, scaled)!;
        // Compared per municipality: exact ties may swap places by a rounding error in the last digit.
        const before = new Map(a.similar.map((s) => [s.id, s.index]));
        expect(b.similar.length).toBe(a.similar.length);
        for (const s of b.similar) expect(s.index).toBeCloseTo(before.get(s.id)!, 9);
      }),
    );
  });
});
