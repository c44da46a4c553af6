/**
 * The Plan API under /api: plans, a plan's tree, its follow-up for a period (also in the IATI-like
 * export shape), and writes (follow-up entries, state changes, own measures' values). Transport only.
 *
 * Until the accounts module's authorisation seam is on main, the operator's admin token stands in
 * for a signed-in user: without it only public plans are visible (their approved follow-ups only)
 * and nothing can be written; a plan that is not visible answers 404, like one that does not exist.
 */
import swagger from '@fastify/swagger';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ComparisonService } from '../../../domain/comparison/comparison.service.js';
import { FollowupError, FollowupService } from '../../../domain/plan/followup.service.js';
import {
  advanceFollowup,
  FollowupInputError,
  recordFollowup,
  TREND_OVERRIDES,
} from '../../../domain/plan/followup-entries.js';
import { followupExport } from '../../../domain/plan/followup-export.js';
import { OwnValueError, setOwnValues } from '../../../domain/plan/own-values.js';
import { PlanNotFoundError, planTree } from '../../../domain/plan/plan.service.js';
import { ACTION_STATUSES } from '../../../domain/plan/plan-document.js';
import type { Store } from '../../../store/database.js';
import { ComparisonRepository } from '../../../store/repositories/comparison.repository.js';
import { PlanRepository, type PlanRow } from '../../../store/repositories/plan.repository.js';
import { StoreMetaRepository } from '../../../store/repositories/store-meta.repository.js';
import { checkAdmin } from '../../security/admin-auth.js';

export interface PlanApiOptions {
  store: Store;
  adminToken: string;
}

const PlanParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) });
const FollowupQuery = Type.Object({
  period: Type.String({ description: 'A period of the plan: 2024, 2024-H1, 2024-T2, 2024-Q3 or 2024-07' }),
  format: Type.Optional(Type.Union([Type.Literal('etablera'), Type.Literal('iati')])),
});
const ItemRef = {
  kind: Type.Union([Type.Literal('node'), Type.Literal('indicator'), Type.Literal('action')]),
  item_id: Type.Integer({ minimum: 1 }),
  period: Type.String(),
};
const FollowupBody = Type.Object(
  {
    ...ItemRef,
    verdict: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    comment: Type.Optional(Type.Union([Type.String({ maxLength: 10000 }), Type.Null()])),
    action_status: Type.Optional(Type.Union([...ACTION_STATUSES.map((s) => Type.Literal(s)), Type.Null()])),
    progress: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()])),
    trend_override: Type.Optional(Type.Union([...TREND_OVERRIDES.map((s) => Type.Literal(s)), Type.Null()])),
    override_reason: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);
const StateBody = Type.Object(
  { ...ItemRef, to: Type.Union([Type.Literal('ready'), Type.Literal('approved')]) },
  { additionalProperties: false },
);
const ValuesBody = Type.Object(
  {
    values: Type.Array(
      Type.Object(
        {
          period: Type.String(),
          value: Type.Number(),
          gender: Type.Optional(Type.Union([Type.Literal('T'), Type.Literal('K'), Type.Literal('M')])),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10000 },
    ),
  },
  { additionalProperties: false },
);

function planErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const send = (status: number, message: string, extra: Record<string, unknown> = {}) =>
    reply.code(status).send({ statusCode: status, error: message, ...extra });
  if (error instanceof PlanNotFoundError) return void send(404, 'no such plan');
  if (error instanceof FollowupError) return void send(400, error.message, { parameter: 'period' });
  const e: unknown = error;
  if (e instanceof FollowupInputError) return void send(400, e.message, { field: e.field });
  if (error instanceof OwnValueError) return void send(400, error.message, { problems: error.problems });
  if (error.validation || (error.statusCode && error.statusCode < 500))
    return void send(error.statusCode ?? 400, error.message);
  reply.log.error(error);
  send(500, 'internt fel / internal error');
}

