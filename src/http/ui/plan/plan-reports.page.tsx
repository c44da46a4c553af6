/**
 * `/plan/{id}/rapporter`: the strategist's page for the follow-up reports of a plan. A form makes a
 * new draft (period, the whole plan or one goal's part, Swedish or English); the table lists every
 * report with its state, how many of its sections (goals) are marked ready, the next step of the
 * workflow as a button (activate → approve → freeze), and its files: a frozen report's stored files,
 * or a preview of the report as of now. Plain forms that POST here and come back (no JavaScript).
 */
import type { ReportOut } from '../../../domain/plan/reports/report.service.js';
import { REPORT_FORMATS } from '../../../domain/plan/reports/report-render.js';
import type { ReportTemplate } from '../../../domain/plan/reports/report-template.js';
import type { MessageKey } from '../../../i18n/catalog.js';
import { formatDate } from '../../../i18n/format.js';
import type { PlanRow } from '../../../store/repositories/plan.repository.js';
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import { Feedback } from './plan-components.js';

export interface PlanReportsProps {
  ctx: PageContext;
  plan: PlanRow;
  reports: ReportOut[];
  template: ReportTemplate;
  periods: string[];
  goals: { id: number; name: string }[];
  csrf: string;
}

const FORMAT_NAMES: Record<(typeof REPORT_FORMATS)[number], string> = {
  html: 'HTML',
  docx: 'Word',
  pdf: 'PDF',
  xlsx: 'Excel',
};

const NEXT_STEP = { draft: 'activate', activated: 'approve', approved: 'freeze' } as const;

