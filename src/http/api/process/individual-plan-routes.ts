/**
 * The individual plan's and the guidance log's routes (inside the people API, so access by need, the
 * 404 for anyone without it and the audit apply as to every person route).
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../../accounts/actor.js';
import type { PdfRenderer } from '../../../documents/pdf-renderer.js';
import type { MatchingService } from '../../../domain/process/matching/matching.service.js';
import type { PeopleService } from '../../../domain/process/people/people.service.js';
import type { PersonAccess } from '../../../domain/process/people/person-access.js';
import {
  GOAL_KINDS,
  OUTCOME_KINDS,
  OWNER_KINDS,
  STEP_STATUSES,
  STEP_TYPES,
} from '../../../domain/process/plan/individual-plan.js';
import type { IndividualPlanService } from '../../../domain/process/plan/individual-plan.service.js';
import { REWARD_KINDS } from '../../../domain/process/plan/ladder.js';
import type { LadderService } from '../../../domain/process/plan/ladder.service.js';
import { certificateHtml } from '../../../domain/process/plan/ladder-certificate.js';
import { InputError } from '../../../errors/input-error.js';

const PersonParams = Type.Object({ id: Type.String({ description: 'The person id (a UUID)' }) });
const NoteParams = Type.Object({ id: Type.String(), note: Type.String({ maxLength: 40 }) });
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const StepSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ description: 'Kept across versions; made when left out' })),
    type: literals(STEP_TYPES),
    title: Type.Optional(Type.String({ maxLength: 300 })),
    level: Type.Optional(
      Type.Union([Type.String({ maxLength: 40 }), Type.Null()], {
        description: 'sfi: course A–D or "sas"; course: komvux, yh, arbetsmarknadsutbildning, hogskola',
      }),
    ),
    owner: Type.Optional(
      Type.Object({
        kind: literals(OWNER_KINDS),
        name: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      }),
    ),
    start: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
    due: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
    status: Type.Optional(literals(STEP_STATUSES)),
    doneOn: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
    closes: Type.Optional(
      Type.Object({
        gates: Type.Optional(Type.Array(Type.String())),
        skills: Type.Optional(Type.Array(Type.String(), { description: 'Skill concept ids' })),
        factors: Type.Optional(Type.Array(Type.String())),
      }),
    ),
  },
  { additionalProperties: false },
);
const PlanBody = Type.Object(
  {
    goal: Type.Optional(
      Type.Union([
        Type.Object({
          kind: literals(GOAL_KINDS),
          conceptId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
          label: Type.String(),
        }),
        Type.Null(),
      ]),
    ),
    steps: Type.Optional(Type.Array(StepSchema)),
    outcome: Type.Optional(
      Type.Union([
        Type.Object(
          {
            kind: literals(OUTCOME_KINDS),
            from: Type.String({ description: 'YYYY-MM-DD: the first day in work or studies' }),
          },
          {
            additionalProperties: false,
            description:
              'In work or studies, from which day (absent or null: not yet); counted by the own KPI E10104',
          },
        ),
        Type.Null(),
      ]),
    ),
    basedOn: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'The version this edit started from: 409 planChanged when the plan has moved on',
      }),
    ),
  },
  { additionalProperties: false },
);
const PlanQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, description: 'An earlier version' })) },
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: Fastify's Ajv drops an unknown query field (removeAdditional) and the handler reads only version, so refusing or keeping one changes nothing
  { additionalProperties: false },
);
const FromMatchBody = Type.Object(
  { occupation: Type.String({ minLength: 1, maxLength: 40, description: 'Occupation name or SSYK-4 id' }) },
  { additionalProperties: false },
);
const NoteBody = Type.Object(
  {
    text: Type.String({ description: 'What was discussed, agreed, the next meeting (stored encrypted)' }),
    followUpOn: Type.Optional(
      Type.Union([Type.String({ format: 'date' }), Type.Null()], {
        description: 'A day to follow up: a reminder to the case workers until marked done',
      }),
    ),
  },
  { additionalProperties: false },
);

const OrgParams = Type.Object({ org: Type.String({ maxLength: 100, description: 'The organisation id' }) });
const ConfirmBody = Type.Object(
  { level: Type.Integer({ minimum: 1, description: 'The level the rules propose now' }) },
  { additionalProperties: false },
);
const LadderBody = Type.Object(
  {
    validFrom: Type.Optional(
      Type.String({
        format: 'date',
        description: 'The day it applies from (today when left out; not earlier)',
      }),
    ),
    levels: Type.Array(
      Type.Object({
        level: Type.Integer({ minimum: 1, description: '1, 2, 3 … in order' }),
        name: Type.String({ maxLength: 100 }),
        rule: Type.Unknown({ description: 'json-logic over the facts listed in README "Incentive ladder"' }),
        needs: Type.Record(Type.String(), Type.String(), {
          description: 'What the level needs, per language; sv required',
        }),
        rewards: Type.Optional(
          Type.Array(Type.Object({ kind: literals(REWARD_KINDS), text: Type.Optional(Type.String()) })),
        ),
      }),
    ),
  },
  { additionalProperties: false },
);

/** A version number to base an edit on: a whole number, 0 or more ("2" is not one). */
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

