/**
 * Follow-up reports as a workflow. A report covers one period of a plan, in one scope (the whole plan
 * or one goal and what lies below it — a unit's part) and one language:
 *
 *   draft → activated (reporters e-mailed) → [sections ready: every goal's follow-up entry in scope
 *   marked ready] → approved (by a strategist) → frozen.
 *
 * Freezing renders the report once in every format and stores the content (every value, verdict,
 * comment and chart as they were) and the files' bytes; a frozen report is never rendered again, so
 * a later comment or Kolada sync cannot change it. A new version is a new report. Every step is in
 * the audit log, in the same transaction as the step.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../../accounts/actor.js';
import type { AuditLog } from '../../../accounts/audit-log.js';
import type { PdfRenderer } from '../../../documents/pdf-renderer.js';
import { isLocale, type Locale } from '../../../i18n/locales.js';
import { translator } from '../../../i18n/translator.js';
import { render as renderMail } from '../../../mail/compose.js';
import type { Mailer } from '../../../mail/mailer.js';
import type { Store } from '../../../store/database.js';
import type { ReportState } from '../../../store/report-schema.js';
import type { PlanRepository, PlanRow } from '../../../store/repositories/plan.repository.js';
import type {
  ReportRepository,
  ReportRow,
  ReportSummaryRow,
} from '../../../store/repositories/report.repository.js';
import type { ComparisonService } from '../../comparison/comparison.service.js';
import { FollowupService, type PlanFollowup } from '../followup.service.js';
import { parsePeriod, periodsOfPlan } from '../periods.js';
import { PlanNotFoundError } from '../plan.service.js';
import { descendantsOf } from '../report-scope.js';
import { buildReportContent, type ReportContent, type ReportLanguage, scopeOf } from './report-content.js';
import { type ReportFormat, renderAll, renderReport } from './report-render.js';
import { checkTemplate, DEFAULT_TEMPLATE, parseTemplate, type ReportTemplate } from './report-template.js';

/** A report that cannot be made or moved on as asked; the message says why. */
export class ReportError extends Error {
  override name = 'ReportError';
  constructor(
    message: string,
    readonly code:
      | 'invalidPeriod'
      | 'noFollowup'
      | 'invalidScope'
      | 'invalidState'
      | 'notReady'
      | 'inProgress',
  ) {
    super(message);
  }
}

export class ReportNotFoundError extends Error {
  override name = 'ReportNotFoundError';
}

export interface ReportRequest {
  planId: number;
  period: string;
  /** A goal's node id: its part of the plan; null or undefined: the whole plan. */
  scopeNodeId?: number | null;
  lang?: ReportLanguage;
  /** Overrides the plan's template (a preview of a template not saved yet). */
  template?: ReportTemplate;
  now?: Date;
}

export interface SectionState {
  node_id: number;
  title: string;
  state: 'missing' | 'draft' | 'ready' | 'approved';
}

export interface ReportOut extends ReportSummaryRow {
  scope_node_id: number | null;
  sections: SectionState[];
  sections_ready: boolean;
  files: { format: string; sha256: string; bytes: number; url: string }[];
}

export interface PublicReport {
  id: number;
  period: string;
  scope: string;
  /** The goal whose part the report covers; null: the whole plan. */
  scope_name: string | null;
  lang: string;
  version: number;
  frozen_at: string | null;
  files: { format: string; bytes: number; sha256: string; url: string }[];
}

export interface ReportServiceOptions {
  store: Store;
  comparison: ComparisonService;
  /** The PDF renderer (one chromium, started at the first PDF). */
  pdf: () => PdfRenderer;
  audit?: AuditLog;
  mailer?: () => Mailer | undefined;
  /** The public URL for links in e-mails. */
  baseUrl?: string;
}

const scopeKey = (scopeNodeId: number | null | undefined) => (scopeNodeId ? String(scopeNodeId) : 'plan');

export class ReportService {
  private readonly plans: PlanRepository;
  private readonly reports: ReportRepository;
  private readonly followups: FollowupService;

  constructor(private readonly options: ReportServiceOptions) {
    this.plans = options.store.repositories.plans;
    this.reports = options.store.repositories.reports;
    this.followups = new FollowupService(this.plans, options.comparison);
  }

