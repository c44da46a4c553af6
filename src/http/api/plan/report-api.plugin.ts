/**
 * Plan's follow-up reports over HTTP. Transport only (src/domain/plan/reports/report.service.ts):
 *
 *   GET  /api/plans/{id}/reports                         the reports and the plan's template
 *   POST /api/plans/{id}/reports                         a new draft {period, scope_node_id?, lang?}
 *   GET  /api/plans/{id}/reports/{rid}                   one report: state, sections, files
 *   POST /api/plans/{id}/reports/{rid}/{activate|approve|freeze}
 *   GET  /api/plans/{id}/reports/{rid}/rapport.{html|docx|pdf|xlsx}
 *        a frozen report's stored file (stable URL, the same bytes for ever); before freezing, the
 *        report as of now
 *   GET|PUT /api/plans/{id}/report-template
 *   GET  /uppfoljning/{id}/rapporter/{rid}/rapport.{format}   a published plan's frozen report, public
 *        (the list of them is a page: /uppfoljning/{id}/rapporter, src/http/ui/plan)
 *
 * Another organisation's plan is a 404 (authorisation seam); every write is audited by the service.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, authorise, NotFoundError } from '../../../accounts/actor.js';
import type { Permission } from '../../../accounts/roles.js';
import { type PdfRenderer, PdfRendererError } from '../../../documents/pdf-renderer.js';
import type { ComparisonService } from '../../../domain/comparison/comparison.service.js';
import { PlanNotFoundError } from '../../../domain/plan/plan.service.js';
import {
  ReportError,
  ReportNotFoundError,
  ReportService,
} from '../../../domain/plan/reports/report.service.js';
import {
  REPORT_FORMATS,
  REPORT_MEDIA_TYPES,
  type ReportFormat,
} from '../../../domain/plan/reports/report-render.js';
import { ReportTemplateError } from '../../../domain/plan/reports/report-template.js';
import type { Store } from '../../../store/database.js';
import type { PlanRow } from '../../../store/repositories/plan.repository.js';
import { errorBody, ownErrorHandler } from '../../errors.js';

export interface ReportApiOptions {
  store: Store;
  /** The app's one comparison service. */
  comparison: ComparisonService;
  /** The app's one PDF renderer (one chromium). */
  pdf: PdfRenderer;
  baseUrl?: string;
}

const PlanParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) });
const ReportParams = Type.Object({
  id: Type.String({ pattern: '^[0-9]{1,9}$' }),
  reportId: Type.String({ pattern: '^[0-9]{1,9}$' }),
});
const StepParams = Type.Object({
  id: Type.String({ pattern: '^[0-9]{1,9}$' }),
  reportId: Type.String({ pattern: '^[0-9]{1,9}$' }),
  step: Type.Union([Type.Literal('activate'), Type.Literal('approve'), Type.Literal('freeze')]),
});
const FileParams = Type.Object({
  id: Type.String({ pattern: '^[0-9]{1,9}$' }),
  reportId: Type.String({ pattern: '^[0-9]{1,9}$' }),
  format: Type.Union(REPORT_FORMATS.map((f) => Type.Literal(f))),
});
const CreateBody = Type.Object(
  {
    period: Type.String({ maxLength: 20, description: 'A period of the plan, e.g. 2024 or 2024-T2' }),
    scope_node_id: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
        description: "A goal's node id: the report covers its part of the plan; null: the whole plan",
      }),
    ),
    lang: Type.Optional(Type.Union([Type.Literal('sv'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);

function reportErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const send = (status: number, message: string, code: string, parameter?: string) =>
    reply.code(status).send(errorBody(status, message, code, parameter));
  const e: unknown = error;
  if (e instanceof PlanNotFoundError || e instanceof NotFoundError)
    return send(404, 'no such plan', 'notFound');
  if (e instanceof ReportNotFoundError) return send(404, e.message, 'notFound');
  if (e instanceof ReportTemplateError) return send(400, e.message, 'invalidTemplate', 'template');
  if (e instanceof ReportError) {
    const conflict = e.code === 'invalidState' || e.code === 'notReady' || e.code === 'inProgress';
    const parameter = e.code === 'invalidPeriod' || e.code === 'noFollowup' ? 'period' : undefined;
    return send(
      conflict ? 409 : 400,
      e.message,
      e.code,
      parameter ?? (e.code === 'invalidScope' ? 'scope_node_id' : undefined),
    );
  }
  if (e instanceof PdfRendererError) return send(503, e.message, 'pdfUnavailable');
  return ownErrorHandler(error, request, reply);
}

export async function reportApi(
  app: FastifyInstance,
  { store, comparison, pdf, baseUrl }: ReportApiOptions,
): Promise<void> {
  app.setErrorHandler(reportErrors);
  const plans = store.repositories.plans;
  const service = new ReportService({
    store,
    comparison,
    pdf: () => pdf,
    audit: app.audit,
    // Decorated after the API plugins are registered: read when a report is activated.
    mailer: () => app.mailer,
    baseUrl,
  });
  const actorOf = (request: FastifyRequest): Actor => request.actor as Actor;
  const planFor = async (request: FastifyRequest, id: string, permission: Permission): Promise<PlanRow> =>
    authorise(actorOf(request), permission, await plans.plan(Number(id)), 'no such plan');

  const sendFile = (
    reply: FastifyReply,
    planId: number,
    reportId: number,
    format: ReportFormat,
    file: { bytes: Buffer; frozen: boolean },
  ) => {
    reply
      .type(REPORT_MEDIA_TYPES[format])
      .header(
        'content-disposition',
        `${format === 'html' || format === 'pdf' ? 'inline' : 'attachment'}; filename="plan-${planId}-rapport-${reportId}.${format}"`,
      )
      // A frozen report's file never changes: caches may keep it.
      .header('cache-control', file.frozen ? 'public, max-age=31536000, immutable' : 'no-store');
    return reply.send(file.bytes);
  };

  app.get<{ Params: Static<typeof PlanParams> }>(
    '/api/plans/:id/reports',
    {
      config: { permission: 'plan.read' },
      schema: {
        tags: ['plan'],
        summary: "A plan's follow-up reports and its report template",
        params: PlanParams,
      },
    },
    async (request) => {
      const plan = await planFor(request, request.params.id, 'plan.read');
      return { reports: await service.list(plan), template: await service.template(plan.id) };
    },
  );

  app.post<{ Params: Static<typeof PlanParams>; Body: Static<typeof CreateBody> }>(
    '/api/plans/:id/reports',
    {
      config: { permission: 'plan.edit' },
      schema: {
        tags: ['plan'],
        summary: 'Create a draft report for a period (a new version when one is frozen)',
        params: PlanParams,
        body: CreateBody,
      },
    },
    async (request, reply) => {
      const plan = await planFor(request, request.params.id, 'plan.edit');
      const b = request.body;
      const report = await service.create(
        actorOf(request),
        plan,
        { period: b.period, scopeNodeId: b.scope_node_id ?? null, lang: b.lang },
        request.ip,
      );
      return reply.code(201).send(report);
    },
  );

  app.get<{ Params: Static<typeof ReportParams> }>(
    '/api/plans/:id/reports/:reportId',
    {
      config: { permission: 'plan.read' },
      schema: {
        tags: ['plan'],
        summary: 'A report: its state, its sections and (frozen) files',
        params: ReportParams,
      },
    },
    async (request) => {
      const plan = await planFor(request, request.params.id, 'plan.read');
      return service.get(plan, Number(request.params.reportId));
    },
  );

  app.post<{ Params: Static<typeof StepParams> }>(
    '/api/plans/:id/reports/:reportId/:step',
    {
      config: { permission: 'plan.edit' },
      schema: {
        tags: ['plan'],
        summary:
          'Move a report on: activate (draft → activated, reporters e-mailed), approve (every section ready), freeze (approved → frozen: every format rendered and stored)',
        params: StepParams,
      },
    },
    async (request) => {
      const plan = await planFor(request, request.params.id, 'plan.edit');
      const id = Number(request.params.reportId);
      const actor = actorOf(request);
      switch (request.params.step) {
        case 'activate':
          return service.activate(actor, plan, id, request.ip);
        case 'approve':
          return service.approve(actor, plan, id, request.ip);
        case 'freeze':
          return service.freeze(actor, plan, id, request.ip);
      }
    },
  );

  app.get<{ Params: Static<typeof FileParams> }>(
    '/api/plans/:id/reports/:reportId/rapport.:format',
    {
      config: { permission: 'plan.read' },
      schema: {
        tags: ['plan'],
        summary: "A report's file: a frozen report's stored bytes, otherwise rendered now",
        params: FileParams,
      },
    },
    async (request, reply) => {
      const plan = await planFor(request, request.params.id, 'plan.read');
      const id = Number(request.params.reportId);
      const format = request.params.format as ReportFormat;
      return sendFile(reply, plan.id, id, format, await service.file(plan, id, format));
    },
  );

  app.get<{ Params: Static<typeof PlanParams> }>(
    '/api/plans/:id/report-template',
    {
      config: { permission: 'plan.read' },
      schema: {
        tags: ['plan'],
        summary: "The plan's report template (the default one until saved)",
        params: PlanParams,
      },
    },
    async (request) => {
      const plan = await planFor(request, request.params.id, 'plan.read');
      return service.template(plan.id);
    },
  );

  app.put<{ Params: Static<typeof PlanParams>; Body: unknown }>(
    '/api/plans/:id/report-template',
    {
      config: { permission: 'plan.edit' },
      schema: {
        tags: ['plan'],
        summary:
          'Save the report template: {sections: [{type: introduction|summary|goals|goal|actions|indicators|text, …}]}',
        params: PlanParams,
      },
    },
    async (request) => {
      const plan = await planFor(request, request.params.id, 'plan.edit');
      return service.saveTemplate(actorOf(request), plan, request.body, request.ip);
    },
  );

  // The public follow-up site: a published plan's frozen reports (a report not frozen is a 404).
  app.get<{ Params: Static<typeof FileParams> }>(
    '/uppfoljning/:id/rapporter/:reportId/rapport.:format',
    { schema: { hide: true, params: FileParams } },
    async (request, reply) => {
      const plan = await plans.publicPlan(Number(request.params.id));
      if (!plan) throw new ReportNotFoundError('no such published plan');
      const id = Number(request.params.reportId);
      const frozen = await service.frozen(plan.id);
      if (!frozen.some((r) => r.id === id)) throw new ReportNotFoundError('no such frozen report');
      const format = request.params.format as ReportFormat;
      return sendFile(reply, plan.id, id, format, await service.file(plan, id, format));
    },
  );
}
