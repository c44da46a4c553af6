/** The inventory's parser: minimisation (no special-category field, no extra field) and its answers. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../errors/input-error.js';
import { InventorySchema } from '../../../http/api/process/inventory-schema.js';
import { CONCEPT_TYPES, checkConcepts, EMPTY_INVENTORY, parseInventory } from './inventory.js';

const SPECIAL_CATEGORIES =
  /ethnic|race|relig|belief|health|medical|diagnos|politic|union|sexual|biometric|genetic/i;

/** Every property name of a JSON schema, nested. */
function propertyNames(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[] };
  return [
    ...Object.entries(s.properties ?? {}).flatMap(([name, sub]) => [name, ...propertyNames(sub)]),
    ...propertyNames(s.items),
    ...(s.anyOf ?? []).flatMap(propertyNames),
  ];
}

describe('the inventory', () => {
  it('asks for no special category of personal data (art. 9) and warns against it in the free text', () => {
    const names = propertyNames(InventorySchema);
    expect(names.length).toBeGreaterThan(15);
    expect(names.filter((n) => SPECIAL_CATEGORIES.test(n))).toEqual([]);
    expect(JSON.stringify(InventorySchema.properties.freeText)).toMatch(/Do not record health, religion/);
  });

  it('refuses a field it does not know, at any depth', () => {
    for (const [body, parameter] of [
      [{ ethnicity: 'x' }, 'ethnicity'],
      [{ work: [{ occupation: 'unknown', diagnosis: 'x' }] }, 'work[0].diagnosis'],
    ] as const) {
      const error = (() => {
        try {
          parseInventory(body);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ reason: 'unknownField', parameter });
    }
  });

  it('takes "unknown" (vet inte) and "declined" (vill inte svara) for every answer and fills left-out answers as unknown', () => {
    const { inventory, concepts } = parseInventory({
      education: [
        {
          level: 'declined',
          field: 'unknown',
          country: 'declined',
          years: 'declined',
          documentsSeen: 'declined',
        },
      ],
      work: [{}],
      languages: [{ language: 'Abc_Def_Ghi', listening: 'declined' }],
    });
    expect(inventory.education[0]).toEqual({
      level: 'declined',
      field: 'unknown',
      country: 'declined',
      years: 'declined',
      documentsSeen: 'declined',
    });
    expect(inventory.work[0]).toEqual({ occupation: 'unknown', years: 'unknown', country: 'unknown' });
    expect(inventory.languages[0]).toEqual({
      language: 'Abc_Def_Ghi',
      listening: 'declined',
      reading: 'unknown',
      speaking: 'unknown',
      writing: 'unknown',
    });
    // Only real ids go to the taxonomy check.
    expect(concepts.map((c) => c.id)).toEqual(['Abc_Def_Ghi']);
    expect(parseInventory({}).inventory).toEqual(EMPTY_INVENTORY);
  });
});

/** The error parseInventory throws for `body`, as the API reports it. */
function refusal(body: unknown) {
  try {
    parseInventory(body);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const { reason, status, parameter, values } = error as InputError;
    return { reason, status, parameter, values };
  }
  throw new Error(`accepted ${JSON.stringify(body).slice(0, 80)}`);
}

const ANSWERS = 'unknown, declined';

describe('reading an inventory', () => {
  it('reads a whole document: every field, the concept ids with their paths and types', () => {
    const { inventory, concepts } = parseInventory({
      education: [
        { level: 'L_1', field: 'F-2', country: 'C3', years: 30, school: 'Kabul', documentsSeen: false },
        { years: 0, documentsSeen: true },
      ],
      work: [{ occupation: 'O1', years: '5+', country: 'declined', tasks: 'bygg' }],
      skills: ['S1', 'unknown'],
      languages: [{ language: 'declined', listening: 'A1', reading: 'B2', speaking: 'C1', writing: 'C2' }],
      drivingLicences: ['B', 'unknown'],
      freeText: 'fri',
      swedish: 'sfi-c',
      digital: 'basic',
      interests: 'odling',
      goals: '',
      constraints: ['hours', 'childcare', 'hours'],
      constraintsNote: 'kväll',
      health: 'rygg',
      noAnswer: { goals: 'declined', freeText: 'unknown' },
    });
    expect(inventory).toStrictEqual({
      education: [
        { level: 'L_1', field: 'F-2', country: 'C3', years: 30, school: 'Kabul', documentsSeen: false },
        { level: 'unknown', field: 'unknown', country: 'unknown', years: 0, documentsSeen: true },
      ],
      work: [{ occupation: 'O1', years: '5+', country: 'declined', tasks: 'bygg' }],
      skills: ['S1', 'unknown'],
      languages: [{ language: 'declined', listening: 'A1', reading: 'B2', speaking: 'C1', writing: 'C2' }],
      drivingLicences: ['B', 'unknown'],
      freeText: 'fri',
      swedish: 'sfi-c',
      digital: 'basic',
      interests: 'odling',
      constraints: ['hours', 'childcare'],
      constraintsNote: 'kväll',
      health: 'rygg',
      noAnswer: { goals: 'declined', freeText: 'unknown' },
    });
    // A skill or a language has no "vet inte": 'unknown' there is an id, which the taxonomy check refuses.
    expect(concepts).toStrictEqual([
      { path: 'education[0].level', id: 'L_1', types: CONCEPT_TYPES.educationLevel },
      { path: 'education[0].field', id: 'F-2', types: CONCEPT_TYPES.educationField },
      { path: 'education[0].country', id: 'C3', types: ['country'] },
      { path: 'work[0].occupation', id: 'O1', types: ['occupation-name'] },
      { path: 'skills[0]', id: 'S1', types: ['skill'] },
      { path: 'skills[1]', id: 'unknown', types: ['skill'] },
      { path: 'languages[0].language', id: 'declined', types: ['language'] },
      { path: 'drivingLicences[0]', id: 'B', types: ['driving-licence'] },
      { path: 'drivingLicences[1]', id: 'unknown', types: ['driving-licence'] },
    ]);
    // Empty texts and an empty noAnswer leave no key; the lists and the free text are always there.
    const bare = parseInventory({ interests: '', constraintsNote: '', health: '', noAnswer: {} }).inventory;
    expect(bare).toStrictEqual({
      education: [],
      work: [],
      skills: [],
      languages: [],
      drivingLicences: [],
      freeText: '',
    });
    expect(EMPTY_INVENTORY).toStrictEqual(bare);
    expect(parseInventory({ constraints: [], swedish: 'none' }).inventory).toMatchObject({
      constraints: [],
      swedish: 'none',
    });
  });

  it('refuses a body or an item that is no object, and a list that is no list or too long', () => {
    for (const body of [null, [], 'x', 3, undefined])
      expect(refusal(body)).toStrictEqual({
        reason: 'invalidInventory',
        status: 400,
        parameter: 'body',
        values: { expected: 'an object' },
      });
    for (const [list, item] of [
      ['education', 'x'],
      ['work', null],
      ['languages', []],
    ] as const)
      expect(refusal({ [list]: [item] })).toMatchObject({
        reason: 'invalidInventory',
        parameter: `${list}[0]`,
        values: { expected: 'an object' },
      });
    expect(refusal({ noAnswer: 'unknown' })).toMatchObject({
      reason: 'invalidInventory',
      parameter: 'noAnswer',
      values: { expected: 'an object' },
    });
    for (const list of ['education', 'work', 'skills', 'languages', 'drivingLicences', 'constraints'])
      expect(refusal({ [list]: { 0: 'a' } })).toStrictEqual({
        reason: 'invalidInventory',
        status: 400,
        parameter: list,
        values: { expected: 'a list' },
      });
    expect(parseInventory({ work: Array.from({ length: 100 }, () => ({})) }).inventory.work).toHaveLength(
      100,
    );
    expect(refusal({ work: Array.from({ length: 101 }, () => ({})) })).toStrictEqual({
      reason: 'tooManyItems',
      status: 400,
      parameter: 'work',
      values: { max: 100 },
    });
  });

  it('names the fields allowed where it refuses an unknown one', () => {
    expect(refusal({ freeText: '', ethnicity: 'x' })).toStrictEqual({
      reason: 'unknownField',
      status: 400,
      parameter: 'ethnicity',
      values: {
        allowed:
          'education, work, skills, languages, drivingLicences, freeText, swedish, digital, interests, goals, constraints, constraintsNote, health, noAnswer',
      },
    });
    expect(refusal({ education: [{ religion: 1 }] }).values).toStrictEqual({
      allowed: 'level, field, country, years, school, documentsSeen',
    });
    expect(refusal({ work: [{ salary: 1 }] })).toMatchObject({
      parameter: 'work[0].salary',
      values: { allowed: 'occupation, years, country, tasks' },
    });
    expect(refusal({ languages: [{ language: 'A', native: true }] })).toMatchObject({
      parameter: 'languages[0].native',
      values: { allowed: 'language, listening, reading, speaking, writing' },
    });
    expect(refusal({ noAnswer: { swedish: 'unknown' } })).toMatchObject({
      reason: 'unknownField',
      parameter: 'noAnswer.swedish',
      values: {
        allowed:
          'education, work, skills, languages, drivingLicences, interests, goals, constraints, health, freeText',
      },
    });
    expect(refusal({ noAnswer: { work: 'maybe' } })).toStrictEqual({
      reason: 'invalidChoice',
      status: 400,
      parameter: 'noAnswer.work',
      values: { value: 'maybe', allowed: ANSWERS },
    });
  });

  it('refuses a text that is no text or too long, each at its path', () => {
    for (const key of ['interests', 'goals', 'constraintsNote', 'health']) {
      expect(parseInventory({ [key]: 'x'.repeat(2000) }).inventory).toHaveProperty(key, 'x'.repeat(2000));
      expect(refusal({ [key]: 'x'.repeat(2001) })).toStrictEqual({
        reason: 'tooLong',
        status: 400,
        parameter: key,
        values: { max: 2000 },
      });
      expect(refusal({ [key]: 5 })).toStrictEqual({
        reason: 'invalidInventory',
        status: 400,
        parameter: key,
        values: { expected: 'a text' },
      });
    }
    expect(parseInventory({ freeText: 'x'.repeat(20_000) }).inventory.freeText).toHaveLength(20_000);
    expect(refusal({ freeText: 'x'.repeat(20_001) })).toMatchObject({
      parameter: 'freeText',
      values: { max: 20_000 },
    });
    expect(refusal({ freeText: null })).toMatchObject({ reason: 'invalidInventory', parameter: 'freeText' });
    expect(refusal({ education: [{ school: 'x'.repeat(2001) }] })).toMatchObject({
      reason: 'tooLong',
      parameter: 'education[0].school',
    });
    expect(refusal({ work: [{}, { tasks: 7 }] })).toMatchObject({
      reason: 'invalidInventory',
      parameter: 'work[1].tasks',
    });
  });

  it('refuses a concept id of the wrong form, at its path, showing at most 60 characters', () => {
    const id40 = 'A'.repeat(40);
    expect(parseInventory({ skills: [id40, 'a-b_C9'] }).concepts.map((c) => c.id)).toEqual([id40, 'a-b_C9']);
    for (const [body, parameter, value] of [
      [{ skills: ['ok', 'A'.repeat(41)] }, 'skills[1]', 'A'.repeat(41)],
      [{ skills: ['ok!'] }, 'skills[0]', 'ok!'],
      [{ skills: ['!ok'] }, 'skills[0]', '!ok'],
      [{ skills: [''] }, 'skills[0]', ''],
      [{ skills: [5] }, 'skills[0]', '5'],
      [{ drivingLicences: ['B', 'a b'] }, 'drivingLicences[1]', 'a b'],
      [{ languages: [{}] }, 'languages[0].language', 'undefined'],
      [{ education: [{ level: 'x.y' }] }, 'education[0].level', 'x.y'],
      [{ education: [{ field: 'x.y' }] }, 'education[0].field', 'x.y'],
      [{ education: [{ country: 'x.y' }] }, 'education[0].country', 'x.y'],
      [{ work: [{ occupation: 'x.y' }] }, 'work[0].occupation', 'x.y'],
      [{ work: [{ country: 'x.y' }] }, 'work[0].country', 'x.y'],
      [{ skills: ['é'.repeat(70)] }, 'skills[0]', 'é'.repeat(60)],
    ] as const)
      expect(refusal(body)).toStrictEqual({
        reason: 'invalidConceptId',
        status: 400,
        parameter,
        values: { value },
      });
  });

  it('refuses an answer outside its choices, naming them', () => {
    const cases = [
      [{ education: [{ years: 31 }] }, 'education[0].years', '31', `0–30, ${ANSWERS}`],
      [{ education: [{ years: -1 }] }, 'education[0].years', '-1', `0–30, ${ANSWERS}`],
      [{ education: [{ years: 2.5 }] }, 'education[0].years', '2.5', `0–30, ${ANSWERS}`],
      [{ education: [{ years: '3' }] }, 'education[0].years', '3', `0–30, ${ANSWERS}`],
      [
        { education: [{ documentsSeen: 'yes' }] },
        'education[0].documentsSeen',
        'yes',
        `true, false, ${ANSWERS}`,
      ],
      [{ work: [{ years: '3' }] }, 'work[0].years', '3', `0, <1, 1-2, 2-4, 5+, ${ANSWERS}`],
      [
        { languages: [{ language: 'A', reading: 'D1' }] },
        'languages[0].reading',
        'D1',
        `A1, A2, B1, B2, C1, C2, ${ANSWERS}`,
      ],
      [
        { swedish: 'sfi-e' },
        'swedish',
        'sfi-e',
        `none, sfi-a, sfi-b, sfi-c, sfi-d, sva-grund, sva-gy, ${ANSWERS}`,
      ],
      [{ digital: 'expert' }, 'digital', 'expert', `none, basic, everyday, advanced, ${ANSWERS}`],
      [
        { constraints: ['hours', 'health'] },
        'constraints[1]',
        'health',
        'childcare, transport, hours, care-of-relative, other',
      ],
    ] as const;
    for (const [body, parameter, value, allowed] of cases)
      expect(refusal(body)).toStrictEqual({
        reason: 'invalidChoice',
        status: 400,
        parameter,
        values: { value, allowed },
      });
    // A long value is shown cut at 60 characters, in every choice.
    const long = 'z'.repeat(70);
    for (const body of [
      { digital: long },
      { noAnswer: { work: long } },
      { education: [{ years: long }] },
      { education: [{ documentsSeen: long }] },
      { constraints: [long] },
    ])
      expect(refusal(body).values.value).toBe('z'.repeat(60));
    // Every CEFR answer is read at its own key.
    for (const key of ['listening', 'reading', 'speaking', 'writing'])
      expect(refusal({ languages: [{ language: 'A', [key]: 'X' }] }).parameter).toBe(`languages[0].${key}`);
    // 'unknown' is an answer of a choice, never a constraint.
    expect(refusal({ constraints: ['unknown'] }).parameter).toBe('constraints[0]');
    expect(
      parseInventory({ work: [{ years: 'declined' }], languages: [{ language: 'A', writing: 'unknown' }] })
        .inventory,
    ).toMatchObject({ work: [{ years: 'declined' }], languages: [{ writing: 'unknown' }] });
  });
});

describe('checking concept ids against the taxonomy', () => {
  const uses = [
    { path: 'skills[0]', id: 'S1', types: ['skill'] },
    { path: 'work[0].occupation', id: 'O1', types: ['occupation-name'] },
    { path: 'skills[1]', id: 'S1', types: ['skill'] },
  ];
  const rejection = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    const { reason, status, parameter, values } = error as InputError;
    return { reason, status, parameter, values };
  };

  it('asks once for each id, and passes ids that exist with an accepted type', async () => {
    const asked: string[][] = [];
    await checkConcepts(uses, async (ids) => {
      asked.push(ids);
      return new Map([
        ['S1', 'skill'],
        ['O1', 'occupation-name'],
      ]);
    });
    expect(asked).toEqual([['S1', 'O1']]);
    // Nothing to check: no lookup.
    await checkConcepts([], async () => {
      throw new Error('looked up');
    });
  });

  it('refuses an unknown id and an id of another type with 422 at its path', async () => {
    expect(await rejection(checkConcepts(uses, async () => new Map([['S1', 'skill']])))).toStrictEqual({
      reason: 'unknownConcept',
      status: 422,
      parameter: 'work[0].occupation',
      values: { value: 'O1' },
    });
    expect(
      await rejection(
        checkConcepts(
          [{ path: 'education[0].level', id: 'L', types: CONCEPT_TYPES.educationLevel }],
          async () => new Map([['L', 'skill']]),
        ),
      ),
    ).toStrictEqual({
      reason: 'wrongConceptType',
      status: 422,
      parameter: 'education[0].level',
      values: {
        value: 'L',
        type: 'skill',
        expected: 'sun-education-level-1, sun-education-level-2, sun-education-level-3',
      },
    });
  });
});
