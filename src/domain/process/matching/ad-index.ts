/**
 * Imported ads held in memory for matching, and matching a person against all of them with the same
 * explainable breakdown as occupations: the ad's skills are its structured must/nice-to-have skills and
 * the skills found in its text; an ad with none is judged by its occupation's SSYK group skills.
 * Driving licences and languages the ad demands are its gates; demand is its occupation's forecast.
 */
import type { CefrLevel } from '../people/inventory.js';
import type { GroupInfo, MatchingModel } from './matching-model.js';
import {
  type Match,
  type OccupationMatcher,
  type RankCache,
  skillContext,
  sortMatches,
} from './occupation-matcher.js';
import type { Profile } from './profile.js';

export interface StoredAdSkills {
  must: string[];
  nice: string[];
  extracted: { id: string; words: string[] }[];
  licences: string[];
  languages: string[];
}

export interface AdForMatching {
  id: string;
  headline: string;
  occupationId: string;
  skills: StoredAdSkills;
}

interface Prepared {
  ad: AdForMatching;
  group: GroupInfo;
  skills: string[];
  licences: string[];
  swedish: CefrLevel | null | undefined;
  /** Σ weight of `skills`, and the key of what depends on the group and the ad's gates only. */
  weightSum: number;
  gateKey: string;
}

export class AdIndex {
  private readonly prepared: Prepared[];

  constructor(
    private readonly matcher: OccupationMatcher,
    ads: readonly AdForMatching[],
  ) {
    const model: MatchingModel = matcher.model;
    this.prepared = ads.flatMap((ad) => {
      const name = model.names.get(ad.occupationId);
      const group = model.groups.get(name?.group ?? ad.occupationId);
      if (!group) return [];
      const own = [
        ...new Set([...ad.skills.must, ...ad.skills.nice, ...ad.skills.extracted.map((e) => e.id)]),
      ].sort();
      const skills = own.length > 0 ? own : group.skills;
      const licences = ad.skills.licences.map((l) => model.licences.get(l) ?? l);
      // Swedish as a must-have: B1 is what ads asking for "svenska" usually mean; otherwise the group's.
      const swedish: CefrLevel | undefined =
        model.swedish && ad.skills.languages.includes(model.swedish) ? 'B1' : undefined;
      return [
        {
          ad,
          group,
          skills,
          licences,
          swedish,
          weightSum: matcher.weightSum(skills),
          gateKey: `${group.id}|${licences.join(',')}|${swedish ?? ''}`,
        },
      ];
    });
  }

  get size(): number {
    return this.prepared.length;
  }

  match(profile: Profile, limit: number): Match[] {
    const matcher = this.matcher;
    const have = new Set(profile.skills);
    const scored: { score: number; label: string; id: string; p: Prepared }[] = [];
    const target = (p: Prepared) => ({
      id: p.ad.id,
      label: p.ad.headline,
      skills: p.skills,
      licences: p.licences,
      swedish: p.swedish,
    });
    const full = (p: Prepared, detail: boolean) =>
      matcher.score(
        profile,
        p.group,
        matcher.model.names.get(p.ad.occupationId) ?? null,
        p.skills.some((s) => have.has(s)) ? matcher.contextFor(profile, p.skills) : undefined,
        target(p),
        detail,
      );
    // The ranking by score alone (rankScore: exactly the full score, without its explanation).
    const personSum = matcher.weightSum(profile.skills);
    const cache: RankCache = new Map();
    for (const p of this.prepared) {
      let matchedSum = 0;
      for (const s of p.skills) if (have.has(s)) matchedSum += matcher.weight(s);
      const skillValue = matchedSum > 0 ? skillContext(matchedSum, personSum, p.weightSum, []).skillValue : 0;
      const score = matcher.rankScore(
        profile,
        p.group,
        matcher.model.names.get(p.ad.occupationId) ?? null,
        skillValue,
        cache,
        { licences: p.licences, ...(p.swedish !== undefined ? { swedish: p.swedish } : {}) },
        p.gateKey,
      );
      scored.push({ score, label: p.ad.headline, id: p.ad.id, p });
    }
    return sortMatches(scored)
      .slice(0, limit)
      .map((s) => full(s.p, true));
  }
}
