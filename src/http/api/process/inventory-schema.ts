/** The inventory's JSON shape for /api/openapi.json (the domain's parser in people/inventory.ts checks it). */
import { Type } from '@sinclair/typebox';
import { CEFR_LEVELS, EXPERIENCE_BANDS, NO_ANSWER } from '../../../domain/process/people/inventory.js';

const noAnswer = NO_ANSWER.map((a) => Type.Literal(a));
const concept = (description: string) =>
  Type.String({ description: `A taxonomy concept id: ${description}` });
const orNoAnswer = (schema: ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>) =>
  Type.Union([schema, ...noAnswer]);
const cefr = Type.Union([...CEFR_LEVELS.map((l) => Type.Literal(l)), ...noAnswer]);

export const InventorySchema = Type.Object(
  {
    education: Type.Optional(
      Type.Array(
        Type.Object({
          level: orNoAnswer(concept('sun-education-level-1/2/3')),
          field: orNoAnswer(concept('sun-education-field-1…4')),
          country: orNoAnswer(concept('country')),
          years: orNoAnswer(Type.Integer({ minimum: 0, maximum: 30 })),
          school: Type.Optional(
            Type.String({ maxLength: 2000, description: 'School or programme as written' }),
          ),
          documentsSeen: Type.Optional(Type.Union([Type.Boolean(), ...noAnswer])),
        }),
      ),
    ),
    work: Type.Optional(
      Type.Array(
        Type.Object({
          occupation: orNoAnswer(concept('occupation-name')),
          years: Type.Union([...Object.keys(EXPERIENCE_BANDS).map((b) => Type.Literal(b)), ...noAnswer], {
            description: "The taxonomy's experience bands (occupation-experience-year)",
          }),
          country: orNoAnswer(concept('country')),
          tasks: Type.Optional(Type.String({ maxLength: 2000, description: 'Tasks as written' })),
        }),
      ),
    ),
    skills: Type.Optional(Type.Array(concept('skill'))),
    languages: Type.Optional(
      Type.Array(
        Type.Object({
          language: concept('language'),
          listening: cefr,
          reading: cefr,
          speaking: cefr,
          writing: cefr,
        }),
      ),
    ),
    drivingLicences: Type.Optional(Type.Array(concept('driving-licence'))),
    freeText: Type.Optional(
      Type.String({
        maxLength: 20000,
        description:
          'Any language, kept as written (markup is stored as text). Do not record health, religion, ethnicity, political opinion or sexual life here.',
      }),
    ),
  },
  { additionalProperties: false },
);
