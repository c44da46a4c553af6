/**
 * What matching reads from the taxonomy, held in memory once per taxonomy version: SSYK-4 groups with
 * their related skills, occupation names and their group, substitutability (25/75), the collection
 * "yrken utan krav på utbildning", national forecasts per SSYK code, the kommun → labour-market region
 * table, SUN education levels, and each skill's IDF over the 400 groups (a skill every group lists
 * says little about which group fits; a skill only one group lists says much) with the weight matching
 * gives it (see SKILL_WEIGHTINGS).
 */
import type { Store } from '../../../store/database.js';
import type { ForecastRow, LabourRegionRow } from '../../../store/repositories/taxonomy.repository.js';

export interface GroupInfo {
  id: string;
  code: string;
  label: string;
  skills: string[];
  /**
   * Σ weight of the group's skills under the default weighting (√IDF): the denominator of `coverage`
   * (precomputed: matching is per request).
   */
  weightSum: number;
}

export interface NameInfo {
  id: string;
  label: string;
  group: string;
  /** Substitutes of this name: occupation-name id → percentage (25 or 75). */
  substitutes: Map<string, number>;
  noEducationRequired: boolean;
}

export interface Forecast {
  year: number;
  value: number;
  source: string;
}

export interface MatchingModel {
  version: number;
  groups: Map<string, GroupInfo>;
  groupList: GroupInfo[];
  names: Map<string, NameInfo>;
  nameList: NameInfo[];
  /** Skill id → its Swedish label. */
  skillLabels: Map<string, string>;
  /** Skill id → IDF over the 400 groups: ln(N / (1 + df)) + 1, so every listed skill weighs > 0. */
  idf: Map<string, number>;
  /** IDF of a skill no group lists (df 0): the highest there is. */
  unlistedIdf: number;
  /** Skill id → the groups that list it. */
  skillGroups: Map<string, string[]>;
  /** SSYK code → forecasts, oldest first. */
  forecasts: Map<string, Forecast[]>;
  regions: Map<string, { kommun: string; region: number; regionName: string; source: string }>;
  /** Any SUN level concept id → SUN level-1 code (0–6). */
  educationLevel: Map<string, number>;
  /** Driving licence and language concepts: id → label. */
  licences: Map<string, string>;
  languages: Map<string, string>;
  swedish: string | null;
  /** Every concept's Swedish label, for concept ids a person names (interests, occupations). */
  label: (id: string) => string;
}

/**
 * How much a matched skill counts, as a function of its IDF. The skill factor is the weighted set
 * cosine Σ_matched w / √(Σ_person w · Σ_occupation w); with w = IDF² that is the cosine of IDF
 * vectors (the first method). The default, √IDF, was chosen on the benchmark's tuning seeds among
 * these and the smoothed IDFs of bench/experiments/matching-weighting.exp.ts (BENCHMARKS.md,
 * "Matching"): a common skill still counts less than a rare one (about 2.5 times less between a
 * skill of every group and one of a single group), but a single rare skill no longer outweighs
 * several common ones.
 */
export const SKILL_WEIGHTINGS = {
  'sqrt-idf': (idf: number) => Math.sqrt(idf),
  idf: (idf: number) => idf,
  'idf-squared': (idf: number) => idf * idf,
  uniform: (_idf: number) => 1,
} as const;
export type SkillWeighting = keyof typeof SKILL_WEIGHTINGS;
export const DEFAULT_WEIGHTING: SkillWeighting = 'sqrt-idf';

export async function buildMatchingModel(store: Store): Promise<MatchingModel> {
  const repo = store.repositories.taxonomy;
  const version = await repo.latestVersionId();
  const concepts = await repo.conceptsOfTypes([
    'ssyk-level-4',
    'occupation-name',
    'skill',
    'sun-education-level-1',
    'sun-education-level-2',
    'sun-education-level-3',
    'driving-licence',
    'language',
    'occupation-collection',
  ]);
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const related = await repo.relationsOfKind('related');
  const broader = await repo.relationsOfKind('broader');
  const substitutes = await repo.relationsOfKind('substitutes');
  return modelFrom(version, concepts, related, broader, substitutes, {
    forecasts: await allForecasts(store),
    regions: await allRegions(store),
    byId,
  });
}

/** The demand tables are the taxonomy repository's own; matching reads them whole, in a fixed order. */
const demandTables = (store: Store) =>
  store.db.withTables<{ taxonomy_forecast: ForecastRow; taxonomy_labour_region: LabourRegionRow }>();

async function allForecasts(store: Store) {
  return demandTables(store)
    .selectFrom('taxonomy_forecast')
    .select(['ssyk_code', 'year', 'value', 'source'])
    .orderBy('ssyk_code')
    .orderBy('year')
    .execute();
}

async function allRegions(store: Store) {
  return demandTables(store)
    .selectFrom('taxonomy_labour_region')
    .selectAll()
    .orderBy('kommun_code')
    .execute();
}

