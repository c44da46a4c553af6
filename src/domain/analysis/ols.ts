/**
 * Ordinary least squares across municipalities: expected value, residual and standardised residual
 * per municipality, R², coefficients with standard errors. Solved by QR decomposition (ml-matrix),
 * which is numerically sounder than the normal equations. Rows with a missing value are left out by
 * the caller and listed; nothing is imputed here.
 */
import { inverse, Matrix, QrDecomposition } from 'ml-matrix';

export interface OlsObservation {
  id: string;
  y: number;
  /** Explanatory values in the order of `predictors`. */
  x: readonly number[];
}

export interface Coefficient {
  /** "intercept" or the predictor's name. */
  term: string;
  estimate: number;
  standardError: number;
  /** estimate / standardError. */
  t: number;
}

export interface FittedObservation {
  id: string;
  actual: number;
  expected: number;
  /** actual − expected. */
  residual: number;
  /** Internally studentised residual: residual / (s · √(1 − leverage)). */
  standardisedResidual: number;
  leverage: number;
}

export interface OlsResult {
  n: number;
  predictors: string[];
  coefficients: Coefficient[];
  rSquared: number;
  adjustedRSquared: number;
  /** Residual standard error s = √(RSS / (n − p)). */
  residualStandardError: number;
  degreesOfFreedom: number;
  observations: FittedObservation[];
}

export class OlsError extends Error {}

// A column whose QR diagonal is this small relative to the largest carries no information of its own.
const COLLINEAR_TOLERANCE = 1e-9;

export function fitOls(predictors: readonly string[], observations: readonly OlsObservation[]): OlsResult {
  const p = predictors.length + 1;
  const n = observations.length;
  if (new Set(predictors).size !== predictors.length)
    throw new OlsError('an explanatory KPI is listed twice');
  if (n <= p)
    throw new OlsError(
      `too few municipalities with every value: ${n} for ${p} coefficients (need more than ${p})`,
    );
  for (const o of observations) {
    if (o.x.length !== predictors.length)
      throw new OlsError(`observation ${o.id} has the wrong number of values`);
    if (!Number.isFinite(o.y) || o.x.some((v) => !Number.isFinite(v)))
      throw new OlsError(`observation ${o.id} has a value that is not a finite number`);
  }
  // Centre and scale the predictors for a well-conditioned decomposition; coefficients are mapped back.
  const centre = predictors.map((_, j) => observations.reduce((a, o) => a + o.x[j]!, 0) / n);
  const scale = predictors.map((_, j) => {
    const ss = observations.reduce((a, o) => a + (o.x[j]! - centre[j]!) ** 2, 0);
    return Math.sqrt(ss / n);
  });
  predictors.forEach((name, j) => {
    if (!(scale[j]! > 0)) throw new OlsError(`${name} has the same value for every municipality`);
  });
  const X = new Matrix(observations.map((o) => [1, ...o.x.map((v, j) => (v - centre[j]!) / scale[j]!)]));
  const y = Matrix.columnVector(observations.map((o) => o.y));
  const qr = new QrDecomposition(X);
  const R = qr.upperTriangularMatrix.subMatrix(0, p - 1, 0, p - 1);
  const diagonal = Array.from({ length: p }, (_, i) => Math.abs(R.get(i, i)));
  const largest = Math.max(...diagonal);
  // Stryker disable next-line EqualityOperator: `<=` → `<` differs only when a diagonal equals the bound to the last bit
  const weak = diagonal.findIndex((d) => d <= COLLINEAR_TOLERANCE * largest);
  // The intercept's column (√n, the largest diagonal: each predictor column has norm √n) is never the
  // weak one, so weak is never 0; and a diagonal of exactly 0 (not of full rank) is a weak one, so the
  // name is missing only if the decomposition itself fails.
  // Stryker disable next-line EqualityOperator: weak is never 0 (above)
  if (weak >= 0 || !qr.isFullRank())
    throw new OlsError(
      // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: weak is never 0, and never -1 here (above)
      `the explanatory KPIs are collinear${weak > 0 ? ` (${predictors[weak - 1]} is a combination of the others)` : ''}`,
    );
  const beta = qr.solve(y);
  const fitted = X.mmul(beta);
  const rInverse = inverse(R);
  // (XᵀX)⁻¹ = R⁻¹R⁻ᵀ in the scaled coordinates.
  const covarianceUnscaled = rInverse.mmul(rInverse.transpose());

  const residuals = observations.map((o, i) => o.y - fitted.get(i, 0));
  const rss = residuals.reduce((a, r) => a + r * r, 0);
  const meanY = observations.reduce((a, o) => a + o.y, 0) / n;
  const tss = observations.reduce((a, o) => a + (o.y - meanY) ** 2, 0);
  const dof = n - p;
  const sigma2 = rss / dof;
  const s = Math.sqrt(sigma2);

  // Back to the original units: b_j = β_j / scale_j; intercept = β_0 − Σ b_j·centre_j.
  const slopes = predictors.map((_, j) => beta.get(j + 1, 0) / scale[j]!);
  const intercept = beta.get(0, 0) - slopes.reduce((a, b, j) => a + b * centre[j]!, 0);
  // Gradient of the original coefficients w.r.t. the scaled ones: a linear map T, cov = σ² T C Tᵀ.
  const T = Matrix.zeros(p, p);
  T.set(0, 0, 1);
  predictors.forEach((_, j) => {
    // Stryker disable next-line UnaryOperator: the sign changes only the terms with the intercept's covariance with a slope in the centred coordinates, which is 0
    T.set(0, j + 1, -centre[j]! / scale[j]!);
    T.set(j + 1, j + 1, 1 / scale[j]!);
  });
  const covariance = T.mmul(covarianceUnscaled).mmul(T.transpose()).mul(sigma2);
  const estimates = [intercept, ...slopes];
  const coefficients = ['intercept', ...predictors].map((term, j) => {
    const standardError = Math.sqrt(covariance.get(j, j));
    return { term, estimate: estimates[j]!, standardError, t: estimates[j]! / standardError };
  });

  // Leverage h_ii = x_i (XᵀX)⁻¹ x_iᵀ.
  const fittedObservations = observations.map((o, i) => {
    const row = X.getRow(i);
    let leverage = 0;
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) leverage += row[a]! * covarianceUnscaled.get(a, b) * row[b]!;
    const residual = residuals[i]!;
    return {
      id: o.id,
      actual: o.y,
      expected: fitted.get(i, 0),
      residual,
      standardisedResidual: residual / (s * Math.sqrt(Math.max(1 - leverage, Number.EPSILON))),
      leverage,
    };
  });
  // R² is undefined when the outcome does not vary. Tested on the values themselves: the mean of equal
  // values can differ from them in the last bit (six times 12.7), which left tss a rounding error > 0
  // and R² = 1.
  const varies = observations.some((o) => o.y !== observations[0]!.y);
  const rSquared = varies ? 1 - rss / tss : Number.NaN;
  return {
    n,
    predictors: [...predictors],
    coefficients,
    rSquared,
    adjustedRSquared: varies ? 1 - (1 - rSquared) * ((n - 1) / dof) : Number.NaN,
    residualStandardError: s,
    degreesOfFreedom: dof,
    observations: fittedObservations,
  };
}
