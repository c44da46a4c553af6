/**
 * Explainable matching of a person to SSYK-4 groups, occupation names and job ads. Every factor of the
 * score is returned; the score is exactly
 *
 *   score = (Σ weight_f × value_f) × 0.9^(blocking gates)
 *
 * with every value in [0, 1] and the weights below summing to 1 (rounded to 4 decimals; each
 * `contribution` is weight × value, and `gateFactor` is the 0.9^n). The factors:
 *   skills      √(coverage × used), both weighted by √IDF: coverage is the share of the occupation's
 *               skills the person has, used the share of the person's skills the occupation uses
 *               (the weighted set cosine, or Ochiai coefficient). A skill every group lists counts
 *               less than a rare one (the benchmark measures the weightings against each other and
 *               against unweighted counting). The detail has both shares and the plain count
 *               ("14 of 22").
 *   experience  previous occupation: the same name 1, a 75 % substitute 0.75, another name of the
 *               same SSYK group 0.5, a 25 % substitute 0.25 (the taxonomy's substitutability).
 *   education   the person's highest SUN level vs the usual requirement of the occupation (ISCO-08
 *               skill level of its major group; 0 for "yrken utan krav på utbildning"): 1 when met,
 *               0.25 less per level short. Unknown = 0.5 for every occupation, so that it does not
 *               move the ranking (not 1 for those without a requirement: see `education`).
 *   demand      Arbetsförmedlingen's latest forecast for the group: (bristvärde − 1) / 4; no
 *               forecast = 0.5, the value of a balanced market (bristvärde 3).
 *   interests   the person's interests and goals (free text; the occupations it names are found as
 *               skills are in ads): 1 when they name the occupation or its group, 0.5 another name
 *               of its group.
 * What the person gives nothing for is the same for every occupation and so does not move the
 * ranking: no education 0.5, no previous occupation 0, no interests 0, Swedish level unknown a gate
 * marked "unknown" that does not block. Demand is the occupation's, not the person's: it moves the
 * ranking whatever the person gives (by at most 0.05, i.e. between near-equal skill fits).
 * Gates (a driving licence, a Swedish level) are shown with how to lift them; each one that blocks
 * multiplies the score by 0.9 so that, with equal fit, what is reachable now comes first. Ties break
 * by label then id: the same input gives the same output (in the benchmark no top-1 miss was a tie,
 * so no finer tie-break was needed).
 */
import type { CefrLevel } from '../people/inventory.js';
import { demandLevel } from '../taxonomy/demand.js';
import {
  DEFAULT_WEIGHTING,
  type GroupInfo,
  type MatchingModel,
  type NameInfo,
  SKILL_WEIGHTINGS,
  type SkillWeighting,
} from './matching-model.js';
import type { Profile } from './profile.js';

export const WEIGHTS = {
  skills: 0.55,
  experience: 0.25,
  education: 0.1,
  demand: 0.05,
  interests: 0.05,
} as const;
export type Factor = keyof typeof WEIGHTS;
export const GATE_FACTOR = 0.9;
export const MISSING_SHOWN = 10;

export interface SkillRef {
  id: string;
  label: string;
}

export interface BreakdownItem {
  factor: Factor;
  value: number;
  weight: number;
  contribution: number;
  /** What the value rests on, for the plain-words explanation. */
  detail: Record<string, unknown>;
}

export interface Gate {
  kind: 'driving-licence' | 'language';
  /** What the occupation (or ad) asks for: licence labels, or a CEFR level of Swedish. */
  requirement: string;
  status: 'blocking' | 'unknown';
  has: string | null;
  lift: string;
}

export interface MatchDemand {
  area: string;
  /** The person's labour-market region when their kommun is known (the forecast itself is national). */
  region: { kommun: string; name: string; number: number; source: string } | null;
  level: 'stor' | 'medelstor' | 'liten';
  value: number;
  source: string;
  year: number;
  note: string;
}

