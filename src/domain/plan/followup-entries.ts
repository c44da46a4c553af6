/**
 * Writing a follow-up round: a reporter records a node's verdict, an indicator's comment (and, with
 * a reason, an override of the computed trend), an action's status and progress; marks the part
 * ready (klarmarkerad); a strategist approves it. Every write keeps who, when, before and after.
 * Changing a ready or approved entry sends it back to draft: what was approved is what was read.
 */
import type { ActionStatus, FollowupItemKind } from '../../store/plan-schema.js';
import type { FollowupRow, PlanRepository } from '../../store/repositories/plan.repository.js';
import { parsePeriod } from './periods.js';
import { PlanNotFoundError } from './plan.service.js';
import { ACTION_STATUSES } from './plan-document.js';

export const TREND_OVERRIDES = ['better', 'worse', 'unchanged'] as const;

export interface FollowupInput {
  kind: FollowupItemKind;
  itemId: number;
  period: string;
  verdict?: string | null;
  comment?: string | null;
  actionStatus?: ActionStatus | null;
  progress?: number | null;
  trendOverride?: (typeof TREND_OVERRIDES)[number] | null;
  overrideReason?: string | null;
}

/** A follow-up write that is not allowed or not valid; `field` names what was wrong. */
export class FollowupInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FollowupInputError';
  }
}

async function checkItem(
  repo: PlanRepository,
  planId: number,
  kind: FollowupItemKind,
  itemId: number,
  period: string,
) {
  const contents = await repo.contents(planId);
  if (!contents) throw new PlanNotFoundError(planId);
  const { plan } = contents;
  const info = parsePeriod(plan.period_kind, period);
  if (!info || info.year < plan.period_from || info.year > plan.period_to)
    throw new FollowupInputError(
      `period "${period}" is not one of the plan's (${plan.period_kind}, ${plan.period_from}–${plan.period_to})`,
      'period',
    );
  const items =
    kind === 'node' ? contents.nodes : kind === 'indicator' ? contents.indicators : contents.actions;
  if (!items.some((i) => i.id === itemId))
    throw new FollowupInputError(`plan ${planId} has no ${kind} ${itemId}`, 'item');
  return contents;
}

export async function recordFollowup(
  repo: PlanRepository,
  planId: number,
  input: FollowupInput,
  by: string,
  now = new Date(),
): Promise<FollowupRow> {
  return repo.transaction(async (trx) => {
    const contents = await checkItem(trx, planId, input.kind, input.itemId, input.period);
    if (input.verdict != null) {
      if (input.kind !== 'node') throw new FollowupInputError('only nodes get a verdict', 'verdict');
      if (!contents.levels.some((l) => l.key === input.verdict))
        throw new FollowupInputError(
          `verdict "${input.verdict}" is not on the plan's scale (${contents.levels.map((l) => l.key).join(', ')})`,
          'verdict',
        );
    }
    if (input.actionStatus != null) {
      if (input.kind !== 'action')
        throw new FollowupInputError('only actions have a status', 'action_status');
      if (!ACTION_STATUSES.includes(input.actionStatus))
        throw new FollowupInputError(
          `status "${input.actionStatus}" is not one of ${ACTION_STATUSES.join(', ')}`,
          'action_status',
        );
    }
    if (
      input.progress != null &&
      (!Number.isInteger(input.progress) || input.progress < 0 || input.progress > 100)
    )
      throw new FollowupInputError('progress must be a whole number 0–100', 'progress');
    if (input.trendOverride != null) {
      if (input.kind !== 'indicator')
        throw new FollowupInputError('only indicators have a trend', 'trend_override');
      if (!TREND_OVERRIDES.includes(input.trendOverride))
        throw new FollowupInputError(
          `trend_override must be one of ${TREND_OVERRIDES.join(', ')}`,
          'trend_override',
        );
      if (!input.overrideReason?.trim())
        throw new FollowupInputError('overriding the computed trend needs a reason', 'override_reason');
    }
    const before = await trx.followup(planId, input.kind, input.itemId, input.period);
    const at = now.toISOString();
    const pick = <K extends keyof FollowupInput>(
      key: K,
      current: FollowupRow[keyof FollowupRow] | undefined,
    ) => (input[key] === undefined ? (current ?? null) : input[key]);
    const override = pick('trendOverride', before?.trend_override) as string | null;
    const row: FollowupRow = {
      plan_id: planId,
      item_kind: input.kind,
      item_id: input.itemId,
      period: input.period,
      verdict: pick('verdict', before?.verdict) as string | null,
      action_status: pick('actionStatus', before?.action_status) as ActionStatus | null,
      progress: pick('progress', before?.progress) as number | null,
      trend_override: override,
      override_reason: override ? (pick('overrideReason', before?.override_reason) as string | null) : null,
      comment: pick('comment', before?.comment) as string | null,
      state: 'draft',
      updated_by: by,
      updated_at: at,
      ready_by: null,
      ready_at: null,
      approved_by: null,
      approved_at: null,
    };
    await trx.saveFollowup(row, before);
    return row;
  });
}

/** draft → ready (klarmarkerad) by the reporter; ready → approved by a strategist. */
export async function advanceFollowup(
  repo: PlanRepository,
  planId: number,
  kind: FollowupItemKind,
  itemId: number,
  period: string,
  to: 'ready' | 'approved',
  by: string,
  now = new Date(),
): Promise<FollowupRow> {
  return repo.transaction(async (trx) => {
    await checkItem(trx, planId, kind, itemId, period);
    const before = await trx.followup(planId, kind, itemId, period);
    if (!before)
      throw new FollowupInputError(`nothing recorded for ${kind} ${itemId} in ${period} yet`, 'state');
    const from = to === 'ready' ? 'draft' : 'ready';
    if (before.state !== from)
      throw new FollowupInputError(
        `the entry is ${before.state}; only a ${from} entry can become ${to}`,
        'state',
      );
    const at = now.toISOString();
    const row: FollowupRow = {
      ...before,
      state: to,
      updated_by: by,
      updated_at: at,
      ...(to === 'ready' ? { ready_by: by, ready_at: at } : { approved_by: by, approved_at: at }),
    };
    await trx.saveFollowup(row, before);
    return row;
  });
}
