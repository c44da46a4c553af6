/**
 * The matching benchmark (`npm run bench -- --only matching`), on the bundled taxonomy (built from the
 * real JobTech files) loaded into a fresh store of each dialect. Baselines are computed in the same run:
 *   recovery     — for each of the 400 SSYK-4 groups and each seed, a simulated person with a random
 *                  30 % of the group's related skills (at least 1) and 5 random other skills: share
 *                  whose group is ranked 1st / in the top 5 / top 10. The matcher (full score) beside
 *                  its skill factor alone under four weightings (measures the √IDF weighting), plain
 *                  Jaccard and BM25 over skill labels. Reported on seeds 19–21 (as since the first
 *                  run) and on held-out seeds 31–40; the weighting was chosen on seeds 1–10
 *                  (bench/experiments/matching-weighting.exp.ts), which are not reported here;
 *   substitution — a person whose only input is one occupation name (every name with a 75 %
 *                  substitute): share of its 75 % substitutes among the top 10 other names, of those a
 *                  top 10 can hold and of all; baseline: the other names of the same SSYK group,
 *                  alphabetically;
 *   ads          — the 102 ads we wrote by hand (bench/matching/hand-written-ads.txt → .json, the
 *                  skills a reader records for each as the truth): skill extraction precision/recall
 *                  (micro), and the stated occupation (name, and its SSYK group) in the top 3 ranked
 *                  from the ad's text alone; the same for the 120 template ads (template-ads.json),
 *                  whose wording is the taxonomy's own, for comparison;
 *   speed        — one person against all 2,412 names (p50/p99 over 300 people); against 10,000 ads
 *                  (p50/p99 over 100 people); the memory 10,000 ads take (RSS and heap growth).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AdForMatching, AdIndex } from '../../src/domain/process/matching/ad-index.js';
import { buildMatchingModel, type MatchingModel } from '../../src/domain/process/matching/matching-model.js';
import { OccupationMatcher } from '../../src/domain/process/matching/occupation-matcher.js';
import { EMPTY_PROFILE, type Profile } from '../../src/domain/process/matching/profile.js';
import { sample, seeded } from '../../src/domain/process/matching/seeded-random.js';
import { SkillExtractor } from '../../src/domain/process/matching/skill-extractor.js';
import { loadBundledTaxonomy } from '../../src/domain/process/taxonomy/taxonomy-loader.js';
import { type Dialect, openStore, type Store } from '../../src/store/database.js';
import { adminQuery, postgresUrl } from '../lib/bench-stores.js';
import type { Report } from '../lib/report.js';
import { Bm25, jaccardRank } from './baselines.js';
import { HELD_OUT_SEEDS, REPORTED_SEEDS, recoveryPeople, TUNING_SEEDS } from './recovery-people.js';

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

async function openBenchStore(dialect: Dialect): Promise<{ store: Store; drop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'matching-bench-'));
  if (dialect === 'sqlite') {
    const store = await openStore({ databaseUrl: '', dataDir: dir });
    return {
      store,
      drop: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `etablera_bench_matching_${process.pid}`;
  await adminQuery(`drop database if exists ${name}`);
  await adminQuery(`create database ${name}`);
  const store = await openStore({ databaseUrl: postgresUrl(name), dataDir: dir });
  return {
    store,
    drop: async () => {
      await store.close();
      await adminQuery(`drop database if exists ${name}`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Recovery on one set of seeds (see recovery-people.ts: the weighting was chosen on other seeds). The
 * matcher's full score beside its skill factor alone under each weighting of SKILL_WEIGHTINGS (the
 * chosen √IDF, plain IDF, IDF² — the cosine of IDF vectors, the first method — and unweighted), and
 * the two baselines.
 */