  /** The plan's template, or the default one. */
  async template(planId: number): Promise<ReportTemplate> {
    const saved = await this.reports.template(planId);
    return saved ? parseTemplate(JSON.parse(saved)) : DEFAULT_TEMPLATE;
  }

  /** Saves a plan's template after checking it names only goals the plan has. */
  async saveTemplate(actor: Actor, plan: PlanRow, input: unknown, ip?: string): Promise<ReportTemplate> {
    const template = parseTemplate(input);
    const contents = await this.plans.contents(plan.id);
    if (!contents) throw new PlanNotFoundError(plan.id);
    checkTemplate(template, contents);
    await this.reports.transaction(async (repo, trx) => {
      await repo.saveTemplate(plan.id, JSON.stringify(template), actorId(actor), new Date().toISOString());
      await this.audit(
        actor,
        plan,
        'plan.report.template',
        { type: 'plan', id: String(plan.id) },
        ip,
        { template },
        trx,
      );
    });
    return template;
  }

  /**
   * The report's content as of now (not stored): checks the plan, the period, the scope, the
   * template and that something was reported for the period.
   */
  async content(
    request: ReportRequest,
    meta: { state?: 'draft' | 'activated' | 'approved' } = {},
  ): Promise<ReportContent> {
    const { followup, template, scopeNodeId } = await this.checked(request);
    return await buildReportContent(followup, {
      lang: request.lang ?? 'sv',
      template,
      scopeNodeId,
      generatedAt: (request.now ?? new Date()).toISOString(),
      state: meta.state,
    });
  }

  /**
   * The checks of `content` without building it: a new draft only needs to know the report can be
   * made, and building draws every chart (≈ 4 s for 300 indicators).
   */
  private async checked(
    request: ReportRequest,
  ): Promise<{ followup: PlanFollowup; template: ReportTemplate; scopeNodeId: number | null }> {
    const contents = await this.plans.contents(request.planId);
    if (!contents) throw new PlanNotFoundError(request.planId);
    const { plan } = contents;
    checkPeriod(plan, request.period);
    const scopeNodeId = request.scopeNodeId ?? null;
    if (scopeNodeId !== null && !contents.nodes.some((n) => n.id === scopeNodeId))
      throw new ReportError(`plan ${plan.id} has no goal ${scopeNodeId}`, 'invalidScope');
    const template = request.template ?? (await this.template(plan.id));
    checkTemplate(template, contents);
    const followup = await this.followups.followup(plan.id, request.period);
    const inScope = scopeOf(followup, scopeNodeId);
    const reported =
      followup.nodes.some((n) => inScope.has(n.id) && n.followup) ||
      followup.indicators.some((i) => inScope.has(i.node_id) && i.followup) ||
      followup.actions.some((a) => inScope.has(a.node_id) && a.followup);
    if (!reported)
      throw new ReportError(
        `nothing has been followed up for period ${request.period} in plan ${plan.id}${scopeNodeId ? ` (goal ${scopeNodeId})` : ''}: no verdict, comment or status yet, so there is no report to make`,
        'noFollowup',
      );
    return { followup, template, scopeNodeId };
  }

  /** A file of the report as of now (CLI, previews). */
  async render(request: ReportRequest, format: ReportFormat): Promise<Buffer> {
    return renderReport(await this.content(request), format, this.options.pdf);
  }

  async list(plan: PlanRow): Promise<ReportOut[]> {
    const rows = await this.reports.reports(plan.id);
    return Promise.all(rows.map((r) => this.describe(r)));
  }

  async get(plan: PlanRow, reportId: number): Promise<ReportOut> {
    return this.describe(await this.row(plan, reportId));
  }

