/**
 * The Plan pages, served by the one page runner (HTML and .json/.csv/.xlsx):
 *
 *   /plan                          plans of the user's organisations          plan.read
 *   /plan/{id}?period=P            overview: tree, verdicts, trends, counts   plan.read
 *   /plan/{id}/mal/{node}          a goal: indicators with charts, actions    plan.read
 *   /plan/{id}/rapportera          the follow-up form (the reporter's part)   plan.follow-up
 *   /plan/{id}/redigera            the editor (tree, indicators, reporters)   plan.edit
 *   /plan/{id}/rapporter           the reports to the nämnd: new, workflow    plan.edit
 *                                  steps, frozen files and previews
 *   /plan/{id}/rapporter/mall      the report template: sections, their      plan.edit
 *                                  order, add/change/remove
 *   /uppfoljning/{id}[/mal/{node}] the public follow-up site of a published plan: no sign-in,
 *                                  approved entries only
 *   /uppfoljning/{id}/rapporter    its frozen reports with links to their stored files
 *
 * Another organisation's plan answers 404 like one that does not exist; a plan that is not published
 * is a 404 on the public site. The forms' POST routes are in plan-forms.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Actor, authorise, NotFoundError, organisationsWith } from '../../../accounts/actor.js';
import type { ComparisonService } from '../../../domain/comparison/comparison.service.js';
import { periodsOfPlan } from '../../../domain/plan/periods.js';
import type { ReportService } from '../../../domain/plan/reports/report.service.js';
import { deletedGoals, templateStamp } from '../../../domain/plan/reports/report-template.js';
import type { Store } from '../../../store/database.js';
import type { PlanRow } from '../../../store/repositories/plan.repository.js';
import { csrfBinding as csrfUser } from '../../auth/auth.js';
import { notFoundPage, type PageRunner, type PageView } from '../page-runner.js';
import { planDocument } from './plan.export.js';
import { PlanEditorPage } from './plan-editor.page.js';
import { registerPlanForms } from './plan-forms.js';
import { GoalPage } from './plan-goal.page.js';
import { PlanListPage, PublicPlanListPage } from './plan-list.page.js';
import { PlanOverviewPage } from './plan-overview.page.js';
import { PublicReportsPage } from './plan-public-reports.page.js';
import { PlanReportPage, reportDocument } from './plan-report.page.js';
import { ReportTemplatePage, sectionName } from './plan-report-template.page.js';
import { registerReportTemplateForms } from './plan-report-template-forms.js';
import { PlanReportsPage } from './plan-reports.page.js';
import { registerReportForms } from './plan-reports-forms.js';
import { buildPlanView, followupTree, type PlanView, subtree } from './plan-view.js';

export interface PlanPagesOptions {
  app: FastifyInstance;
  store: Store;
  pages: PageRunner;
  comparison: ComparisonService;
  /** The follow-up reports' workflow (the same service as the API's, one chromium). */
  reports: ReportService;
}

const planId = (text: string) => (/^\d{1,9}$/.test(text) ? Number(text) : 0);
const periodOf = (request: FastifyRequest) => {
  const p = (request.query as Record<string, unknown>).period;
  return typeof p === 'string' && p !== '' ? p : undefined;
};

