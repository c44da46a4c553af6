/**
 * A report template: the sections of a follow-up report, chosen and ordered per plan. The default
 * template needs no setup: an introduction, the summary, then one section per goal area (each with
 * its goals below it, their indicator tables, a chart per indicator and their actions).
 * Goals are named by their node id, which stays while the goal exists; a template naming a goal that
 * was deleted is refused with the goal's id, never rendered without it.
 */
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
        );
      for (const flag of FLAGS)
        if (s[flag] !== undefined && typeof s[flag] !== 'boolean')
          throw new ReportTemplateError(`${where}: ${flag} is true or false`);
      const text = (key: string, required: boolean) => {
        const v = s[key];
        if (v === undefined && !required) return undefined;
        if (typeof v !== 'string' || (required && v.trim() === '') || v.length > 20_000)
          throw new ReportTemplateError(`${where}: ${key} must be a text of at most 20 000 characters`);
        return v;
      };
      const flags = Object.fromEntries(FLAGS.filter((f) => s[f] !== undefined).map((f) => [f, s[f]]));
      switch (s.type) {
        case 'introduction':
          return { type: 'introduction', ...(s.text !== undefined ? { text: text('text', false) } : {}) };
        case 'goal':
          if (!Number.isInteger(s.node) || (s.node as number) < 1)
            throw new ReportTemplateError(`${where}: node must be a goal's id (a positive whole number)`);
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

/** Refuses a template naming a goal the plan no longer has (deleted since the template was saved). */
export function checkTemplate(template: ReportTemplate, contents: PlanContents): void {
  const ids = new Set(contents.nodes.map((n) => n.id));
  const missing = template.sections.flatMap((s) => (s.type === 'goal' && !ids.has(s.node) ? [s.node] : []));
  if (missing.length)
    throw new ReportTemplateError(
      `the template names goal ${missing.join(', ')}, which plan ${contents.plan.id} no longer has (deleted?); change the template`,
    );
}
