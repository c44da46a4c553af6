/**
 * A person's inventory as matching reads it: skill ids, previous occupations, highest education level,
 * Swedish level, driving licences, interests and kommun. Answers "vet inte"/"vill inte svara" are
 * simply not known: they neither help nor hurt a match.
 */
import { CEFR_LEVELS, type CefrLevel, type Inventory } from '../people/inventory.js';
import type { MatchingModel } from './matching-model.js';

export interface Profile {
  skills: string[];
  occupations: { id: string; years: string | null }[];
  /** SUN level-1 code (0–6) of the highest education named, null when none is known. */
  educationLevel: number | null;
  /** The lowest CEFR level the person gave for Swedish; 'none' when Swedish is not listed. */
  swedish: CefrLevel | 'none' | 'unknown';
  licences: string[];
  /** Occupation-name or SSYK-4 ids the person said they want to work with. */
  interests: string[];
  kommun: string | null;
}

export const EMPTY_PROFILE: Profile = {
  skills: [],
  occupations: [],
  educationLevel: null,
  swedish: 'none',
  licences: [],
  interests: [],
  kommun: null,
};

const known = (v: unknown): v is string => typeof v === 'string' && v !== 'unknown' && v !== 'declined';

/**
 * Interests and goals are free text in the person's words: the occupations they name are found by
 * `named` (occupation names and SSYK groups, stemmed, compounds split; see skill-extractor.ts). A list
 * of concept ids is read as it is. The kommun is the person's organisation when that is a kommun.
 */
export function profileFromInventory(
  inventory: Inventory,
  model: MatchingModel,
  named: (text: string) => string[] = () => [],
  kommun: string | null = null,
): Profile {
  const extra = inventory as Inventory & { interests?: unknown; goals?: unknown; kommun?: unknown };
  let educationLevel: number | null = null;
  for (const e of inventory.education) {
    const level = known(e.level) ? model.educationLevel.get(e.level) : undefined;
    if (level !== undefined && (educationLevel === null || level > educationLevel)) educationLevel = level;
  }
  let swedish: Profile['swedish'] = 'none';
  const sv = inventory.languages.find((l) => l.language === model.swedish);
  if (sv) {
    const levels = [sv.listening, sv.reading, sv.speaking, sv.writing].filter((l): l is CefrLevel =>
      (CEFR_LEVELS as readonly string[]).includes(l),
    );
    swedish = levels.length === 0 ? 'unknown' : (levels.sort()[0] as CefrLevel);
  }
  const ids = (v: unknown): string[] =>
    typeof v === 'string'
      ? named(v)
      : Array.isArray(v)
        ? v.flatMap((x) =>
            typeof x === 'string'
              ? [x]
              : x && typeof x === 'object' && 'id' in x
                ? [String((x as { id: unknown }).id)]
                : [],
          )
        : [];
  return {
    skills: [...new Set(inventory.skills)].sort(),
    occupations: inventory.work
      .filter((w) => known(w.occupation))
      .map((w) => ({ id: w.occupation, years: known(w.years) ? w.years : null })),
    educationLevel,
    swedish,
    licences: [...new Set(inventory.drivingLicences)].sort(),
    interests: [...new Set([...ids(extra.interests), ...ids(extra.goals)])].sort(),
    kommun:
      typeof extra.kommun === 'string' ? extra.kommun : kommun && model.regions.has(kommun) ? kommun : null,
  };
}

/** Nothing a match could rest on: no skills, no previous occupation, no interest. */
export function isEmptyProfile(p: Profile): boolean {
  return p.skills.length === 0 && p.occupations.length === 0 && p.interests.length === 0;
}
