/**
 * Plans in and out of the store: import of the YAML format (checked whole before anything is
 * written, then written in one transaction), export back to the same format, the tree the API and
 * pages show, and versions (an adopted plan changes only through a new version; the old one is kept).
 */

import { randomUUID } from 'node:crypto';
import { UserError } from '../../errors/user-error.js';
import type { PlanContents, PlanRepository, PlanRow } from '../../store/repositories/plan.repository.js';
import type { Gender } from '../../store/schema.js';
import type { LineIssue } from './located-yaml.js';
import {
  DEFAULT_DEADLINE_RULE,
  type DeadlineRule,
  deadlineOf,
  parsePeriod,
  periodsOfPlan,
} from './periods.js';
import {
  type ActionDoc,
  defaultColour,
  defaultIcon,
  type IndicatorDoc,
  isMissingLevel,
  type NodeDoc,
  type PlanDoc,
} from './plan-document.js';
import { readPlanFile, writePlanFile } from './plan-file.js';

/** A plan file that cannot be imported: every problem found, each with its line. */
export class PlanFileError extends UserError {
  constructor(
    readonly file: string,
    readonly issues: LineIssue[],
  ) {
    super(
      `${file} was not imported (nothing written):\n${issues.map((i) => `${file}:${i.line}: ${i.message}`).join('\n')}`,
    );
    this.name = 'PlanFileError';
  }
}

export class PlanNotFoundError extends Error {
  constructor(readonly planId: number) {
    super(`no plan ${planId}`);
    this.name = 'PlanNotFoundError';
  }
}

/** A change the plan's state does not allow (an adopted plan's structure, for example). */
export class PlanStateError extends UserError {
  override name = 'PlanStateError';
}

/** Reads and checks a plan file against the store; the document, or every problem found. */
export async function checkPlanFile(repo: PlanRepository, text: string, file: string): Promise<PlanDoc> {
  const reading = readPlanFile(text);
  const issues = [...reading.issues];
  const kpis = reading.references.filter((r) => r.kind === 'kpi');
  const municipalities = reading.references.filter((r) => r.kind === 'municipality');
  const knownKpis = await repo.knownKpis([...new Set(kpis.map((r) => r.id))]);
  for (const r of kpis)
    if (!knownKpis.has(r.id))
      issues.push({ line: r.line, message: `unknown KPI "${r.id}" (not in the store)` });
  const { known, any } = await repo.knownMunicipalities([...new Set(municipalities.map((r) => r.id))]);
  // An empty store (no Kolada metadata yet) cannot say which kommuner exist; KPIs above still must.
  if (any)
    for (const r of municipalities)
      if (!known.has(r.id)) issues.push({ line: r.line, message: `unknown municipality "${r.id}"` });
  if (issues.length > 0 || !reading.doc) {
    throw new PlanFileError(
      file,
      issues.sort((a, b) => a.line - b.line),
    );
  }
  return reading.doc;
}

export async function importPlanFile(
  repo: PlanRepository,
  text: string,
  file: string,
  now = new Date(),
): Promise<number> {
  const doc = await checkPlanFile(repo, text, file);
  return repo.transaction((trx) => writePlan(trx, doc, { lineage: randomUUID(), version: 1, now }));
}

interface WriteOptions {
  lineage: string;
  version: number;
  now: Date;
  /** Lineage keys of items carried over from an earlier version. */
  lineages?: WeakMap<object, string>;
}

