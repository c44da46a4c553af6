/**
 * Experiment (not part of `npm run bench`): the recovery task's skill weightings, similarity measures and
 * full-score variants, on the TUNING seeds only (bench/matching/recovery-people.ts). What is chosen here
 * is then reported by the benchmark on other seeds. Prints top-1/5/10 per variant and, against Jaccard,
 * how many people each is right about where Jaccard is wrong (and the reverse).
 * Usage: tsx bench/experiments/matching-weighting.exp.ts [seeds, e.g. 1-10]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMatchingModel, type SkillWeighting } from '../../src/domain/process/matching/matching-model.js';
import { OccupationMatcher } from '../../src/domain/process/matching/occupation-matcher.js';
import { EMPTY_PROFILE, type Profile } from '../../src/domain/process/matching/profile.js';
import { loadBundledTaxonomy } from '../../src/domain/process/taxonomy/taxonomy-loader.js';
import { openStore } from '../../src/store/database.js';
import { Bm25, jaccardRank } from '../matching/baselines.js';
import { recoveryPeople, TUNING_SEEDS } from '../matching/recovery-people.js';

const arg = process.argv[2];
const seeds = arg
  ? (() => {
      const [a, b] = arg.split('-').map(Number) as [number, number];
      return Array.from({ length: (b ?? a) - a + 1 }, (_, i) => a + i);
    })()
  : [...TUNING_SEEDS];

const dir = mkdtempSync(join(tmpdir(), 'matching-exp-'));
const store = await openStore({ databaseUrl: '', dataDir: dir });
await loadBundledTaxonomy(store);
const model = await buildMatchingModel(store);
await store.close();
rmSync(dir, { recursive: true, force: true });

const N = model.groupList.length;
const df = new Map<string, number>();
for (const [s, gs] of model.skillGroups) df.set(s, gs.length);

type Weight = (s: string) => number;
const weights: Record<string, Weight> = {
  'idf ln(N/(1+df))+1': (s) => Math.log(N / (1 + (df.get(s) ?? 0))) + 1,
  'idf ln(1+N/df)': (s) => Math.log(1 + N / (df.get(s) ?? 1)),
  'idf bm25 ln(1+(N-df+.5)/(df+.5))': (s) => {
    const n = df.get(s) ?? 0;
    return Math.log(1 + (N - n + 0.5) / (n + 0.5));
  },
  'sqrt idf': (s) => Math.sqrt(Math.log(N / (1 + (df.get(s) ?? 0))) + 1),
  'idf ln(1+N/df)^0.5': (s) => Math.sqrt(Math.log(1 + N / (df.get(s) ?? 1))),
  uniform: () => 1,
};

type Sim = (m: number, p: number, g: number, mq: number, pq: number, gq: number) => number;
// m, p, g: Σ w over matched, person, group; mq, pq, gq: Σ w² over the same.
const sims: Record<string, Sim> = {
  cosine: (_m, _p, _g, mq, pq, gq) => mq / Math.sqrt(pq * gq),
  'cosine (linear w)': (m, p, g) => m / Math.sqrt(p * g),
  jaccard: (m, p, g) => m / (p + g - m),
  dice: (m, p, g) => (2 * m) / (p + g),
  coverage: (m, _p, g) => m / g,
  'coverage×precision': (m, p, g) => (m * m) / (p * g),
};

function rankBy(person: string[], w: Weight, sim: Sim): string[] {
  const pw = person.map(w);
  const p = pw.reduce((a, b) => a + b, 0);
  const pq = pw.reduce((a, b) => a + b * b, 0);
  const m = new Map<string, [number, number]>();
  person.forEach((s, i) => {
    const x = pw[i] as number;
    for (const g of model.skillGroups.get(s) ?? []) {
      const cur = m.get(g) ?? [0, 0];
      m.set(g, [cur[0] + x, cur[1] + x * x]);
    }
  });
  const scored = model.groupList.map((g) => {
    const got = m.get(g.id);
    if (!got) return { id: g.id, code: g.code, v: 0 };
    const gw = g.skills.map(w);
    return {
      id: g.id,
      code: g.code,
      v: sim(
        got[0],
        p,
        gw.reduce((a, b) => a + b, 0),
        got[1],
        pq,
        gw.reduce((a, b) => a + b * b, 0),
      ),
    };
  });
  return scored.sort((a, b) => b.v - a.v || (a.code < b.code ? -1 : 1)).map((x) => x.id);
}

const people = recoveryPeople(model, seeds);
const rankers: Record<string, (skills: string[]) => string[]> = {};
rankers['baseline Jaccard'] = (s) => jaccardRank(model, s);
const bm25 = new Bm25(model);
rankers['baseline BM25'] = (s) => bm25.rank(s);
if (process.env.ALL_MEASURES)
  for (const [wn, w] of Object.entries(weights))
    for (const [sn, sim] of Object.entries(sims)) rankers[`${wn} / ${sn}`] = (s) => rankBy(s, w, sim);
const profile = (skills: string[], extra: Partial<Profile> = {}): Profile => ({
  ...EMPTY_PROFILE,
  skills,
  ...extra,
});
const allLicences = [...model.licences.keys()].sort();
const idfOf = (s: string) => model.idf.get(s) ?? model.unlistedIdf;
const fullWeightings: Record<string, SkillWeighting | ((s: string) => number)> = {
  'idf-squared (the first method)': 'idf-squared',
  idf: 'idf',
  'sqrt-idf': 'sqrt-idf',
  'ln(1+N/df)': weights['idf ln(1+N/df)'] as Weight,
  '√ln(1+N/df)': weights['idf ln(1+N/df)^0.5'] as Weight,
  'idf^0.25': (s) => idfOf(s) ** 0.25,
  uniform: 'uniform',
};
for (const [name, weighting] of Object.entries(fullWeightings)) {
  const m = new OccupationMatcher(model, weighting);
  rankers[`full matcher, ${name}`] = (s) => m.matchGroups(profile(s), 10).map((x) => x.id);
  rankers[`skill factor alone, ${name}`] = (s) =>
    [...m.groupSkills(profile(s))]
      .sort((a, b) => b[1].skillValue - a[1].skillValue || (a[0] < b[0] ? -1 : 1))
      .map(([id]) => id);
}
const chosen = new OccupationMatcher(model);
rankers['full matcher, default, every licence (no licence gate)'] = (s) =>
  chosen.matchGroups(profile(s, { licences: allLicences }), 10).map((x) => x.id);

const results: { name: string; top: number[]; onlyThis: number; onlyJaccard: number }[] = [];
const jaccardFirst = people.map((p) => rankers['baseline Jaccard']?.(p.skills)[0] === p.group);
for (const [name, rank] of Object.entries(rankers)) {
  const top = [0, 0, 0];
  let onlyThis = 0;
  let onlyJaccard = 0;
  people.forEach((p, i) => {
    const r = rank(p.skills).indexOf(p.group);
    const [t1 = 0, t5 = 0, t10 = 0] = top;
    top[0] = t1 + (r === 0 ? 1 : 0);
    top[1] = t5 + (r >= 0 && r < 5 ? 1 : 0);
    top[2] = t10 + (r >= 0 && r < 10 ? 1 : 0);
    if (r === 0 && !jaccardFirst[i]) onlyThis++;
    if (r !== 0 && jaccardFirst[i]) onlyJaccard++;
  });
  results.push({ name, top: top.map((t) => t / people.length), onlyThis, onlyJaccard });
}
console.log(`seeds ${seeds.join(',')}: ${people.length} people`);
for (const r of results)
  console.log(
    `${r.top.map((t) => t.toFixed(4)).join('  ')}  +${String(r.onlyThis).padStart(3)} −${String(r.onlyJaccard).padStart(3)}  ${r.name}`,
  );

// DIAG=1: the people the full matcher (default weighting) gets wrong at top-1 while its skill factor
// alone gets them right — what moved them.
if (process.env.DIAG) {
  const m = new OccupationMatcher(model);
  for (const p of people) {
    const prof = profile(p.skills);
    const skills = [...m.groupSkills(prof)].sort(
      (a, b) => b[1].skillValue - a[1].skillValue || (a[0] < b[0] ? -1 : 1),
    );
    const top = m.matchGroups(prof, 3);
    if (skills[0]?.[0] === p.group && top[0]?.id !== p.group) {
      const truth = m.matchOne(prof, p.group);
      const show = (x: typeof truth) =>
        x &&
        `${x.group.code} ${x.score} g${x.gateFactor} ${x.breakdown.map((b) => `${b.factor}=${b.value}`).join(' ')}`;
      console.log(`truth ${show(truth)}\n   1st ${show(top[0] ?? null)}`);
    }
  }
}

// TIES=1: of the people the full matcher (default weighting) gets wrong at top-1, those whose true
// group has exactly the first one's score (tie-breaking decided them).
if (process.env.TIES) {
  const m = new OccupationMatcher(model);
  let wrong = 0;
  let tied = 0;
  for (const p of people) {
    const top = m.matchGroups(profile(p.skills), 2);
    if (top[0]?.id === p.group) continue;
    wrong++;
    if (m.matchOne(profile(p.skills), p.group)?.score === top[0]?.score) tied++;
  }
  console.log(`full matcher wrong at top-1: ${wrong}; of those tied with the first: ${tied}`);
}
