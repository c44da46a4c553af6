/**
 * Editing a plan's structure from the editor pages: nodes (add, change, move up/down, delete),
 * indicators bound to a Kolada KPI or own measures, actions, which reporters report on which node,
 * and whether the plan is published. Structure changes only on a draft (an adopted plan changes
 * through a new version); reporters and publishing may change on any version. Each function checks
 * its input whole and writes in one transaction; a problem is a PlanEditError naming the field.
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../../errors/user-error.js';
import type { ActionStatus, TrendMethod } from '../../store/plan-schema.js';
import type { PlanContents, PlanRepository, PlanRow } from '../../store/repositories/plan.repository.js';
import type { Direction, Gender } from '../../store/schema.js';
import { parsePeriod } from './periods.js';
import { assertEditable, PlanNotFoundError } from './plan.service.js';
import {
  ACTION_STATUSES,
  COMPARISONS,
  type Comparison,
  DIRECTIONS,
  GENDERS,
  TREND_METHODS,
} from './plan-document.js';

/** Why an edit was refused: `reason` is a catalog key suffix (`plan.editError.<reason>`). */
export type EditReason =
  | 'titleRequired'
  | 'titleTooLong'
  | 'noSuchNode'
  | 'noSuchItem'
  | 'unknownKpi'
  | 'badDirection'
  | 'badGender'
  | 'badTrendMethod'
  | 'badComparison'
  | 'badStatus'
  | 'badTargets'
  | 'badBaseline'
  | 'notDraft'
  | 'notAMember';

export class PlanEditError extends UserError {
  override name = 'PlanEditError';
  constructor(
    readonly reason: EditReason,
    readonly field: string,
    readonly values: Record<string, string> = {},
  ) {
    super(`${field}: ${reason}`);
  }
}

const MAX_TEXT = 500;

function title(text: string | undefined, field = 'title'): string {
  const t = (text ?? '').trim();
  if (!t) throw new PlanEditError('titleRequired', field);
  if (t.length > MAX_TEXT) throw new PlanEditError('titleTooLong', field);
  return t;
}

const optional = (text: string | undefined): string | null => {
  const t = (text ?? '').trim();
  return t ? t.slice(0, 4000) : null;
};

async function editable(repo: PlanRepository, planId: number): Promise<PlanContents> {
  const contents = await repo.contents(planId);
  if (!contents) throw new PlanNotFoundError(planId);
  try {
    assertEditable(contents.plan);
  } catch {
    throw new PlanEditError('notDraft', 'plan');
  }
  return contents;
}

function nodeOf(contents: PlanContents, nodeId: number) {
  const node = contents.nodes.find((n) => n.id === nodeId);
  if (!node) throw new PlanEditError('noSuchNode', 'node');
  return node;
}

/**
 * Gives nodes positions in depth-first order (a parent before its children, siblings in their
 * order), which the follow-up and the tree rely on. Indicators and actions keep their own order.
 */
async function renumber(repo: PlanRepository, planId: number): Promise<void> {
  const contents = (await repo.contents(planId))!;
  const children = new Map<number | null, PlanContents['nodes']>();
  for (const n of contents.nodes) {
    const list = children.get(n.parent_id) ?? [];
    list.push(n);
    children.set(n.parent_id, list);
  }
  let position = 0;
  const walk = async (parent: number | null): Promise<void> => {
    for (const n of children.get(parent) ?? []) {
      const p = position++;
      if (n.position !== p) await repo.setPosition('plan_node', n.id, p);
      await walk(n.id);
    }
  };
  await walk(null);
}

export interface NodeInput {
  parentId?: number | null;
  code?: string;
  type?: string;
  title?: string;
  description?: string;
  responsible?: string;
}

export async function addNode(repo: PlanRepository, planId: number, input: NodeInput): Promise<number> {
  return repo.transaction(async (trx) => {
    const contents = await editable(trx, planId);
    const parent = input.parentId ? nodeOf(contents, input.parentId) : null;
    const depth = parent ? depthOf(contents, parent.id) + 1 : 0;
    const id = await trx.insertNode({
      plan_id: planId,
      parent_id: parent?.id ?? null,
      lineage: randomUUID(),
      position: contents.nodes.reduce((m, n) => Math.max(m, n.position), 0) + 1,
      code: optional(input.code),
      type: optional(input.type) ?? (depth === 0 ? 'malomrade' : depth === 1 ? 'mal' : 'delmal'),
      title: title(input.title),
      description: optional(input.description),
      responsible: optional(input.responsible),
    });
    await renumber(trx, planId);
    return id;
  });
}

