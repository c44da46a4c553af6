/**
 * The plan import format (YAML; docs/plan-format.md) read into a PlanDoc and written back. Reading
 * checks everything that can be checked without the store and collects every problem with its
 * line; the KPIs and municipalities referenced are returned for the caller to check against the
 * store. Nothing is written while any problem remains.
 */
import { createRequire } from 'node:module';
import type { Gender } from '../../store/schema.js';
import { type LineIssue, parseLocatedYaml, type YNode } from './located-yaml.js';
import { isIsoDate, isPeriodKind, parsePeriod } from './periods.js';
import {
  ACTION_STATUSES,
  type ActionDoc,
  COMPARISONS,
  type Comparison,
  DEFAULT_VERDICT_SCALE,
  DIRECTIONS,
  GENDERS,
  type IndicatorDoc,
  type NodeDoc,
  PLAN_STATUSES,
  type PlanDoc,
  TREND_METHODS,
  type VerdictDoc,
  type VerdictLevelDoc,
} from './plan-document.js';

// yaml (≈ 70 modules) is required when a plan is read or written, not when the server starts.
const yaml = () => createRequire(import.meta.url)('yaml') as typeof import('yaml');

export interface StoreReference {
  kind: 'kpi' | 'municipality';
  id: string;
  line: number;
}

export interface PlanFileReading {
  doc?: PlanDoc;
  issues: LineIssue[];
  references: StoreReference[];
}

type MapNode = Extract<YNode, { kind: 'map' }>;

const PLAN_KEYS = [
  'title',
  'organisation',
  'municipality',
  'status',
  'public',
  'vision',
  'decision',
  'source',
  'periods',
  'verdict_scale',
  'nodes',
];
const NODE_KEYS = [
  'code',
  'type',
  'title',
  'description',
  'responsible',
  'verdicts',
  'indicators',
  'actions',
  'children',
];
const INDICATOR_KEYS = [
  'code',
  'title',
  'direction',
  'unit',
  'kolada',
  'values',
  'baseline',
  'target',
  'targets',
  'trend_method',
  'trend_from',
  'compare_with',
  'compare_group',
  'published',
];
const ACTION_KEYS = ['code', 'title', 'responsible', 'start', 'due', 'status', 'progress', 'origin'];
const NODE_TYPES_BY_DEPTH = ['malomrade', 'mal', 'delmal'];

class PlanReader {
  readonly issues: LineIssue[] = [];
  readonly references: StoreReference[] = [];
  private readonly codes = new Map<string, number>();
  private doc!: PlanDoc;

  fail(line: number, message: string): undefined {
    this.issues.push({ line, message });
    return undefined;
  }

  map(node: YNode | undefined, what: string): MapNode | undefined {
    if (!node || (node.kind === 'scalar' && node.cycle)) return undefined;
    if (node.kind !== 'map') return this.fail(node.line, `${what} must be a mapping`);
    return node;
  }

  seq(node: YNode | undefined, what: string): YNode[] {
    if (!node || (node.kind === 'scalar' && node.value === null)) return [];
    if (node.kind !== 'seq') return this.fail(node.line, `${what} must be a list`) ?? [];
    return node.items;
  }

  keys(m: MapNode, allowed: readonly string[], what: string): void {
    for (const [key, { keyLine }] of m.entries)
      if (!allowed.includes(key))
        this.fail(keyLine, `unknown field "${key}" in ${what} (allowed: ${allowed.join(', ')})`);
  }

  text(m: MapNode, key: string, what: string, required = false): string | undefined {
    const entry = m.entries.get(key);
    const value = entry?.value.kind === 'scalar' ? entry.value.value : entry ? undefined : null;
    if (value === null || value === undefined || value === '') {
      if (entry && entry.value.kind !== 'scalar')
        return this.fail(entry.keyLine, `${what}: ${key} must be text`);
      if (required) return this.fail(entry?.keyLine ?? m.line, `${what} has no ${key}`);
      return undefined;
    }
    if (typeof value === 'string')
      return value.trim() === '' && required ? this.fail(entry!.keyLine, `${what} has no ${key}`) : value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return this.fail(entry!.keyLine, `${what}: ${key} must be text`);
  }

  number(node: YNode | undefined, what: string): number | undefined {
    if (!node) return undefined;
    if (node.kind === 'scalar' && typeof node.value === 'number' && Number.isFinite(node.value))
      return node.value;
    return this.fail(node.line, `${what} must be a number`);
  }