type Row = { id: string; type: string; label: string; code: string | null; deprecated: number };
type Rel = { kind: string; from_id: string; to_id: string; weight: number | null };

function modelFrom(
  version: number,
  concepts: Row[],
  related: Rel[],
  broader: Rel[],
  substitutes: Rel[],
  extra: {
    forecasts: { ssyk_code: string; year: number; value: number; source: string }[];
    regions: {
      kommun_code: string;
      kommun_name: string;
      region: number;
      region_name: string;
      source: string;
    }[];
    byId: Map<string, Row>;
  },
): MatchingModel {
  const { byId } = extra;
  const type = (id: string) => byId.get(id)?.type;
  const groupSkills = new Map<string, string[]>();
  const noEducation = new Set<string>();
  for (const r of related) {
    if (type(r.from_id) === 'ssyk-level-4' && type(r.to_id) === 'skill') {
      const list = groupSkills.get(r.from_id) ?? [];
      list.push(r.to_id);
      groupSkills.set(r.from_id, list);
    } else if (type(r.from_id) === 'occupation-collection' && type(r.to_id) === 'occupation-name')
      noEducation.add(r.to_id);
  }
  const groupsRows = concepts.filter((c) => c.type === 'ssyk-level-4' && c.code);
  const N = groupsRows.length;
  const df = new Map<string, number>();
  const skillGroups = new Map<string, string[]>();
  for (const [g, skills] of groupSkills) {
    skills.sort();
    for (const s of skills) {
      df.set(s, (df.get(s) ?? 0) + 1);
      const gs = skillGroups.get(s) ?? [];
      gs.push(g);
      skillGroups.set(s, gs);
    }
  }
  const idf = new Map<string, number>();
  for (const [s, n] of df) idf.set(s, Math.log(N / (1 + n)) + 1);
  const groups = new Map<string, GroupInfo>();
  for (const c of groupsRows) {
    const skills = groupSkills.get(c.id) ?? [];
    groups.set(c.id, {
      id: c.id,
      code: c.code as string,
      label: c.label,
      skills,
      weightSum: skills.reduce((sum, s) => sum + SKILL_WEIGHTINGS[DEFAULT_WEIGHTING](idf.get(s) ?? 0), 0),
    });
  }
  const names = new Map<string, NameInfo>();
  for (const r of broader)
    if (type(r.from_id) === 'occupation-name' && groups.has(r.to_id)) {
      const c = byId.get(r.from_id) as Row;
      if (c.deprecated) continue;
      names.set(c.id, {
        id: c.id,
        label: c.label,
        group: r.to_id,
        substitutes: new Map(),
        noEducationRequired: noEducation.has(c.id),
      });
    }
  for (const r of substitutes) names.get(r.from_id)?.substitutes.set(r.to_id, r.weight ?? 25);
  // SUN levels: level-1 carries the code 0–6; levels 2 and 3 reach it through "broader".
  const up = new Map(
    broader
      .filter((r) => type(r.from_id)?.startsWith('sun-education-level'))
      .map((r) => [r.from_id, r.to_id]),
  );
  const educationLevel = new Map<string, number>();
  for (const c of concepts)
    if (c.type.startsWith('sun-education-level')) {
      let id: string | undefined = c.id;
      for (let i = 0; i < 3 && id && type(id) !== 'sun-education-level-1'; i++) id = up.get(id);
      const code = id ? Number(byId.get(id)?.code) : Number.NaN;
      if (Number.isFinite(code)) educationLevel.set(c.id, code);
    }
  const forecasts = new Map<string, Forecast[]>();
  for (const f of extra.forecasts) {
    const list = forecasts.get(f.ssyk_code) ?? [];
    list.push({ year: f.year, value: f.value, source: f.source });
    forecasts.set(f.ssyk_code, list);
  }
  const of = (t: string) =>
    new Map(concepts.filter((c) => c.type === t && !c.deprecated).map((c) => [c.id, c.label]));
  const languages = of('language');
  const byLabel = (a: { label: string; id: string }, b: { label: string; id: string }) =>
    a.label < b.label ? -1 : a.label > b.label ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return {
    version,
    groups,
    groupList: [...groups.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    names,
    nameList: [...names.values()].sort(byLabel),
    skillLabels: of('skill'),
    idf,
    unlistedIdf: Math.log(N) + 1,
    skillGroups,
    forecasts,
    regions: new Map(
      extra.regions.map((r) => [
        r.kommun_code,
        { kommun: r.kommun_name, region: r.region, regionName: r.region_name, source: r.source },
      ]),
    ),
    educationLevel,
    licences: of('driving-licence'),
    languages,
    swedish: [...languages].find(([, l]) => l === 'Svenska')?.[0] ?? null,
    label: (id) => byId.get(id)?.label ?? id,
  };
}