export interface Match {
  id: string;
  kind: 'ssyk-level-4' | 'occupation-name' | 'ad';
  label: string;
  group: { id: string; code: string; label: string };
  score: number;
  gateFactor: number;
  breakdown: BreakdownItem[];
  matchedSkills: SkillRef[];
  /** The occupation's skills the person lacks, the most distinctive (highest IDF) first; at most 10. */
  missingSkills: SkillRef[];
  missingCount: number;
  requiredCount: number;
  gates: Gate[];
  demand: MatchDemand | null;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** ISCO-08 skill level of an SSYK major group → SUN level-1 code usually required. */
const REQUIRED_EDUCATION: Record<string, number> = {
  '0': 3,
  '1': 5,
  '2': 5,
  '3': 4,
  '4': 3,
  '5': 3,
  '6': 3,
  '7': 3,
  '8': 3,
  '9': 2,
};

/** Swedish usually needed at work, by major group: professions B2, office and service B1, else A2. */
const REQUIRED_SWEDISH: Record<string, CefrLevel> = {
  '0': 'B1',
  '1': 'B2',
  '2': 'B2',
  '3': 'B1',
  '4': 'B1',
  '5': 'B1',
  '6': 'A2',
  '7': 'A2',
  '8': 'A2',
  '9': 'A2',
};

/** Driving licences an SSYK group cannot be worked without (licence labels; any one of a list). */
const REQUIRED_LICENCE: Record<string, string[]> = {
  '8321': ['B'],
  '8329': ['B'],
  '8331': ['D'],
  '8332': ['C', 'CE'],
  '5326': ['B'],
};

/** A licence also gives the ones below it (körkortsbehörighet). */
const IMPLIES: Record<string, string[]> = {
  CE: ['C', 'C1', 'C1E', 'B', 'BE'],
  C: ['C1', 'B'],
  C1E: ['C1', 'B', 'BE'],
  C1: ['B'],
  DE: ['D', 'D1', 'D1E', 'B', 'BE'],
  D: ['D1', 'B'],
  D1E: ['D1', 'B', 'BE'],
  D1: ['B'],
  BE: ['B'],
  'Utökad B': ['B'],
  A: ['A2', 'A1', 'AM'],
  A2: ['A1', 'AM'],
  A1: ['AM'],
  B: ['AM'],
};

/** An ad as the matcher scores it (see ad-index.ts). */
export interface AdTarget {
  id: string;
  label: string;
  skills: string[];
  licences: string[];
  swedish: CefrLevel | null | undefined;
}

export interface GroupContext {
  /** √(coverage × used): the skill factor's value. */
  skillValue: number;
  /** Σ weight of the matched skills / Σ weight of the occupation's skills. */
  coverage: number;
  /** Σ weight of the matched skills / Σ weight of the person's skills. */
  used: number;
  matched: string[];
}

/** The skill factor from the three sums (matched, person, occupation); see groupSkills. */
export function skillContext(
  matchedSum: number,
  personSum: number,
  occupationSum: number,
  matched: string[],
): GroupContext {
  const coverage = matchedSum / occupationSum;
  const used = matchedSum / personSum;
  return { skillValue: Math.sqrt(coverage * used), coverage, used, matched };
}

export class OccupationMatcher {
  /** Skill id → weight, and group id → Σ weight of its skills, for this matcher's weighting. */
  private readonly weights = new Map<string, number>();
  private readonly groupSums: Map<string, number>;

  constructor(
    readonly model: MatchingModel,
    /** A named weighting of SKILL_WEIGHTINGS, or (experiments) any weight of a skill id. */
    readonly weighting: SkillWeighting | ((skill: string) => number) = DEFAULT_WEIGHTING,
  ) {
    this.groupSums =
      weighting === DEFAULT_WEIGHTING
        ? new Map(model.groupList.map((g) => [g.id, g.weightSum]))
        : new Map(model.groupList.map((g) => [g.id, g.skills.reduce((sum, s) => sum + this.w(s), 0)]));
  }

  /** A skill's weight under this matcher's weighting (√IDF by default). */
  weight(skill: string): number {
    return this.w(skill);
  }

  private w(skill: string): number {
    let w = this.weights.get(skill);
    if (w === undefined) {
      w =
        typeof this.weighting === 'function'
          ? this.weighting(skill)
          : SKILL_WEIGHTINGS[this.weighting](this.model.idf.get(skill) ?? this.model.unlistedIdf);
      this.weights.set(skill, w);
    }
    return w;
  }

  /** Σ weight of a skill list: what the skill factor divides by. */
  weightSum(skills: readonly string[]): number {
    let sum = 0;
    for (const s of skills) sum += this.w(s);
    return sum;
  }