  oneOf<T extends string>(
    m: MapNode,
    key: string,
    options: readonly T[],
    what: string,
    fallback?: T,
  ): T | undefined {
    const value = this.text(m, key, what, fallback === undefined);
    if (value === undefined) return fallback;
    if ((options as readonly string[]).includes(value)) return value as T;
    return this.fail(
      m.entries.get(key)!.keyLine,
      `${what}: ${key} "${value}" is not one of ${options.join(', ')}`,
    );
  }

  period(label: string | undefined, line: number, what: string, inPlan: boolean): string | undefined {
    if (label === undefined) return undefined;
    const { kind, from, to } = this.doc.periods;
    const info = parsePeriod(kind, label);
    if (!info)
      return this.fail(
        line,
        `${what}: bad period "${label}" (the plan's periods are ${kind}, e.g. ${examplePeriod(kind)})`,
      );
    if (inPlan && (info.year < from || info.year > to))
      return this.fail(line, `${what}: period ${label} is outside the plan (${from}–${to})`);
    return label;
  }

  code(m: MapNode, what: string): string | undefined {
    const code = this.text(m, 'code', what);
    if (code === undefined) return undefined;
    const line = m.entries.get('code')!.keyLine;
    const earlier = this.codes.get(code);
    if (earlier !== undefined)
      return this.fail(line, `duplicate code "${code}" (already used on line ${earlier})`);
    this.codes.set(code, line);
    return code;
  }

  read(root: YNode): PlanDoc | undefined {
    const top = this.map(root, 'the file');
    if (!top) return undefined;
    this.keys(top, ['plan'], 'the file');
    const plan = this.map(top.entries.get('plan')?.value, 'plan');
    if (!plan) return this.fail(top.line, 'the file has no "plan"');
    this.keys(plan, PLAN_KEYS, 'plan');
    const title = this.text(plan, 'title', 'plan', true) ?? '';
    const organisation = this.text(plan, 'organisation', 'plan', true) ?? '';
    const periods = this.periods(plan);
    if (!periods) return undefined;
    this.doc = { title, organisation, periods, verdict_scale: [], nodes: [] };
    const municipality = this.text(plan, 'municipality', 'plan');
    if (municipality !== undefined) this.doc.municipality = municipality;
    const status = this.oneOf(plan, 'status', PLAN_STATUSES, 'plan', 'draft');
    if (status && status !== 'draft') this.doc.status = status;
    const isPublic = plan.entries.get('public');
    if (isPublic) {
      if (isPublic.value.kind !== 'scalar' || typeof isPublic.value.value !== 'boolean')
        this.fail(isPublic.keyLine, 'plan: public must be true or false');
      else if (isPublic.value.value) this.doc.public = true;
    }
    const vision = this.text(plan, 'vision', 'plan');
    if (vision !== undefined) this.doc.vision = vision;
    const decision = this.textMap(plan, 'decision', ['body', 'date', 'reference']);
    if (decision) this.doc.decision = decision;
    const source = this.textMap(plan, 'source', ['url', 'title', 'licence_basis', 'retrieved']);
    if (source) this.doc.source = source;
    this.doc.verdict_scale = this.verdictScale(plan);
    const home = this.doc.municipality ?? organisation;
    if (/^\d{4}$/.test(home)) this.references.push({ kind: 'municipality', id: home, line: plan.line });
    this.doc.nodes = this.nodes(plan.entries.get('nodes')?.value, 0);
    if (this.doc.nodes.length === 0 && !plan.entries.has('nodes')) this.fail(plan.line, 'plan has no nodes');
    return this.doc;
  }

  private textMap<K extends string>(
    m: MapNode,
    key: string,
    fields: readonly K[],
  ): Partial<Record<K, string>> | undefined {
    const inner = this.map(m.entries.get(key)?.value, `plan: ${key}`);
    if (!inner) return undefined;
    this.keys(inner, fields, key);
    const out: Partial<Record<K, string>> = {};
    for (const f of fields) {
      const v = this.text(inner, f, key);
      if (v !== undefined) out[f] = v;
    }
    return out;
  }

