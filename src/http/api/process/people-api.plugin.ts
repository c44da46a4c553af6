/**
 * The people API of Process under /api/people. Transport only: the service does the work.
 *
 * Access by need is enforced here once for every route with a person id: each such route declares the
 * level it needs (`config.personAccess`: read, write, manage, dpo) — a route that does not is refused
 * at start-up — and a preValidation hook resolves the person for the actor before anything else (so a
 * caller without need gets 404 whatever the body). The routes declare `permission: 'signed-in'`, not a
 * process permission: an actor of another organisation or a newcomer must learn nothing, not even
 * that the route needs a role they lack (403), so every refusal past sign-in is the same 404.
 */

import { type Static, Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../accounts/actor.js';
import { type PdfRenderer, PdfRendererError } from '../../../documents/pdf-renderer.js';
import type { MatchingService } from '../../../domain/process/matching/matching.service.js';
import { OwnKpiService } from '../../../domain/process/outcomes/own-kpi.service.js';
import { ConceptNames } from '../../../domain/process/people/concept-names.js';
import { EMPTY_INVENTORY } from '../../../domain/process/people/inventory.js';
import { PeopleService } from '../../../domain/process/people/people.service.js';
import type { AccessLevel, PersonAccess } from '../../../domain/process/people/person-access.js';
import { CaseloadService } from '../../../domain/process/plan/caseload.service.js';
import { IndividualPlanService } from '../../../domain/process/plan/individual-plan.service.js';
import { LadderService } from '../../../domain/process/plan/ladder.service.js';
import type { Keyring } from '../../../domain/process/privacy/field-cipher.js';
import {
  DOCUMENT_MEDIA_TYPES,
  type DocumentFormat,
  PersonDocuments,
} from '../../../domain/process/profile/person-documents.js';
import type { Store } from '../../../store/database.js';
import { errorBody, ownErrorHandler } from '../../errors.js';
import { caseloadRoutes } from './caseload-routes.js';
import { individualPlanRoutes } from './individual-plan-routes.js';
import { InventorySchema } from './inventory-schema.js';
import { matchingRoutes, matchingServiceFor } from './matching-routes.js';
import { ownKpiRoutes } from './own-kpi-routes.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a route with a person id needs of the actor toward that person. */
    personAccess?: AccessLevel;
  }
  interface FastifyRequest {
    personAccess: PersonAccess | null;
  }
}

export interface PeopleApiOptions {
  store: Store;
  /** null: Process is off (no data key); every route answers 503 with `offReason`. */
  keyring: Keyring | null;
  offReason: string;
  /** The app's one PDF renderer (one chromium). */
  pdf: PdfRenderer;
  /** ETABLERA_PUBLIC_URL, for the one-time link (empty: from the request). */
  publicBaseUrl?: string;
  /** The app's one matching service (made here when not given). */
  matching?: MatchingService;
}

class ProcessOffError extends Error {
  readonly statusCode = 503;
}

const PersonParams = Type.Object({ id: Type.String({ description: 'The person id (a UUID)' }) });
const NewPersonBody = Type.Object(
  {
    organisation: Type.String({ minLength: 1, maxLength: 100 }),
    name: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Name or a pseudonym the municipality chooses',
    }),
    language: Type.String({
      maxLength: 35,
      description: 'Preferred language (a code such as sv, ar, prs, ti, so, uk)',
    }),
    contact: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    gender: Type.Optional(
      Type.Union([Type.Literal('K'), Type.Literal('M'), Type.Literal('declined'), Type.Null()], {
        description:
          'Optional: K (kvinna), M (man) or declined (vill inte svara); used only to split the own KPIs by gender',
      }),
    ),
  },
  { additionalProperties: false },
);
const CaseworkersBody = Type.Object(
  {
    caseworkers: Type.Array(Type.String({ maxLength: 320 }), {
      maxItems: 20,
      description: 'User ids or e-mails',
    }),
  },
  { additionalProperties: false },
);
const ConsentBody = Type.Object(
  {
    textVersion: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Version of the information text shown (default: the current one, see …/information)',
      }),
    ),
    legalBasis: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "The legal basis stated (default: the organisation's, `etablera person legal-basis`)",
      }),
    ),
    language: Type.Optional(Type.String({ maxLength: 35, description: 'Language the text was shown in' })),
    acknowledgedAt: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601; now when left out' })),
  },
  { additionalProperties: false },
);
const GrantBody = Type.Object(
  {
    user: Type.String({
      minLength: 1,
      maxLength: 320,
      description: 'A case worker of the organisation (id or e-mail)',
    }),
    reason: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'Why, e.g. "covering for a colleague"',
    }),
    hours: Type.Integer({ minimum: 1, maximum: 720 }),
  },
  { additionalProperties: false },
);
const DocumentQuery = Type.Object({
  lang: Type.Optional(
    Type.String({
      maxLength: 35,
      description: "The language beside Swedish (default: the person's), e.g. ar, prs, ti, so, uk, en",
    }),
  ),
});
const RestrictionBody = Type.Object({ restricted: Type.Boolean() }, { additionalProperties: false });
const StatusBody = Type.Object(
  { status: Type.Union([Type.Literal('open'), Type.Literal('closed')]) },
  { additionalProperties: false },
);

