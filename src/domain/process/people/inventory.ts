/**
 * The competence inventory as the API gives and takes it (issue 18 item 7), and its validation.
 * Concept ids are the JobTech taxonomy's; every answer may instead be "unknown" (vet inte) or
 * "declined" (vill inte svara). Validation collects every problem with the path of the field at fault
 * and refuses the whole document: nothing of a bad save is written.
 */
import { InputError } from '../../../errors/input-error.js';

/** "vet inte" and "vill inte svara", as stable codes for programs. */
export const NO_ANSWER = ['unknown', 'declined'] as const;
export type NoAnswer = (typeof NO_ANSWER)[number];
export type Answer<T> = T | NoAnswer;

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

/**
 * The taxonomy's experience bands (concept type occupation-experience-year), by a short code and the
 * concept id behind it: "2-4" is "2-4 års erfarenhet" (RWA2_uu6_udD).
 */
export const EXPERIENCE_BANDS = {
  '0': '9myv_bKh_YHf',
  '<1': 'yrAe_Fzi_E6u',
  '1-2': 'LLnd_5GJ_4ju',
  '2-4': 'RWA2_uu6_udD',
  '5+': '8CVf_zRX_aZj',
} as const;
export type ExperienceBand = keyof typeof EXPERIENCE_BANDS;

/** Swedish: the sfi course or Swedish as a second language the person has reached. */
export const SWEDISH_LEVELS = ['none', 'sfi-a', 'sfi-b', 'sfi-c', 'sfi-d', 'sva-grund', 'sva-gy'] as const;
export type SwedishLevel = (typeof SWEDISH_LEVELS)[number];

/** Digital skills, as the person describes them. */
export const DIGITAL_LEVELS = ['none', 'basic', 'everyday', 'advanced'] as const;
export type DigitalLevel = (typeof DIGITAL_LEVELS)[number];

/** Constraints a person may choose to state (never asked to justify; never health unless configured). */
export const CONSTRAINTS = ['childcare', 'transport', 'hours', 'care-of-relative', 'other'] as const;
export type Constraint = (typeof CONSTRAINTS)[number];

/** Answers a whole list or text can have instead of a value: "vet inte" / "vill inte svara". */
export const NO_ANSWER_FIELDS = [
  'education',
  'work',
  'skills',
  'languages',
  'drivingLicences',
  'interests',
  'goals',
  'constraints',
  'health',
  'freeText',
] as const;
export type NoAnswerField = (typeof NO_ANSWER_FIELDS)[number];

export interface Inventory {
  education: {
    level: Answer<string>;
    field: Answer<string>;
    country: Answer<string>;
    years: Answer<number>;
    /** School or programme as the person wrote it. */
    school?: string;
    documentsSeen?: Answer<boolean>;
  }[];
  work: {
    occupation: Answer<string>;
    years: Answer<ExperienceBand>;
    country: Answer<string>;
    tasks?: string;
  }[];
  skills: string[];
  languages: {
    language: string;
    listening: Answer<CefrLevel>;
    reading: Answer<CefrLevel>;
    speaking: Answer<CefrLevel>;
    writing: Answer<CefrLevel>;
  }[];
  drivingLicences: string[];
  /** Free text in any language, kept as written (never interpreted as markup). */
  freeText: string;
  /** Swedish (sfi / Swedish as a second language). */
  swedish?: Answer<SwedishLevel>;
  digital?: Answer<DigitalLevel>;
  /** Interests and goals as the person puts them, in any language. */
  interests?: string;
  goals?: string;
  constraints?: Constraint[];
  constraintsNote?: string;
  /**
   * The health-related constraint, only where the organisation has configured it with a legal basis
   * (off by default; the service refuses it otherwise). Sealed with the rest; its reads are audited.
   */
  health?: string;
  /** Lists and texts answered "vet inte" / "vill inte svara" as a whole. */
  noAnswer?: Partial<Record<NoAnswerField, NoAnswer>>;
}

export const EMPTY_INVENTORY: Inventory = {
  education: [],
  work: [],
  skills: [],
  languages: [],
  drivingLicences: [],
  freeText: '',
};

/** Which concept types a field accepts. */
export const CONCEPT_TYPES = {
  educationLevel: ['sun-education-level-1', 'sun-education-level-2', 'sun-education-level-3'],
  educationField: [
    'sun-education-field-1',
    'sun-education-field-2',
    'sun-education-field-3',
    'sun-education-field-4',
  ],
  country: ['country'],
  occupation: ['occupation-name'],
  skill: ['skill'],
  language: ['language'],
  drivingLicence: ['driving-licence'],
} as const;

