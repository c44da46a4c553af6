/**
 * What part of a plan an actor reports on. A strategist (plan.edit in the plan's organisation)
 * reports on the whole plan; a reporter (plan.follow-up only) on the nodes assigned to them and
 * everything below those nodes: their indicators and actions. The follow-up form shows only that
 * part, and every follow-up write (pages and API) is refused outside it.
 */
import { type Actor, can } from '../../accounts/actor.js';
import type { FollowupItemKind } from '../../store/plan-schema.js';
import type { PlanContents, PlanRepository, PlanRow } from '../../store/repositories/plan.repository.js';

export interface ReportScope {
  /** The whole plan (strategists and admins). */
  all: boolean;
  /** Nodes the actor reports on (assigned ones and their descendants); every node when `all`. */
  nodeIds: ReadonlySet<number>;
}

/** A follow-up write on an item outside the actor's part of the plan. */
export class OutsideScopeError extends Error {
  override name = 'OutsideScopeError';
  readonly statusCode = 403;
  constructor(kind: FollowupItemKind, itemId: number) {
    super(`${kind} ${itemId} is not part of what you report on (ask a strategist to assign it to you)`);
  }
}

export async function reportScope(
  repo: PlanRepository,
  actor: Actor,
  plan: PlanRow,
  contents: PlanContents,
): Promise<ReportScope> {
  if (can(actor, 'plan.edit', plan.organisation_id))
    return { all: true, nodeIds: new Set(contents.nodes.map((n) => n.id)) };
  if (!actor.userId || !can(actor, 'plan.follow-up', plan.organisation_id))
    return { all: false, nodeIds: new Set() };
  return { all: false, nodeIds: descendantsOf(contents, await repo.reporterNodes(plan.id, actor.userId)) };
}

/** The given nodes and every node below them. */
export function descendantsOf(contents: PlanContents, roots: readonly number[]): Set<number> {
  const out = new Set(roots);
  // Repeats until nothing is added, so it does not rely on parents coming before their children.
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of contents.nodes) {
      // Stryker disable next-line ConditionalExpression: equivalent — a set of node ids never has null
      if (n.parent_id !== null && out.has(n.parent_id) && !out.has(n.id)) {
        out.add(n.id);
        grew = true;
      }
    }
  }
  return out;
}

/** The node an item hangs on (a node is its own). */
export function nodeOfItem(contents: PlanContents, kind: FollowupItemKind, itemId: number): number | null {
  if (kind === 'node') return contents.nodes.some((n) => n.id === itemId) ? itemId : null;
  const items = kind === 'indicator' ? contents.indicators : contents.actions;
  return items.find((i) => i.id === itemId)?.node_id ?? null;
}

export function inScope(
  scope: ReportScope,
  contents: PlanContents,
  kind: FollowupItemKind,
  itemId: number,
): boolean {
  const node = nodeOfItem(contents, kind, itemId);
  // Stryker disable next-line ConditionalExpression: equivalent — a set of node ids never has null
  return node !== null && scope.nodeIds.has(node);
}

/** Throws OutsideScopeError unless the actor reports on the item. */
export async function assertInScope(
  repo: PlanRepository,
  actor: Actor,
  plan: PlanRow,
  kind: FollowupItemKind,
  itemId: number,
): Promise<void> {
  const contents = await repo.contents(plan.id);
  // Stryker disable next-line ConditionalExpression: not reachable — the caller holds the plan's row, so it has contents
  if (!contents) return;
  const scope = await reportScope(repo, actor, plan, contents);
  // An item the plan does not have is left to the follow-up checks (they name it).
  if (nodeOfItem(contents, kind, itemId) === null) return;
  if (!inScope(scope, contents, kind, itemId)) throw new OutsideScopeError(kind, itemId);
}