  /** A new draft report (a new version when the period already has a frozen one). */
  async create(
    actor: Actor,
    plan: PlanRow,
    input: { period: string; scopeNodeId?: number | null; lang?: ReportLanguage },
    ip?: string,
  ): Promise<ReportOut> {
    const lang = input.lang ?? 'sv';
    // Checks the plan, period, scope, template and that the period has follow-up.
    await this.checked({ planId: plan.id, period: input.period, scopeNodeId: input.scopeNodeId, lang });
    const scope = scopeKey(input.scopeNodeId);
    const template = await this.template(plan.id);
    const id = await this.reports.transaction(async (repo, trx) => {
      const latest = await repo.latest(plan.id, input.period, scope, lang);
      if (latest && latest.state !== 'frozen')
        throw new ReportError(
          `report ${latest.id} for ${input.period} is still ${latest.state}: freeze it before starting a new version`,
          'inProgress',
        );
      const now = new Date().toISOString();
      const reportId = await repo.insert({
        plan_id: plan.id,
        organisation_id: plan.organisation_id,
        period: input.period,
        scope,
        lang,
        version: (latest?.version ?? 0) + 1,
        state: 'draft',
        template: JSON.stringify(template),
        created_by: actorId(actor),
        created_at: now,
        activated_by: null,
        activated_at: null,
        approved_by: null,
        approved_at: null,
        frozen_by: null,
        frozen_at: null,
        snapshot: null,
      });
      await this.audit(
        actor,
        plan,
        'plan.report.create',
        reportTarget(reportId),
        ip,
        { period: input.period, scope, lang },
        trx,
      );
      return reportId;
    });
    return this.get(plan, id);
  }

  /** draft → activated, and an e-mail to each reporter of the report's part of the plan. */
  async activate(actor: Actor, plan: PlanRow, reportId: number, ip?: string): Promise<ReportOut> {
    const report = await this.row(plan, reportId);
    const recipients = await this.recipients(plan, report);
    let queued = 0;
    await this.reports.transaction(async (repo, trx) => {
      await this.step(repo, report, 'draft', {
        state: 'activated',
        activated_by: actorId(actor),
        activated_at: new Date().toISOString(),
      });
      const mailer = this.options.mailer?.();
      if (mailer?.enabled)
        for (const r of recipients) {
          const locale: Locale = isLocale(r.locale) ? r.locale : 'sv';
          const t = translator(locale);
          const values = { plan: plan.title, period: report.period };
          const subject = t('report.mail.subject', values);
          const { text, html } = renderMail(locale, {
            subject,
            paragraphs: [t('report.mail.lead', values)],
            action: {
              href: `${this.options.baseUrl ?? ''}/plan/${plan.id}/rapportera?period=${encodeURIComponent(report.period)}`,
              label: t('report.mail.action'),
            },
          });
          if (
            await mailer.enqueue(
              { purpose: 'plan-report', recipient: r.email, subject, body_text: text, body_html: html },
              trx,
            )
          )
            queued++;
        }
      await this.audit(
        actor,
        plan,
        'plan.report.activate',
        reportTarget(reportId),
        ip,
        {
          notified: recipients.map((r) => r.email),
        },
        trx,
      );
    });
    if (queued) this.options.mailer?.()?.kick();
    return this.get(plan, reportId);
  }

  /** activated → approved, once every section (goal) in the report's part is marked ready. */
  async approve(actor: Actor, plan: PlanRow, reportId: number, ip?: string): Promise<ReportOut> {
    const report = await this.row(plan, reportId);
    const { sections } = await this.sectionStates(report);
    const waiting = sections.filter((s) => s.state !== 'ready' && s.state !== 'approved');
    if (report.state === 'activated' && waiting.length)
      throw new ReportError(`sections not ready yet: ${waiting.map((s) => s.title).join('; ')}`, 'notReady');
    await this.reports.transaction(async (repo, trx) => {
      await this.step(repo, report, 'activated', {
        state: 'approved',
        approved_by: actorId(actor),
        approved_at: new Date().toISOString(),
      });
      await this.audit(actor, plan, 'plan.report.approve', reportTarget(reportId), ip, {}, trx);
    });
    return this.get(plan, reportId);
  }

