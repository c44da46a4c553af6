/**
 * The inventory in sections, as the interview and the person's own view walk it: which fields each
 * section holds, merging one section's answers into the whole, and which field paths a change touched
 * (recorded without values, so the case worker sees what the person changed).
 */
import type { Inventory, NoAnswerField } from './inventory.js';

export const SECTIONS = [
  'education',
  'work',
  'skills',
  'languages',
  'licences',
  'digital',
  'goals',
  'constraints',
  'freeText',
] as const;
export type Section = (typeof SECTIONS)[number];

export const isSection = (v: unknown): v is Section => (SECTIONS as readonly unknown[]).includes(v);

/** The inventory's fields of each section. */
export const SECTION_FIELDS: Record<Section, readonly (keyof Inventory)[]> = {
  education: ['education'],
  work: ['work'],
  skills: ['skills'],
  languages: ['languages', 'swedish'],
  licences: ['drivingLicences'],
  digital: ['digital'],
  goals: ['interests', 'goals'],
  constraints: ['constraints', 'constraintsNote', 'health'],
  freeText: ['freeText'],
};

/** The section a whole-answer "vet inte"/"vill inte svara" belongs to. */
export const NO_ANSWER_SECTION: Record<NoAnswerField, Section> = {
  education: 'education',
  work: 'work',
  skills: 'skills',
  languages: 'languages',
  drivingLicences: 'licences',
  interests: 'goals',
  goals: 'goals',
  constraints: 'constraints',
  health: 'constraints',
  freeText: 'freeText',
};

/** The whole inventory with `section` taken from `patch` (other sections as they were). */
export function mergeSection(current: Inventory, section: Section, patch: Partial<Inventory>): Inventory {
  const next: Record<string, unknown> = { ...current };
  for (const field of SECTION_FIELDS[section]) {
    if (patch[field] === undefined) delete next[field];
    else next[field] = patch[field];
  }
  const noAnswer = Object.fromEntries(
    Object.entries(current.noAnswer ?? {}).filter(([k]) => NO_ANSWER_SECTION[k as NoAnswerField] !== section),
  );
  for (const [k, v] of Object.entries(patch.noAnswer ?? {}))
    if (NO_ANSWER_SECTION[k as NoAnswerField] === section) noAnswer[k] = v;
  if (Object.keys(noAnswer).length > 0) next.noAnswer = noAnswer;
  else delete next.noAnswer;
  if (next.freeText === undefined) next.freeText = '';
  for (const list of ['education', 'work', 'skills', 'languages', 'drivingLicences'] as const)
    if (next[list] === undefined) next[list] = [];
  return next as unknown as Inventory;
}

function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) flatten(v, `${path}[${i}]`, out);
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flatten(v, `${path}.${k}`, out);
  else if (value !== undefined && value !== '') out.set(path, JSON.stringify(value));
}

/** The field paths of `section` that differ between the two inventories (values left out). */
export function changedFields(before: Inventory, after: Inventory, section: Section): string[] {
  const pick = (inv: Inventory) => {
    const out = new Map<string, string>();
    for (const field of SECTION_FIELDS[section]) flatten(inv[field], field, out);
    for (const [k, v] of Object.entries(inv.noAnswer ?? {}))
      if (NO_ANSWER_SECTION[k as NoAnswerField] === section) out.set(`noAnswer.${k}`, v);
    return out;
  };
  const a = pick(before);
  const b = pick(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
}