export async function individualPlanRoutes(
  app: FastifyInstance,
  deps: {
    people: () => PeopleService;
    plans: () => IndividualPlanService;
    ladders: () => LadderService;
    matching: MatchingService;
    pdf: PdfRenderer;
  },
) {
  const access = (request: FastifyRequest) => request.personAccess as PersonAccess;
  const tags = ['process'];
  const { plans, people, matching, ladders, pdf } = deps;
  // The domain's parser checks the plan and names the field at fault (schemas document the shape).
  // Stryker disable next-line ArrowFunction,BooleanLiteral: equivalent, Fastify lets a part through whose validator is missing, returns nothing, or returns false with no errors (lib/validation.js)
  const domainChecks = { validatorCompiler: () => () => true };

  app.get<{ Params: Static<typeof PersonParams>; Querystring: Static<typeof PlanQuery> }>(
    '/api/people/:id/plan',
    {
      config: { permission: 'signed-in', personAccess: 'read' },
      schema: {
        tags,
        summary:
          'The individual plan: {version, savedAt, savedBy, source, goal: {kind, conceptId, label}, outcome?: {kind: work|studies, from}, steps: [{id, type, title, level, owner: {kind, name}, start, due, status, doneOn, closes: {gates, skills, factors}}], history: [{version, savedAt, savedBy, source}]}; ?version=N an earlier version. The person reads their own. Audited.',
        params: PersonParams,
        querystring: PlanQuery,
      },
    },
    async (request) => plans().plan(access(request), request.ip, request.query.version),
  );

  app.put<{ Params: Static<typeof PersonParams>; Body: Static<typeof PlanBody> }>(
    '/api/people/:id/plan',
    {
      config: { permission: 'signed-in', personAccess: 'write' },
      ...domainChecks,
      schema: {
        tags,
        summary:
          'Save the plan (goal, steps and, when reached, the outcome work or studies) as its next version; the earlier versions stay as its history. Step types: sfi, validation, praktik, course, drivingLicence, jobSearch, other; owner kinds: person, caseworker, partner (with a name); status: planned, started, done, cancelled. A bad document is refused whole, naming the field.',
        params: PersonParams,
        body: PlanBody,
      },
    },
    async (request) => {
      const { basedOn, ...doc } = (request.body ?? {}) as Record<string, unknown>;
      if (basedOn !== undefined && !isCount(basedOn))
        throw new InputError('invalidCount', { parameter: 'basedOn', values: { value: String(basedOn) } });
      return plans().save(access(request), doc, {
        ...(basedOn !== undefined ? { basedOn } : {}),
        ip: request.ip,
      });
    },
  );

  app.post<{ Params: Static<typeof PersonParams>; Body: Static<typeof FromMatchBody> }>(
    '/api/people/:id/plan/from-match',
    {
      config: { permission: 'signed-in', personAccess: 'write' },
      schema: {
        tags,
        summary:
          "One action: the goal becomes the occupation and the match's next steps (GET …/matches/{occupation}/next-steps) join the plan as planned steps, each with the missing items it closes. A new version.",
        params: PersonParams,
        body: FromMatchBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await plans().fromMatch(access(request), people(), matching, request.body.occupation, request.ip),
        ),
  );

  app.get<{ Params: Static<typeof PersonParams> }>(
    '/api/people/:id/notes',
    {
      config: { permission: 'signed-in', personAccess: 'read' },
      schema: {
        tags,
        summary:
          "The guidance log: {notes: [{id, text, author, at, followUpOn, followUpDoneAt}]}, newest first. The person's case workers; the person only where the organisation allows it (else 404). Audited.",
        params: PersonParams,
      },
    },
    async (request) => plans().notes(access(request), request.ip),
  );

  app.post<{ Params: Static<typeof PersonParams>; Body: Static<typeof NoteBody> }>(
    '/api/people/:id/notes',
    {
      config: { permission: 'signed-in', personAccess: 'write' },
      ...domainChecks,
      schema: {
        tags,
        summary:
          'A guidance note {text, followUpOn?} → 201 {id}. The text is stored encrypted; a follow-up day reminds the case workers until it is marked done.',
        params: PersonParams,
        body: NoteBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await plans().addNote(access(request), (request.body ?? {}) as object, request.ip)),
  );

  app.post<{ Params: Static<typeof NoteParams> }>(
    '/api/people/:id/notes/:note/follow-up-done',
    {
      config: { permission: 'signed-in', personAccess: 'write' },
      schema: { tags, summary: "Mark a note's follow-up done (its reminder stops)", params: NoteParams },
    },
    async (request) => {
      await plans().followUpDone(access(request), request.params.note, request.ip);
      return { done: true };
    },
  );

  app.get<{ Params: Static<typeof PersonParams> }>(
    '/api/people/:id/ladder',
    {
      config: { permission: 'signed-in', personAccess: 'read' },
      schema: {
        tags,
        summary:
          "The person's incentive ladder: {level, confirmations: [{level, name, ladderVersion, confirmedBy, confirmedAt}], proposal: {level, name} | null, next: {level, name, needs (in the person's language), needsByLanguage, rewards}, ladder: {version, validFrom, levels}, restricted}. A proposal changes nothing until a case worker confirms it. The person reads their own. Audited.",
        params: PersonParams,
      },
    },
    async (request) => ladders().personLadder(access(request), request.ip),
  );

  app.post<{ Params: Static<typeof PersonParams>; Body: Static<typeof ConfirmBody> }>(
    '/api/people/:id/ladder/confirmations',
    {
      config: { permission: 'signed-in', personAccess: 'write' },
      schema: {
        tags,
        summary:
          'A case worker confirms the level the rules propose now (never automatic, GDPR art. 22); audited (ladder.confirm). 409 noProposal when that level is not proposed.',
        params: PersonParams,
        body: ConfirmBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await ladders().confirm(access(request), request.body.level, request.ip)),
  );

  app.get<{ Params: Static<typeof OrgParams> }>(
    '/api/organisations/:org/ladder',
    {
      config: { permission: 'signed-in' },
      schema: {
        tags,
        summary:
          "The organisation's incentive ladder: {current: {id, validFrom, levels: [{level, name, rule, needs, rewards}]}, upcoming, versions}. Its case workers and Process admin; anyone else 404.",
        params: OrgParams,
      },
    },
    async (request) => ladders().organisationLadder(request.actor as Actor, request.params.org),
  );

  app.put<{ Params: Static<typeof OrgParams>; Body: Static<typeof LadderBody> }>(
    '/api/organisations/:org/ladder',
    {
      config: { permission: 'signed-in' },
      ...domainChecks,
      schema: {
        tags,
        summary:
          'Save the ladder as data (Process admin): levels 1…n, each a json-logic rule, what it needs in words and rewards (certificate, meeting, benefit). A new version applying from validFrom; earlier confirmations stay as they were. A bad rule is refused naming it (invalidRule).',
        params: OrgParams,
        body: LadderBody,
      },
    },
    async (request) =>
      ladders().saveLadder(request.actor as Actor, request.params.org, request.body, request.ip),
  );

  app.get<{ Params: Static<typeof PersonParams>; Querystring: { level: number } }>(
    '/api/people/:id/ladder/certificate.pdf',
    {
      config: { permission: 'signed-in', personAccess: 'read' },
      schema: {
        tags,
        summary:
          "The certificate of a confirmed ladder level as a tagged PDF, in Swedish and the person's language (404 for a level not confirmed). The person downloads their own. Audited.",
        params: PersonParams,
        querystring: Type.Object({ level: Type.Integer({ minimum: 1, maximum: 20 }) }),
      },
    },
    async (request, reply) => {
      const a = access(request);
      const { name } = await people().view(a.person);
      const facts = await ladders().certificate(a, name, request.query.level, request.ip);
      const body = await pdf.render(certificateHtml(facts), { footer: `Etablera · ${facts.organisation}` });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="intyg-niva-${facts.level}.pdf"`)
        .send(body);
    },
  );
}
