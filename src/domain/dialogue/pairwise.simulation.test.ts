/**
 * The simulation the issue asks for: 40 ideas with hidden "true" strengths, 200 simulated participants
 * answering pairs with noise (each answer drawn from the Bradley–Terry model of the true strengths,
 * and one in twenty "can't decide"). The fitted ranking must agree with the truth (Spearman ≥ 0.9)
 * and the adaptive pair choice must beat uniformly random pairs at the same number of votes.
 * Seeds are fixed, so the test is the same on every run.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../demo/random.js';
import { type Comparison, fitBradleyTerry, spearman } from './bradley-terry.js';
import { chooseAdaptivePair, chooseRandomPair, pairKey } from './pair-choice.js';

const IDEAS = 40;
const PARTICIPANTS = 200;

function simulate(seed: number, choice: 'adaptive' | 'random', pairsEach: number) {
  const random = new Random(seed);
  const uniform = () => random.next();
  const truth = Array.from({ length: IDEAS }, () => random.normal());
  const ideas = truth.map((_, i) => i + 1);
  const tallies = ideas.map((idea) => ({ idea, wins: 0, losses: 0 }));
  const comparisons: Comparison[] = [];
  let answers = 0;
  for (let p = 0; p < PARTICIPANTS; p++) {
    const answered = new Set<string>();
    for (let k = 0; k < pairsEach; k++) {
      const pair =
        choice === 'adaptive'
          ? chooseAdaptivePair(tallies, answered, uniform)
          : chooseRandomPair(ideas, answered, uniform);
      if (!pair) break;
      const [a, b] = pair;
      answered.add(pairKey(a, b));
      answers++;
      if (random.next() < 0.05) continue; // can't decide
      const pA = 1 / (1 + Math.exp(truth[b - 1]! - truth[a - 1]!));
      const [winner, loser] = random.next() < pA ? [a, b] : [b, a];
      comparisons.push({ winner, loser });
      tallies[winner - 1]!.wins++;
      tallies[loser - 1]!.losses++;
    }
  }
  const fitted = new Map(fitBradleyTerry(ideas, comparisons).map((s) => [s.idea, s]));
  return {
    answers,
    rho: spearman(
      truth,
      ideas.map((i) => fitted.get(i)!.score),
    ),
    fitted,
    truth,
  };
}

describe('pairwise prioritisation, simulated', () => {
  it('ranks 40 ideas from 200 participants close to the truth (Spearman ≥ 0.9)', () => {
    for (const seed of [1, 2, 3]) {
      const { rho, answers } = simulate(seed, 'adaptive', 10);
      expect(answers).toBe(PARTICIPANTS * 10);
      expect(rho).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('learns faster with the adaptive pair choice than with random pairs at the same number of votes', () => {
    const seeds = Array.from({ length: 12 }, (_, i) => 7 * (i + 1));
    const mean = (choice: 'adaptive' | 'random') =>
      seeds.reduce((s, seed) => s + simulate(seed, choice, 10).rho, 0) / seeds.length;
    const adaptive = mean('adaptive');
    const random = mean('random');
    expect(adaptive).toBeGreaterThan(random);
  });

  it("gives an uncertainty band that holds the idea's score, narrower with more votes", () => {
    const few = simulate(5, 'adaptive', 2);
    const many = simulate(5, 'adaptive', 20);
    const width = (s: { low: number; high: number }) => s.high - s.low;
    let narrower = 0;
    for (const [idea, s] of many.fitted) {
      expect(s.low).toBeLessThanOrEqual(s.score);
      expect(s.high).toBeGreaterThanOrEqual(s.score);
      if (width(s) < width(few.fitted.get(idea)!)) narrower++;
    }
    expect(narrower).toBe(IDEAS);
  });
});

describe('Bradley–Terry fit', () => {
  it('gives the simple score (wins+1)/(wins+losses+2) beside the fitted one', () => {
    const scores = fitBradleyTerry(
      [1, 2, 3],
      [
        { winner: 1, loser: 2 },
        { winner: 1, loser: 3 },
        { winner: 2, loser: 3 },
      ],
    );
    expect(scores.map((s) => s.idea)).toEqual([1, 2, 3]);
    expect(scores[0]!.simple).toBeCloseTo(3 / 4);
    expect(scores[2]!.simple).toBeCloseTo(1 / 4);
    // Symmetric data gives the middle idea a score of one half.
    expect(scores[1]!.score).toBeCloseTo(0.5, 6);
  });

  it('keeps ideas without votes finite, in the middle', () => {
    const scores = fitBradleyTerry([1, 2], []);
    expect(scores.every((s) => s.score === 0.5 && Number.isFinite(s.low) && s.low < 0.5)).toBe(true);
  });
});
