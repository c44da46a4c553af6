/**
 * The POST side of the Plan pages: plain HTML forms (no JavaScript needed), each answered by a
 * redirect back to its page (POST/redirect/GET) with `klart=` (what was done) or `fel=` (why not).
 * CSRF is checked by the authorisation seam for every POST; each route declares its permission, the
 * handler checks the plan's organisation (another organisation's plan: 404) and, for follow-up, that
 * the item is within the reporter's part. Every write is recorded in the audit log.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, can } from '../../../accounts/actor.js';
import {
  advanceFollowup,
  FollowupInputError,
  recordFollowup,
  TREND_OVERRIDES,
} from '../../../domain/plan/followup-entries.js';
import {
  addAction,
  addIndicator,
  addNode,
  assignReporter,
  deleteItem,
  deleteNode,
  moveItem,
  PlanEditError,
  updateNode,
} from '../../../domain/plan/plan-editing.js';
import { assertInScope, OutsideScopeError } from '../../../domain/plan/report-scope.js';
import type { ActionStatus, FollowupItemKind } from '../../../store/plan-schema.js';
import type { PlanRepository, PlanRow } from '../../../store/repositories/plan.repository.js';

type Form = Record<string, string | undefined>;
type PlanFor = (
  request: FastifyRequest,
  id: string,
  permission: 'plan.read' | 'plan.follow-up' | 'plan.edit',
) => Promise<PlanRow | null>;

const KINDS: readonly FollowupItemKind[] = ['node', 'indicator', 'action'];
const int = (text: string | undefined) => (text && /^\d{1,9}$/.test(text) ? Number(text) : 0);
/** An empty field clears nothing: it leaves the stored value (undefined), except where said. */
const text = (v: string | undefined) => (v === undefined ? undefined : v.trim() === '' ? null : v.trim());