export function planPages({ app, store, pages, comparison, reports }: PlanPagesOptions): void {
  const repo = store.repositories.plans;
  const actorOf = (request: FastifyRequest) => request.actor as Actor;

  /** The plan if the actor holds `permission` in its organisation; null answers 404. */
  async function planFor(
    request: FastifyRequest,
    id: string,
    permission: 'plan.read' | 'plan.follow-up' | 'plan.edit',
  ) {
    try {
      return authorise(actorOf(request), permission, await repo.plan(planId(id)));
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }
  const noPlan = (request: FastifyRequest): PageView => notFoundPage(`${request.url.split('?')[0]}`);

  pages.get(
    '/plan',
    async ({ request }) => {
      const rows = await repo.plans(organisationsWith(actorOf(request), 'plan.read'));
      return {
        html: (ctx) => PlanListPage({ ctx, plans: rows }),
        doc: (ctx) => ({
          title: ctx.t('plan.listTitle'),
          filename: 'etablera-planer',
          meta: [],
          columns: [
            { key: 'id', header: 'id', type: 'integer' },
            { key: 'title', header: ctx.t('plan.planTitle'), type: 'text' },
            { key: 'organisation', header: ctx.t('plan.organisation'), type: 'text' },
            { key: 'status', header: ctx.t('plan.statusLabel'), type: 'text' },
            { key: 'version', header: 'version', type: 'integer' },
          ],
          rows: rows.map((p) => ({
            id: p.id,
            title: p.title,
            organisation: p.organisation_id,
            status: p.status,
            version: p.version,
          })),
        }),
      };
    },
    { permission: 'plan.read' },
  );

  const overview = (view: PlanView, base: string): PageView => ({
    html: (ctx) => PlanOverviewPage({ ctx, view, base }),
    doc: (ctx) => planDocument(ctx, view, followupTree(view.followup), view.plan.title),
  });
  const goal = (view: PlanView, nodeText: string, base: string): PageView | null => {
    const item = followupTree(view.followup)
      .flatMap(subtree)
      .find((i) => i.node.id === planId(nodeText));
    if (!item) return null;
    return {
      html: (ctx) => GoalPage({ ctx, view, item, base }),
      doc: (ctx) => planDocument(ctx, view, [item], `${view.plan.title}: ${item.node.title}`),
    };
  };

  pages.get<{ id: string }>(
    '/plan/:id',
    async ({ request, params }) => {
      const plan = await planFor(request, params.id, 'plan.read');
      if (!plan) return noPlan(request);
      const view = await buildPlanView(repo, comparison, plan, {
        period: periodOf(request),
        actor: actorOf(request),
      });
      return overview(view, `/plan/${plan.id}`);
    },
    { permission: 'plan.read' },
  );

  pages.get<{ id: string; node: string }>(
    '/plan/:id/mal/:node',
    async ({ request, params }) => {
      const plan = await planFor(request, params.id, 'plan.read');
      if (!plan) return noPlan(request);
      const view = await buildPlanView(repo, comparison, plan, {
        period: periodOf(request),
        actor: actorOf(request),
      });
      return goal(view, params.node, `/plan/${plan.id}`) ?? noPlan(request);
    },
    { permission: 'plan.read' },
  );

  pages.get<{ id: string }>(
    '/plan/:id/rapportera',
    async ({ request, reply, params }) => {
      const plan = await planFor(request, params.id, 'plan.follow-up');
      if (!plan) return noPlan(request);
      const view = await buildPlanView(repo, comparison, plan, {
        period: periodOf(request),
        actor: actorOf(request),
      });
      const csrf = reply.generateCsrf({ userInfo: csrfUser(request) });
      return {
        html: (ctx) => PlanReportPage({ ctx, view, csrf }),
        doc: (ctx) => reportDocument(ctx, view),
      };
    },
    { permission: 'plan.follow-up' },
  );

  pages.get<{ id: string }>(
    '/plan/:id/redigera',
    async ({ request, reply, params }) => {
      const plan = await planFor(request, params.id, 'plan.edit');
      if (!plan) return noPlan(request);
      const view = await buildPlanView(repo, comparison, plan, {
        period: periodOf(request),
        actor: actorOf(request),
      });
      const [members, reporters] = await Promise.all([
        repo.organisationMembers(plan.organisation_id),
        repo.reporters(plan.id),
      ]);
      const csrf = reply.generateCsrf({ userInfo: csrfUser(request) });
      return {
        html: (ctx) => PlanEditorPage({ ctx, view, csrf, members, reporters }),
        doc: (ctx) => planDocument(ctx, view, followupTree(view.followup), view.plan.title),
      };
    },
    { permission: 'plan.edit' },
  );

  pages.get<{ id: string }>(
    '/plan/:id/rapporter',
    async ({ request, reply, params }) => {
      const plan = await planFor(request, params.id, 'plan.edit');
      if (!plan) return noPlan(request);
      const [list, template, contents] = await Promise.all([
        reports.list(plan),
        reports.template(plan.id),
        repo.contents(plan.id),
      ]);
      const goals = (contents?.nodes ?? []).map((n) => ({
        id: n.id,
        name: n.code ? `${n.code} ${n.title}` : n.title,
      }));
      const periods = periodsOfPlan(plan.period_kind, plan.period_from, plan.period_to);
      const csrf = reply.generateCsrf({ userInfo: csrfUser(request) });
      return {
        html: (ctx) => PlanReportsPage({ ctx, plan, reports: list, template, periods, goals, csrf }),
        doc: (ctx) => ({
          title: ctx.t('plan.reports.title', { plan: plan.title }),
          filename: `etablera-plan-${plan.id}-rapporter`,
          meta: [],
          columns: [
            { key: 'id', header: 'id', type: 'integer' },
            { key: 'period', header: ctx.t('plan.reports.period'), type: 'text' },
            { key: 'scope', header: ctx.t('plan.reports.scope'), type: 'text' },
            { key: 'lang', header: 'lang', type: 'text' },
            { key: 'version', header: 'version', type: 'integer' },
            { key: 'state', header: ctx.t('plan.reports.stateColumn'), type: 'text' },
            { key: 'ready', header: ctx.t('plan.reports.sections'), type: 'text' },
            { key: 'frozen_at', header: 'frozen_at', type: 'text' },
          ],
          rows: list.map((r) => ({
            id: r.id,
            period: r.period,
            scope: r.scope,
            lang: r.lang,
            version: r.version,
            state: r.state,
            ready: `${r.sections.filter((x) => x.state === 'ready' || x.state === 'approved').length}/${r.sections.length}`,
            frozen_at: r.frozen_at ?? '',
          })),
        }),
      };
    },
    { permission: 'plan.edit' },
  );

  pages.get<{ id: string }>(
    '/plan/:id/rapporter/mall',
    async ({ request, reply, params }) => {
      const plan = await planFor(request, params.id, 'plan.edit');
      if (!plan) return noPlan(request);
      const [template, contents] = await Promise.all([reports.template(plan.id), repo.contents(plan.id)]);
      const goals = (contents?.nodes ?? []).map((n) => ({
        id: n.id,
        name: n.code ? `${n.code} ${n.title}` : n.title,
      }));
      const deleted = contents ? deletedGoals(template, contents) : [];
      const stamp = templateStamp(template);
      const csrf = reply.generateCsrf({ userInfo: csrfUser(request) });
      return {
        html: (ctx) => ReportTemplatePage({ ctx, plan, template, stamp, goals, deleted, csrf }),
        doc: (ctx) => ({
          title: ctx.t('plan.template.title2', { plan: plan.title }),
          filename: `etablera-plan-${plan.id}-rapportmall`,
          meta: [],
          columns: [
            { key: 'section', header: ctx.t('plan.template.sectionColumn'), type: 'integer' },
            { key: 'type', header: 'type', type: 'text' },
            { key: 'name', header: ctx.t('plan.template.nameColumn'), type: 'text' },
          ],
          rows: template.sections.map((s, i) => ({
            section: i + 1,
            type: s.type,
            name: sectionName(ctx, s, goals),
          })),
        }),
      };
    },
    { permission: 'plan.edit' },
  );

  // The public follow-up site: published plans, approved entries only, no sign-in.
  const publicView = async (request: FastifyRequest, id: string): Promise<PlanView | null> => {
    const plan: PlanRow | undefined = await repo.publicPlan(planId(id));
    if (!plan) return null;
    return buildPlanView(repo, comparison, plan, { period: periodOf(request), approvedOnly: true });
  };
  pages.get('/uppfoljning', async () => {
    const rows = await repo.publicPlans();
    return {
      html: (ctx) => PublicPlanListPage({ ctx, plans: rows }),
      doc: (ctx) => ({
        title: ctx.t('plan.publicListTitle'),
        filename: 'etablera-uppfoljning',
        meta: [],
        columns: [
          { key: 'id', header: 'id', type: 'integer' },
          { key: 'title', header: ctx.t('plan.planTitle'), type: 'text' },
          { key: 'municipality', header: ctx.t('comparator.kommunCode'), type: 'text' },
          { key: 'url', header: 'url', type: 'text' },
        ],
        rows: rows.map((p) => ({
          id: p.id,
          title: p.title,
          municipality: p.municipality_id,
          url: `${ctx.publicBase}/uppfoljning/${p.id}`,
        })),
      }),
    };
  });
  pages.get<{ id: string }>('/uppfoljning/:id', async ({ request, params }) => {
    const view = await publicView(request, params.id);
    return view ? overview(view, `/uppfoljning/${view.plan.id}`) : noPlan(request);
  });
  pages.get<{ id: string; node: string }>('/uppfoljning/:id/mal/:node', async ({ request, params }) => {
    const view = await publicView(request, params.id);
    return (view && goal(view, params.node, `/uppfoljning/${view.plan.id}`)) ?? noPlan(request);
  });

  pages.get<{ id: string }>('/uppfoljning/:id/rapporter', async ({ request, params }) => {
    const plan = await repo.publicPlan(planId(params.id));
    if (!plan) return noPlan(request);
    const list = await reports.published(plan.id);
    return {
      html: (ctx) => PublicReportsPage({ ctx, plan, reports: list }),
      doc: (ctx) => ({
        title: ctx.t('plan.publicReports.title', { plan: plan.title }),
        filename: `etablera-uppfoljning-${plan.id}-rapporter`,
        meta: [],
        columns: [
          { key: 'id', header: 'id', type: 'integer' },
          { key: 'period', header: ctx.t('plan.reports.period'), type: 'text' },
          { key: 'scope', header: ctx.t('plan.reports.scope'), type: 'text' },
          { key: 'lang', header: 'lang', type: 'text' },
          { key: 'version', header: 'version', type: 'integer' },
          { key: 'frozen_at', header: 'frozen_at', type: 'text' },
          ...['html', 'pdf', 'docx', 'xlsx'].map((f) => ({ key: f, header: f, type: 'text' as const })),
        ],
        rows: list.map((r) => ({
          id: r.id,
          period: r.period,
          scope: r.scope_name ?? ctx.t('plan.reports.wholePlan'),
          lang: r.lang,
          version: r.version,
          frozen_at: r.frozen_at ?? '',
          ...Object.fromEntries(r.files.map((f) => [f.format, `${ctx.publicBase}${f.url}`])),
        })),
      }),
    };
  });

  registerPlanForms(app, { repo, planFor });
  registerReportForms(app, { reports, planFor });
  registerReportTemplateForms(app, { reports, planFor });
}