/** Writes a checked document as a new plan row and its tree; returns the plan's id. */
export async function writePlan(repo: PlanRepository, doc: PlanDoc, options: WriteOptions): Promise<number> {
  const at = options.now.toISOString();
  const lineageOf = (item: object) => options.lineages?.get(item) ?? randomUUID();
  const status = doc.status ?? 'draft';
  const planId = await repo.insertPlan({
    organisation_id: doc.organisation,
    lineage: options.lineage,
    version: options.version,
    status,
    title: doc.title,
    municipality_id: doc.municipality ?? doc.organisation,
    vision: doc.vision ?? null,
    decision: doc.decision ? JSON.stringify(doc.decision) : null,
    source: doc.source ? JSON.stringify(doc.source) : null,
    period_kind: doc.periods.kind,
    period_from: doc.periods.from,
    period_to: doc.periods.to,
    deadline_rule: JSON.stringify(doc.periods.deadline ?? DEFAULT_DEADLINE_RULE),
    is_public: doc.public ? 1 : 0,
    created_at: at,
    adopted_at: status === 'adopted' ? at : null,
  });
  const levels = doc.verdict_scale;
  const graded = levels.filter((l) => !isMissingLevel(l)).length;
  await repo.insertVerdictLevels(
    levels.map((l, position) => {
      const missing = isMissingLevel(l);
      return {
        plan_id: planId,
        key: l.key,
        position,
        label: l.label,
        icon: l.icon ?? defaultIcon(position, graded, missing),
        colour: l.colour ?? defaultColour(position, graded, missing) ?? null,
        is_missing: missing ? 1 : 0,
      };
    }),
  );
  let position = 0;
  const writeNodes = async (nodes: readonly NodeDoc[], parentId: number | null): Promise<void> => {
    for (const node of nodes) {
      const nodeId = await repo.insertNode({
        plan_id: planId,
        parent_id: parentId,
        lineage: lineageOf(node),
        position: position++,
        code: node.code ?? null,
        type: node.type,
        title: node.title,
        description: node.description ?? null,
        responsible: node.responsible ?? null,
      });
      for (const ind of node.indicators ?? []) await writeIndicator(ind, nodeId);
      for (const action of node.actions ?? []) await writeAction(action, nodeId);
      for (const v of node.verdicts ?? []) {
        await repo.saveFollowup(
          {
            plan_id: planId,
            item_kind: 'node',
            item_id: nodeId,
            period: v.period,
            verdict: v.level,
            action_status: null,
            progress: null,
            trend_override: null,
            override_reason: null,
            comment: v.text ?? null,
            // A verdict in a plan file is a published one: it arrives approved.
            state: 'approved',
            updated_by: 'import',
            updated_at: at,
            ready_by: 'import',
            ready_at: at,
            approved_by: 'import',
            approved_at: at,
          },
          undefined,
        );
      }
      await writeNodes(node.children ?? [], nodeId);
    }
  };
  const writeIndicator = async (ind: IndicatorDoc, nodeId: number): Promise<void> => {
    const id = await repo.insertIndicator({
      plan_id: planId,
      node_id: nodeId,
      lineage: lineageOf(ind),
      position: position++,
      code: ind.code ?? null,
      title: ind.title,
      direction: ind.direction,
      unit: ind.unit ?? null,
      kpi_id: ind.kolada?.kpi ?? null,
      municipality_id: ind.kolada?.municipality ?? null,
      gender: ind.kolada ? (ind.kolada.gender ?? 'T') : null,
      baseline_period: ind.baseline?.period ?? null,
      baseline_value: ind.baseline?.value ?? null,
      trend_method: ind.trend_method ?? 'regression',
      trend_from: ind.trend_from ?? null,
      compare_with: ind.compare_with ?? null,
      compare_group:
        ind.compare_group === undefined
          ? null
          : Array.isArray(ind.compare_group)
            ? JSON.stringify(ind.compare_group)
            : ind.compare_group,
      published: ind.published ? JSON.stringify(ind.published) : null,
    });
    await repo.insertTargets(
      Object.entries(ind.targets ?? {}).map(([period, value]) => ({ indicator_id: id, period, value })),
    );
    await repo.upsertOwnValues(
      Object.entries(ind.values ?? {}).flatMap(([gender, byPeriod]) =>
        Object.entries(byPeriod ?? {}).map(([period, value]) => ({
          indicator_id: id,
          period,
          gender: gender as Gender,
          value,
          changed_at: at,
          changed_by: 'import',
        })),
      ),
    );
  };
  const writeAction = async (action: ActionDoc, nodeId: number): Promise<void> => {
    await repo.insertAction({
      plan_id: planId,
      node_id: nodeId,
      lineage: lineageOf(action),
      position: position++,
      code: action.code ?? null,
      title: action.title,
      responsible: action.responsible ?? null,
      start: action.start ?? null,
      due: action.due ?? null,
      status: action.status,
      progress: action.progress ?? null,
      origin: action.origin ?? null,
    });
  };
  await writeNodes(doc.nodes, null);
  return planId;
}

/** The plan as a document in the import format (verdicts: the approved ones). */
export async function planDocument(repo: PlanRepository, planId: number): Promise<PlanDoc> {
  const contents = await repo.contents(planId);
  if (!contents) throw new PlanNotFoundError(planId);
  return contentsToDoc(contents, await repo.followups(planId), new WeakMap());
}

export async function exportPlanFile(repo: PlanRepository, planId: number): Promise<string> {
  const doc = await planDocument(repo, planId);
  return writePlanFile(
    doc,
    `Etablera plan ${planId}: ${doc.title}\nFormat: docs/plan-format.md (the Plan module's import format).`,
  );
}

