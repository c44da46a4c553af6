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

  it('orders by index, most similar first, whatever the order of the ids', () => {
    const values = table({ A: { a: 1 }, B: { a: 10 }, C: { a: 2 }, D: { a: 5 } });
    const result = findSimilar({
      target: 'A',
      kpis: [{ id: 'a', weight: 1 }],
      values,
      candidates: ['B', 'C', 'D'],
      limit: 2,
    });
    expect(result.similar.map((s) => s.id)).toEqual(['C', 'D']);
    expect(result.compared).toBe(3);
  });

  it('compares ratios with the log transform', () => {
    // ln 10, ln 20, ln 40, ln 80 are ln 10 + k·ln 2: mean ln 10 + 1.5·ln 2, sd ln 2·√(5/3).
    const values = table({ A: { p: 10 }, B: { p: 20 }, C: { p: 40 }, D: { p: 80 } });
    const result = findSimilar({
      target: 'A',
      kpis: [{ id: 'p', weight: 2, transform: 'log' }],
      values,
      candidates: ['B', 'C', 'D'],
      limit: 3,
    });
    const sd = Math.LN2 * Math.sqrt(5 / 3);
    expect(result.scales).toEqual([
      {
        id: 'p',
        weight: 2,
        transform: 'log',
        mean: expect.closeTo(Math.log(10) + 1.5 * Math.LN2, 12),
        sd: expect.closeTo(sd, 12),
        n: 4,
      },
    ]);
    expect(result.similar.map((s) => [s.id, s.index])).toEqual([
      ['B', expect.closeTo(1 / Math.sqrt(5 / 3), 12)],
      ['C', expect.closeTo(2 / Math.sqrt(5 / 3), 12)],
      ['D', expect.closeTo(3 / Math.sqrt(5 / 3), 12)],
    ]);
    const a = new Map([['p', 10]]);
    const b = new Map([['p', 40]]);
    expect(differenceIndex(result.scales, a, b)).toBeCloseTo(2 / Math.sqrt(5 / 3), 12);
    // Without the transform the same values are compared by difference: B is 10/sd from A.
    const plain = findSimilar({
      target: 'A',
      kpis: [{ id: 'p', weight: 2 }],
      values,
      candidates: ['B', 'C', 'D'],
      limit: 1,
    });
    const sdPlain = Math.sqrt(
      ((10 - 37.5) ** 2 + (20 - 37.5) ** 2 + (40 - 37.5) ** 2 + (80 - 37.5) ** 2) / 3,
    );
    expect(plain.scales[0]).toMatchObject({ transform: 'none', mean: 37.5, sd: expect.closeTo(sdPlain, 12) });
    expect(plain.similar).toEqual([
      {
        id: 'B',
        index: expect.closeTo(10 / sdPlain, 12),
        contributions: [expect.objectContaining({ kpi: 'p' })],
      },
    ]);
  });

  it('leaves out a log KPI with a value ≤ 0 (not one without the log) and a KPI with fewer than three values', () => {
    const values = table({
      A: { zero: 3, neg: 3, few: 1, three: 1, a: 1, plain: 0 },
      B: { zero: 0, neg: -2, few: 2, three: 2, a: 2, plain: -2 },
      C: { zero: 5, neg: 5, three: 4, a: 4, plain: 5 },
    });
    const result = findSimilar({
      target: 'A',
      kpis: [
        { id: 'zero', weight: 1, transform: 'log' },
        { id: 'neg', weight: 1, transform: 'log' },
        { id: 'few', weight: 1 },
        { id: 'three', weight: 1 },
        { id: 'a', weight: 1, transform: 'log' },
        { id: 'plain', weight: 1 },
      ],
      values,
      candidates: ['B', 'C'],
      limit: 2,
    });
    expect(result.leftOutKpis).toEqual([
      { kpi: 'zero', reason: 'non-positive-for-log' },
      { kpi: 'neg', reason: 'non-positive-for-log' },
      { kpi: 'few', reason: 'too-few-values' },
    ]);
    expect(result.scales.map((s) => [s.id, s.n, s.transform])).toEqual([
      ['a', 3, 'log'],
      ['plain', 3, 'none'],
      ['three', 3, 'none'],
    ]);
  });

  it('refuses a bad limit, a bad weight or a KPI listed twice, naming it', () => {
    const values = table({ A: { a: 1 }, B: { a: 2 }, C: { a: 4 } });
    const input = { target: 'A', kpis: [{ id: 'a', weight: 1 }], values, candidates: ['B', 'C'], limit: 1 };
    expect(findSimilar(input).similar.map((s) => s.id)).toEqual(['B']);
    for (const limit of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => findSimilar({ ...input, limit })).toThrow(
        new SimilarityError('limit must be a positive integer'),
      );
    for (const weight of [-1, -0.001, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => findSimilar({ ...input, kpis: [{ id: 'a', weight }] })).toThrow(
        new SimilarityError('the weight of a must be a number ≥ 0'),
      );
    expect(() =>
      findSimilar({
        ...input,
        kpis: [
          { id: 'a', weight: 1 },
          { id: 'a', weight: 2 },
        ],
      }),
    ).toThrow(new SimilarityError('KPI a is listed twice'));
    expect(() => findSimilar({ ...input, kpis: [{ id: 'a', weight: 0 }] })).toThrow(
      new SimilarityError('none of the chosen KPIs can be used (see the left-out KPIs)'),
    );
  });

  it('breaks ties in the index by id, and never compares the target with itself', () => {
    // A's value is the mean, so its z is 0 and the ties are exact: D and E are 1 from A, B and C 2.
    const values = table({ A: { a: 5 }, C: { a: 3 }, B: { a: 7 }, E: { a: 4 }, D: { a: 6 } });
    const result = findSimilar({
      target: 'A',
      kpis: [{ id: 'a', weight: 1 }],
      values,
      candidates: ['E', 'C', 'A', 'B', 'D', 'C'],
      limit: 4,
    });
    expect(result.similar.map((s) => s.id)).toEqual(['D', 'E', 'B', 'C']);
    expect(result.similar[0]!.index).toBe(result.similar[1]!.index);
    expect(result.similar[2]!.index).toBe(result.similar[3]!.index);
    expect(result.compared).toBe(4);
  });

  it('refuses to compute the index without a value, naming the KPI', () => {
    const scales = [{ id: 'a', weight: 1, transform: 'none' as const, mean: 0, sd: 1, n: 3 }];
    expect(() => differenceIndex(scales, new Map([['a', 1]]), new Map())).toThrow(
      new SimilarityError('a value for a is missing'),
    );
    expect(() => differenceIndex(scales, new Map(), new Map([['a', 1]]))).toThrow(
      new SimilarityError('a value for a is missing'),
    );
    // Weighted mean over the KPIs: (1·|1 − 4|/1 + 3·|2 − 2|/2) / 4.
    const two = [...scales, { id: 'b', weight: 3, transform: 'none' as const, mean: 0, sd: 2, n: 3 }];
    expect(
      differenceIndex(
        two,
        new Map([
          ['a', 1],
          ['b', 2],
        ]),
        new Map([
          ['a', 4],
          ['b', 6],
        ]),
      ),
    ).toBeCloseTo((3 + (3 * 4) / 2) / 4, 12);
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
