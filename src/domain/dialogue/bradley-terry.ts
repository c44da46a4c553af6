/**
 * Scores of a pairwise round. Bradley–Terry: idea i beats idea j with probability p_i / (p_i + p_j);
 * the strengths p are fitted by Hunter's MM algorithm (2004), each step p_i ← W_i / Σ_j n_ij/(p_i+p_j),
 * which climbs the likelihood monotonically without step sizes or derivatives.
 *
 * Every idea also plays one virtual win and one virtual loss against a fixed reference of strength 1:
 * without it an idea that never lost (or never won) has no finite estimate, and a new idea with few
 * comparisons would jump to the top or bottom. The prior pulls such ideas towards the middle until
 * real votes speak.
 *
 * The score shown is the probability of beating a random other idea (mean over j of p_i/(p_i+p_j)),
 * with a 95 % band from the Fisher information of log p_i (others held at their estimates); beside it
 * the simple (wins+1)/(wins+losses+2).
 */

export interface Comparison {
  winner: number;
  loser: number;
}

export interface PairScore {
  idea: number;
  /** Probability of beating a random other idea, 0–1. */
  score: number;
  low: number;
  high: number;
  /** Fitted strength p_i (reference = 1). */
  strength: number;
  /** (wins+1)/(wins+losses+2). */
  simple: number;
  wins: number;
  losses: number;
}

const PRIOR = 1;
const Z95 = 1.959964;

export function fitBradleyTerry(
  ideas: readonly number[],
  comparisons: readonly Comparison[],
  { maxIterations = 1000, tolerance = 1e-9 } = {},
): PairScore[] {
  const k = ideas.length;
  const index = new Map(ideas.map((id, i) => [id, i]));
  const wins = new Float64Array(k);
  const losses = new Float64Array(k);
  // Games between each pair (symmetric), as a dense k×k table: dialogues have tens to hundreds of ideas.
  const games = new Float64Array(k * k);
  for (const c of comparisons) {
    const w = index.get(c.winner);
    const l = index.get(c.loser);
    if (w === undefined || l === undefined || w === l) continue;
    wins[w]! += 1;
    losses[l]! += 1;
    games[w * k + l]! += 1;
    games[l * k + w]! += 1;
  }
  let p = new Float64Array(k).fill(1);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const next = new Float64Array(k);
    let change = 0;
    for (let i = 0; i < k; i++) {
      const pi = p[i]!;
      // The reference: PRIOR wins and PRIOR losses against strength 1, i.e. 2·PRIOR games.
      let denominator = (2 * PRIOR) / (pi + 1);
      const row = i * k;
      for (let j = 0; j < k; j++) {
        const n = games[row + j]!;
        if (n > 0) denominator += n / (pi + p[j]!);
      }
      const v = (wins[i]! + PRIOR) / denominator;
      next[i] = v;
      change = Math.max(change, Math.abs(Math.log(v / pi)));
    }
    p = next;
    if (change < tolerance) break;
  }
  const beatOthers = (i: number, pi: number) => {
    if (k < 2) return 0.5;
    let sum = 0;
    for (let j = 0; j < k; j++) if (j !== i) sum += pi / (pi + p[j]!);
    return sum / (k - 1);
  };
  return ideas
    .map((idea, i) => {
      const pi = p[i]!;
      let information = (2 * PRIOR * pi) / (pi + 1) ** 2;
      for (let j = 0; j < k; j++) {
        const n = games[i * k + j]!;
        if (n > 0) information += (n * pi * p[j]!) / (pi + p[j]!) ** 2;
      }
      const se = 1 / Math.sqrt(information);
      return {
        idea,
        score: beatOthers(i, pi),
        low: beatOthers(i, pi * Math.exp(-Z95 * se)),
        high: beatOthers(i, pi * Math.exp(Z95 * se)),
        strength: pi,
        simple: (wins[i]! + 1) / (wins[i]! + losses[i]! + 2),
        wins: wins[i]!,
        losses: losses[i]!,
      };
    })
    .sort((a, b) => b.score - a.score || a.idea - b.idea);
}

/** Spearman's rank correlation of two equally long series (ties get their mean rank). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const ranks = (xs: readonly number[]) => {
    const order = xs.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(xs.length);
    for (let s = 0; s < order.length; ) {
      let e = s;
      while (e + 1 < order.length && order[e + 1]![0] === order[s]![0]) e++;
      for (let t = s; t <= e; t++) r[order[t]![1]] = (s + e) / 2;
      s = e + 1;
    }
    return r;
  };
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}