function contentsToDoc(
  c: PlanContents,
  followups: Awaited<ReturnType<PlanRepository['followups']>>,
  lineages: WeakMap<object, string>,
): PlanDoc {
  const p = c.plan;
  const rule = JSON.parse(p.deadline_rule) as DeadlineRule;
  const doc: PlanDoc = {
    title: p.title,
    organisation: p.organisation_id,
    periods: { kind: p.period_kind, from: p.period_from, to: p.period_to },
    verdict_scale: c.levels.map((l) => ({
      key: l.key,
      label: l.label,
      icon: l.icon,
      ...(l.colour ? { colour: l.colour } : {}),
      ...(l.is_missing ? { missing: true } : {}),
    })),
    nodes: [],
  };
  if (p.municipality_id !== p.organisation_id) doc.municipality = p.municipality_id;
  if (p.status !== 'draft') doc.status = p.status;
  if (p.is_public) doc.public = true;
  if (p.vision) doc.vision = p.vision;
  if (p.decision) doc.decision = JSON.parse(p.decision);
  if (p.source) doc.source = JSON.parse(p.source);
  if (
    rule.after_days !== DEFAULT_DEADLINE_RULE.after_days ||
    rule.earlier_per_level_days !== DEFAULT_DEADLINE_RULE.earlier_per_level_days
  )
    doc.periods.deadline = rule;

  const targets = groupBy(c.targets, (t) => t.indicator_id);
  const values = groupBy(c.ownValues, (v) => v.indicator_id);
  const indicators = groupBy(c.indicators, (i) => i.node_id);
  const actions = groupBy(c.actions, (a) => a.node_id);
  const children = groupBy(c.nodes, (n) => n.parent_id ?? 0);
  const verdicts = groupBy(
    followups.filter((f) => f.item_kind === 'node' && f.state === 'approved' && f.verdict),
    (f) => f.item_id,
  );

  const toNode = (n: PlanContents['nodes'][number]): NodeDoc => {
    const node: NodeDoc = { ...(n.code ? { code: n.code } : {}), type: n.type, title: n.title };
    lineages.set(node, n.lineage);
    if (n.description) node.description = n.description;
    if (n.responsible) node.responsible = n.responsible;
    const v = verdicts.get(n.id);
    if (v)
      node.verdicts = v.map((f) => ({
        period: f.period,
        level: f.verdict!,
        ...(f.comment ? { text: f.comment } : {}),
      }));
    const inds = indicators.get(n.id);
    if (inds) node.indicators = inds.map((i) => toIndicator(i));
    const acts = actions.get(n.id);
    if (acts)
      node.actions = acts.map((a) => {
        const action: ActionDoc = { ...(a.code ? { code: a.code } : {}), title: a.title, status: a.status };
        lineages.set(action, a.lineage);
        if (a.responsible) action.responsible = a.responsible;
        if (a.start) action.start = a.start;
        if (a.due) action.due = a.due;
        if (a.progress !== null) action.progress = a.progress;
        if (a.origin) action.origin = a.origin;
        return action;
      });
    const kids = children.get(n.id);
    if (kids) node.children = kids.map(toNode);
    return node;
  };
  const toIndicator = (i: PlanContents['indicators'][number]): IndicatorDoc => {
    const ind: IndicatorDoc = { ...(i.code ? { code: i.code } : {}), title: i.title, direction: i.direction };
    lineages.set(ind, i.lineage);
    if (i.unit) ind.unit = i.unit;
    if (i.kpi_id) {
      ind.kolada = { kpi: i.kpi_id, gender: i.gender ?? 'T' };
      if (i.municipality_id) ind.kolada.municipality = i.municipality_id;
    }
    const own = values.get(i.id);
    if (own) {
      ind.values = {};
      for (const v of own) {
        const byPeriod = ind.values[v.gender] ?? {};
        byPeriod[v.period] = v.value;
        ind.values[v.gender] = byPeriod;
      }
    }
    if (i.baseline_period)
      ind.baseline =
        i.baseline_value === null
          ? { period: i.baseline_period }
          : { period: i.baseline_period, value: i.baseline_value };
    const t = targets.get(i.id);
    if (t) ind.targets = Object.fromEntries(t.map((x) => [x.period, x.value]));
    if (i.trend_method !== 'regression') ind.trend_method = i.trend_method;
    if (i.trend_from) ind.trend_from = i.trend_from;
    if (i.compare_with) ind.compare_with = i.compare_with as IndicatorDoc['compare_with'];
    if (i.compare_group)
      ind.compare_group = i.compare_group.startsWith('[') ? JSON.parse(i.compare_group) : i.compare_group;
    if (i.published) ind.published = JSON.parse(i.published);
    return ind;
  };
  doc.nodes = (children.get(0) ?? []).map(toNode);
  return doc;
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * A new draft version of a plan: the same tree (items keep their lineage, so follow-ups can be
 * traced across versions), version number one higher. The source version is left as it was.
 */
export async function newVersion(repo: PlanRepository, planId: number, now = new Date()): Promise<number> {
  return repo.transaction(async (trx) => {
    const contents = await trx.contents(planId);
    if (!contents) throw new PlanNotFoundError(planId);
    const lineages = new WeakMap<object, string>();
    const doc = contentsToDoc(contents, [], lineages);
    delete doc.status;
    const version = (await trx.maxVersion(contents.plan.lineage)) + 1;
    return writePlan(trx, doc, { lineage: contents.plan.lineage, version, now, lineages });
  });
}

/** Adopts a draft: it becomes the plan in force and the version adopted before it is superseded. */
export async function adoptPlan(repo: PlanRepository, planId: number, now = new Date()): Promise<void> {
  await repo.transaction(async (trx) => {
    const plan = await trx.plan(planId);
    if (!plan) throw new PlanNotFoundError(planId);
    if (plan.status !== 'draft') throw new PlanStateError(`plan ${planId} is ${plan.status}, not a draft`);
    await trx.supersedeAdopted(plan.lineage, planId);
    await trx.setStatus(planId, 'adopted', now.toISOString());
  });
}

/** Structure edits are allowed on drafts only: an adopted plan changes through a new version. */
export function assertEditable(plan: PlanRow): void {
  if (plan.status !== 'draft')
    throw new PlanStateError(
      `plan ${plan.id} is ${plan.status}: its structure changes only through a new version (etablera plan version ${plan.id})`,
    );
}

export interface PeriodEntry {
  label: string;
  start: string;
  end: string;
  /** Deadline of the top level; level n is due rule.earlier_per_level_days × n earlier. */
  deadline: string;
}

export function planPeriods(plan: PlanRow): PeriodEntry[] {
  const rule = JSON.parse(plan.deadline_rule) as DeadlineRule;
  return periodsOfPlan(plan.period_kind, plan.period_from, plan.period_to).map((label) => {
    const info = parsePeriod(plan.period_kind, label)!;
    return { label, start: info.start, end: info.end, deadline: deadlineOf(info, rule) };
  });
}

export interface PlanTreeNode {
  id: number;
  code: string | null;
  type: string;
  title: string;
  description: string | null;
  responsible: string | null;
  indicators: (Omit<PlanContents['indicators'][number], 'published' | 'plan_id' | 'position' | 'lineage'> & {
    targets: Record<string, number>;
  })[];
  actions: Omit<PlanContents['actions'][number], 'plan_id' | 'position' | 'lineage'>[];
  children: PlanTreeNode[];
}

/** The plan with its tree nested: what `GET /api/plans/{id}` returns and the pages draw. */
export async function planTree(repo: PlanRepository, planId: number) {
  const c = await repo.contents(planId);
  if (!c) throw new PlanNotFoundError(planId);
  const targets = groupBy(c.targets, (t) => t.indicator_id);
  const indicators = groupBy(c.indicators, (i) => i.node_id);
  const actions = groupBy(c.actions, (a) => a.node_id);
  const children = groupBy(c.nodes, (n) => n.parent_id ?? 0);
  const toNode = (n: PlanContents['nodes'][number]): PlanTreeNode => ({
    id: n.id,
    code: n.code,
    type: n.type,
    title: n.title,
    description: n.description,
    responsible: n.responsible,
    indicators: (indicators.get(n.id) ?? []).map(
      ({ published: _p, plan_id: _pl, position: _po, lineage: _l, ...i }) => ({
        ...i,
        targets: Object.fromEntries((targets.get(i.id) ?? []).map((t) => [t.period, t.value])),
      }),
    ),
    actions: (actions.get(n.id) ?? []).map(({ plan_id: _pl, position: _po, lineage: _l, ...a }) => a),
    children: (children.get(n.id) ?? []).map(toNode),
  });
  const p = c.plan;
  return {
    ...planSummary(p),
    vision: p.vision,
    decision: p.decision ? JSON.parse(p.decision) : null,
    source: p.source ? JSON.parse(p.source) : null,
    created_at: p.created_at,
    adopted_at: p.adopted_at,
    periods: { kind: p.period_kind, from: p.period_from, to: p.period_to, list: planPeriods(p) },
    verdict_scale: c.levels.map((l) => ({
      key: l.key,
      label: l.label,
      icon: l.icon,
      colour: l.colour,
      missing: l.is_missing === 1,
    })),
    nodes: (children.get(0) ?? []).map(toNode),
  };
}

/** The fields that identify a plan, as the plan list and the plan tree both present them. */
export function planSummary(p: PlanRow) {
  return {
    id: p.id,
    organisation_id: p.organisation_id,
    municipality_id: p.municipality_id,
    title: p.title,
    version: p.version,
    lineage: p.lineage,
    status: p.status,
    public: p.is_public === 1,
  };
}