export function registerPlanForms(
  app: FastifyInstance,
  { repo, planFor }: { repo: PlanRepository; planFor: PlanFor },
): void {
  const actorOf = (request: FastifyRequest) => request.actor as Actor;
  const lang = (form: Form) => (form.lang && /^[a-z]{2,3}$/.test(form.lang) ? form.lang : undefined);

  function back(reply: FastifyReply, path: string, form: Form, outcome: Record<string, string>, anchor = '') {
    const q = new URLSearchParams();
    if (form.period) q.set('period', form.period);
    const l = lang(form);
    if (l) q.set('lang', l);
    for (const [k, v] of Object.entries(outcome)) q.set(k, v);
    return reply.redirect(`${path}?${q}${anchor}`, 303);
  }

  const audit = (request: FastifyRequest, plan: PlanRow, action: string, detail: Record<string, unknown>) =>
    app.audit.record({
      actor: actorOf(request),
      action,
      organisationId: plan.organisation_id,
      target: { type: 'plan', id: String(plan.id) },
      ip: request.ip,
      detail,
    });

  app.post<{ Params: { id: string }; Body: Form }>(
    '/plan/:id/rapportera',
    { config: { permission: 'plan.follow-up' } },
    async (request, reply) => {
      const form = request.body ?? {};
      const plan = await planFor(request, request.params.id, 'plan.follow-up');
      if (!plan) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      const path = `/plan/${plan.id}/rapportera`;
      const kind = form.kind as FollowupItemKind;
      const itemId = int(form.item);
      const period = form.period ?? '';
      const op = form.op;
      const anchor = `#${kind}-${itemId}`;
      if (!KINDS.includes(kind) || !itemId || !['save', 'ready', 'approve'].includes(op ?? ''))
        return back(reply, path, form, { fel: 'item' });
      const actor = actorOf(request);
      try {
        await assertInScope(repo, actor, plan, kind, itemId);
        if (op === 'approve') {
          if (!can(actor, 'plan.edit', plan.organisation_id))
            return back(reply, path, form, { fel: 'approve' });
          const row = await advanceFollowup(repo, plan.id, kind, itemId, period, 'approved', actor.label);
          await audit(request, plan, 'plan.followup.approved', {
            kind,
            item_id: itemId,
            period,
            result: row,
          });
          return back(reply, path, form, { klart: 'approved' }, anchor);
        }
        const override = text(form.trend_override);
        const status = text(form.action_status);
        const progress = text(form.progress);
        const row = await recordFollowup(
          repo,
          plan.id,
          {
            kind,
            itemId,
            period,
            verdict: kind === 'node' ? text(form.verdict) : undefined,
            comment: text(form.comment) ?? null,
            actionStatus: kind === 'action' ? (status as ActionStatus | null | undefined) : undefined,
            progress:
              kind === 'action' && progress !== undefined
                ? progress === null
                  ? null
                  : /^\d{1,3}$/.test(progress)
                    ? Number(progress)
                    : -1
                : undefined,
            trendOverride:
              kind === 'indicator'
                ? override && (TREND_OVERRIDES as readonly string[]).includes(override)
                  ? (override as (typeof TREND_OVERRIDES)[number])
                  : override
                    ? ('bad' as never)
                    : null
                : undefined,
            overrideReason: kind === 'indicator' ? text(form.override_reason) : undefined,
          },
          actor.label,
        );
        await audit(request, plan, 'plan.followup.record', { kind, item_id: itemId, period, result: row });
        if (op === 'ready') {
          const ready = await advanceFollowup(repo, plan.id, kind, itemId, period, 'ready', actor.label);
          await audit(request, plan, 'plan.followup.ready', { kind, item_id: itemId, period, result: ready });
          return back(reply, path, form, { klart: 'ready' }, anchor);
        }
        return back(reply, path, form, { klart: 'saved' }, anchor);
      } catch (error) {
        if (error instanceof OutsideScopeError) return back(reply, path, form, { fel: 'outside' });
        if (error instanceof FollowupInputError)
          return back(reply, path, form, { fel: error.field ?? 'item' }, anchor);
        throw error;
      }
    },
  );

  app.post<{ Params: { id: string }; Body: Form }>(
    '/plan/:id/redigera',
    { config: { permission: 'plan.edit' } },
    async (request, reply) => {
      const form = request.body ?? {};
      const plan = await planFor(request, request.params.id, 'plan.edit');
      if (!plan) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      const path = `/plan/${plan.id}/redigera`;
      const actor = actorOf(request);
      const op = form.op ?? '';
      const node = int(form.node);
      const nodeInput = {
        code: form.code,
        type: form.type,
        title: form.title,
        description: form.description,
        responsible: form.responsible,
      };
      try {
        let detail: Record<string, unknown> = {};
        let anchor = node ? `#node-${node}` : '';
        switch (op) {
          case 'add-node': {
            const id = await addNode(repo, plan.id, { ...nodeInput, parentId: int(form.parent) || null });
            detail = { node: id, title: form.title };
            anchor = `#node-${id}`;
            break;
          }
          case 'update-node':
            await updateNode(repo, plan.id, node, nodeInput);
            detail = { node, title: form.title };
            break;
          case 'move-up':
          case 'move-down': {
            const kind = (form.kind ?? 'node') as 'node' | 'indicator' | 'action';
            if (!['node', 'indicator', 'action'].includes(kind))
              return back(reply, path, form, { fel: 'noSuchItem' });
            await moveItem(repo, plan.id, kind, int(form.item) || node, op === 'move-up' ? 'up' : 'down');
            detail = { kind, item: int(form.item) || node, direction: op };
            break;
          }
          case 'delete-node':
            await deleteNode(repo, plan.id, node);
            detail = { node };
            anchor = '';
            break;
          case 'add-indicator': {
            const id = await addIndicator(repo, plan.id, {
              nodeId: node,
              code: form.code,
              title: form.title,
              unit: form.unit,
              direction: form.direction,
              kpi: form.kpi,
              gender: form.gender,
              trendMethod: form.trend_method,
              compareWith: form.compare_with,
              baselinePeriod: form.baseline,
              targets: form.targets,
            });
            detail = { node, indicator: id, kpi: form.kpi || null };
            break;
          }
          case 'delete-indicator':
          case 'delete-action': {
            const kind = op === 'delete-indicator' ? 'indicator' : 'action';
            await deleteItem(repo, plan.id, kind, int(form.item));
            detail = { [kind]: int(form.item) };
            break;
          }
          case 'add-action': {
            const id = await addAction(repo, plan.id, {
              nodeId: node,
              code: form.code,
              title: form.title,
              responsible: form.responsible,
              start: form.start,
              due: form.due,
              status: form.status,
            });
            detail = { node, action: id };
            break;
          }
          case 'assign':
            await assignReporter(repo, plan.id, node, form.user ?? '', actor.label);
            detail = { node, user: form.user };
            break;
          case 'unassign':
            if (!(await repo.contents(plan.id))?.nodes.some((n) => n.id === node))
              return back(reply, path, form, { fel: 'noSuchNode' });
            await repo.unassignReporter(node, form.user ?? '');
            detail = { node, user: form.user };
            break;
          case 'publish':
          case 'unpublish':
            await repo.setPublic(plan.id, op === 'publish');
            detail = {};
            anchor = '';
            break;
          default:
            return back(reply, path, form, { fel: 'noSuchItem' });
        }
        await audit(request, plan, `plan.edit.${op}`, detail);
        return back(reply, path, form, { klart: op }, anchor);
      } catch (error) {
        if (error instanceof PlanEditError)
          return back(
            reply,
            path,
            form,
            { fel: error.reason, ...(error.values.kpi ? { varde: error.values.kpi } : {}) },
            node ? `#node-${node}` : '',
          );
        throw error;
      }
    },
  );
}
