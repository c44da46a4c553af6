/**
 * One section's HTML form (interview and own view) read into a patch of the inventory. Rows are
 * `education.0.level` …; a row with the remove box ticked or with nothing answered is left out;
 * "unknown"/"declined" pass through as answers. Whatever the form holds, the domain's parser then
 * checks the whole inventory (a bad value is refused with the field named).
 */
import {
  type Inventory,
  NO_ANSWER,
  NO_ANSWER_FIELDS,
  type NoAnswer,
  type NoAnswerField,
} from '../../../domain/process/people/inventory.js';
import type { Section } from '../../../domain/process/people/inventory-sections.js';

export type Form = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x) => x !== '');
const answer = (v: string | undefined) => (v === undefined || v === '' ? 'unknown' : v);

/** The row indexes a form holds for a list (`work.0.…`, `work.1.…`). */
function rows(form: Form, list: string): number[] {
  const out = new Set<number>();
  for (const key of Object.keys(form)) {
    const m = new RegExp(`^${list}\\.(\\d{1,3})\\.`).exec(key);
    if (m) out.add(Number(m[1]));
  }
  return [...out].sort((a, b) => a - b);
}

function rowOf(form: Form, list: string, i: number, fields: readonly string[]) {
  const row: Record<string, string | undefined> = {};
  for (const f of fields) row[f] = one(form[`${list}.${i}.${f}`])?.trim();
  const removed = one(form[`${list}.${i}.remove`]) === '1';
  const empty = fields.every((f) => row[f] === undefined || row[f] === '');
  return removed || empty ? null : row;
}

export function sectionPatch(section: Section, form: Form): Partial<Inventory> {
  const noAnswer: Partial<Record<NoAnswerField, NoAnswer>> = {};
  for (const field of NO_ANSWER_FIELDS) {
    const v = one(form[`noAnswer.${field}`]);
    if ((NO_ANSWER as readonly string[]).includes(v ?? '')) noAnswer[field] = v as NoAnswer;
  }
  const base = Object.keys(noAnswer).length > 0 ? { noAnswer } : {};
  switch (section) {
    case 'education':
      return {
        ...base,
        education: rows(form, 'education')
          .map((i) =>
            rowOf(form, 'education', i, ['level', 'field', 'country', 'years', 'school', 'documentsSeen']),
          )
          .filter((r) => r !== null)
          .map((r) => ({
            level: answer(r.level),
            field: answer(r.field),
            country: answer(r.country),
            years: (r.years === undefined || r.years === ''
              ? 'unknown'
              : /^\d{1,2}$/.test(r.years)
                ? Number(r.years)
                : r.years) as number,
            ...(r.school ? { school: r.school } : {}),
            documentsSeen: (r.documentsSeen === 'yes'
              ? true
              : r.documentsSeen === 'no'
                ? false
                : answer(r.documentsSeen)) as boolean,
          })),
      };
    case 'work': {
      const work = rows(form, 'work')
        .map((i) => rowOf(form, 'work', i, ['occupation', 'years', 'country', 'tasks']))
        .filter((r) => r !== null)
        .map((r) => ({
          occupation: answer(r.occupation),
          years: answer(r.years) as Inventory['work'][number]['years'],
          country: answer(r.country),
          ...(r.tasks ? { tasks: r.tasks } : {}),
        }));
      for (const occupation of many(form.add_occupation))
        if (!work.some((w) => w.occupation === occupation))
          work.push({ occupation, years: 'unknown', country: 'unknown' });
      return { ...base, work };
    }
    case 'skills':
      return { ...base, skills: [...new Set([...many(form.skills), ...many(form.add_skill)])] };
    case 'languages':
      return {
        ...base,
        languages: rows(form, 'languages')
          .map((i) =>
            rowOf(form, 'languages', i, ['language', 'listening', 'reading', 'speaking', 'writing']),
          )
          .filter((r) => r?.language)
          .map((r) => ({
            language: r?.language as string,
            listening: answer(r?.listening) as 'A1',
            reading: answer(r?.reading) as 'A1',
            speaking: answer(r?.speaking) as 'A1',
            writing: answer(r?.writing) as 'A1',
          })),
        ...(one(form.swedish) ? { swedish: one(form.swedish) as 'none' } : {}),
      };
    case 'licences':
      return { ...base, drivingLicences: [...new Set(many(form.drivingLicences))] };
    case 'digital':
      return { ...base, ...(one(form.digital) ? { digital: one(form.digital) as 'none' } : {}) };
    case 'goals':
      return {
        ...base,
        ...(one(form.interests)?.trim() ? { interests: one(form.interests) } : {}),
        ...(one(form.goals)?.trim() ? { goals: one(form.goals) } : {}),
      };
    case 'constraints':
      return {
        ...base,
        constraints: many(form.constraints) as Inventory['constraints'],
        ...(one(form.constraintsNote)?.trim() ? { constraintsNote: one(form.constraintsNote) } : {}),
        ...(one(form.health)?.trim() ? { health: one(form.health) } : {}),
      };
    case 'freeText':
      return { ...base, freeText: one(form.freeText) ?? '' };
  }
}
