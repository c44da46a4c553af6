/**
 * The Plan API under /api: plans, a plan's tree, its follow-up for a period (also in the IATI-like
 * export shape), and writes (follow-up entries, state changes, own measures' values). Transport only.
 *
 * Every route goes through the accounts module's authorisation seam (`config.permission`); each
 * handler then checks the plan's organisation with `authorise`, so another organisation's plan
 * answers 404 exactly like one that does not exist. Every write is recorded in the audit log.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, authorise, can, NotFoundError, organisationsWith } from '../../../accounts/actor.js';
import type { Permission } from '../../../accounts/roles.js';
import type { ComparisonService } from '../../../domain/comparison/comparison.service.js';
import { FollowupError, FollowupService } from '../../../domain/plan/followup.service.js';
import {
  advanceFollowup,
  FollowupInputError,
  recordFollowup,
  TREND_OVERRIDES,
} from '../../../domain/plan/followup-entries.js';
import { followupExport } from '../../../domain/plan/followup-export.js';
import { OwnValueError, setOwnValues } from '../../../domain/plan/own-values.js';
import { PlanNotFoundError, planSummary, planTree } from '../../../domain/plan/plan.service.js';
import { ACTION_STATUSES } from '../../../domain/plan/plan-document.js';
import { assertInScope, OutsideScopeError } from '../../../domain/plan/report-scope.js';
import type { Store } from '../../../store/database.js';
import type { PlanRow } from '../../../store/repositories/plan.repository.js';
import { errorBody, ownErrorHandler } from '../../errors.js';

export interface PlanApiOptions {
  store: Store;
  /** The app's one comparison service. */
  comparison: ComparisonService;
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

/** The Plan domain's errors in the one JSON error shape (http/errors.ts), with their reason codes. */
function planErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const send = (status: number, message: string, code: string, extra: Record<string, unknown> = {}) =>
    reply
      .code(status)
      .send({ ...errorBody(status, message, code, extra.parameter as string | undefined), ...extra });
  const e: unknown = error;
  if (e instanceof PlanNotFoundError || e instanceof NotFoundError)
    return send(404, 'no such plan', 'notFound');
  if (e instanceof FollowupError) return send(400, e.message, 'invalidPeriod', { parameter: 'period' });
  if (e instanceof OutsideScopeError) return send(403, e.message, 'outsideScope');
  if (e instanceof FollowupInputError) return send(400, e.message, 'invalidFollowup', { field: e.field });
  if (e instanceof OwnValueError) return send(400, e.message, 'invalidValues', { problems: e.problems });
  return ownErrorHandler(error, request, reply);
}