  /**
   * Skill fit of the person against every group at once (sparse: only groups sharing a skill). The
   * value is the weighted set cosine √(coverage × used): coverage is the (weighted) share of the
   * occupation's skills the person has, used the share of the person's skills the occupation uses, so
   * that neither a long list of the person's nor a short one of the occupation's wins on its own.
   */
  groupSkills(profile: Profile): Map<string, GroupContext> {
    const dot = new Map<string, number>();
    const matched = new Map<string, string[]>();
    const personSum = this.weightSum(profile.skills);
    for (const s of profile.skills) {
      const w = this.w(s);
      for (const g of this.model.skillGroups.get(s) ?? []) {
        dot.set(g, (dot.get(g) ?? 0) + w);
        const list = matched.get(g);
        if (list) list.push(s);
        else matched.set(g, [s]);
      }
    }
    const out = new Map<string, GroupContext>();
    for (const [g, d] of dot)
      out.set(g, skillContext(d, personSum, this.groupSums.get(g) as number, matched.get(g) as string[]));
    return out;
  }

  /** Ranks the 400 SSYK-4 groups. */
  matchGroups(profile: Profile, limit = 20): Match[] {
    const skills = this.groupSkills(profile);
    const cache: RankCache = new Map();
    const matches = this.model.groupList.map((g) => ({
      id: g.id,
      label: g.label,
      score: this.rankScore(profile, g, null, skills.get(g.id)?.skillValue ?? 0, cache),
    }));
    return sortMatches(matches)
      .slice(0, limit)
      .map((m) => this.score(profile, this.model.groups.get(m.id) as GroupInfo, null, skills.get(m.id)));
  }

  /** Ranks the occupation names (each inherits its SSYK group's skills). */
  matchNames(profile: Profile, limit = 20): Match[] {
    const skills = this.groupSkills(profile);
    const cache: RankCache = new Map();
    const matches = this.model.nameList.map((n) => ({
      id: n.id,
      label: n.label,
      score: this.rankScore(
        profile,
        this.model.groups.get(n.group) as GroupInfo,
        n,
        skills.get(n.group)?.skillValue ?? 0,
        cache,
      ),
    }));
    return sortMatches(matches)
      .slice(0, limit)
      .map((m) => {
        const n = this.model.names.get(m.id) as NameInfo;
        return this.score(profile, this.model.groups.get(n.group) as GroupInfo, n, skills.get(n.group));
      });
  }

  /**
   * The score alone, exactly as `score` computes it (the same rounding), without building the
   * explanation: what depends only on the group (demand, gates, the education requirement) is
   * computed once per group per request. The ranking uses this; the top is then explained in full.
   */
  rankScore(
    profile: Profile,
    group: GroupInfo,
    name: NameInfo | null,
    skillValue: number,
    cache: RankCache,
    extra?: { licences?: string[]; swedish?: CefrLevel | null },
    /** What makes the group-only part differ: the group, and an ad's own gates. */
    key = group.id,
  ): number {
    let g = cache.get(key);
    if (!g) {
      const blocking = this.gates(profile, group, extra).filter((x) => x.status === 'blocking').length;
      g = {
        demand: contribution('demand', this.demand(profile, group).value),
        gateFactor: round(GATE_FACTOR ** blocking),
        education: contribution('education', this.education(profile, group, null).value),
        educationNoneRequired: contribution(
          'education',
          this.education(profile, group, { noEducationRequired: true } as NameInfo).value,
        ),
      };
      cache.set(key, g);
    }
    const sum =
      contribution('skills', skillValue) +
      contribution(
        'experience',
        profile.occupations.length ? this.experience(profile, group, name).value : 0,
      ) +
      (name?.noEducationRequired ? g.educationNoneRequired : g.education) +
      g.demand +
      contribution('interests', profile.interests.length ? this.interest(profile, group, name) : 0);
    return round(sum * g.gateFactor);
  }

  /** One occupation (a name or a group) for the person, e.g. for next steps. */
  matchOne(profile: Profile, id: string): Match | null {
    const name = this.model.names.get(id);
    const group = name ? this.model.groups.get(name.group) : this.model.groups.get(id);
    if (!group) return null;
    return this.score(profile, group, name ?? null, this.groupSkills(profile).get(group.id));
  }

  /**
   * Fit against a given skill list (an ad's skills) instead of the group's: the same cosine and
   * coverage, computed directly.
   */
  contextFor(profile: Profile, skills: readonly string[]): GroupContext | undefined {
    const have = new Set(profile.skills);
    const matched = skills.filter((s) => have.has(s));
    if (matched.length === 0) return undefined;
    return skillContext(
      this.weightSum(matched),
      this.weightSum(profile.skills),
      this.weightSum(skills),
      matched,
    );
  }

