/**
 * Matching on the bundled taxonomy, on both databases: every explanation is true for 500 seeded random
 * people (matched skills in both the profile and the occupation's list, missing skills in the list and
 * not the profile, the skill factor = √(coverage × used) as shown, contributions = weight × value,
 * score = Σ contributions × 0.9^blocking gates, best first), the same input gives the same output (also
 * across the two databases), what a person does not give does not move the ranking, an empty inventory
 * is "nothing to match yet", and next steps close only what is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { EMPTY_INVENTORY, type Inventory } from '../people/inventory.js';
import { loadBundledTaxonomy } from '../taxonomy/taxonomy-loader.js';
import { type AdForMatching, AdIndex } from './ad-index.js';
import { MatchingService } from './matching.service.js';
import type { GroupInfo, MatchingModel, NameInfo } from './matching-model.js';
import { nextSteps } from './next-steps.js';
import { GATE_FACTOR, type Match, OccupationMatcher, WEIGHTS } from './occupation-matcher.js';
import { EMPTY_PROFILE, isEmptyProfile, type Profile, profileFromInventory } from './profile.js';
import { sample, seeded } from './seeded-random.js';

const CEFR = ['none', 'unknown', 'A1', 'A2', 'B1', 'B2', 'C1'] as const;

function randomPeople(model: MatchingModel, n: number, seed: number): Profile[] {
  const random = seeded(seed);
  const skills = [...model.idf.keys()].sort();
  const levels = [...model.educationLevel.keys()].sort();
  const licences = [...model.licences.keys()].sort();
  const people: Profile[] = [];
  for (let i = 0; i < n; i++) {
    const group = model.groupList[
      Math.floor(random() * model.groupList.length)
    ] as (typeof model.groupList)[number];
    const own = sample(group.skills, Math.floor(random() * group.skills.length), random);
    const name = model.nameList[
      Math.floor(random() * model.nameList.length)
    ] as (typeof model.nameList)[number];
    people.push({
      skills: [...new Set([...own, ...sample(skills, Math.floor(random() * 6), random)])].sort(),
      occupations: random() < 0.6 ? [{ id: name.id, years: '2-4' }] : [],
      educationLevel:
        random() < 0.7
          ? (model.educationLevel.get(levels[Math.floor(random() * levels.length)] as string) ?? null)
          : null,
      swedish: CEFR[Math.floor(random() * CEFR.length)] as Profile['swedish'],
      licences: random() < 0.4 ? sample(licences, 1 + Math.floor(random() * 2), random).sort() : [],
      interests: random() < 0.3 ? [group.id] : [],
      kommun: random() < 0.5 ? '2580' : null,
    });
  }
  return people;
}

function checkTrue(model: MatchingModel, person: Profile, matches: Match[]) {
  const have = new Set(person.skills);
  for (const m of matches) {
    const required = new Set(model.groups.get(m.group.id)?.skills);
    for (const s of m.matchedSkills) {
      expect(have.has(s.id)).toBe(true);
      expect(required.has(s.id)).toBe(true);
    }
    for (const s of m.missingSkills) {
      expect(have.has(s.id)).toBe(false);
      expect(required.has(s.id)).toBe(true);
    }
    expect(m.matchedSkills.length + m.missingCount).toBe(m.requiredCount);
    // The skill factor is √(coverage × used), the two shares the explanation shows (each rounded).
    const skills = m.breakdown.find((b) => b.factor === 'skills') as Match['breakdown'][number];
    const { coverage, used } = skills.detail as { coverage: number; used: number };
    if (m.matchedSkills.length === 0) expect(skills.value).toBe(0);
    else {
      // Rounding the value and the two shares to 4 decimals moves √(c × u) by at most this.
      const slack = 5e-5 + 2.5e-5 * (Math.sqrt(coverage / used) + Math.sqrt(used / coverage)) + 1e-9;
      expect(Math.abs(skills.value - Math.sqrt(coverage * used))).toBeLessThanOrEqual(slack);
    }
    let sum = 0;
    for (const b of m.breakdown) {
      expect(b.weight).toBe(WEIGHTS[b.factor]);
      expect(b.value).toBeGreaterThanOrEqual(0);
      expect(b.value).toBeLessThanOrEqual(1);
      expect(Math.abs(b.contribution - b.weight * b.value)).toBeLessThan(1e-4);
      sum += b.contribution;
    }
    const blocking = m.gates.filter((g) => g.status === 'blocking').length;
    expect(Math.abs(m.gateFactor - GATE_FACTOR ** blocking)).toBeLessThan(1e-4);
    expect(Math.abs(m.score - sum * m.gateFactor)).toBeLessThan(1e-3);
  }
  for (let i = 1; i < matches.length; i++)
    expect((matches[i - 1] as Match).score).toBeGreaterThanOrEqual((matches[i] as Match).score);
}

const answers: Record<string, string> = {};

for (const dialect of DIALECTS) {
  describe(`matching on the bundled taxonomy (${dialect})`, () => {
    let temp: TempStore;
    let service: MatchingService;
    let model: MatchingModel;
    let matcher: OccupationMatcher;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await loadBundledTaxonomy(temp.store);
      service = new MatchingService(temp.store);
      model = await service.matchingModel();
      matcher = new OccupationMatcher(model);
    }, 240_000);
    afterAll(async () => {
      await temp?.destroy();
    });

    it('holds the 400 SSYK-4 groups, 2,412 occupation names and an IDF for every related skill', () => {
      expect(model.groups.size).toBe(400);
      expect(model.names.size).toBe(2412);
      expect(model.idf.size).toBe(6640);
      const common = [...model.skillGroups].sort((a, b) => b[1].length - a[1].length)[0] as [
        string,
        string[],
      ];
      const rare = [...model.skillGroups].find(([, g]) => g.length === 1) as [string, string[]];
      expect(model.idf.get(common[0])).toBeLessThan(model.idf.get(rare[0]) as number);
    });

    it('explains every match truly for 500 random people (names and groups)', () => {
      const people = randomPeople(model, 500, 1919);
      for (const person of people) {
        checkTrue(model, person, matcher.matchNames(person, 10));
        checkTrue(model, person, matcher.matchGroups(person, 5));
      }
    }, 900_000);

    it('ranks by exactly the score it explains (the fast ranking score equals the full score)', () => {
      for (const person of randomPeople(model, 25, 4242)) {
        const skills = matcher.groupSkills(person);
        const cache = new Map();
        for (const n of model.nameList) {
          const group = model.groups.get(n.group) as GroupInfo;
          const full = matcher.score(person, group, n, skills.get(n.group));
          expect(matcher.rankScore(person, group, n, skills.get(n.group)?.skillValue ?? 0, cache)).toBe(
            full.score,
          );
        }
      }
    }, 300_000);

    it('ranks ads by exactly the score it explains', () => {
      const random = seeded(55);
      const ads: AdForMatching[] = Array.from({ length: 300 }, (_, i) => {
        const name = model.nameList[Math.floor(random() * model.nameList.length)] as NameInfo;
        const group = model.groups.get(name.group) as GroupInfo;
        return {
          id: `ad-${i}`,
          headline: `Annons ${i}`,
          occupationId: name.id,
          skills: {
            must: [],
            nice: [],
            extracted: sample(group.skills, Math.floor(random() * 6), random).map((id) => ({
              id,
              words: [],
            })),
            licences: [],
            languages: [],
          },
        };
      });
      const index = new AdIndex(matcher, ads);
      for (const person of randomPeople(model, 20, 31)) {
        // Every ad explained in full, in the order the score-only ranking gave: best first.
        const all = index.match(person, ads.length);
        expect(all).toHaveLength(ads.length);
        for (let i = 1; i < all.length; i++)
          expect((all[i - 1] as Match).score).toBeGreaterThanOrEqual((all[i] as Match).score);
      }
    });

    it('gives the same output for the same input, on this database as on the other', () => {
      const people = randomPeople(model, 40, 7);
      const first = JSON.stringify(people.map((p) => matcher.matchNames(p, 10)));
      const again = JSON.stringify(people.map((p) => new OccupationMatcher(model).matchNames(p, 10)));
      expect(again).toBe(first);
      answers[dialect] = first;
      const other = Object.entries(answers).find(([d]) => d !== dialect);
      if (other) expect(first).toBe(other[1]);
    }, 300_000);

    it('lets no factor the person gives nothing for move the ranking (education unknown: 0.5 everywhere)', () => {
      // A group some of whose names are "yrken utan krav på utbildning" and some not.
      const group = model.groups.get(
        (model.nameList.find((n) => n.noEducationRequired) as { group: string }).group,
      ) as GroupInfo;
      const person: Profile = { ...EMPTY_PROFILE, skills: group.skills.slice(0, 4), swedish: 'unknown' };
      const names = matcher.matchNames(person, 60);
      const none = names.filter((m) => model.names.get(m.id)?.noEducationRequired);
      expect(none.length).toBeGreaterThan(0);
      expect(none.length).toBeLessThan(names.length);
      for (const m of names) {
        const by = (f: string) => m.breakdown.find((b) => b.factor === f)?.value;
        expect(by('education')).toBe(0.5);
        expect(by('experience')).toBe(0);
        expect(by('interests')).toBe(0);
        expect(m.gates.every((g) => g.kind !== 'language' || g.status === 'unknown')).toBe(true);
      }
      // The order is then skills and demand alone (and licence gates, which the person has none of).
      const key = (m: Match) =>
        m.breakdown
          .filter((b) => b.factor === 'skills' || b.factor === 'demand')
          .reduce((s, b) => s + b.contribution, 0) * m.gateFactor;
      for (let i = 1; i < names.length; i++)
        expect(key(names[i - 1] as Match)).toBeGreaterThanOrEqual(key(names[i] as Match) - 1e-4);
    });

    it('says "nothing to match yet" for an empty inventory', () => {
      const profile = profileFromInventory(EMPTY_INVENTORY, model);
      expect(isEmptyProfile(profile)).toBe(true);
      expect(isEmptyProfile({ ...EMPTY_PROFILE, educationLevel: 3 })).toBe(true);
    });

    it('reads the inventory: the lowest Swedish level given, the highest education, known occupations only', () => {
      const swedish = model.swedish as string;
      const inventory: Inventory = {
        ...EMPTY_INVENTORY,
        languages: [
          { language: swedish, listening: 'B1', reading: 'A2', speaking: 'unknown', writing: 'B2' },
        ],
        work: [
          { occupation: 'unknown', years: 'unknown', country: 'unknown' },
          { occupation: (model.nameList[0] as { id: string }).id, years: '5+', country: 'unknown' },
        ],
      };
      const p = profileFromInventory(inventory, model);
      expect(p.swedish).toBe('A2');
      expect(p.occupations).toEqual([{ id: (model.nameList[0] as { id: string }).id, years: '5+' }]);
    });

    it("ranks a lorry driver's 75 % substitutes high and gates the lorry licence with how to lift it", () => {
      // The lorry drivers' name with most 75 % substitutes (SSYK 8332 needs a C licence).
      const lorry = model.groupList.find((g) => g.code === '8332') as { id: string };
      const driver = model.nameList
        .filter((n) => n.group === lorry.id)
        .sort(
          (a, b) =>
            [...b.substitutes.values()].filter((p) => p === 75).length -
            [...a.substitutes.values()].filter((p) => p === 75).length,
        )[0] as (typeof model.nameList)[number];
      const profile: Profile = {
        ...EMPTY_PROFILE,
        occupations: [{ id: driver.id, years: '5+' }],
        swedish: 'B1',
      };
      const top = matcher.matchNames(profile, 10);
      expect(top[0]?.id).toBe(driver.id);
      const subs = [...driver.substitutes].filter(([, p]) => p === 75).map(([id]) => id);
      expect(subs.length).toBeGreaterThan(0);
      for (const id of subs) expect(top.map((m) => m.id)).toContain(id);
      const gate = top[0]?.gates.find((g) => g.kind === 'driving-licence');
      expect(gate).toMatchObject({ status: 'blocking', lift: 'drivingLicence' });
      const licensed = matcher.matchOne(
        { ...profile, licences: [[...model.licences].find(([, l]) => l === 'CE')?.[0] as string] },
        driver.id,
      );
      expect(licensed?.gates.filter((g) => g.kind === 'driving-licence')).toEqual([]);
    });

    it('gives next steps each tied to what it closes, closing only missing skills', () => {
      const nurse =
        model.nameList.find((n) => n.label === 'Undersköterska, hemtjänst, äldreboende och habilitering') ??
        (model.nameList[50] as (typeof model.nameList)[number]);
      const group = model.groups.get(nurse.group) as { skills: string[] };
      const profile: Profile = {
        ...EMPTY_PROFILE,
        skills: group.skills.slice(0, 3),
        occupations: [{ id: nurse.id, years: '2-4' }],
        swedish: 'A2',
      };
      const match = matcher.matchOne(profile, nurse.id) as Match;
      const steps = nextSteps(matcher, profile, match);
      const kinds = steps.map((s) => s.kind);
      expect(kinds).toContain('swedish');
      expect(kinds).toContain('validering');
      for (const step of steps)
        for (const s of step.closes.skills) {
          expect(profile.skills).not.toContain(s.id);
          expect(group.skills).toContain(s.id);
        }
      expect(steps.find((s) => s.kind === 'swedish')?.closes.gates).toEqual(['language']);
    });
  });
}
