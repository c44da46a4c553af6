/**
 * The POST side of `/plan/{id}/rapporter`: a new draft report and the workflow's steps (activate,
 * approve, freeze) as plain forms, each answered by a redirect back to the page (POST/redirect/GET)
 * with `klart=` or `fel=`. The report service checks the states and writes the audit log; a step
 * that fails names its reason on the page (the service's error codes map to catalog texts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../accounts/actor.js';
import { PdfRendererError } from '../../../documents/pdf-renderer.js';
import {
  ReportError,
  ReportNotFoundError,
  type ReportService,
} from '../../../domain/plan/reports/report.service.js';
import { ReportTemplateError } from '../../../domain/plan/reports/report-template.js';
import type { PlanRow } from '../../../store/repositories/plan.repository.js';

type Form = Record<string, string | undefined>;
type PlanFor = (
  request: FastifyRequest,
  id: string,
  permission: 'plan.read' | 'plan.follow-up' | 'plan.edit',
) => Promise<PlanRow | null>;

const int = (text: string | undefined) => (text && /^\d{1,9}$/.test(text) ? Number(text) : 0);

/** A ReportError's code as the page's `fel=` (catalog key plan.error.report<Code>). */
const ERROR_CODES: Record<ReportError['code'], string> = {
  invalidPeriod: 'report-invalid-period',
  noFollowup: 'report-no-followup',
  invalidScope: 'report-invalid-scope',
  invalidState: 'report-invalid-state',
  notReady: 'report-not-ready',
  inProgress: 'report-in-progress',
};

export function registerReportForms(
  app: FastifyInstance,
  { reports, planFor }: { reports: ReportService; planFor: PlanFor },
): void {
  const back = (
    reply: FastifyReply,
    plan: PlanRow,
    form: Form,
    outcome: Record<string, string>,
    anchor = '',
  ) => {
    const q = new URLSearchParams();
    if (form.lang && /^[a-z]{2,3}$/.test(form.lang)) q.set('lang', form.lang);
    for (const [k, v] of Object.entries(outcome)) q.set(k, v);
    return reply.redirect(`/plan/${plan.id}/rapporter?${q}${anchor}`, 303);
  };

  app.post<{ Params: { id: string }; Body: Form }>(
    '/plan/:id/rapporter',
    { config: { permission: 'plan.edit' } },
    async (request, reply) => {
      const form = request.body ?? {};
      const plan = await planFor(request, request.params.id, 'plan.edit');
      if (!plan) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      const actor = request.actor as Actor;
      const reportId = int(form.report);
      const anchor = reportId ? `#rapport-${reportId}` : '#rapporter';
      try {
        switch (form.op) {
          case 'create': {
            const created = await reports.create(
              actor,
              plan,
              {
                period: form.period ?? '',
                scopeNodeId: int(form.scope) || null,
                lang: form.report_lang === 'en' ? 'en' : 'sv',
              },
              request.ip,
            );
            return back(reply, plan, form, { klart: 'report-create' }, `#rapport-${created.id}`);
          }
          case 'activate':
            await reports.activate(actor, plan, reportId, request.ip);
            return back(reply, plan, form, { klart: 'report-activate' }, anchor);
          case 'approve':
            await reports.approve(actor, plan, reportId, request.ip);
            return back(reply, plan, form, { klart: 'report-approve' }, anchor);
          case 'freeze':
            await reports.freeze(actor, plan, reportId, request.ip);
            return back(reply, plan, form, { klart: 'report-freeze' }, anchor);
          default:
            return back(reply, plan, form, { fel: 'report-missing' });
        }
      } catch (error) {
        if (error instanceof ReportError)
          return back(reply, plan, form, { fel: ERROR_CODES[error.code] }, anchor);
        if (error instanceof ReportNotFoundError) return back(reply, plan, form, { fel: 'report-missing' });
        if (error instanceof ReportTemplateError) return back(reply, plan, form, { fel: 'report-template' });
        if (error instanceof PdfRendererError) return back(reply, plan, form, { fel: 'report-pdf' }, anchor);
        throw error;
      }
    },
  );
}
