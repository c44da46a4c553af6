/**
 * What the Plan pages show, built once per request from the domain: the plan, its tree with the
 * follow-up of the chosen period (verdicts, trends, action status, summary lines), the periods with
 * their deadlines, and what the actor may do on it. The public site builds the same view with only
 * approved entries and no actor.
 */
import { type Actor, can } from '../../../accounts/actor.js';
import type { ComparisonService } from '../../../domain/comparison/comparison.service.js';
import {
  FollowupService,
  type IndicatorFollowup,
  type NodeFollowup,
  type PlanFollowup,
} from '../../../domain/plan/followup.service.js';
import { type PeriodEntry, planPeriods } from '../../../domain/plan/plan.service.js';
import { type ReportScope, reportScope } from '../../../domain/plan/report-scope.js';
import { InputError } from '../../../errors/input-error.js';
import type { PlanContents, PlanRepository, PlanRow } from '../../../store/repositories/plan.repository.js';

export interface PlanView {
  plan: PlanRow;
  contents: PlanContents;
  periods: PeriodEntry[];
  period: string;
  followup: PlanFollowup;
  /** Signed-in views only. */
  access: { edit: boolean; report: boolean; scope: ReportScope } | null;
  /** Today (ISO date), for what is due. */
  today: string;
  /** The plan's kommun by name (from the KPI store), when known. */
  municipalityName: string | null;
}

/** The round to show by default: the latest period that has ended, else the first. */
export function defaultPeriod(periods: readonly PeriodEntry[], today: string): string {
  const ended = periods.filter((p) => p.end < today);
  return (ended.at(-1) ?? periods[0])?.label ?? '';
}

export async function buildPlanView(
  repo: PlanRepository,
  comparison: ComparisonService,
  plan: PlanRow,
  options: { period?: string; actor?: Actor; approvedOnly?: boolean; now?: Date },
): Promise<PlanView> {
  const contents = (await repo.contents(plan.id))!;
  const periods = planPeriods(plan);
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const period = options.period ?? defaultPeriod(periods, today);
  if (!periods.some((p) => p.label === period))
    throw new InputError('invalidPeriod', {
      parameter: 'period',
      values: { value: period, periods: periods.map((p) => p.label).join(', ') },
    });
  const followup = await new FollowupService(repo, comparison).followup(plan.id, period, {
    approvedOnly: options.approvedOnly ?? false,
  });
  const actor = options.actor;
  const catalog = await comparison.catalog();
  return {
    municipalityName: catalog.municipalities.find((m) => m.id === plan.municipality_id)?.title ?? null,
    plan,
    contents,
    periods,
    period,
    followup,
    access: actor
      ? {
          edit: can(actor, 'plan.edit', plan.organisation_id),
          report: can(actor, 'plan.follow-up', plan.organisation_id),
          scope: await reportScope(repo, actor, plan, contents),
        }
      : null,
    today,
  };
}

export interface TreeItem {
  node: NodeFollowup;
  indicators: IndicatorFollowup[];
  actions: PlanFollowup['actions'];
  children: TreeItem[];
}

/** The follow-up's flat node list as a tree (nodes come parent first). */
export function followupTree(f: PlanFollowup): TreeItem[] {
  const items = new Map<number, TreeItem>();
  const roots: TreeItem[] = [];
  for (const node of f.nodes) {
    const item: TreeItem = {
      node,
      indicators: f.indicators.filter((i) => i.node_id === node.id),
      actions: f.actions.filter((a) => a.node_id === node.id),
      children: [],
    };
    items.set(node.id, item);
    const parent = node.parent_id === null ? undefined : items.get(node.parent_id);
    if (parent) parent.children.push(item);
    else roots.push(item);
  }
  return roots;
}

/** A node and everything below it, flattened (for a goal page's indicators). */
export function subtree(item: TreeItem): TreeItem[] {
  return [item, ...item.children.flatMap(subtree)];
}
