/**
 * Matching's routes: a person's matches and next steps (inside the people API, so access by need and
 * the 404 for anyone without it apply as to every person route), hide/pin decisions, and the ad import.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_FILE_BYTES } from '../../../domain/process/matching/job-ads.js';
import { MatchingService } from '../../../domain/process/matching/matching.service.js';
import type { PeopleService } from '../../../domain/process/people/people.service.js';
import type { PersonAccess } from '../../../domain/process/people/person-access.js';
import type { Keyring } from '../../../domain/process/privacy/field-cipher.js';
import type { Store } from '../../../store/database.js';

const PersonParams = Type.Object({ id: Type.String({ description: 'The person id (a UUID)' }) });
const MatchesQuery = Type.Object(
  {
    kind: Type.Optional(
      Type.Union([Type.Literal('occupation'), Type.Literal('ad')], { default: 'occupation' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  },
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: Fastify's Ajv drops an unknown query field (removeAdditional) and the handler reads only kind and limit, so refusing or keeping one changes nothing
  { additionalProperties: false },
);
const StepsParams = Type.Object({ id: Type.String(), occupation: Type.String({ maxLength: 40 }) });
const DecisionBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('occupation'), Type.Literal('ad')]),
    target: Type.String({ minLength: 1, maxLength: 80, description: 'The occupation-name id or ad id' }),
    action: Type.Union([Type.Literal('hide'), Type.Literal('pin')]),
    reason: Type.Optional(
      Type.String({ maxLength: 500, description: 'Why it is hidden (required to hide)' }),
    ),
    undo: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export function matchingServiceFor(store: Store, keyring: Keyring | null): MatchingService {
  return new MatchingService(store, keyring);
}

export async function matchingRoutes(
  app: FastifyInstance,
  deps: { people: () => PeopleService; matching: MatchingService },
) {
  const access = (request: FastifyRequest) => request.personAccess as PersonAccess;
  const tags = ['process'];
  const { matching, people } = deps;

  // Ajv fills the query's defaults (Fastify's useDefaults), so kind and limit are always there.
  app.get<{ Params: Static<typeof PersonParams>; Querystring: Required<Static<typeof MatchesQuery>> }>(
    '/api/people/:id/matches',
    {
      config: { permission: 'signed-in', personAccess: 'read' },
      schema: {
        tags,
        summary:
          'Occupation names (kind=occupation) or imported job ads (kind=ad) that fit the person, best first, each with every factor of its score (see README "Matching"): {matches: [{id, label, score, breakdown, matchedSkills, missingSkills, gates, demand}], nothingToMatch, hidden, pinned}. A read of the person (audited); 409 for a restricted person. Suggestions only: nothing is sent or decided.',
        params: PersonParams,
        querystring: MatchesQuery,
      },
    },
    async (request) =>
      matching.matches(people(), access(request), request.query.kind, request.query.limit, request.ip),
  );

  app.get<{ Params: Static<typeof StepsParams> }>(
    '/api/people/:id/matches/:occupation/next-steps',
    {
      config: { permission: 'signed-in', personAccess: 'read' },
      schema: {
        tags,
        summary:
          'For one occupation (name or SSYK-4 id): the match and the steps that would close its gap (Swedish, validering, driving licence, a course type, praktik), each with the missing items it closes',
        params: StepsParams,
      },
    },
    async (request) => matching.nextSteps(people(), access(request), request.params.occupation, request.ip),
  );

  app.post<{ Params: Static<typeof PersonParams>; Body: Static<typeof DecisionBody> }>(
    '/api/people/:id/match-decisions',
    {
      config: { permission: 'signed-in', personAccess: 'write' },
      schema: {
        tags,
        summary:
          "The case worker's decision on a suggestion: hide it (with a reason) or pin it to the person's plan; undo: true removes it",
        params: PersonParams,
        body: DecisionBody,
      },
    },
    async (request) => {
      await matching.decide(access(request), request.body, request.ip);
      return matching.decisions(access(request).person.id, request.body.kind);
    },
  );
}

/** POST /api/ads/import: a JSON document in JobTech's ad shape; a report per ad. */
export async function adsApi(
  app: FastifyInstance,
  { store, matching = new MatchingService(store) }: { store: Store; matching?: MatchingService },
) {
  app.post(
    '/api/ads/import',
    {
      bodyLimit: MAX_FILE_BYTES,
      config: { permission: 'process.admin' },
      schema: {
        tags: ['process'],
        summary:
          "Import job ads in JobTech's ad JSON shape (a list, a JobSearch answer {hits}, or one ad). Each ad is checked on its own: {kept, refused, ads: [{index, id, status, problem?, notes}]}. Contact persons' names, e-mails and phone numbers are never stored.",
      },
    },
    async (request) => matching.importAds(request.body, 'api'),
  );
  app.get<{ Params: { adId: string } }>(
    '/api/ads/:adId',
    {
      config: { permission: 'process.read' },
      schema: {
        tags: ['process'],
        summary: 'One imported ad with its skills and the words they were found by',
      },
    },
    async (request, reply) => {
      const ad = await matching.ad(request.params.adId);
      return ad ?? reply.code(404).send({ error: 'no such ad' });
    },
  );
}