export async function planApi(app: FastifyInstance, { store, comparison }: PlanApiOptions): Promise<void> {
  app.setErrorHandler(planErrors);
  const plans = store.repositories.plans;
  const followups = new FollowupService(plans, comparison);
  const actorOf = (request: FastifyRequest): Actor => request.actor as Actor;
  /** The plan if the actor holds the permission in its organisation; otherwise 404. */
  const planFor = async (
    request: FastifyRequest,
    id: number | string,
    permission: Permission,
  ): Promise<PlanRow> =>
    authorise(actorOf(request), permission, await plans.plan(Number(id)), 'no such plan');
  const audited = async <T>(
    request: FastifyRequest,
    plan: PlanRow,
    action: string,
    detail: object,
    work: () => Promise<T>,
  ) => {
    const result = await work();
    await app.audit.record({
      actor: actorOf(request),
      action,
      organisationId: plan.organisation_id,
      target: { type: 'plan', id: String(plan.id) },
      ip: request.ip,
      detail: { ...detail, result },
    });
    return result;
  };

  app.get(
    '/api/plans',
    {
      config: { permission: 'plan.read' },
      schema: { tags: ['plan'], summary: "Plans of the caller's organisations" },
    },
    async (request) => {
      const rows = await plans.plans(organisationsWith(actorOf(request), 'plan.read'));
      return {
        plans: rows.map((p) => ({
          ...planSummary(p),
          periods: { kind: p.period_kind, from: p.period_from, to: p.period_to },
          adopted_at: p.adopted_at,
        })),
      };
    },
  );

  app.get<{ Params: Static<typeof PlanParams> }>(
    '/api/plans/:id',
    {
      config: { permission: 'plan.read' },
      schema: {
        tags: ['plan'],
        summary: 'A plan with its tree of nodes, indicators and actions',
        params: PlanParams,
      },
    },
    async (request) => {
      await planFor(request, request.params.id, 'plan.read');
      return planTree(plans, Number(request.params.id));
    },
  );

  app.get<{ Params: Static<typeof PlanParams>; Querystring: Static<typeof FollowupQuery> }>(
    '/api/plans/:id/followup',
    {
      config: { permission: 'plan.read' },
      schema: {
        tags: ['plan'],
        summary:
          'The follow-up of one period: per indicator values by period and gender, Riket and comparison values, trend {method, slope or change, direction}, target attainment; per node the verdict; per action the status. format=iati gives the IATI-like results shape.',
        params: PlanParams,
        querystring: FollowupQuery,
      },
    },
    async (request) => {
      await planFor(request, request.params.id, 'plan.read');
      const f = await followups.followup(Number(request.params.id), request.query.period);
      return request.query.format === 'iati' ? followupExport(f) : f;
    },
  );

  app.post<{ Params: Static<typeof PlanParams>; Body: Static<typeof FollowupBody> }>(
    '/api/plans/:id/followup',
    {
      config: { permission: 'plan.follow-up' },
      schema: {
        tags: ['plan'],
        summary: 'Record a follow-up entry (verdict, comment, status, trend override with reason)',
        params: PlanParams,
        body: FollowupBody,
      },
    },
    async (request) => {
      const b = request.body;
      const plan = await planFor(request, request.params.id, 'plan.follow-up');
      // A reporter writes only on the nodes assigned to them (and what lies below).
      await assertInScope(plans, actorOf(request), plan, b.kind, b.item_id);
      return audited(request, plan, 'plan.followup.record', {}, () =>
        recordFollowup(
          plans,
          plan.id,
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
          actorOf(request).label,
        ),
      );
    },
  );

  app.post<{ Params: Static<typeof PlanParams>; Body: Static<typeof StateBody> }>(
    '/api/plans/:id/followup/state',
    {
      config: { permission: 'plan.follow-up' },
      schema: {
        tags: ['plan'],
        summary: 'Mark an entry ready (klarmarkerad) or approve it',
        params: PlanParams,
        body: StateBody,
      },
    },
    async (request) => {
      const b = request.body;
      // A reporter marks their part ready; approving is the strategist's (plan.edit).
      const plan = await planFor(
        request,
        request.params.id,
        b.to === 'approved' ? 'plan.edit' : 'plan.follow-up',
      );
      await assertInScope(plans, actorOf(request), plan, b.kind, b.item_id);
      return audited(request, plan, `plan.followup.${b.to}`, {}, () =>
        advanceFollowup(plans, plan.id, b.kind, b.item_id, b.period, b.to, actorOf(request).label),
      );
    },
  );

  app.post<{ Params: Static<typeof PlanParams>; Body: Static<typeof ValuesBody> }>(
    '/api/indicators/:id/values',
    {
      config: { permission: 'plan.follow-up' },
      schema: {
        tags: ['plan'],
        summary: 'Push values of an own measure (not Kolada-bound)',
        params: PlanParams,
        body: ValuesBody,
      },
    },
    async (request, reply) => {
      const id = Number(request.params.id);
      const indicator = await plans.indicator(id);
      const plan = indicator && (await plans.plan(indicator.plan_id));
      if (!plan || !can(actorOf(request), 'plan.follow-up', plan.organisation_id))
        return reply.code(404).send({ statusCode: 404, error: 'no such indicator' });
      await assertInScope(plans, actorOf(request), plan, 'indicator', id);
      const written = await audited(request, plan, 'plan.values.push', { indicator: id }, () =>
        setOwnValues(plans, id, request.body.values, actorOf(request).label),
      );
      return { written };
    },
  );
}
