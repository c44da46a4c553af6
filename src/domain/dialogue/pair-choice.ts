/**
 * Which two ideas a participant sees next in a pairwise round. To learn fastest the first idea is
 * drawn with weight 1/(1+n)⁴ (n = its comparisons so far), so new and rarely shown ideas come up
 * often; its opponent is drawn with weight exp(−|Δs|/0.05)/(1+n)², favouring ideas that also have few
 * comparisons and whose simple score s = (wins+1)/(wins+losses+2) is close, because a near-even pair tells the ranking the most. Pairs the The weights were tuned
 * on the simulation in pairwise.simulation.test.ts. Pairs the participant has already answered are
 * not offered again. Randomness stays in every draw, so every
 * pair keeps a chance and no idea can be starved.
 */

export interface IdeaTally {
  idea: number;
  wins: number;
  losses: number;
}

export type Uniform = () => number;

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

export { pairKey };

function draw<T>(items: readonly T[], weight: (item: T) => number, random: Uniform): T | undefined {
  let total = 0;
  const weights = items.map((item) => {
    const w = weight(item);
    total += w;
    return w;
  });
  if (total <= 0) return undefined;
  let r = random() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i];
  }
  return items[items.length - 1];
}

/** The next pair for a participant, or null when they have answered every pair. */
export function chooseAdaptivePair(
  tallies: readonly IdeaTally[],
  answered: ReadonlySet<string>,
  random: Uniform,
): [number, number] | null {
  if (tallies.length < 2) return null;
  const n = (t: IdeaTally) => t.wins + t.losses;
  const simple = (t: IdeaTally) => (t.wins + 1) / (n(t) + 2);
  // Ideas that still have an unanswered partner (all of them, unless the participant is very busy).
  const open =
    answered.size === 0
      ? tallies
      : tallies.filter((t) => tallies.some((u) => u !== t && !answered.has(pairKey(t.idea, u.idea))));
  const first = draw(open, (t) => 1 / (1 + n(t)) ** 4, random);
  if (!first) return null;
  const partners = tallies.filter((u) => u !== first && !answered.has(pairKey(first.idea, u.idea)));
  const s = simple(first);
  const second = draw(partners, (u) => Math.exp(-Math.abs(simple(u) - s) / 0.05) / (1 + n(u)) ** 2, random);
  if (!second) return null;
  return random() < 0.5 ? [first.idea, second.idea] : [second.idea, first.idea];
}

/** Uniformly random pair (what the simulation compares the adaptive choice with). */
export function chooseRandomPair(
  ideas: readonly number[],
  answered: ReadonlySet<string>,
  random: Uniform,
): [number, number] | null {
  for (let attempt = 0; attempt < 100; attempt++) {
    const a = ideas[Math.floor(random() * ideas.length)]!;
    const b = ideas[Math.floor(random() * ideas.length)]!;
    if (a !== b && !answered.has(pairKey(a, b))) return [a, b];
  }
  return null;
}
