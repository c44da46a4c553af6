import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitOls, OlsError } from './ols.js';

describe('fitOls', () => {
  it('matches a hand-computed simple regression', () => {
    // x = 1..5, y = 2, 4, 5, 4, 5: x̄ = 3, ȳ = 4, Sxy = 6, Sxx = 10 → b = 0.6, a = 2.2
    // fitted 2.8 3.4 4.0 4.6 5.2; residuals −0.8 0.6 1.0 −0.6 −0.2; RSS = 2.4; TSS = 6; R² = 0.6
    // s² = 2.4 / 3 = 0.8; SE(b) = √(0.8/10); SE(a) = √(0.8·(1/5 + 9/10))
    const fit = fitOls(
      ['x'],
      [2, 4, 5, 4, 5].map((y, i) => ({ id: `m${i}`, y, x: [i + 1] })),
    );
    const [a, b] = fit.coefficients;
    expect(b?.estimate).toBeCloseTo(0.6, 12);
    expect(a?.estimate).toBeCloseTo(2.2, 12);
    expect(fit.rSquared).toBeCloseTo(0.6, 12);
    expect(fit.adjustedRSquared).toBeCloseTo(1 - 0.4 * (4 / 3), 12);
    expect(b?.standardError).toBeCloseTo(Math.sqrt(0.08), 12);
    expect(a?.standardError).toBeCloseTo(Math.sqrt(0.8 * 1.1), 12);
    expect(fit.observations.map((o) => o.residual)).toEqual(
      [-0.8, 0.6, 1.0, -0.6, -0.2].map((r) => expect.closeTo(r, 12)),
    );
    // Leverage of x = 1: 1/5 + (1 − 3)²/10 = 0.6; standardised residual −0.8 / (√0.8 · √0.4)
    expect(fit.observations[0]?.leverage).toBeCloseTo(0.6, 12);
    expect(fit.observations[0]?.standardisedResidual).toBeCloseTo(-0.8 / Math.sqrt(0.8 * 0.4), 12);
    expect(fit.degreesOfFreedom).toBe(3);
    // t = estimate / standard error; the terms and predictors as given.
    expect(b?.t).toBeCloseTo(0.6 / Math.sqrt(0.08), 12);
    expect(a?.t).toBeCloseTo(2.2 / Math.sqrt(0.88), 12);
    expect(fit.coefficients.map((c) => c.term)).toEqual(['intercept', 'x']);
    expect(fit.predictors).toEqual(['x']);
    expect(fit.n).toBe(5);
  });

  it('refuses collinear, constant or too few observations with a clear message', () => {
    const rows = [1, 2, 3, 4, 5].map((v, i) => ({ id: `m${i}`, y: v * 3 + (i % 2), x: [v, 2 * v] }));
    expect(() => fitOls(['a', 'b'], rows)).toThrow(/collinear/);
    expect(() =>
      fitOls(
        ['a'],
        rows.map((r) => ({ ...r, x: [7] })),
      ),
    ).toThrow(/same value/);
    expect(() => fitOls(['a', 'b'], rows.slice(0, 3))).toThrow(OlsError);
  });

  it('refuses as many observations as coefficients (no degrees of freedom left), even when not collinear', () => {
    // Three kommuner, intercept + two predictors, a design of full rank: the fit would be exact, with
    // s = 0/0 and every standard error NaN.
    const rows = [
      { id: 'a', y: 1, x: [1, 0] },
      { id: 'b', y: 5, x: [0, 1] },
      { id: 'c', y: 2, x: [1, 1] },
    ];
    expect(() => fitOls(['p', 'q'], rows)).toThrow(
      new OlsError('too few municipalities with every value: 3 for 3 coefficients (need more than 3)'),
    );
    // One more leaves one degree of freedom, and every figure is a number.
    const fit = fitOls(['p', 'q'], [...rows, { id: 'd', y: 3, x: [2, 1] }]);
    expect(fit.degreesOfFreedom).toBe(1);
    expect(fit.coefficients.every((c) => Number.isFinite(c.standardError))).toBe(true);
    expect(Number.isFinite(fit.residualStandardError)).toBe(true);
  });

  it('names the predictor that is a combination of the others', () => {
    const rows = [1, 2, 3, 4, 5].map((v, i) => ({ id: `m${i}`, y: v * 3 + (i % 2), x: [v, 2 * v] }));
    expect(() => fitOls(['a', 'b'], rows)).toThrow(
      new OlsError('the explanatory KPIs are collinear (b is a combination of the others)'),
    );
    // The third of three is the first plus twice the second.
    const three = [1, 2, 3, 4, 5].map((v, i) => {
      const w = (i * i) % 3;
      return { id: `m${i}`, y: v * 3 + (i % 2), x: [v, w, v + 2 * w] };
    });
    expect(() => fitOls(['a', 'b', 'c'], three)).toThrow(
      new OlsError('the explanatory KPIs are collinear (c is a combination of the others)'),
    );
  });

  it('draws the collinearity line at 1e-9 of the columns at equal scale, whatever the number of municipalities', () => {
    // b = a + eps·p, p = −1, 0, 1 in turn: b's diagonal in the decomposition, relative to the largest,
    // is f ≈ eps·(p's spread apart from a)/(a's spread). Refused when f ≤ 1e-9, fitted above.
    const rows = (n: number, eps: number) =>
      Array.from({ length: n }, (_, i) => {
        const p = ((i * 7) % 3) - 1;
        return {
          id: `m${String(i).padStart(3, '0')}`,
          y: i + 5 * p + ((i * 5) % 7) / 10,
          x: [i, i + eps * p],
          p,
        };
      });
    // 10 kommuner: f ≈ 1e-9 · 0.83/2.87 ≈ 2.9e-10 (computed: 2.886e-10).
    expect(() => fitOls(['a', 'b'], rows(10, 1e-9))).toThrow(
      new OlsError('the explanatory KPIs are collinear (b is a combination of the others)'),
    );
    // 290 kommuner: f ≈ 5e-7 · 0.82/83.7 ≈ 4.9e-9 (computed: 4.872e-9): fitted, and its expected
    // values are those of the same span written without the near-collinearity (a and p).
    const many = rows(290, 5e-7);
    const near = fitOls(['a', 'b'], many);
    const plain = fitOls(
      ['a', 'p'],
      many.map((r) => ({ ...r, x: [r.x[0]!, r.p] })),
    );
    expect(near.degreesOfFreedom).toBe(287);
    const gap = Math.max(
      ...near.observations.map((o, i) => Math.abs(o.expected - plain.observations[i]!.expected)),
    );
    expect(gap).toBeLessThan(1e-5);
    expect(near.rSquared).toBeCloseTo(plain.rSquared, 9);
  });

  it('refuses malformed input, naming the observation or the KPI', () => {
    const rows = [1, 2, 3, 4, 5].map((v, i) => ({ id: `m${i}`, y: v + (i % 2), x: [v] }));
    expect(() => fitOls(['a', 'a'], rows)).toThrow(new OlsError('an explanatory KPI is listed twice'));
    const wrongLength = rows.map((r, i) => (i === 2 ? { ...r, x: [3, 4] } : r));
    expect(() => fitOls(['a'], wrongLength)).toThrow(
      new OlsError('observation m2 has the wrong number of values'),
    );
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const badY = rows.map((r, i) => (i === 3 ? { ...r, y: bad } : r));
      expect(() => fitOls(['a'], badY)).toThrow(
        new OlsError('observation m3 has a value that is not a finite number'),
      );
      const badX = rows.map((r, i) => (i === 1 ? { ...r, x: [bad] } : r));
      expect(() => fitOls(['a'], badX)).toThrow(
        new OlsError('observation m1 has a value that is not a finite number'),
      );
      // In the second predictor only, the first finite.
      const badSecond = rows.map((r, i) => ({ ...r, x: [r.x[0]!, i === 4 ? bad : (i * i) % 3] }));
      expect(() => fitOls(['a', 'b'], badSecond)).toThrow(
        new OlsError('observation m4 has a value that is not a finite number'),
      );
    }
    // The one-more-than-the-coefficients boundary: four observations for intercept + two predictors fit.
    expect(() => fitOls(['a'], rows.slice(0, 2))).toThrow(
      new OlsError('too few municipalities with every value: 2 for 2 coefficients (need more than 2)'),
    );
    expect(fitOls(['a'], rows.slice(0, 3)).degreesOfFreedom).toBe(1);
    const constant = rows.map((r, i) => ({ ...r, x: [r.x[0]!, 4], id: `m${i}` }));
    expect(() => fitOls(['a', 'flat'], constant)).toThrow(
      new OlsError('flat has the same value for every municipality'),
    );
  });

  it('has no R² when the outcome does not vary, even when its mean is off in the last bit', () => {
    // Six times 12.7 has a mean that differs from 12.7 by a rounding error, so TSS is a tiny positive
    // number; R² must still be undefined, not 1. With 0.3 the fitted values are off by a rounding error
    // instead (RSS > 0), where 1 − RSS/0 would be −∞.
    for (const [y, xs] of [
      [12.7, [1.1, 2.3, 2.9, 4.7, 5.3, 8.1]],
      [0.3, [0.1, 0.7, 1.3, 2.9, 3.3]],
    ] as const) {
      const fit = fitOls(
        ['x'],
        xs.map((x, i) => ({ id: `m${i}`, y, x: [x] })),
      );
      expect(fit.rSquared).toBeNaN();
      expect(fit.adjustedRSquared).toBeNaN();
      expect(fit.coefficients[0]!.estimate).toBeCloseTo(y, 12);
      expect(fit.coefficients[1]!.estimate).toBeCloseTo(0, 12);
    }
  });

  const observations = fc
    .integer({ min: 6, max: 25 })
    .chain((n) =>
      fc.array(
        fc.record({
          // KPI-like figures with one decimal: the model is not meant for values like 1e-150.
          y: fc.integer({ min: -1000, max: 1000 }).map((v) => v / 10),
          x1: fc.integer({ min: -1000, max: 1000 }).map((v) => v / 10),
          x2: fc.integer({ min: 0, max: 10000 }).map((v) => v / 10),
        }),
        { minLength: n, maxLength: n },
      ),
    )
    .map((rows) => rows.map((r, i) => ({ id: `m${String(i).padStart(2, '0')}`, y: r.y, x: [r.x1, r.x2] })));

  function fitOrNull(rows: { id: string; y: number; x: number[] }[]) {
    try {
      return fitOls(['x1', 'x2'], rows);
    } catch (error) {
      if (error instanceof OlsError) return null;
      throw error;
    }
  }

  it('has residuals that sum to about zero (model with intercept)', () => {
    fc.assert(
      fc.property(observations, (rows) => {
        const fit = fitOrNull(rows);
        if (!fit) return;
        const sum = fit.observations.reduce((a, o) => a + o.residual, 0);
        const scale = Math.max(1, ...rows.map((r) => Math.abs(r.y)));
        expect(Math.abs(sum)).toBeLessThan(1e-7 * scale * rows.length);
      }),
    );
  });

  it('does not depend on the order of municipalities or of predictors', () => {
    fc.assert(
      fc.property(observations, (rows) => {
        const fit = fitOrNull(rows);
        if (!fit) return;
        const reversed = fitOrNull([...rows].reverse())!;
        const swapped = fitOls(
          ['x2', 'x1'],
          rows.map((r) => ({ ...r, x: [r.x[1]!, r.x[0]!] })),
        );
        const expected = new Map(fit.observations.map((o) => [o.id, o.expected]));
        const tolerance = 1e-6 * Math.max(1, ...rows.map((r) => Math.abs(r.y)));
        for (const o of [...reversed.observations, ...swapped.observations])
          expect(Math.abs(o.expected - expected.get(o.id)!)).toBeLessThan(tolerance);
        const b2 = fit.coefficients[2]!.estimate;
        expect(Math.abs(swapped.coefficients[1]!.estimate - b2)).toBeLessThan(
          1e-6 * Math.max(1, Math.abs(b2)),
        );
      }),
    );
  });

  it('gives the same expected values when a predictor changes unit', () => {
    fc.assert(
      fc.property(
        observations,
        fc.integer({ min: 1, max: 100000 }).map((v) => v / 100),
        (rows, factor) => {
          const fit = fitOrNull(rows);
          if (!fit) return;
          const scaled = fitOrNull(rows.map((r) => ({ ...r, x: [r.x[0]! * factor, r.x[1]!] })));
          if (!scaled) return;
          const tolerance = 1e-6 * Math.max(1, ...rows.map((r) => Math.abs(r.y)));
          fit.observations.forEach((o, i) => {
            expect(Math.abs(scaled.observations[i]!.expected - o.expected)).toBeLessThan(tolerance);
          });
          expect(scaled.rSquared).toBeCloseTo(fit.rSquared, 6);
        },
      ),
    );
  });
});