export async function updateNode(
  repo: PlanRepository,
  planId: number,
  nodeId: number,
  input: NodeInput,
): Promise<void> {
  await repo.transaction(async (trx) => {
    const contents = await editable(trx, planId);
    const node = nodeOf(contents, nodeId);
    await trx.updateNode(nodeId, {
      code: optional(input.code),
      type: optional(input.type) ?? node.type,
      title: title(input.title),
      description: optional(input.description),
      responsible: optional(input.responsible),
    });
  });
}

/** Moves a node, indicator or action one place up or down among its siblings. */
export async function moveItem(
  repo: PlanRepository,
  planId: number,
  kind: 'node' | 'indicator' | 'action',
  id: number,
  direction: 'up' | 'down',
): Promise<void> {
  await repo.transaction(async (trx) => {
    const contents = await editable(trx, planId);
    const all =
      kind === 'node'
        ? contents.nodes.map((n) => ({ id: n.id, group: n.parent_id, position: n.position }))
        : (kind === 'indicator' ? contents.indicators : contents.actions).map((i) => ({
            id: i.id,
            group: i.node_id as number | null,
            position: i.position,
          }));
    const item = all.find((i) => i.id === id);
    if (!item) throw new PlanEditError(kind === 'node' ? 'noSuchNode' : 'noSuchItem', kind);
    const siblings = all.filter((i) => i.group === item.group).sort((a, b) => a.position - b.position);
    const at = siblings.findIndex((s) => s.id === id);
    const other = siblings[direction === 'up' ? at - 1 : at + 1];
    if (!other) return;
    const table = kind === 'node' ? 'plan_node' : kind === 'indicator' ? 'plan_indicator' : 'plan_action';
    await trx.setPosition(table, item.id, other.position);
    await trx.setPosition(table, other.id, item.position);
    if (kind === 'node') await renumber(trx, planId);
  });
}

export async function deleteNode(repo: PlanRepository, planId: number, nodeId: number): Promise<void> {
  await repo.transaction(async (trx) => {
    const contents = await editable(trx, planId);
    nodeOf(contents, nodeId);
    await trx.deleteNode(planId, nodeId);
    await renumber(trx, planId);
  });
}

export interface IndicatorInput {
  nodeId: number;
  code?: string;
  title?: string;
  unit?: string;
  direction?: string;
  /** A Kolada KPI id (N00973); empty for an own measure. */
  kpi?: string;
  municipality?: string;
  gender?: string;
  trendMethod?: string;
  compareWith?: string;
  baselinePeriod?: string;
  /** "2022=50; 2024=60" (period=value pairs, separated by ; or new lines). */
  targets?: string;
}

/** Parses "2022=50; 2024=60,5" into targets of the plan's periods. */
export function parseTargets(plan: PlanRow, text: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (text ?? '').split(/[;\n]/)) {
    const p = part.trim();
    if (!p) continue;
    const m = /^(\S+)\s*[=:]\s*(-?\d+(?:[.,]\d+)?)$/.exec(p);
    if (!m || !parsePeriod(plan.period_kind, m[1]!))
      throw new PlanEditError('badTargets', 'targets', { part: p });
    out[m[1]!] = Number(m[2]!.replace(',', '.'));
  }
  return out;
}

