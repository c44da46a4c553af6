/** The inventory's sections: merging one section's answers, and which field paths a change touched. */
import { describe, expect, it } from 'vitest';
import type { Inventory } from './inventory.js';
import { changedFields, isSection, mergeSection, SECTION_FIELDS, SECTIONS } from './inventory-sections.js';

const FULL: Inventory = {
  education: [{ level: 'L1', field: 'F1', country: 'C1', years: 3, school: 'Skolan', documentsSeen: true }],
  work: [{ occupation: 'O1', years: '2-4', country: 'C1', tasks: 'svetsning' }],
  skills: ['S1', 'S2'],
  languages: [{ language: 'ar', listening: 'C2', reading: 'C1', speaking: 'C2', writing: 'B2' }],
  drivingLicences: ['B'],
  freeText: 'fri text',
  swedish: 'sfi-b',
  digital: 'everyday',
  interests: 'trädgård',
  goals: 'undersköterska',
  constraints: ['childcare'],
  constraintsNote: 'hämtar kl 16',
  health: 'ryggen',
  noAnswer: { interests: 'declined', constraints: 'unknown', freeText: 'unknown' },
};

describe('the inventory sections', () => {
  it('knows its nine sections, and nothing else is one', () => {
    expect(SECTIONS.every(isSection)).toBe(true);
    for (const v of ['health', 'noAnswer', 'Work', '', null, undefined, 3]) expect(isSection(v)).toBe(false);
    // Every field of the inventory belongs to exactly one section.
    const fields = Object.values(SECTION_FIELDS).flat();
    expect(new Set(fields).size).toBe(fields.length);
    expect([...fields, 'noAnswer'].sort()).toEqual(Object.keys(FULL).sort());
  });

  it('takes the section from the patch, drops what the patch leaves out, and keeps every other section', () => {
    const merged = mergeSection(FULL, 'constraints', { constraints: ['transport', 'hours'] });
    const { constraintsNote: _c, health: _h, ...rest } = FULL;
    expect(merged).toStrictEqual({
      ...rest,
      constraints: ['transport', 'hours'],
      noAnswer: { interests: 'declined', freeText: 'unknown' },
    });
    // Both fields of the languages section.
    const languages = mergeSection(FULL, 'languages', { languages: [], swedish: 'sva-gy', work: [] });
    expect(languages).toStrictEqual({ ...FULL, languages: [], swedish: 'sva-gy' });
  });

  it("replaces the section's whole answers, and only those, from the patch", () => {
    // The goals section: the patch answers interests as a whole and leaves goals out.
    const merged = mergeSection(FULL, 'goals', {
      noAnswer: { interests: 'unknown', goals: 'declined', work: 'declined', freeText: 'declined' },
    });
    expect(merged.interests).toBeUndefined();
    expect(merged.goals).toBeUndefined();
    expect(merged.noAnswer).toStrictEqual({
      constraints: 'unknown',
      freeText: 'unknown',
      interests: 'unknown',
      goals: 'declined',
    });
    // The last whole answer gone: no noAnswer at all.
    const none = mergeSection({ ...FULL, noAnswer: { health: 'declined' } }, 'constraints', {
      constraints: [],
    });
    expect(Object.keys(none)).not.toContain('noAnswer');
    const alone = mergeSection({ ...FULL, noAnswer: undefined } as unknown as Inventory, 'work', {
      work: [],
      noAnswer: { work: 'unknown' },
    });
    expect(alone.noAnswer).toStrictEqual({ work: 'unknown' });
    expect(alone.work).toStrictEqual([]);
  });

  it('fills a list or the free text the patch leaves out with an empty one', () => {
    for (const section of ['education', 'work', 'skills', 'languages', 'licences'] as const) {
      const merged = mergeSection(FULL, section, {});
      const [field] = SECTION_FIELDS[section];
      expect(merged[field!]).toStrictEqual([]);
      // The other lists stay as they were.
      for (const other of ['education', 'work', 'skills', 'languages', 'drivingLicences'] as const)
        if (other !== field) expect(merged[other]).toStrictEqual(FULL[other]);
    }
    expect(mergeSection(FULL, 'freeText', {}).freeText).toBe('');
    expect(mergeSection(FULL, 'freeText', { freeText: 'ny' }).freeText).toBe('ny');
  });

  it('names the changed field paths of a section, nested, sorted, without values', () => {
    const after: Inventory = {
      ...FULL,
      education: [
        { ...FULL.education[0]!, years: 4 },
        { level: 'unknown', field: 'unknown', country: 'C2', years: 'unknown' },
      ],
      work: [{ occupation: 'O2', years: '2-4', country: 'C1' }],
    };
    expect(changedFields(FULL, after, 'education')).toEqual([
      'education[0].years',
      'education[1].country',
      'education[1].field',
      'education[1].level',
      'education[1].years',
    ]);
    expect(changedFields(FULL, after, 'work')).toEqual(['work[0].occupation', 'work[0].tasks']);
    // Other sections' changes are not this section's.
    expect(changedFields(FULL, after, 'skills')).toEqual([]);
    expect(changedFields(FULL, FULL, 'education')).toEqual([]);
    // A section of two fields; a value removed counts as a change.
    expect(
      changedFields(FULL, { ...FULL, swedish: undefined, languages: [] } as Inventory, 'languages'),
    ).toEqual([
      'languages[0].language',
      'languages[0].listening',
      'languages[0].reading',
      'languages[0].speaking',
      'languages[0].writing',
      'swedish',
    ]);
    // A value changes its type, not its text: 3 years is not "3".
    expect(
      changedFields(
        FULL,
        { ...FULL, education: [{ ...FULL.education[0]!, years: '3' as unknown as number }] },
        'education',
      ),
    ).toEqual(['education[0].years']);
  });

  it('puts each whole answer in its own section, and in no other', () => {
    const home = {
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
    } as const;
    const { noAnswer: _n, ...plain } = FULL;
    for (const [field, section] of Object.entries(home)) {
      const after = { ...plain, noAnswer: { [field]: 'unknown' } };
      for (const s of SECTIONS)
        expect(changedFields(plain, after, s), `${field} in ${s}`).toEqual(
          s === section ? [`noAnswer.${field}`] : [],
        );
      expect(mergeSection(plain, section, after).noAnswer).toStrictEqual({ [field]: 'unknown' });
    }
  });

  it("counts the section's whole answers, an empty text as no text, and a null as a value", () => {
    expect(
      changedFields(FULL, { ...FULL, noAnswer: { interests: 'unknown', health: 'declined' } }, 'goals'),
    ).toEqual(['noAnswer.interests']);
    expect(
      changedFields(FULL, { ...FULL, noAnswer: { interests: 'unknown', health: 'declined' } }, 'constraints'),
    ).toEqual(['noAnswer.constraints', 'noAnswer.health']);
    const { noAnswer: _n, ...withoutNoAnswer } = FULL;
    expect(changedFields(FULL, withoutNoAnswer, 'freeText')).toEqual(['noAnswer.freeText']);
    expect(changedFields(withoutNoAnswer, FULL, 'freeText')).toEqual(['noAnswer.freeText']);
    // '' and a missing text are the same answer.
    const { goals: _g, ...withoutGoals } = FULL;
    expect(changedFields({ ...FULL, goals: '' }, withoutGoals, 'goals')).toEqual([]);
    expect(changedFields({ ...FULL, goals: '' }, { ...FULL, goals: 'ny' }, 'goals')).toEqual(['goals']);
    // A null (an old record's) is a value of its own, nested too.
    expect(changedFields(FULL, { ...FULL, digital: null } as unknown as Inventory, 'digital')).toEqual([
      'digital',
    ]);
    expect(
      changedFields(
        { ...FULL, work: [{ ...FULL.work[0]!, tasks: null }] } as unknown as Inventory,
        { ...FULL, work: [{ ...FULL.work[0]!, tasks: undefined }] } as unknown as Inventory,
        'work',
      ),
    ).toEqual(['work[0].tasks']);
  });
});