  score(
    profile: Profile,
    group: GroupInfo,
    name: NameInfo | null,
    ctx: GroupContext | undefined,
    ad?: AdTarget,
    /** false: the score only, without sorting the skill lists (for ranking; the top is redone in full). */
    detail = true,
  ): Match {
    const required = ad ? ad.skills : group.skills;
    const matched = ctx?.matched ?? [];
    let missing: string[] = [];
    if (detail) {
      const have = new Set(profile.skills);
      missing = required
        .filter((s) => !have.has(s))
        .sort((a, b) => this.w(b) - this.w(a) || this.labelCompare(a, b));
    }
    const experience = this.experience(profile, group, name);
    const education = this.education(profile, group, name);
    const demand = this.demand(profile, group);
    const interest = this.interest(profile, group, name);
    const items: BreakdownItem[] = [
      item('skills', ctx?.skillValue ?? 0, {
        matched: matched.length,
        required: required.length,
        coverage: round(ctx?.coverage ?? 0),
        used: round(ctx?.used ?? 0),
        weighting: typeof this.weighting === 'string' ? this.weighting : 'custom',
      }),
      item('experience', experience.value, experience.detail),
      item('education', education.value, education.detail),
      item('demand', demand.value, demand.detail),
      item('interests', interest, { named: interest > 0, sameGroup: interest === 0.5 }),
    ];
    const gates = this.gates(
      profile,
      group,
      ad
        ? { licences: ad.licences, ...(ad.swedish !== undefined ? { swedish: ad.swedish } : {}) }
        : undefined,
    );
    const blocking = gates.filter((g) => g.status === 'blocking').length;
    const gateFactor = round(GATE_FACTOR ** blocking);
    const sum = items.reduce((s, i) => s + i.contribution, 0);
    return {
      id: ad?.id ?? name?.id ?? group.id,
      kind: ad ? 'ad' : name ? 'occupation-name' : 'ssyk-level-4',
      label: ad?.label ?? name?.label ?? group.label,
      group: { id: group.id, code: group.code, label: group.label },
      score: round(sum * gateFactor),
      gateFactor,
      breakdown: items,
      matchedSkills: detail
        ? [...matched]
            .sort((a, b) => this.w(b) - this.w(a) || this.labelCompare(a, b))
            .map((s) => this.ref(s))
        : [],
      missingSkills: missing.slice(0, MISSING_SHOWN).map((s) => this.ref(s)),
      missingCount: required.length - matched.length,
      requiredCount: required.length,
      gates,
      demand: demand.view,
    };
  }

  ref(id: string): SkillRef {
    return { id, label: this.model.skillLabels.get(id) ?? this.model.label(id) };
  }

  private labelCompare(a: string, b: string): number {
    const la = this.model.skillLabels.get(a) ?? a;
    const lb = this.model.skillLabels.get(b) ?? b;
    return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  }

  experience(profile: Profile, group: GroupInfo, name: NameInfo | null) {
    let best = 0;
    let from: string | null = null;
    let relation = 'none';
    for (const o of profile.occupations) {
      const previous = this.model.names.get(o.id);
      if (!previous) continue;
      let value = 0;
      let why = 'none';
      if (name) {
        if (previous.id === name.id) [value, why] = [1, 'same'];
        else if (previous.substitutes.get(name.id) === 75) [value, why] = [0.75, 'substitute75'];
        else if (previous.group === name.group) [value, why] = [0.5, 'sameGroup'];
        else if (previous.substitutes.has(name.id)) [value, why] = [0.25, 'substitute25'];
      } else if (previous.group === group.id) [value, why] = [1, 'same'];
      else {
        for (const [sub, pct] of previous.substitutes)
          if (this.model.names.get(sub)?.group === group.id && pct / 100 > value)
            [value, why] = [pct / 100, pct === 75 ? 'substitute75' : 'substitute25'];
      }
      if (value > best) [best, from, relation] = [value, previous.id, why];
    }
    return {
      value: best,
      detail: {
        relation,
        from: from ? { id: from, label: this.model.label(from) } : null,
        years: from ? (profile.occupations.find((o) => o.id === from)?.years ?? null) : null,
      },
    };
  }