function recovery(
  model: MatchingModel,
  report: Report,
  dialect: string,
  seeds: readonly number[],
  set: string,
) {
  const rankers: Record<string, (skills: string[]) => string[]> = {};
  const skillOnly = (m: OccupationMatcher) => (skills: string[]) =>
    [...m.groupSkills({ ...EMPTY_PROFILE, skills })]
      .sort((a, b) => b[1].skillValue - a[1].skillValue || (a[0] < b[0] ? -1 : 1))
      .map(([id]) => id);
  const bm25 = new Bm25(model);
  const matcher = new OccupationMatcher(model);
  rankers['matcher (full score)'] = (skills) =>
    matcher.matchGroups({ ...EMPTY_PROFILE, skills }, 10).map((m) => m.id);
  for (const [weighting, label] of [
    ['sqrt-idf', '√IDF (chosen)'],
    ['idf', 'IDF'],
    ['idf-squared', 'IDF² (the first method: cosine of IDF vectors)'],
    ['uniform', 'unweighted'],
  ] as const)
    rankers[`skill factor alone, ${label}`] = skillOnly(new OccupationMatcher(model, weighting));
  rankers['baseline: Jaccard'] = (skills) => jaccardRank(model, skills);
  rankers['baseline: BM25 over labels'] = (skills) => bm25.rank(skills);
  const hits = Object.fromEntries(Object.keys(rankers).map((k) => [k, [0, 0, 0]]));
  // Top-1 differences this small are a few people: count, person by person, where the matcher and
  // each baseline disagree (right/wrong), which says more than the two shares.
  const only = { matcher: { jaccard: 0, bm25: 0 }, jaccard: 0, bm25: 0 };
  const people = recoveryPeople(model, seeds);
  for (const person of people) {
    const first: Record<string, boolean> = {};
    for (const [name, rank] of Object.entries(rankers)) {
      const i = rank(person.skills).indexOf(person.group);
      first[name] = i === 0;
      const h = hits[name] as number[];
      if (i === 0) h[0] = (h[0] ?? 0) + 1;
      if (i >= 0 && i < 5) h[1] = (h[1] ?? 0) + 1;
      if (i >= 0 && i < 10) h[2] = (h[2] ?? 0) + 1;
    }
    const m = first['matcher (full score)'];
    const j = first['baseline: Jaccard'];
    const b = first['baseline: BM25 over labels'];
    if (m && !j) only.matcher.jaccard++;
    if (!m && j) only.jaccard++;
    if (m && !b) only.matcher.bm25++;
    if (!m && b) only.bm25++;
  }
  const n = people.length;
  const share = (name: string, k: number) => r3(((hits[name] as number[])[k] ?? 0) / n);
  for (const [k, label] of [
    [0, 'top-1'],
    [1, 'top-5'],
    [2, 'top-10'],
  ] as const) {
    const best = Math.max(share('baseline: Jaccard', k), share('baseline: BM25 over labels', k));
    for (const name of Object.keys(rankers))
      report.add({
        section: 'matching recovery',
        dialect,
        what: `${set}, ${label}: ${name} (${n} people)`,
        value: share(name, k),
        unit: 'share',
        ...(name === 'matcher (full score)'
          ? {
              baseline: best,
              target: k === 1 ? '≥ 0.80 and ≥ best baseline' : '> best baseline (or both 1.000)',
              note: `weighting chosen on seeds ${TUNING_SEEDS[0]}–${TUNING_SEEDS.at(-1)}, not these`,
              met:
                k === 1
                  ? share(name, k) >= 0.8 && share(name, k) >= best
                  : share(name, k) > best || share(name, k) === 1,
            }
          : {}),
      });
  }
  report.add({
    section: 'matching recovery',
    dialect,
    what: `${set}, top-1 person by person: matcher right and Jaccard wrong / Jaccard right and matcher wrong`,
    value: only.matcher.jaccard,
    unit: 'people',
    note: `against ${only.jaccard}`,
  });
  report.add({
    section: 'matching recovery',
    dialect,
    what: `${set}, top-1 person by person: matcher right and BM25 wrong / BM25 right and matcher wrong`,
    value: only.matcher.bm25,
    unit: 'people',
    note: `against ${only.bm25}`,
  });
}

/**
 * A name with more than ten 75 % substitutes cannot have them all in a top 10, so the share of all
 * substitutes found has a ceiling below 1 (0.587 on the bundled taxonomy: 96 names have 15 or more).
 * The target is therefore on the share of what a top 10 can hold, Σ found / Σ min(10, substitutes);
 * the plain share and its ceiling are reported beside it. A second run gives each person also what a
 * newcomer typically has (Swedish A2, upper-secondary education): the gates and the education factor
 * then reorder names, which shows how much they move the substitutes (no target).
 */