export async function planApi(app: FastifyInstance, { store, adminToken }: PlanApiOptions): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Etablera API (Plan)',
        version: '1',
        description:
          'Plans (goals, indicators, actions), their follow-up per period, and writes. Kolada values carry "Källa: Kolada"; trends, verdicts and group means are Etablera\'s or the user\'s.',
      },
    },
  });
  app.setErrorHandler(planErrors);
  const plans = new PlanRepository(store.db);
  const followups = new FollowupService(
    plans,
    new ComparisonService(new ComparisonRepository(store.db), new StoreMetaRepository(store.db)),
  );
  const isOperator = (request: FastifyRequest) => checkAdmin(adminToken, request.headers.authorization).ok;
  /** The plan if this caller may see it; otherwise 404, the same as a plan that does not exist. */
  const visiblePlan = async (request: FastifyRequest, id: string): Promise<PlanRow> => {
    const plan = await plans.plan(Number(id));
    if (!plan || (!plan.is_public && !isOperator(request))) throw new PlanNotFoundError(Number(id));
    return plan;
  };
  const requireWriter = async (request: FastifyRequest, reply: FastifyReply) => {
    const check = checkAdmin(adminToken, request.headers.authorization);
    if (!check.ok) {
      if (check.challenge) reply.header('WWW-Authenticate', 'Bearer');
      return reply.code(check.status).send({ statusCode: check.status, error: check.error });
    }
  };

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/api/plans',
    { schema: { tags: ['plan'], summary: 'Plans this caller may see' } },
    async (request) => {
      const operator = isOperator(request);
      const rows = (await plans.plans()).filter((p) => operator || p.is_public);
      return {
        plans: rows.map((p) => ({
          id: p.id,
          organisation_id: p.organisation_id,
          municipality_id: p.municipality_id,
          title: p.title,
          version: p.version,
          lineage: p.lineage,
          status: p.status,
          public: p.is_public === 1,
          periods: { kind: p.period_kind, from: p.period_from, to: p.period_to },
          adopted_at: p.adopted_at,
        })),
      };
    },
  );

  app.get<{ Params: Static<typeof PlanParams> }>(
    '/api/plans/:id',
    {
      schema: {
        tags: ['plan'],
        summary: 'A plan with its tree of nodes, indicators and actions',
        params: PlanParams,
      },
    },
    async (request) => {
      await visiblePlan(request, request.params.id);
      return planTree(plans, Number(request.params.id));
    },
  );

  app.get<{ Params: Static<typeof PlanParams>; Querystring: Static<typeof FollowupQuery> }>(
    '/api/plans/:id/followup',
    {
      schema: {
        tags: ['plan'],
        summary:
          'The follow-up of one period: per indicator values by period and gender, Riket and comparison values, trend {method, slope or change, direction}, target attainment; per node the verdict; per action the status. format=iati gives the IATI-like results shape.',
        params: PlanParams,
        querystring: FollowupQuery,
      },
    },
    async (request) => {
      await visiblePlan(request, request.params.id);
      const f = await followups.followup(Number(request.params.id), request.query.period, {
        approvedOnly: !isOperator(request),
      });
      return request.query.format === 'iati' ? followupExport(f) : f;
    },
  );

  app.post<{ Params: Static<typeof PlanParams>; Body: Static<typeof FollowupBody> }>(
    '/api/plans/:id/followup',
    {
      preHandler: requireWriter,
      schema: {
        tags: ['plan'],
        summary: 'Record a follow-up entry (verdict, comment, status, trend override with reason)',
        params: PlanParams,
        body: FollowupBody,
      },
    },
    async (request) => {
      const b = request.body;
      return recordFollowup(
        plans,
        Number(request.params.id),
        {
          kind: b.kind,
          itemId: b.item_id,
          period: b.period,
          verdict: b.verdict,
          comment: b.comment,
          actionStatus: b.action_status,
          progress: b.progress,
          trendOverride: b.trend_override,
          overrideReason: b.override_reason,
        },
        'operator',
      );
    },
  );

  app.post<{ Params: Static<typeof PlanParams>; Body: Static<typeof StateBody> }>(
    '/api/plans/:id/followup/state',
    {
      preHandler: requireWriter,
      schema: {
        tags: ['plan'],
        summary: 'Mark an entry ready (klarmarkerad) or approve it',
        params: PlanParams,
        body: StateBody,
      },
    },
    async (request) => {
      const b = request.body;
      return advanceFollowup(plans, Number(request.params.id), b.kind, b.item_id, b.period, b.to, 'operator');
    },
  );

  app.post<{ Params: Static<typeof PlanParams>; Body: Static<typeof ValuesBody> }>(
    '/api/indicators/:id/values',
    {
      preHandler: requireWriter,
      schema: {
        tags: ['plan'],
        summary: 'Push values of an own measure (not Kolada-bound)',
        params: PlanParams,
        body: ValuesBody,
      },
    },
    async (request, reply) => {
      const id = Number(request.params.id);
      if (!(await plans.indicator(id)))
        return reply.code(404).send({ statusCode: 404, error: 'no such indicator' });
      const written = await setOwnValues(plans, id, request.body.values, 'operator');
      return { written };
    },
  );
}