  private periods(plan: MapNode): PlanDoc['periods'] | undefined {
    const m = this.map(plan.entries.get('periods')?.value, 'plan: periods');
    if (!m) return this.fail(plan.line, 'plan has no periods ({kind, from, to})');
    this.keys(m, ['kind', 'from', 'to', 'deadline'], 'periods');
    const kind = this.text(m, 'kind', 'periods', true);
    if (kind !== undefined && !isPeriodKind(kind))
      return this.fail(
        m.entries.get('kind')!.keyLine,
        `periods: bad period kind "${kind}" (ar, halvar, tertial, kvartal, manad)`,
      );
    const from = this.year(m, 'from');
    const to = this.year(m, 'to');
    if (kind === undefined || from === undefined || to === undefined) return undefined;
    if (from > to) return this.fail(m.line, `periods: from ${from} is after to ${to}`);
    const out: PlanDoc['periods'] = { kind, from, to };
    const deadline = this.map(m.entries.get('deadline')?.value, 'periods: deadline');
    if (deadline) {
      this.keys(deadline, ['after_days', 'earlier_per_level_days'], 'deadline');
      const after = this.number(deadline.entries.get('after_days')?.value, 'deadline: after_days');
      const earlier = this.number(
        deadline.entries.get('earlier_per_level_days')?.value,
        'deadline: earlier_per_level_days',
      );
      if (after !== undefined && earlier !== undefined)
        out.deadline = { after_days: after, earlier_per_level_days: earlier };
      else this.fail(deadline.line, 'deadline needs after_days and earlier_per_level_days');
    }
    return out;
  }

  private year(m: MapNode, key: string): number | undefined {
    const node = m.entries.get(key)?.value;
    if (!node) return this.fail(m.line, `periods has no ${key}`);
    const n = this.number(node, `periods: ${key}`);
    if (n !== undefined && (!Number.isInteger(n) || n < 1900 || n > 2200))
      return this.fail(node.line, `periods: bad period ${key} ${n} (a year)`);
    return n;
  }

  private verdictScale(plan: MapNode): VerdictLevelDoc[] {
    const entry = plan.entries.get('verdict_scale');
    if (!entry) return DEFAULT_VERDICT_SCALE.map((l) => ({ ...l }));
    const levels: VerdictLevelDoc[] = [];
    for (const item of this.seq(entry.value, 'verdict_scale')) {
      const m = this.map(item, 'a verdict level');
      if (!m) continue;
      this.keys(m, ['key', 'label', 'icon', 'colour', 'missing'], 'verdict level');
      const key = this.text(m, 'key', 'verdict level', true);
      const label = this.text(m, 'label', 'verdict level', true);
      if (key === undefined || label === undefined) continue;
      if (levels.some((l) => l.key === key)) {
        this.fail(m.line, `duplicate verdict level "${key}"`);
        continue;
      }
      const level: VerdictLevelDoc = { key, label };
      const icon = this.text(m, 'icon', 'verdict level');
      if (icon) level.icon = icon;
      const colour = this.text(m, 'colour', 'verdict level');
      if (colour) level.colour = colour;
      const missing = m.entries.get('missing');
      if (missing) level.missing = missing.value.kind === 'scalar' && missing.value.value === true;
      levels.push(level);
    }
    if (levels.length === 0) this.fail(entry.keyLine, 'verdict_scale has no levels');
    return levels;
  }

  private nodes(list: YNode | undefined, depth: number): NodeDoc[] {
    const out: NodeDoc[] = [];
    for (const item of this.seq(list, depth === 0 ? 'nodes' : 'children')) {
      const m = this.map(item, 'a node');
      if (!m) continue;
      this.keys(m, NODE_KEYS, 'node');
      const code = this.code(m, 'node');
      const title = this.text(m, 'title', `node${code ? ` ${code}` : ''}`, true);
      const type = this.text(m, 'type', 'node') ?? NODE_TYPES_BY_DEPTH[Math.min(depth, 2)]!;
      const node: NodeDoc = { type, title: title ?? '' };
      if (code !== undefined) node.code = code;
      for (const key of ['description', 'responsible'] as const) {
        const v = this.text(m, key, 'node');
        if (v !== undefined) node[key] = v;
      }
      const verdicts = this.seq(m.entries.get('verdicts')?.value, 'verdicts').flatMap(
        (v) => this.verdict(v) ?? [],
      );
      if (verdicts.length > 0) node.verdicts = verdicts;
      const indicators = this.seq(m.entries.get('indicators')?.value, 'indicators').flatMap(
        (v) => this.indicator(v) ?? [],
      );
      if (indicators.length > 0) node.indicators = indicators;
      const actions = this.seq(m.entries.get('actions')?.value, 'actions').flatMap(
        (v) => this.action(v) ?? [],
      );
      if (actions.length > 0) node.actions = actions;
      const children = this.nodes(m.entries.get('children')?.value, depth + 1);
      if (children.length > 0) node.children = children;
      out.push(node);
    }
    return out;
  }