export async function addIndicator(
  repo: PlanRepository,
  planId: number,
  input: IndicatorInput,
): Promise<number> {
  return repo.transaction(async (trx) => {
    const contents = await editable(trx, planId);
    nodeOf(contents, input.nodeId);
    const kpi = optional(input.kpi)?.toUpperCase() ?? null;
    if (kpi && !(await trx.knownKpis([kpi])).has(kpi)) throw new PlanEditError('unknownKpi', 'kpi', { kpi });
    const direction = (optional(input.direction) ?? 'higher') as Direction;
    if (!DIRECTIONS.includes(direction)) throw new PlanEditError('badDirection', 'direction');
    const gender = (optional(input.gender) ?? 'T') as Gender;
    if (!GENDERS.includes(gender)) throw new PlanEditError('badGender', 'gender');
    const method = (optional(input.trendMethod) ?? 'regression') as TrendMethod;
    if (!TREND_METHODS.includes(method)) throw new PlanEditError('badTrendMethod', 'trend_method');
    const compare = optional(input.compareWith) as Comparison | null;
    if (compare && (compare === 'grupp' || !COMPARISONS.includes(compare)))
      throw new PlanEditError('badComparison', 'compare_with');
    const baseline = optional(input.baselinePeriod);
    if (baseline && !parsePeriod(contents.plan.period_kind, baseline))
      throw new PlanEditError('badBaseline', 'baseline');
    const targets = parseTargets(contents.plan, input.targets);
    const id = await trx.insertIndicator({
      plan_id: planId,
      node_id: input.nodeId,
      lineage: randomUUID(),
      position: contents.indicators.reduce((m, i) => Math.max(m, i.position), 0) + 1,
      code: optional(input.code),
      title: title(input.title),
      direction,
      unit: optional(input.unit),
      kpi_id: kpi,
      municipality_id: kpi ? (optional(input.municipality) ?? contents.plan.municipality_id) : null,
      gender: kpi ? gender : null,
      baseline_period: baseline,
      baseline_value: null,
      trend_method: method,
      trend_from: null,
      compare_with: kpi ? compare : null,
      compare_group: null,
      published: null,
    });
    await trx.insertTargets(
      Object.entries(targets).map(([period, value]) => ({ indicator_id: id, period, value })),
    );
    return id;
  });
}

export interface ActionInput {
  nodeId: number;
  code?: string;
  title?: string;
  responsible?: string;
  start?: string;
  due?: string;
  status?: string;
}

const isoDate = (text: string | undefined, field: string): string | null => {
  const t = optional(text);
  if (t && !/^\d{4}-\d{2}-\d{2}$/.test(t)) throw new PlanEditError('badBaseline', field);
  return t;
};

export async function addAction(repo: PlanRepository, planId: number, input: ActionInput): Promise<number> {
  return repo.transaction(async (trx) => {
    const contents = await editable(trx, planId);
    nodeOf(contents, input.nodeId);
    const status = (optional(input.status) ?? 'ej_paborjad') as ActionStatus;
    if (!ACTION_STATUSES.includes(status)) throw new PlanEditError('badStatus', 'status');
    return trx.insertAction({
      plan_id: planId,
      node_id: input.nodeId,
      lineage: randomUUID(),
      position: contents.actions.reduce((m, a) => Math.max(m, a.position), 0) + 1,
      code: optional(input.code),
      title: title(input.title),
      responsible: optional(input.responsible),
      start: isoDate(input.start, 'start'),
      due: isoDate(input.due, 'due'),
      status,
      progress: null,
      origin: null,
    });
  });
}

export async function deleteItem(
  repo: PlanRepository,
  planId: number,
  kind: 'indicator' | 'action',
  id: number,
): Promise<void> {
  await repo.transaction(async (trx) => {
    const contents = await editable(trx, planId);
    const items = kind === 'indicator' ? contents.indicators : contents.actions;
    if (!items.some((i) => i.id === id)) throw new PlanEditError('noSuchItem', kind);
    await trx.deleteItem(kind === 'indicator' ? 'plan_indicator' : 'plan_action', planId, id);
  });
}

/** Assigns a member of the plan's organisation to report on a node (any plan status). */
export async function assignReporter(
  repo: PlanRepository,
  planId: number,
  nodeId: number,
  userId: string,
  by: string,
  now = new Date(),
): Promise<void> {
  await repo.transaction(async (trx) => {
    const contents = await trx.contents(planId);
    if (!contents) throw new PlanNotFoundError(planId);
    nodeOf(contents, nodeId);
    const members = await trx.organisationMembers(contents.plan.organisation_id);
    if (!members.some((m) => m.id === userId)) throw new PlanEditError('notAMember', 'user');
    await trx.assignReporter({
      plan_id: planId,
      node_id: nodeId,
      user_id: userId,
      assigned_by: by,
      assigned_at: now.toISOString(),
    });
  });
}

export function depthOf(contents: PlanContents, nodeId: number): number {
  let depth = 0;
  let node = contents.nodes.find((n) => n.id === nodeId);
  while (node?.parent_id != null) {
    depth++;
    const parent: number = node.parent_id;
    node = contents.nodes.find((n) => n.id === parent);
  }
  return depth;
}
