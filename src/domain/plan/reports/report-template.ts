/**
 * A report template: the sections of a follow-up report, chosen and ordered per plan. The default
 * template needs no setup: an introduction, the summary, then one section per goal area (each with
 * its goals below it, their indicator tables, a chart per indicator and their actions).
 * Goals are named by their node id, which stays while the goal exists; a template naming a goal that
 * was deleted is refused with the goal's id, never rendered without it.
 */
import { createHash } from 'node:crypto';
import type { PlanContents } from '../../../store/repositories/plan.repository.js';

export type TemplateSection =
  /** The introduction: the template's text, or a standard sentence naming the plan and period. */
  | { type: 'introduction'; text?: string }
  /** "5 av 9 indikatorer utvecklas positivt", for the report and per goal area. */
  | { type: 'summary' }
  /** One section per goal area in the report's scope, in the plan's order. */
  | { type: 'goals'; indicators?: boolean; charts?: boolean; actions?: boolean }
  /** One goal (and the goals below it). */
  | { type: 'goal'; node: number; indicators?: boolean; charts?: boolean; actions?: boolean }
  /** Every action in scope in one table. */
  | { type: 'actions' }
  /** Every indicator in scope in one table. */
  | { type: 'indicators' }
  /** A heading and free text. */
  | { type: 'text'; title: string; text: string };

export interface ReportTemplate {
  sections: TemplateSection[];
}

export const DEFAULT_TEMPLATE: ReportTemplate = {
  sections: [{ type: 'introduction' }, { type: 'summary' }, { type: 'goals' }],
};

export class ReportTemplateError extends Error {
  override name = 'ReportTemplateError';
  constructor(
    message: string,
    /** The section (1-based) the problem is in, when it is in one: a page points at it. */
    readonly section?: number,
    /** `deletedGoal`: a section names a goal the plan no longer has; `invalid`: anything else. */
    readonly code: 'deletedGoal' | 'invalid' = 'invalid',
  ) {
    super(message);
  }
}

const TYPES = new Set(['introduction', 'summary', 'goals', 'goal', 'actions', 'indicators', 'text']);
const FLAGS = ['indicators', 'charts', 'actions'] as const;

/** A template from untrusted JSON (API, file), or a ReportTemplateError naming what is wrong. */
export function parseTemplate(input: unknown): ReportTemplate {
  const sections = (input as { sections?: unknown } | null)?.sections;
  if (!Array.isArray(sections) || sections.length === 0)
    throw new ReportTemplateError('a template is {"sections": [...]} with at least one section');
  if (sections.length > 500) throw new ReportTemplateError('a template has at most 500 sections');
  return {
    sections: sections.map((raw, i): TemplateSection => {
      const s = raw as Record<string, unknown>;
      const where = `section ${i + 1}`;
      if (!s || typeof s !== 'object' || !TYPES.has(s.type as string))
        throw new ReportTemplateError(
          `${where}: type must be one of ${[...TYPES].join(', ')}, got ${JSON.stringify(s?.type)}`,
          i + 1,
        );
      for (const flag of FLAGS)
        if (s[flag] !== undefined && typeof s[flag] !== 'boolean')
          throw new ReportTemplateError(`${where}: ${flag} is true or false`, i + 1);
      const text = (key: string, required: boolean) => {
        const v = s[key];
        if (v === undefined && !required) return undefined;
        if (typeof v !== 'string' || (required && v.trim() === '') || v.length > 20_000)
          throw new ReportTemplateError(
            `${where}: ${key} must be a text of at most 20 000 characters`,
            i + 1,
          );
        return v;
      };
      const flags = Object.fromEntries(FLAGS.filter((f) => s[f] !== undefined).map((f) => [f, s[f]]));
      switch (s.type) {
        case 'introduction':
          return { type: 'introduction', ...(s.text !== undefined ? { text: text('text', false) } : {}) };
        case 'goal':
          if (!Number.isInteger(s.node) || (s.node as number) < 1)
            throw new ReportTemplateError(
              `${where}: node must be a goal's id (a positive whole number)`,
              i + 1,
            );
          return { type: 'goal', node: s.node as number, ...flags };
        case 'goals':
          return { type: 'goals', ...flags };
        case 'text':
          return { type: 'text', title: text('title', true)!, text: text('text', true)! };
        default:
          return { type: s.type as 'summary' | 'actions' | 'indicators' };
      }
    }),
  };
}

/** The sections (1-based) naming a goal the plan no longer has, with that goal's id. */
export function deletedGoals(
  template: ReportTemplate,
  contents: PlanContents,
): { section: number; node: number }[] {
  const ids = new Set(contents.nodes.map((n) => n.id));
  return template.sections.flatMap((s, i) =>
    s.type === 'goal' && !ids.has(s.node) ? [{ section: i + 1, node: s.node }] : [],
  );
}

/** Refuses a template naming a goal the plan no longer has (deleted since the template was saved). */
export function checkTemplate(template: ReportTemplate, contents: PlanContents): void {
  const missing = deletedGoals(template, contents);
  if (missing.length)
    throw new ReportTemplateError(
      `the template names goal ${missing.map((m) => `${m.node} (section ${m.section})`).join(', ')}, which plan ${contents.plan.id} no longer has (deleted?); change the template`,
      missing[0]!.section,
      'deletedGoal',
    );
}

/** One change to a template, as the template page's forms make them (indices are 0-based). */
export type TemplateEdit =
  | { op: 'add'; section: TemplateSection }
  | { op: 'update'; index: number; section: TemplateSection }
  | { op: 'up' | 'down' | 'delete'; index: number }
  | { op: 'reset' };

/** The template after one change; a ReportTemplateError for an index it does not have. */
export function editTemplate(template: ReportTemplate, edit: TemplateEdit): ReportTemplate {
  const sections = [...template.sections];
  if (edit.op === 'reset') return DEFAULT_TEMPLATE;
  if (edit.op === 'add') return { sections: [...sections, edit.section] };
  const i = edit.index;
  if (!Number.isInteger(i) || i < 0 || i >= sections.length)
    throw new ReportTemplateError(`the template has no section ${i + 1} (it has ${sections.length})`);
  switch (edit.op) {
    case 'update':
      sections[i] = edit.section;
      break;
    case 'delete':
      if (sections.length === 1)
        throw new ReportTemplateError('a template keeps at least one section', i + 1);
      sections.splice(i, 1);
      break;
    case 'up':
    case 'down': {
      const j = edit.op === 'up' ? i - 1 : i + 1;
      if (j >= 0 && j < sections.length) [sections[i], sections[j]] = [sections[j]!, sections[i]!];
      break;
    }
  }
  return { sections };
}

/**
 * A short fingerprint of a template: a form carries the one it was drawn from, so that a change
 * made meanwhile (another tab, another strategist) is not overwritten by a stale index.
 */
export function templateStamp(template: ReportTemplate): string {
  return createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 16);
}