  /**
   * approved → frozen: the content and every format rendered now and stored, with their SHA-256.
   * Rendered before the transaction (chromium takes a while); stored all together or not at all.
   */
  async freeze(actor: Actor, plan: PlanRow, reportId: number, ip?: string): Promise<ReportOut> {
    const report = await this.row(plan, reportId);
    if (report.state !== 'approved')
      throw new ReportError(
        `report ${reportId} is ${report.state}; only an approved report can be frozen`,
        'invalidState',
      );
    const now = new Date();
    const followup = await this.followups.followup(plan.id, report.period);
    const content = await buildReportContent(followup, {
      lang: report.lang as ReportLanguage,
      template: parseTemplate(JSON.parse(report.template)),
      scopeNodeId: report.scope === 'plan' ? null : Number(report.scope),
      generatedAt: now.toISOString(),
      frozen: { at: now.toISOString(), version: report.version },
    });
    const files = await renderAll(content, this.options.pdf);
    await this.reports.transaction(async (repo, trx) => {
      await this.step(repo, report, 'approved', {
        state: 'frozen',
        frozen_by: actorId(actor),
        frozen_at: now.toISOString(),
        snapshot: JSON.stringify({ content, followup }),
      });
      const hashes: Record<string, string> = {};
      for (const [format, bytes] of files) {
        hashes[format] = sha256(bytes);
        await repo.insertFile(report.id, format, bytes, hashes[format]!);
      }
      await this.audit(
        actor,
        plan,
        'plan.report.freeze',
        reportTarget(reportId),
        ip,
        { sha256: hashes },
        trx,
      );
    });
    return this.get(plan, reportId);
  }

  /** A report's file: a frozen report's stored bytes; otherwise rendered now from today's data. */
  async file(
    plan: PlanRow,
    reportId: number,
    format: ReportFormat,
  ): Promise<{ bytes: Buffer; frozen: boolean }> {
    const report = await this.row(plan, reportId);
    if (report.state === 'frozen') {
      const stored = await this.reports.file(report.id, format);
      if (!stored) throw new ReportNotFoundError(`report ${reportId} has no ${format} file`);
      return { bytes: stored.content, frozen: true };
    }
    const content = await this.content(
      {
        planId: plan.id,
        period: report.period,
        scopeNodeId: report.scope === 'plan' ? null : Number(report.scope),
        lang: report.lang as ReportLanguage,
        template: parseTemplate(JSON.parse(report.template)),
      },
      { state: report.state },
    );
    return { bytes: await renderReport(content, format, this.options.pdf), frozen: false };
  }

  /** The frozen reports of a plan (the public site lists them for published plans). */
  async frozen(planId: number): Promise<ReportSummaryRow[]> {
    return (await this.reports.reports(planId)).filter((r) => r.state === 'frozen');
  }

  /**
   * What the public follow-up site shows of a (published) plan: its frozen reports, newest first,
   * each with its files at their public stable URLs. Drafts and reports in progress never appear.
   */
  async published(planId: number): Promise<PublicReport[]> {
    const [frozen, contents] = await Promise.all([this.frozen(planId), this.plans.contents(planId)]);
    const names = new Map(
      (contents?.nodes ?? []).map((n) => [n.id, n.code ? `${n.code} ${n.title}` : n.title]),
    );
    const out: PublicReport[] = [];
    for (const r of frozen) {
      const scopeId = r.scope === 'plan' ? null : Number(r.scope);
      out.push({
        id: r.id,
        period: r.period,
        scope: r.scope,
        // The goal's name now; a goal deleted since the report was frozen by its id.
        scope_name: scopeId === null ? null : (names.get(scopeId) ?? String(scopeId)),
        lang: r.lang,
        version: r.version,
        frozen_at: r.frozen_at,
        files: (await this.reports.files(r.id)).map((f) => ({
          format: f.format,
          bytes: f.bytes,
          sha256: f.sha256,
          url: publicFileUrl(planId, r.id, f.format),
        })),
      });
    }
    return out.sort((a, b) => (b.frozen_at ?? '').localeCompare(a.frozen_at ?? '') || b.id - a.id);
  }

  private async row(plan: PlanRow, reportId: number): Promise<ReportRow> {
    const report = await this.reports.report(reportId);
    if (!report || report.plan_id !== plan.id)
      throw new ReportNotFoundError(`plan ${plan.id} has no report ${reportId}`);
    return report;
  }

  private async step(
    repo: ReportRepository,
    report: ReportRow,
    from: ReportState,
    set: Parameters<ReportRepository['advance']>[2],
  ): Promise<void> {
    if (report.state !== from || !(await repo.advance(report.id, from, set)))
      throw new ReportError(
        `report ${report.id} is ${report.state}; this step needs a report that is ${from}`,
        'invalidState',
      );
  }