const ACCESS_NOTE =
  " Readable by the case workers assigned to the person, the organisation's Process admin and holders of a live temporary access; anyone else gets 404. Every call is in the audit log.";

export async function peopleApi(
  app: FastifyInstance,
  { store, keyring, offReason, pdf, publicBaseUrl = '', matching }: PeopleApiOptions,
) {
  // Process off is the operator's to fix, and the reason says how: it is answered as it is.
  app.setErrorHandler((error: FastifyError, request, reply) =>
    (error as unknown) instanceof ProcessOffError
      ? reply.code(503).send(errorBody(503, error.message, 'processOff'))
      : (error as unknown) instanceof PdfRendererError
        ? reply.code(503).send(errorBody(503, error.message, 'pdfUnavailable'))
        : ownErrorHandler(error, request, reply),
  );
  // Stryker disable next-line StringLiteral: equivalent, Fastify lets a hook set an undecorated request property (the decoration only fixes its shape)
  app.decorateRequest('personAccess', null);
  app.addHook('onRoute', (route) => {
    if (route.url.includes(':id') && !route.config?.personAccess)
      throw new Error(`${route.method} ${route.url}: a person route must declare config.personAccess`);
  });
  const service = keyring ? new PeopleService(store, keyring) : null;
  const people = (): PeopleService => {
    if (!service) throw new ProcessOffError(offReason);
    return service;
  };
  const documents = service ? new PersonDocuments(service, new ConceptNames(store), () => pdf) : null;
  const sendDocument = (reply: FastifyReply, name: string, format: DocumentFormat, file: Buffer) =>
    reply
      .type(DOCUMENT_MEDIA_TYPES[format])
      .header('content-disposition', `attachment; filename="${name}.${format}"`)
      .header('cache-control', 'no-store')
      .send(file);
  app.addHook('preValidation', async (request) => {
    // Stryker disable next-line OptionalChaining: equivalent, Fastify gives every route a config object
    const level = request.routeOptions.config?.personAccess;
    const s = people();
    if (level)
      request.personAccess = await s.access(
        request.actor as Actor,
        (request.params as { id: string }).id,
        level,
      );
  });
  const access = (request: FastifyRequest) => request.personAccess as PersonAccess;
  const tags = ['process'];

  app.post<{ Body: Static<typeof NewPersonBody> }>(
    '/api/people',
    {
      config: { permission: 'signed-in' },
      schema: {
        tags,
        summary:
          'Record a person (a case worker or Process admin of the organisation). The name and contact are stored encrypted. → 201 {id}',
        body: NewPersonBody,
      },
    },
    async (request, reply) => {
      const created = await people().create(request.actor as Actor, request.body, request.ip);
      return reply.code(201).send(created);
    },
  );

  app.get<{ Params: Static<typeof PersonParams> }>(
    '/api/people/:id',
    {
      config: { permission: 'signed-in', personAccess: 'read' },
      schema: {
        tags,
        summary: `The person: name, language, contact, status, case workers, consents.${ACCESS_NOTE}`,
        params: PersonParams,
      },
    },
    async (request) => people().get(access(request), request.ip),
  );

  app.put<{ Params: Static<typeof PersonParams>; Body: Static<typeof CaseworkersBody> }>(
    '/api/people/:id/caseworkers',
    {
      config: { permission: 'signed-in', personAccess: 'manage' },
      schema: {
        tags,
        summary: 'Set the case workers of the person (Process admin, or a case worker already assigned)',
        params: PersonParams,
        body: CaseworkersBody,
      },
    },
    async (request) => {
      await people().setCaseworkers(access(request), request.body.caseworkers, request.ip);
      return { caseworkers: (await people().view(access(request).person)).caseworkers };
    },
  );

  app.post<{ Params: Static<typeof PersonParams>; Body: Static<typeof ConsentBody> }>(
    '/api/people/:id/consents',
    {
      config: { permission: 'signed-in', personAccess: 'write' },
      schema: {
        tags,
        summary:
          'Record that the person was given the information (what is recorded, why, legal basis, how long) and acknowledged it: text version, language, date',
        params: PersonParams,
        body: ConsentBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await people().recordConsent(access(request), request.body, request.ip)),
  );

  app.get<{ Params: Static<typeof PersonParams> }>(
    '/api/people/:id/information',
    {
      config: { permission: 'signed-in', personAccess: 'read' },
      schema: {
        tags,
        summary:
          "The information to give the person before anything is recorded — what, why, legal basis, retention, who reads it, their rights — in the person's language when it has texts (else Swedish, fallback: true), with its textVersion for the acknowledgement",
        params: PersonParams,
      },
    },
    async (request) => people().information(access(request), request.ip),
  );

  app.get<{ Params: Static<typeof PersonParams> }>(
    '/api/people/:id/inventory',
    {
      config: { permission: 'signed-in', personAccess: 'read' },
      schema: {
        tags,
        summary: `The competence inventory (shape as PUT, plus updatedAt).${ACCESS_NOTE}`,
        params: PersonParams,
      },
    },
    async (request) => people().inventory(access(request), request.ip),
  );

  app.put<{ Params: Static<typeof PersonParams>; Body: unknown }>(
    '/api/people/:id/inventory',
    {
      config: { permission: 'signed-in', personAccess: 'write' },
      schema: {
        tags,
        summary:
          'Replace the competence inventory. Concept ids are checked against the taxonomy; any answer may be "unknown" (vet inte) or "declined" (vill inte svara). A bad document is refused whole (400/422 naming the field), nothing is written.',
        params: PersonParams,
        body: InventorySchema,
      },
      // The schema documents the shape; the domain's parser checks it, with errors naming the field.
      // Stryker disable next-line ArrowFunction,BooleanLiteral: equivalent, Fastify reads neither a missing validator nor a false without errors as a refusal
      validatorCompiler: () => () => true,
    },
    async (request) => people().saveInventory(access(request), request.body ?? EMPTY_INVENTORY, request.ip),
  );

  app.post<{ Params: Static<typeof PersonParams>; Body: Static<typeof GrantBody> }>(
    '/api/people/:id/temporary-access',
    {
      config: { permission: 'signed-in', personAccess: 'manage' },
      schema: {
        tags,
        summary:
          'Lend a colleague (a case worker of the organisation) access to the person for some hours, with a reason recorded at every use',
        params: PersonParams,
        body: GrantBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await people().grantTemporaryAccess(access(request), request.body, request.ip)),
  );

  app.put<{ Params: Static<typeof PersonParams>; Body: Static<typeof StatusBody> }>(
    '/api/people/:id/status',
    {
      config: { permission: 'signed-in', personAccess: 'manage' },
      schema: {
        tags,
        summary:
          "Close (or reopen) the person's case; the organisation's retention period counts from the close",
        params: PersonParams,
        body: StatusBody,
      },
    },
    async (request) => {
      await people().setStatus(access(request), request.body.status, request.ip);
      return { status: request.body.status };
    },
  );

  app.get<{ Params: Static<typeof PersonParams> }>(
    '/api/people/:id/export',
    {
      config: { permission: 'signed-in', personAccess: 'read' },
      schema: {
        tags,
        summary: `Everything held about the person as one JSON document (GDPR art. 15 and 20): the record, consents, inventory, temporary accesses, retention and who accessed the data.${ACCESS_NOTE}`,
        params: PersonParams,
      },
    },
    async (request, reply) =>
      reply
        .header('content-disposition', `attachment; filename="person-${access(request).person.id}.json"`)
        .send(await people().export(access(request), request.ip)),
  );

  for (const format of ['pdf', 'docx'] as const)
    app.get<{ Params: Static<typeof PersonParams>; Querystring: Static<typeof DocumentQuery> }>(
      `/api/people/:id/profile.${format}`,
      {
        config: { permission: 'signed-in', personAccess: 'read' },
        schema: {
          tags,
          summary: `The skills profile as ${format === 'pdf' ? 'a tagged PDF' : 'a Word document with real headings'}, in the person's language and Swedish (two parts): education, work experience, skills, languages, driving licences, digital skills — for the person to take to employers and Arbetsförmedlingen.${ACCESS_NOTE}`,
          params: PersonParams,
          querystring: DocumentQuery,
        },
      },
      async (request, reply) => {
        // Stryker disable next-line ConditionalExpression: equivalent, with Process off the preValidation hook has answered 503 already
        if (!documents) throw new ProcessOffError(offReason);
        const file = await documents.profile(access(request), format, request.query.lang, request.ip);
        return sendDocument(reply, 'profile', format, file);
      },
    );

  app.get<{ Params: Static<typeof PersonParams>; Querystring: Static<typeof DocumentQuery> }>(
    '/api/people/:id/export.pdf',
    {
      config: { permission: 'signed-in', personAccess: 'read' },
      schema: {
        tags,
        summary: `Everything held about the person (the JSON export) as a readable, tagged PDF in the person's language and Swedish.${ACCESS_NOTE}`,
        params: PersonParams,
        querystring: DocumentQuery,
      },
    },
    async (request, reply) => {
      // Stryker disable next-line ConditionalExpression: equivalent, with Process off the preValidation hook has answered 503 already
      if (!documents) throw new ProcessOffError(offReason);
      const file = await documents.exportPdf(access(request), request.query.lang, request.ip);
      return sendDocument(reply, `person-${access(request).person.id}`, 'pdf', file);
    },
  );

  app.put<{ Params: Static<typeof PersonParams>; Body: Static<typeof RestrictionBody> }>(
    '/api/people/:id/restriction',
    {
      config: { permission: 'signed-in', personAccess: 'write' },
      schema: {
        tags,
        summary:
          'The objection/restriction flag (GDPR art. 18, 21): while set, no matching or ladder proposals are made for the person',
        params: PersonParams,
        body: RestrictionBody,
      },
    },
    async (request) => {
      await people().setRestriction(access(request), request.body.restricted, request.ip);
      return { restricted: request.body.restricted };
    },
  );

  app.post<{ Params: Static<typeof PersonParams> }>(
    '/api/people/:id/access-codes',
    {
      config: { permission: 'signed-in', personAccess: 'write' },
      schema: {
        tags,
        summary:
          "A one-time code (and link) that opens the person's own view: 72 hours, one use; only its hash is kept. → 201 {code, url, expiresAt}",
        params: PersonParams,
      },
    },
    async (request, reply) => {
      const created = await people().createAccessCode(access(request), request.ip);
      const base = publicBaseUrl || `${request.protocol}://${request.host}`;
      return reply.code(201).send({ ...created, url: `${base}/min/${created.code}` });
    },
  );

  app.get<{ Params: Static<typeof PersonParams> }>(
    '/api/people/:id/reads',
    {
      config: { permission: 'signed-in', personAccess: 'dpo' },
      schema: {
        tags,
        summary:
          "Who read or changed this person's data, when, which part and why (for the DPO: permission audit.read or process.admin in the person's organisation)",
        params: PersonParams,
      },
    },
    async (request) => ({ entries: await people().readsReport(access(request), request.ip) }),
  );
  // Matching and the plan read the person like the routes above: same access by need, same audit.
  const matchingService = matching ?? matchingServiceFor(store, keyring);
  await matchingRoutes(app, { people, matching: matchingService });
  const planService = keyring ? new IndividualPlanService(store, keyring) : null;
  const plans = (): IndividualPlanService => {
    // Stryker disable next-line ConditionalExpression: equivalent, with Process off the preValidation hook has answered 503 already
    if (!planService) throw new ProcessOffError(offReason);
    return planService;
  };
  const ladderService = planService ? new LadderService(store, planService) : null;
  const ladders = (): LadderService => {
    // Stryker disable next-line ConditionalExpression: equivalent, with Process off the preValidation hook has answered 503 already
    if (!ladderService) throw new ProcessOffError(offReason);
    return ladderService;
  };
  await individualPlanRoutes(app, { people, plans, ladders, matching: matchingService, pdf });
  const ownKpiService = keyring ? new OwnKpiService(store, keyring) : null;
  await ownKpiRoutes(app, {
    store,
    ownKpis: () => {
      // Stryker disable next-line ConditionalExpression: equivalent, with Process off the preValidation hook has answered 503 already
      if (!ownKpiService) throw new ProcessOffError(offReason);
      return ownKpiService;
    },
  });
  const caseloadService = keyring ? new CaseloadService(store, keyring) : null;
  await caseloadRoutes(app, {
    caseload: () => {
      // Stryker disable next-line ConditionalExpression: equivalent, with Process off the preValidation hook has answered 503 already
      if (!caseloadService) throw new ProcessOffError(offReason);
      return caseloadService;
    },
  });
}
