/**
 * `/uppfoljning/{id}/rapporter`: a published plan's frozen reports on the public follow-up site, for
 * anyone. Only frozen reports (the record sent to the nämnd), newest first, each with its files at
 * their stable URLs — the same bytes for ever. Drafts and reports in progress are never shown.
 */
import type { PublicReport } from '../../../domain/plan/reports/report.service.js';
import { formatDate } from '../../../i18n/format.js';
import type { PlanRow } from '../../../store/repositories/plan.repository.js';
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';

const FORMATS: Record<string, { name: string; type: string }> = {
  html: { name: 'HTML', type: 'text/html' },
  pdf: { name: 'PDF', type: 'application/pdf' },
  docx: { name: 'Word', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { name: 'Excel', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
};
const ORDER = ['html', 'pdf', 'docx', 'xlsx'];

export function PublicReportsPage({
  ctx,
  plan,
  reports,
}: {
  ctx: PageContext;
  plan: PlanRow;
  reports: PublicReport[];
}) {
  const { t } = ctx;
  const locale = ctx.lang === 'en' ? 'en' : 'sv';
  return (
    <Layout ctx={ctx} title={t('plan.publicReports.title', { plan: plan.title })}>
      <p class="eyebrow">
        <a href={href(ctx, `/uppfoljning/${plan.id}`)}>{plan.title}</a>
      </p>
      <h1>{t('plan.publicReports.heading')}</h1>
      <p class="lead">{t('plan.publicReports.intro')}</p>
      {reports.length === 0 ? (
        <p class="notice">{t('plan.publicReports.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="data">
            <caption>{t('plan.publicReports.caption', { plan: plan.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.reports.period')}</th>
                <th scope="col">{t('plan.reports.scope')}</th>
                <th scope="col">{t('plan.publicReports.frozen')}</th>
                <th scope="col">{t('plan.reports.files')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr id={`rapport-${r.id}`}>
                  <th scope="row">
                    {r.period} · {t('plan.version', { n: r.version })}
                    {r.lang === 'en' && <span lang="en"> · English</span>}
                  </th>
                  <td>{r.scope_name ?? t('plan.reports.wholePlan')}</td>
                  <td>{r.frozen_at ? formatDate(r.frozen_at, locale) : ''}</td>
                  <td>
                    <ul class="link-list">
                      {[...r.files]
                        .sort((a, b) => ORDER.indexOf(a.format) - ORDER.indexOf(b.format))
                        .map((f) => (
                          <li>
                            <a href={f.url} type={FORMATS[f.format]?.type} hreflang={r.lang}>
                              {t('plan.publicReports.file', {
                                format: FORMATS[f.format]?.name ?? f.format,
                                period: r.period,
                                kb: Math.max(1, Math.round(f.bytes / 1024)),
                              })}
                            </a>
                          </li>
                        ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