  private async describe(row: ReportSummaryRow): Promise<ReportOut> {
    const { snapshot: _s, ...summary } = row as ReportRow;
    const { sections } = await this.sectionStates(row);
    const files =
      row.state === 'frozen'
        ? (await this.reports.files(row.id)).map((f) => ({
            ...f,
            url: fileUrl(row.plan_id, row.id, f.format),
          }))
        : [];
    return {
      ...summary,
      scope_node_id: row.scope === 'plan' ? null : Number(row.scope),
      sections,
      sections_ready: sections.every((s) => s.state === 'ready' || s.state === 'approved'),
      files,
    };
  }

  /** Each goal in the report's part with the state of its follow-up entry for the period. */
  private async sectionStates(report: ReportSummaryRow): Promise<{ sections: SectionState[] }> {
    const contents = await this.plans.contents(report.plan_id);
    if (!contents) return { sections: [] };
    const ids =
      report.scope === 'plan'
        ? new Set(contents.nodes.map((n) => n.id))
        : descendantsOf(contents, [Number(report.scope)]);
    const entries = new Map(
      (await this.plans.followups(report.plan_id, report.period))
        .filter((f) => f.item_kind === 'node')
        .map((f) => [f.item_id, f.state]),
    );
    return {
      sections: contents.nodes
        .filter((n) => ids.has(n.id))
        .map((n) => ({
          node_id: n.id,
          title: n.code ? `${n.code} ${n.title}` : n.title,
          state: entries.get(n.id) ?? 'missing',
        })),
    };
  }

  /** Reporters assigned to the report's goals or above them; the strategists when nobody is. */
  private async recipients(
    plan: PlanRow,
    report: ReportRow,
  ): Promise<{ email: string; locale: string | null }[]> {
    const contents = await this.plans.contents(plan.id);
    if (!contents) return [];
    const byId = new Map(contents.nodes.map((n) => [n.id, n]));
    const inScope =
      report.scope === 'plan' ? new Set(byId.keys()) : descendantsOf(contents, [Number(report.scope)]);
    const relevant = new Set(inScope);
    for (const id of inScope)
      for (let n = byId.get(id); n && n.parent_id !== null; n = byId.get(n.parent_id))
        relevant.add(n.parent_id);
    const members = await this.plans.organisationMembers(plan.organisation_id);
    const assigned = (await this.plans.reporters(plan.id)).filter((r) => relevant.has(r.node_id));
    const emails = assigned.length
      ? [...new Set(assigned.map((r) => r.email))]
      : members.filter((m) => m.role === 'strategist').map((m) => m.email);
    const locales = await this.options.store.db
      .selectFrom('app_user')
      .select(['email', 'locale'])
      .where('email', 'in', emails.length ? emails : [''])
      .execute();
    const localeOf = new Map(locales.map((l) => [l.email, l.locale]));
    return emails.sort().map((email) => ({ email, locale: localeOf.get(email) ?? null }));
  }

  private async audit(
    actor: Actor,
    plan: PlanRow,
    action: string,
    target: { type: string; id: string },
    ip: string | undefined,
    detail: Record<string, unknown>,
    trx: Parameters<AuditLog['record']>[1],
  ): Promise<void> {
    await this.options.audit?.record(
      {
        actor,
        action,
        organisationId: plan.organisation_id,
        target,
        ip: ip ?? null,
        detail: { plan: plan.id, ...detail },
      },
      trx,
    );
  }
}

function checkPeriod(plan: PlanRow, period: string): void {
  const periods = periodsOfPlan(plan.period_kind, plan.period_from, plan.period_to);
  if (!parsePeriod(plan.period_kind, period) || !periods.includes(period))
    throw new ReportError(
      `"${period}" is not a period of plan ${plan.id} (its periods: ${periods[0]} … ${periods.at(-1)})`,
      'invalidPeriod',
    );
}

const actorId = (actor: Actor) => actor.userId ?? actor.label ?? 'system';
const reportTarget = (id: number) => ({ type: 'plan_report', id: String(id) });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The stable URL of a report's file (a frozen report's always answers the same bytes). */
export function fileUrl(planId: number, reportId: number, format: string): string {
  return `/api/plans/${planId}/reports/${reportId}/rapport.${format}`;
}

/** The public stable URL of a published plan's frozen report file (the follow-up site). */
export function publicFileUrl(planId: number, reportId: number, format: string): string {
  return `/uppfoljning/${planId}/rapporter/${reportId}/rapport.${format}`;
}
