/**
 * The POST side of `/plan/{id}/rapporter/mall`: one change to the report template per form (add,
 * change, move up/down, remove a section, or back to the default), answered by a redirect back to
 * the page with `klart=` or `fel=` and, when the problem is in one section, `avsnitt=` (1-based) so
 * that the page points at it. The report service checks and saves the template and audits it
 * (`plan.report.template`); a form drawn from an older template (its `stamp`) changes nothing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../accounts/actor.js';
import type { ReportService } from '../../../domain/plan/reports/report.service.js';
import {
  editTemplate,
  ReportTemplateError,
  type TemplateEdit,
  type TemplateSection,
  templateStamp,
} from '../../../domain/plan/reports/report-template.js';
import type { PlanRow } from '../../../store/repositories/plan.repository.js';

type Form = Record<string, string | undefined>;
type PlanFor = (request: FastifyRequest, id: string, permission: 'plan.edit') => Promise<PlanRow | null>;

/** A refused change: the page's error code and the section (1-based) it is about, if one. */
class FormProblem extends Error {
  constructor(
    readonly code: string,
    readonly section?: number,
  ) {
    super(code);
  }
}

const index = (text: string | undefined) => (text && /^\d{1,4}$/.test(text) ? Number(text) : -1);

/** The section a form describes; `at` (1-based) locates a problem, 0 for the add form. */
function sectionOf(form: Form, at: number): TemplateSection {
  const flags =
    form.flags === '1'
      ? { indicators: form.indicators === '1', charts: form.charts === '1', actions: form.actions === '1' }
      : {};
  switch (form.type) {
    case 'introduction':
      return form.text?.trim() ? { type: 'introduction', text: form.text.trim() } : { type: 'introduction' };
    case 'summary':
    case 'indicators':
    case 'actions':
      return { type: form.type };
    case 'goals':
      return { type: 'goals', ...flags };
    case 'goal': {
      const node = index(form.node);
      if (node < 1) throw new FormProblem('template-choose-goal', at || undefined);
      return { type: 'goal', node, ...flags };
    }
    case 'text': {
      const title = form.title?.trim() ?? '';
      const text = form.text?.trim() ?? '';
      if (!title || !text) throw new FormProblem('template-text-missing', at || undefined);
      return { type: 'text', title, text };
    }
    default:
      throw new FormProblem('template-invalid', at || undefined);
  }
}

function editOf(form: Form): TemplateEdit {
  const i = index(form.index);
  switch (form.op) {
    case 'add':
      return { op: 'add', section: sectionOf(form, 0) };
    case 'update':
      return { op: 'update', index: i, section: sectionOf(form, i + 1) };
    case 'up':
    case 'down':
    case 'delete':
      return { op: form.op, index: i };
    case 'reset':
      return { op: 'reset' };
    default:
      throw new FormProblem('template-invalid');
  }
}

const DONE: Record<TemplateEdit['op'], string> = {
  add: 'template-add',
  update: 'template-update',
  up: 'template-move',
  down: 'template-move',
  delete: 'template-delete',
  reset: 'template-reset',
};

export function registerReportTemplateForms(
  app: FastifyInstance,
  { reports, planFor }: { reports: ReportService; planFor: PlanFor },
): void {
  const back = (
    reply: FastifyReply,
    plan: PlanRow,
    form: Form,
    outcome: Record<string, string>,
    anchor: string,
  ) => {
    const q = new URLSearchParams();
    if (form.lang && /^[a-z]{2,3}$/.test(form.lang)) q.set('lang', form.lang);
    for (const [k, v] of Object.entries(outcome)) q.set(k, v);
    return reply.redirect(`/plan/${plan.id}/rapporter/mall?${q}${anchor}`, 303);
  };

  app.post<{ Params: { id: string }; Body: Form }>(
    '/plan/:id/rapporter/mall',
    { config: { permission: 'plan.edit' } },
    async (request, reply) => {
      const form = request.body ?? {};
      const plan = await planFor(request, request.params.id, 'plan.edit');
      if (!plan) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      try {
        const current = await reports.template(plan.id);
        if (form.stamp !== templateStamp(current)) throw new FormProblem('template-changed');
        const edit = editOf(form);
        let next: ReturnType<typeof editTemplate>;
        try {
          next = editTemplate(current, edit);
        } catch (error) {
          if (error instanceof ReportTemplateError)
            throw new FormProblem(
              edit.op === 'delete' ? 'template-last' : 'template-missing-section',
              error.section,
            );
          throw error;
        }
        await reports.saveTemplate(request.actor as Actor, plan, next, request.ip);
        const moved =
          edit.op === 'up'
            ? edit.index
            : edit.op === 'down'
              ? edit.index + 2
              : 'index' in edit
                ? edit.index + 1
                : 0;
        const anchor =
          edit.op === 'add'
            ? `#avsnitt-${next.sections.length}`
            : edit.op === 'delete' || edit.op === 'reset' || moved < 1
              ? '#avsnitt'
              : `#avsnitt-${moved}`;
        return back(reply, plan, form, { klart: DONE[edit.op] }, anchor);
      } catch (error) {
        if (error instanceof FormProblem)
          return back(
            reply,
            plan,
            form,
            { fel: error.code, ...(error.section ? { avsnitt: String(error.section) } : {}) },
            error.section ? `#avsnitt-${error.section}` : '#avsnitt',
          );
        if (error instanceof ReportTemplateError)
          // The saved template still names a deleted goal (a change elsewhere cannot be saved
          // until that section is changed or removed); the page lists which.
          return back(
            reply,
            plan,
            form,
            {
              fel: error.code === 'deletedGoal' ? 'template-deleted-goal' : 'template-invalid',
              ...(error.section ? { avsnitt: String(error.section) } : {}),
            },
            error.section ? `#avsnitt-${error.section}` : '#avsnitt',
          );
        throw error;
      }
    },
  );
}