function StepForm({
  ctx,
  plan,
  report,
  csrf,
}: {
  ctx: PageContext;
  plan: PlanRow;
  report: ReportOut;
  csrf: string;
}) {
  const step = NEXT_STEP[report.state as keyof typeof NEXT_STEP];
  if (!step) return null;
  const waiting = report.sections.filter((s) => s.state !== 'ready' && s.state !== 'approved');
  return (
    <form method="post" action={`/plan/${plan.id}/rapporter`} class="inline-form">
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="op" value={step} />
      <input type="hidden" name="report" value={String(report.id)} />
      {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
      <button
        type="submit"
        aria-describedby={waiting.length && step === 'approve' ? `waiting-${report.id}` : undefined}
      >
        {ctx.t(`plan.reports.step.${step}` as MessageKey)}
      </button>
      {step === 'approve' && waiting.length > 0 && (
        <p id={`waiting-${report.id}`} class="hint">
          {ctx.t('plan.reports.waiting', { sections: waiting.map((s) => s.title).join('; ') })}
        </p>
      )}
    </form>
  );
}

function Files({ ctx, plan, report }: { ctx: PageContext; plan: PlanRow; report: ReportOut }) {
  const { t } = ctx;
  if (report.state === 'frozen')
    return (
      <ul class="link-list">
        {report.files.map((f) => (
          <li>
            <a href={f.url}>
              {t('plan.reports.file', {
                format: FORMAT_NAMES[f.format as keyof typeof FORMAT_NAMES] ?? f.format,
                kb: Math.max(1, Math.round(f.bytes / 1024)),
              })}
            </a>{' '}
            <span class="hint">SHA-256 {f.sha256.slice(0, 12)}…</span>
          </li>
        ))}
      </ul>
    );
  return (
    <>
      <p class="hint">{t('plan.reports.previewNote')}</p>
      <ul class="link-list">
        {REPORT_FORMATS.map((format) => (
          <li>
            <a href={`/api/plans/${plan.id}/reports/${report.id}/rapport.${format}`}>
              {t('plan.reports.preview', { format: FORMAT_NAMES[format] })}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function PlanReportsPage({ ctx, plan, reports, template, periods, goals, csrf }: PlanReportsProps) {
  const { t } = ctx;
  const scopeName = (r: ReportOut) =>
    r.scope_node_id === null
      ? t('plan.reports.wholePlan')
      : (goals.find((g) => g.id === r.scope_node_id)?.name ?? String(r.scope_node_id));
  const latestPeriod = periods.at(-1) ?? '';
  return (
    <Layout ctx={ctx} title={t('plan.reports.title', { plan: plan.title })}>
      <p class="eyebrow">
        <a href={href(ctx, `/plan/${plan.id}`)}>{plan.title}</a>
      </p>
      <h1>{t('plan.reports.heading')}</h1>
      <Feedback ctx={ctx} />
      <p class="lead">{t('plan.reports.intro')}</p>

      <h2 id="ny">{t('plan.reports.newHeading')}</h2>
      <form method="post" action={`/plan/${plan.id}/rapporter`} class="stacked-form">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="op" value="create" />
        {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
        <p>
          <label for="report-period">{t('plan.reports.period')}</label>{' '}
          <select id="report-period" name="period">
            {periods.map((p) => (
              <option value={p} selected={p === latestPeriod}>
                {p}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="report-scope">{t('plan.reports.scope')}</label>{' '}
          <select id="report-scope" name="scope">
            <option value="">{t('plan.reports.wholePlan')}</option>
            {goals.map((g) => (
              <option value={String(g.id)}>{g.name}</option>
            ))}
          </select>
        </p>
        <p>
          <label for="report-lang">{t('plan.reports.language')}</label>{' '}
          <select id="report-lang" name="report_lang">
            <option value="sv">Svenska</option>
            <option value="en">English</option>
          </select>
        </p>
        <p>
          <button type="submit">{t('plan.reports.create')}</button>
        </p>
      </form>

      <h2 id="rapporter">{t('plan.reports.listHeading')}</h2>
      {reports.length === 0 ? (
        <p class="notice">{t('plan.reports.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('plan.reports.period')}</th>
                <th scope="col">{t('plan.reports.scope')}</th>
                <th scope="col">{t('plan.reports.stateColumn')}</th>
                <th scope="col">{t('plan.reports.sections')}</th>
                <th scope="col">{t('plan.reports.files')}</th>
                <th scope="col">{t('plan.reports.next')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => {
                const ready = r.sections.filter((s) => s.state === 'ready' || s.state === 'approved').length;
                return (
                  <tr id={`rapport-${r.id}`}>
                    <th scope="row">
                      {r.period} · {r.lang === 'en' ? 'English' : 'Svenska'} ·{' '}
                      {t('plan.version', { n: r.version })}
                    </th>
                    <td>{scopeName(r)}</td>
                    <td>
                      {t(`report.state.${r.state}` as MessageKey)}
                      {r.state === 'frozen' && r.frozen_at && (
                        <>
                          {' '}
                          {t('plan.reports.frozenAt', {
                            date: formatDate(r.frozen_at, ctx.lang === 'en' ? 'en' : 'sv'),
                          })}
                        </>
                      )}
                    </td>
                    <td>{t('plan.reports.sectionsReady', { ready, total: r.sections.length })}</td>
                    <td>
                      <Files ctx={ctx} plan={plan} report={r} />
                    </td>
                    <td>
                      {r.state === 'frozen' ? (
                        t('plan.reports.done')
                      ) : (
                        <StepForm ctx={ctx} plan={plan} report={r} csrf={csrf} />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('plan.reports.templateHeading')}</h2>
      <p>{t('plan.reports.templateIntro')}</p>
      <ol>
        {template.sections.map((s) => (
          <li>
            {t(`plan.reports.section.${s.type}` as MessageKey)}
            {s.type === 'goal' && `: ${goals.find((g) => g.id === s.node)?.name ?? s.node}`}
            {s.type === 'text' && `: ${s.title}`}
          </li>
        ))}
      </ol>
      <p>
        <a href={href(ctx, `/plan/${plan.id}/rapporter/mall`)}>{t('plan.reports.templateEdit')}</a>
      </p>
      <p class="hint">{t('plan.reports.templateApi', { url: `/api/plans/${plan.id}/report-template` })}</p>
    </Layout>
  );
}