export const LIMITS = { freeText: 20_000, writtenText: 2_000, items: 100 } as const;

/** A concept id the inventory refers to, with the field path and the types it may have. */
export interface ConceptUse {
  path: string;
  id: string;
  types: readonly string[];
}

const isNoAnswer = (v: unknown): v is NoAnswer => (NO_ANSWER as readonly unknown[]).includes(v);

/** Reads an untrusted body into an Inventory and the concept ids it names; the first problem throws. */
export function parseInventory(body: unknown): { inventory: Inventory; concepts: ConceptUse[] } {
  const concepts: ConceptUse[] = [];
  const object = (value: unknown, path: string): Record<string, unknown> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new InputError('invalidInventory', {
        parameter: path || 'body',
        values: { expected: 'an object' },
      });
    return value as Record<string, unknown>;
  };
  const only = (o: Record<string, unknown>, path: string, keys: readonly string[]) => {
    for (const key of Object.keys(o))
      if (!keys.includes(key))
        throw new InputError('unknownField', {
          parameter: path ? `${path}.${key}` : key,
          values: { allowed: keys.join(', ') },
        });
  };
  const list = (value: unknown, path: string): unknown[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value))
      throw new InputError('invalidInventory', { parameter: path, values: { expected: 'a list' } });
    if (value.length > LIMITS.items)
      throw new InputError('tooManyItems', { parameter: path, values: { max: LIMITS.items } });
    return value;
  };
  const text = (value: unknown, path: string, max: number): string => {
    if (typeof value !== 'string')
      throw new InputError('invalidInventory', { parameter: path, values: { expected: 'a text' } });
    if (value.length > max) throw new InputError('tooLong', { parameter: path, values: { max } });
    return value;
  };
  const concept = (value: unknown, path: string, types: readonly string[], answerable: boolean): string => {
    if (answerable && isNoAnswer(value)) return value;
    if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(value))
      throw new InputError('invalidConceptId', {
        parameter: path,
        values: { value: String(value).slice(0, 60) },
      });
    concepts.push({ path, id: value, types });
    return value;
  };
  const choice = <T extends string>(value: unknown, path: string, allowed: readonly T[]): Answer<T> => {
    if (isNoAnswer(value) || (allowed as readonly unknown[]).includes(value)) return value as Answer<T>;
    throw new InputError('invalidChoice', {
      parameter: path,
      values: { value: String(value).slice(0, 60), allowed: [...allowed, ...NO_ANSWER].join(', ') },
    });
  };

  const root = object(body, '');
  only(root, '', [
    ...Object.keys(EMPTY_INVENTORY),
    'swedish',
    'digital',
    'interests',
    'goals',
    'constraints',
    'constraintsNote',
    'health',
    'noAnswer',
  ]);
  const optionalText = (key: 'interests' | 'goals' | 'constraintsNote' | 'health') =>
    root[key] === undefined || root[key] === '' ? {} : { [key]: text(root[key], key, LIMITS.writtenText) };
  const noAnswer = root.noAnswer === undefined ? undefined : object(root.noAnswer, 'noAnswer');
  if (noAnswer) {
    only(noAnswer, 'noAnswer', NO_ANSWER_FIELDS);
    for (const [key, value] of Object.entries(noAnswer))
      if (!isNoAnswer(value))
        throw new InputError('invalidChoice', {
          parameter: `noAnswer.${key}`,
          values: { value: String(value).slice(0, 60), allowed: NO_ANSWER.join(', ') },
        });
  }
  const inventory: Inventory = {
    education: list(root.education, 'education').map((item, i) => {
      const path = `education[${i}]`;
      const o = object(item, path);
      only(o, path, ['level', 'field', 'country', 'years', 'school', 'documentsSeen']);
      const years = o.years ?? 'unknown';
      if (
        !isNoAnswer(years) &&
        !(Number.isInteger(years) && (years as number) >= 0 && (years as number) <= 30)
      )
        throw new InputError('invalidChoice', {
          parameter: `${path}.years`,
          values: { value: String(years).slice(0, 60), allowed: `0–30, ${NO_ANSWER.join(', ')}` },
        });
      const documentsSeen = o.documentsSeen ?? 'unknown';
      if (!isNoAnswer(documentsSeen) && typeof documentsSeen !== 'boolean')
        throw new InputError('invalidChoice', {
          parameter: `${path}.documentsSeen`,
          values: {
            value: String(documentsSeen).slice(0, 60),
            allowed: `true, false, ${NO_ANSWER.join(', ')}`,
          },
        });
      return {
        level: concept(o.level ?? 'unknown', `${path}.level`, CONCEPT_TYPES.educationLevel, true),
        field: concept(o.field ?? 'unknown', `${path}.field`, CONCEPT_TYPES.educationField, true),
        country: concept(o.country ?? 'unknown', `${path}.country`, CONCEPT_TYPES.country, true),
        years: years as Answer<number>,
        ...(o.school !== undefined ? { school: text(o.school, `${path}.school`, LIMITS.writtenText) } : {}),
        documentsSeen: documentsSeen as Answer<boolean>,
      };
    }),
    work: list(root.work, 'work').map((item, i) => {
      const path = `work[${i}]`;
      const o = object(item, path);
      only(o, path, ['occupation', 'years', 'country', 'tasks']);
      return {
        occupation: concept(o.occupation ?? 'unknown', `${path}.occupation`, CONCEPT_TYPES.occupation, true),
        years: choice(
          o.years ?? 'unknown',
          `${path}.years`,
          Object.keys(EXPERIENCE_BANDS) as ExperienceBand[],
        ),
        country: concept(o.country ?? 'unknown', `${path}.country`, CONCEPT_TYPES.country, true),
        ...(o.tasks !== undefined ? { tasks: text(o.tasks, `${path}.tasks`, LIMITS.writtenText) } : {}),
      };
    }),
    skills: list(root.skills, 'skills').map((id, i) =>
      concept(id, `skills[${i}]`, CONCEPT_TYPES.skill, false),
    ),
    languages: list(root.languages, 'languages').map((item, i) => {
      const path = `languages[${i}]`;
      const o = object(item, path);
      only(o, path, ['language', 'listening', 'reading', 'speaking', 'writing']);
      const level = (key: string) => choice(o[key] ?? 'unknown', `${path}.${key}`, CEFR_LEVELS);
      return {
        language: concept(o.language, `${path}.language`, CONCEPT_TYPES.language, false),
        listening: level('listening'),
        reading: level('reading'),
        speaking: level('speaking'),
        writing: level('writing'),
      };
    }),
    drivingLicences: list(root.drivingLicences, 'drivingLicences').map((id, i) =>
      concept(id, `drivingLicences[${i}]`, CONCEPT_TYPES.drivingLicence, false),
    ),
    freeText: root.freeText === undefined ? '' : text(root.freeText, 'freeText', LIMITS.freeText),
    ...(root.swedish !== undefined ? { swedish: choice(root.swedish, 'swedish', SWEDISH_LEVELS) } : {}),
    ...(root.digital !== undefined ? { digital: choice(root.digital, 'digital', DIGITAL_LEVELS) } : {}),
    ...optionalText('interests'),
    ...optionalText('goals'),
    ...(root.constraints !== undefined
      ? {
          constraints: [
            ...new Set(
              list(root.constraints, 'constraints').map((c, i) => {
                if (!(CONSTRAINTS as readonly unknown[]).includes(c))
                  throw new InputError('invalidChoice', {
                    parameter: `constraints[${i}]`,
                    values: { value: String(c).slice(0, 60), allowed: CONSTRAINTS.join(', ') },
                  });
                return c as Constraint;
              }),
            ),
          ],
        }
      : {}),
    ...optionalText('constraintsNote'),
    ...optionalText('health'),
    ...(noAnswer && Object.keys(noAnswer).length > 0
      ? { noAnswer: noAnswer as Partial<Record<NoAnswerField, NoAnswer>> }
      : {}),
  };
  return { inventory, concepts };
}

/**
 * Checks the named concepts against the taxonomy store: each must exist and have an accepted type.
 * `lookup` returns the type of each known id.
 */
export async function checkConcepts(
  concepts: readonly ConceptUse[],
  lookup: (ids: string[]) => Promise<Map<string, string>>,
): Promise<void> {
  if (concepts.length === 0) return;
  const types = await lookup([...new Set(concepts.map((c) => c.id))]);
  for (const use of concepts) {
    const type = types.get(use.id);
    if (type === undefined)
      throw new InputError('unknownConcept', { status: 422, parameter: use.path, values: { value: use.id } });
    if (!use.types.includes(type))
      throw new InputError('wrongConceptType', {
        status: 422,
        parameter: use.path,
        values: { value: use.id, type, expected: use.types.join(', ') },
      });
  }
}