  /**
   * The person named this occupation (or its group) as a wish: 1; named another name of its group: 0.5;
   * otherwise 0.
   */
  interest(profile: Profile, group: GroupInfo, name: NameInfo | null): number {
    let best = 0;
    for (const i of profile.interests) {
      if (i === group.id || i === name?.id) return 1;
      const named = this.model.names.get(i);
      if (named?.group === group.id) best = name ? 0.5 : 1;
    }
    return best;
  }

  requiredEducation(group: GroupInfo, name: NameInfo | null): number {
    return name?.noEducationRequired ? 0 : (REQUIRED_EDUCATION[group.code[0] ?? '5'] ?? 3);
  }

  education(profile: Profile, group: GroupInfo, name: NameInfo | null) {
    const required = this.requiredEducation(group, name);
    const has = profile.educationLevel;
    // Unknown education is 0.5 for every occupation, also for those without a requirement (which
    // anyone meets): what is not known must not move the ranking, here towards occupations without
    // an education requirement for a person whose education simply has not been recorded yet.
    const value = has === null ? 0.5 : has >= required ? 1 : Math.max(0, 1 - (required - has) * 0.25);
    return {
      value,
      detail: {
        required,
        has,
        noEducationRequired: name?.noEducationRequired ?? false,
        // No published file links SUN fields to occupations: the field is shown, not scored.
        field: 'notCompared',
      },
    };
  }

  demand(profile: Profile, group: GroupInfo) {
    const list = this.model.forecasts.get(group.code) ?? [];
    const latest = list[list.length - 1];
    const region = profile.kommun ? this.model.regions.get(profile.kommun) : undefined;
    if (!latest) return { value: 0.5, detail: { forecast: null }, view: null };
    const view: MatchDemand = {
      area: 'Sverige',
      region:
        region && profile.kommun
          ? { kommun: region.kommun, name: region.regionName, number: region.region, source: region.source }
          : null,
      level: demandLevel(latest.value),
      value: latest.value,
      source: latest.source,
      year: latest.year,
      note: region ? 'regionalNotJoinable' : 'national',
    };
    return { value: (latest.value - 1) / 4, detail: { forecast: latest.value, year: latest.year }, view };
  }

  gates(
    profile: Profile,
    group: GroupInfo,
    extra?: { licences?: string[]; swedish?: CefrLevel | null },
  ): Gate[] {
    const gates: Gate[] = [];
    const licenceLabels = extra?.licences?.length ? extra.licences : REQUIRED_LICENCE[group.code];
    if (licenceLabels?.length) {
      const held = new Set<string>();
      for (const id of profile.licences) {
        const label = this.model.licences.get(id);
        if (!label) continue;
        held.add(label);
        for (const l of IMPLIES[label] ?? []) held.add(l);
      }
      if (!licenceLabels.some((l) => held.has(l)))
        gates.push({
          kind: 'driving-licence',
          requirement: licenceLabels.join(' / '),
          status: 'blocking',
          has: [...held].sort().join(', ') || null,
          lift: 'drivingLicence',
        });
    }
    const needed = extra?.swedish === undefined ? REQUIRED_SWEDISH[group.code[0] ?? '5'] : extra.swedish;
    if (needed) {
      if (profile.swedish === 'unknown')
        gates.push({
          kind: 'language',
          requirement: needed,
          status: 'unknown',
          has: null,
          lift: 'swedishAssess',
        });
      else if (profile.swedish === 'none' || profile.swedish < needed)
        gates.push({
          kind: 'language',
          requirement: needed,
          status: 'blocking',
          has: profile.swedish === 'none' ? null : profile.swedish,
          lift: profile.swedish === 'none' || profile.swedish < 'B1' ? 'sfi' : 'svenskaSomAndrasprak',
        });
    }
    return gates;
  }
}

/** What rankScore computes once per group and request. */
export type RankCache = Map<
  string,
  { demand: number; gateFactor: number; education: number; educationNoneRequired: number }
>;

/** A factor's contribution as `item` rounds it. */
const contribution = (factor: Factor, value: number) => round(round(value) * WEIGHTS[factor]);

function item(factor: Factor, value: number, detail: Record<string, unknown>): BreakdownItem {
  const v = round(value);
  return { factor, value: v, weight: WEIGHTS[factor], contribution: round(v * WEIGHTS[factor]), detail };
}

export function sortMatches<T extends { score: number; label: string; id: string }>(matches: T[]): T[] {
  return matches.sort(
    (a, b) => b.score - a.score || (a.label < b.label ? -1 : a.label > b.label ? 1 : a.id < b.id ? -1 : 1),
  );
}