function substitution(model: MatchingModel, report: Report, dialect: string) {
  const matcher = new OccupationMatcher(model);
  const run = (extra: Partial<Profile>) => {
    let found = 0;
    let foundBaseline = 0;
    let total = 0;
    let reachable = 0;
    let people = 0;
    for (const name of model.nameList) {
      const subs = [...name.substitutes].filter(([, p]) => p === 75).map(([id]) => id);
      if (subs.length === 0) continue;
      people++;
      const profile: Profile = { ...EMPTY_PROFILE, ...extra, occupations: [{ id: name.id, years: null }] };
      const top = matcher
        .matchNames(profile, 11)
        .map((m) => m.id)
        .filter((id) => id !== name.id)
        .slice(0, 10);
      const baseline = model.nameList
        .filter((n) => n.group === name.group && n.id !== name.id)
        .slice(0, 10)
        .map((n) => n.id);
      total += subs.length;
      reachable += Math.min(10, subs.length);
      for (const s of subs) {
        if (top.includes(s)) found++;
        if (baseline.includes(s)) foundBaseline++;
      }
    }
    return { found, foundBaseline, total, reachable, people };
  };
  const only = run({});
  report.add({
    section: 'matching substitution',
    dialect,
    what: `75 % substitutes in the top 10 names, share of what a top 10 can hold (${only.people} names, ${only.reachable} of ${only.total} substitutes)`,
    value: r3(only.found / only.reachable),
    unit: 'share',
    baseline: r3(only.foundBaseline / only.reachable),
    target: '≥ 0.90 and ≥ baseline (same SSYK group, alphabetical)',
    met: only.found / only.reachable >= 0.9 && only.found >= only.foundBaseline,
  });
  report.add({
    section: 'matching substitution',
    dialect,
    what: '75 % substitutes in the top 10 names, share of all substitutes',
    value: r3(only.found / only.total),
    unit: 'share',
    baseline: r3(only.foundBaseline / only.total),
    note: `ceiling ${r3(only.reachable / only.total)}: names with more than 10 substitutes`,
  });
  const typical = run({ swedish: 'A2', educationLevel: 3 });
  report.add({
    section: 'matching substitution',
    dialect,
    what: 'the same with Swedish A2 and upper-secondary education, share of what a top 10 can hold',
    value: r3(typical.found / typical.reachable),
    unit: 'share',
    baseline: r3(typical.foundBaseline / typical.reachable),
  });
}

interface LabelledAd {
  id: string;
  headline: string;
  description: { text: string };
  occupation: { concept_id: string };
  label: { skills: string[] };
}

/**
 * `file`: hand-written-ads.json or template-ads.json (for comparison). The extractor was improved
 * looking at the odd-numbered hand-written ads only (`half: 'odd'`, the development half); the
 * even-numbered ones (`'even'`) are the test half, the figure to report.
 */
function ads(
  model: MatchingModel,
  report: Report,
  dialect: string,
  file: string,
  set: string,
  half?: 'odd' | 'even',
) {
  const labelled = (
    JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')) as LabelledAd[]
  ).filter((ad) => !half || Number(ad.id.replace(/\D/g, '')) % 2 === (half === 'odd' ? 1 : 0));
  const extractor = new SkillExtractor([...model.skillLabels].map(([id, label]) => ({ id, label })));
  const names = new SkillExtractor(model.nameList.map((n) => ({ id: n.id, label: n.label })));
  const matcher = new OccupationMatcher(model);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let nameTop3 = 0;
  let groupTop3 = 0;
  for (const ad of labelled) {
    const text = `${ad.headline}\n${ad.description.text}`;
    const found = new Set(extractor.extract(text).map((e) => e.id));
    const truth = new Set(ad.label.skills);
    for (const s of found)
      if (truth.has(s)) tp++;
      else fp++;
    for (const s of truth) if (!found.has(s)) fn++;
    const mentioned = names.extract(text).map((e) => e.id);
    const profile: Profile = { ...EMPTY_PROFILE, skills: [...found].sort(), interests: mentioned.sort() };
    const top = matcher.matchNames(profile, 3);
    if (top.some((m) => m.id === ad.occupation.concept_id)) nameTop3++;
    const group = model.names.get(ad.occupation.concept_id)?.group;
    if (matcher.matchGroups(profile, 3).some((m) => m.id === group)) groupTop3++;
  }
  const n = labelled.length;
  report.add({
    section: 'matching ads',
    dialect,
    what: `${set}: skill extraction precision (${n} labelled ads)`,
    value: r3(tp / (tp + fp)),
    unit: 'share',
  });
  report.add({
    section: 'matching ads',
    dialect,
    what: `${set}: skill extraction recall (${n} labelled ads)`,
    value: r3(tp / (tp + fn)),
    unit: 'share',
  });
  report.add({
    section: 'matching ads',
    dialect,
    what: `${set}: stated occupation name in the top 3 ranked from the text`,
    value: r3(nameTop3 / n),
    unit: 'share',
  });
  report.add({
    section: 'matching ads',
    dialect,
    what: `${set}: stated occupation's SSYK group in the top 3 groups`,
    value: r3(groupTop3 / n),
    unit: 'share',
  });
}

function randomPerson(model: MatchingModel, random: () => number): Profile {
  const g = model.groupList[
    Math.floor(random() * model.groupList.length)
  ] as MatchingModel['groupList'][number];
  const name = model.nameList[
    Math.floor(random() * model.nameList.length)
  ] as MatchingModel['nameList'][number];
  return {
    ...EMPTY_PROFILE,
    skills: sample(g.skills, Math.max(1, Math.round(g.skills.length * 0.4)), random).sort(),
    occupations: [{ id: name.id, years: '2-4' }],
    educationLevel: 3,
    swedish: 'A2',
  };
}