  private verdict(item: YNode): VerdictDoc | undefined {
    const m = this.map(item, 'a verdict');
    if (!m) return undefined;
    this.keys(m, ['period', 'level', 'text'], 'verdict');
    const period = this.period(this.text(m, 'period', 'verdict', true), m.line, 'verdict', true);
    const level = this.text(m, 'level', 'verdict', true);
    if (level !== undefined && !this.doc.verdict_scale.some((l) => l.key === level))
      this.fail(
        m.entries.get('level')!.keyLine,
        `verdict: level "${level}" is not on the plan's verdict scale`,
      );
    if (period === undefined || level === undefined) return undefined;
    const text = this.text(m, 'text', 'verdict');
    return text === undefined ? { period, level } : { period, level, text };
  }

  private indicator(item: YNode): IndicatorDoc | undefined {
    const m = this.map(item, 'an indicator');
    if (!m) return undefined;
    this.keys(m, INDICATOR_KEYS, 'indicator');
    const code = this.code(m, 'indicator');
    const what = `indicator${code ? ` ${code}` : ''}`;
    const title = this.text(m, 'title', what, true);
    const direction = this.oneOf(m, 'direction', DIRECTIONS, what, 'higher');
    const ind: IndicatorDoc = { title: title ?? '', direction: direction ?? 'higher' };
    if (code !== undefined) ind.code = code;
    const unit = this.text(m, 'unit', what);
    if (unit !== undefined) ind.unit = unit;
    const kolada = this.map(m.entries.get('kolada')?.value, `${what}: kolada`);
    if (kolada) {
      this.keys(kolada, ['kpi', 'municipality', 'gender'], 'kolada');
      const kpi = this.text(kolada, 'kpi', `${what}: kolada`, true);
      const municipality = this.text(kolada, 'municipality', `${what}: kolada`);
      const gender = this.oneOf(kolada, 'gender', GENDERS, `${what}: kolada`, 'T');
      if (kpi !== undefined) {
        ind.kolada = { kpi, gender: gender ?? 'T' };
        if (municipality !== undefined) ind.kolada.municipality = municipality;
        this.references.push({ kind: 'kpi', id: kpi, line: kolada.entries.get('kpi')!.keyLine });
        if (municipality !== undefined)
          this.references.push({
            kind: 'municipality',
            id: municipality,
            line: kolada.entries.get('municipality')!.keyLine,
          });
      }
      if (m.entries.has('values'))
        this.fail(
          m.entries.get('values')!.keyLine,
          `${what} has both kolada and values (one source per indicator)`,
        );
    }
    const values = m.entries.get('values');
    if (values) ind.values = this.ownValues(values.value, what);
    const baseline = this.map(m.entries.get('baseline')?.value, `${what}: baseline`);
    if (baseline) {
      this.keys(baseline, ['period', 'value'], 'baseline');
      const period = this.period(
        this.text(baseline, 'period', `${what}: baseline`, true),
        baseline.line,
        `${what}: baseline`,
        false,
      );
      const value = this.number(baseline.entries.get('value')?.value, `${what}: baseline value`);
      if (period !== undefined) ind.baseline = value === undefined ? { period } : { period, value };
    }
    const targets: Record<string, number> = {};
    const target = this.map(m.entries.get('target')?.value, `${what}: target`);
    if (target) {
      this.keys(target, ['period', 'value'], 'target');
      const period = this.period(
        this.text(target, 'period', `${what}: target`, true),
        target.line,
        `${what}: target`,
        false,
      );
      const value = this.number(target.entries.get('value')?.value ?? undefined, `${what}: target value`);
      if (!target.entries.has('value')) this.fail(target.line, `${what}: target has no value`);
      if (period !== undefined && value !== undefined) targets[period] = value;
    }
    const targetMap = m.entries.get('targets');
    if (targetMap) Object.assign(targets, this.periodValues(targetMap.value, `${what}: targets`));
    if (Object.keys(targets).length > 0) ind.targets = sortByPeriod(targets);
    const method = this.oneOf(m, 'trend_method', TREND_METHODS, what, 'regression');
    if (method && m.entries.has('trend_method')) ind.trend_method = method;
    const trendFrom = this.period(
      this.text(m, 'trend_from', what),
      m.entries.get('trend_from')?.keyLine ?? m.line,
      `${what}: trend_from`,
      false,
    );
    if (trendFrom !== undefined) ind.trend_from = trendFrom;
    const compare = this.oneOf<Comparison>(m, 'compare_with', COMPARISONS, what, 'riket');
    if (compare && m.entries.has('compare_with')) ind.compare_with = compare;
    const group = m.entries.get('compare_group');
    if (group) {
      if (group.value.kind === 'seq')
        ind.compare_group = group.value.items.map((i) => (i.kind === 'scalar' ? String(i.value) : ''));
      else ind.compare_group = this.text(m, 'compare_group', what);
    }
    if (ind.compare_with === 'grupp' && !ind.compare_group)
      this.fail(
        m.entries.get('compare_with')!.keyLine,
        `${what}: compare_with grupp needs compare_group (a group id or a list of kommun codes)`,
      );
    const published = this.map(m.entries.get('published')?.value, `${what}: published`);
    if (published) {
      ind.published = {};
      for (const [series, { value }] of published.entries)
        ind.published[series] = this.periodValues(value, `${what}: published ${series}`);
    }
    return ind;
  }