function speed(model: MatchingModel, report: Report, dialect: string) {
  const matcher = new OccupationMatcher(model);
  const random = seeded(99);
  const people = Array.from({ length: 300 }, () => randomPerson(model, random));
  for (const p of people.slice(0, 20)) matcher.matchNames(p, 20);
  const times: number[] = [];
  for (const p of people) {
    const t = performance.now();
    matcher.matchNames(p, 20);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  report.add({
    section: 'matching speed',
    dialect,
    what: 'one person × 2,412 occupation names, p50',
    value: r3(quantile(times, 0.5)),
    unit: 'ms',
    target: '≤ 20 ms',
    met: quantile(times, 0.5) <= 20,
  });
  report.add({
    section: 'matching speed',
    dialect,
    what: 'one person × 2,412 occupation names, p99',
    value: r3(quantile(times, 0.99)),
    unit: 'ms',
  });

  // 10,000 ads as the store would give them: an occupation name, 3–10 of its group's skills as found
  // in the text (with the words), a licence now and then, Swedish as a must-have in a third.
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const licences = [...model.licences.keys()];
  const adList: AdForMatching[] = [];
  for (let i = 0; i < 10_000; i++) {
    const name = model.nameList[
      Math.floor(random() * model.nameList.length)
    ] as MatchingModel['nameList'][number];
    const group = model.groups.get(name.group) as MatchingModel['groupList'][number];
    const skills = sample(group.skills, Math.min(group.skills.length, 3 + Math.floor(random() * 8)), random);
    adList.push({
      id: `ad-${i}`,
      headline: `${name.label} sökes till ett företag i Norrbotten (${i})`,
      occupationId: name.id,
      skills: {
        must: [],
        nice: [],
        extracted: skills.map((s) => ({
          id: s,
          words: (model.skillLabels.get(s) ?? '').toLowerCase().split(' '),
        })),
        licences: random() < 0.2 ? [licences[Math.floor(random() * licences.length)] as string] : [],
        languages: random() < 0.33 && model.swedish ? [model.swedish] : [],
      },
    });
  }
  const index = new AdIndex(matcher, adList);
  global.gc?.();
  const heapGrowth = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const rssGrowth = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  for (const p of people.slice(0, 10)) index.match(p, 20);
  const adTimes: number[] = [];
  for (const p of people.slice(0, 100)) {
    const t = performance.now();
    index.match(p, 20);
    adTimes.push(performance.now() - t);
  }
  adTimes.sort((a, b) => a - b);
  report.add({
    section: 'matching speed',
    dialect,
    what: 'one person × 10,000 ads, p50',
    value: r3(quantile(adTimes, 0.5)),
    unit: 'ms',
    target: '≤ 100 ms',
    met: quantile(adTimes, 0.5) <= 100,
  });
  report.add({
    section: 'matching speed',
    dialect,
    what: 'one person × 10,000 ads, p99',
    value: r3(quantile(adTimes, 0.99)),
    unit: 'ms',
  });
  report.add({
    section: 'matching speed',
    dialect,
    what: '10,000 ads in memory: RSS growth',
    value: Math.round(rssGrowth),
    unit: 'MB',
    target: '≤ 200 MB',
    met: rssGrowth <= 200,
    note: `heap growth ${Math.round(heapGrowth)} MB${global.gc ? '' : ' (run without --expose-gc: growth includes garbage)'}`,
  });
  report.add({
    section: 'matching speed',
    dialect,
    what: '10,000 ads in memory: heap growth',
    value: Math.round(heapGrowth),
    unit: 'MB',
  });
}

export async function matchingBench(dialect: Dialect, report: Report): Promise<void> {
  const { store, drop } = await openBenchStore(dialect);
  try {
    const load = await loadBundledTaxonomy(store);
    console.log(`  taxonomy loaded: ${load.concepts} concepts in ${load.seconds.toFixed(1)} s`);
    const started = performance.now();
    const model = await buildMatchingModel(store);
    report.add({
      section: 'matching speed',
      dialect,
      what: 'matching model built from the store',
      value: Math.round(performance.now() - started),
      unit: 'ms',
    });
    recovery(model, report, dialect, REPORTED_SEEDS, `seeds ${REPORTED_SEEDS.join(',')}`);
    recovery(
      model,
      report,
      dialect,
      HELD_OUT_SEEDS,
      `held-out seeds ${HELD_OUT_SEEDS[0]}–${HELD_OUT_SEEDS.at(-1)}`,
    );
    substitution(model, report, dialect);
    ads(model, report, dialect, 'hand-written-ads.json', 'hand-written ads, test half (even)', 'even');
    ads(model, report, dialect, 'hand-written-ads.json', 'hand-written ads, development half (odd)', 'odd');
    ads(model, report, dialect, 'template-ads.json', 'template ads');
    speed(model, report, dialect);
  } finally {
    await drop();
  }
}