  /** `{period: value}` (gender T) or `{T: {…}, K: {…}, M: {…}}`. */
  private ownValues(node: YNode, what: string): IndicatorDoc['values'] {
    const m = this.map(node, `${what}: values`);
    if (!m) return undefined;
    const byGender = [...m.entries.keys()].every((k) => (GENDERS as readonly string[]).includes(k));
    if (!byGender || m.entries.size === 0) return { T: this.periodValues(m, `${what}: values`) };
    const out: IndicatorDoc['values'] = {};
    for (const [gender, { value }] of m.entries)
      out[gender as Gender] = this.periodValues(value, `${what}: values ${gender}`);
    return out;
  }

  private periodValues(node: YNode, what: string): Record<string, number> {
    const m = this.map(node, what);
    const out: Record<string, number> = {};
    if (!m) return out;
    for (const [period, { keyLine, value }] of m.entries) {
      const checked = this.period(period, keyLine, what, false);
      const n = this.number(value, `${what} ${period}`);
      if (checked !== undefined && n !== undefined) out[checked] = n;
    }
    return sortByPeriod(out);
  }

  private action(item: YNode): ActionDoc | undefined {
    const m = this.map(item, 'an action');
    if (!m) return undefined;
    this.keys(m, ACTION_KEYS, 'action');
    const code = this.code(m, 'action');
    const what = `action${code ? ` ${code}` : ''}`;
    const title = this.text(m, 'title', what, true);
    const status = this.oneOf(m, 'status', ACTION_STATUSES, what, 'ej_paborjad');
    const action: ActionDoc = { title: title ?? '', status: status ?? 'ej_paborjad' };
    if (code !== undefined) action.code = code;
    for (const key of ['responsible', 'origin'] as const) {
      const v = this.text(m, key, what);
      if (v !== undefined) action[key] = v;
    }
    for (const key of ['start', 'due'] as const) {
      const v = this.text(m, key, what);
      if (v === undefined) continue;
      if (!isIsoDate(v))
        this.fail(m.entries.get(key)!.keyLine, `${what}: ${key} "${v}" is not a date (YYYY-MM-DD)`);
      else action[key] = v;
    }
    if (action.start && action.due && action.start > action.due)
      this.fail(m.line, `${what}: start ${action.start} is after due ${action.due}`);
    const progress = this.number(m.entries.get('progress')?.value, `${what}: progress`);
    if (progress !== undefined) {
      if (progress < 0 || progress > 100)
        this.fail(m.entries.get('progress')!.keyLine, `${what}: progress must be 0–100`);
      else action.progress = progress;
    }
    return action;
  }
}

function examplePeriod(kind: PlanDoc['periods']['kind']): string {
  return { ar: '2024', halvar: '2024-H1', tertial: '2024-T2', kvartal: '2024-Q3', manad: '2024-07' }[kind];
}

function sortByPeriod(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));
}

export function readPlanFile(text: string): PlanFileReading {
  const parsed = parseLocatedYaml(text);
  if (!parsed.root) return { issues: parsed.issues, references: [] };
  const reader = new PlanReader();
  const doc = reader.read(parsed.root);
  const issues = [...parsed.issues, ...reader.issues].sort((a, b) => a.line - b.line);
  return { doc, issues, references: reader.references };
}

/** The document in the import format; reading it back gives the same document. */
export function writePlanFile(doc: PlanDoc, header?: string): string {
  const { stringify } = yaml();
  const body = stringify({ plan: doc }, { lineWidth: 0, aliasDuplicateObjects: false });
  return header ? `${header.replace(/^/gm, '# ')}\n${body}` : body;
}
