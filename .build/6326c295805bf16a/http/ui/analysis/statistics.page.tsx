/** /analys/statistik: one KPI's distribution over all kommuner or a group, with ranks and percentiles. */
import type { StatisticsReport } from '../../../domain/analysis/statistics.service.js';
import { GenderSelect } from '../components/form.js';
import { Layout } from '../components/layout.js';
import { LeftOut } from '../components/left-out.js';
import { documentMeta } from '../exports/document-meta.js';
import { safeFilename, type TableDocument } from '../exports/table-document.js';
import { decimalsFor } from '../i18n/format.js';
import { href, num, type PageContext } from '../page-context.js';
import {
  AnalysisForm,
  AnalysisHeading,
  KommunLink,
  KpiField,
  OwnComputationNote,
  YearField,
} from './analysis-common.js';
import * as analysisDoc from './analysis-document.js';
import type { Pickers } from './pickers.js';
import { genderText, tr } from './texts.js';

export function StatisticsPage({
  ctx,
  report,
  lists,
}: {
  ctx: PageContext;
  report: StatisticsReport;
  lists: Pickers;
}) {
  const d = report.distribution;
  const decimals = decimalsFor(report.municipalities.map((m) => m.value));
  const title = `${tr(ctx, 'Statistik', 'Statistics')}: ${report.kpi.id}`;
  const facts: [string, string][] = [
    ['n', String(d.n)],
    [tr(ctx, 'Saknar värde', 'Missing'), String(d.missing)],
    [tr(ctx, 'Min', 'Min'), num(ctx, d.min, decimals)],
    [tr(ctx, 'Första kvartil', 'First quartile'), num(ctx, d.q1, decimals)],
    [tr(ctx, 'Median', 'Median'), num(ctx, d.median, decimals)],
    [tr(ctx, 'Medelvärde', 'Mean'), num(ctx, d.mean, decimals === 0 ? 1 : decimals)],
    [tr(ctx, 'Tredje kvartil', 'Third quartile'), num(ctx, d.q3, decimals)],
    [tr(ctx, 'Max', 'Max'), num(ctx, d.max, decimals)],
    [
      tr(ctx, 'Standardavvikelse', 'Standard deviation'),
      d.sd === null ? '–' : num(ctx, d.sd, decimals === 0 ? 1 : decimals),
    ],
  ];
  return (
    <Layout ctx={ctx} title={title}>
      <AnalysisHeading ctx={ctx} heading={title} />
      <p class="kolada-title">{report.kpi.title}</p>
      <AnalysisForm ctx={ctx} action="/analys/statistik" lists={lists} submit={ctx.t.show}>
        <KpiField id="kpi" label={tr(ctx, 'Nyckeltal', 'Indicator')} value={report.kpi.id} required />
        <YearField ctx={ctx} year={report.year} />
        <GenderSelect ctx={ctx} gender={report.gender} />
        <div class="field">
          <label for="grupp">
            {tr(ctx, 'Kommungrupp (id, tomt = alla kommuner)', 'Municipality group (id, empty = all)')}
          </label>
          <input
            id="grupp"
            name="grupp"
            type="text"
            value={report.set.id === 'K' ? '' : report.set.id}
            size={10}
            placeholder="G33621"
          />
        </div>
      </AnalysisForm>
      <section aria-labelledby="distribution-title">
        <h2 id="distribution-title">
          {report.set.title} ({report.year}, {genderText(ctx, report.gender)})
        </h2>
        <p class="note">
          {report.set.precomputed
            ? tr(
                ctx,
                'Förberäknat vid senaste import eller synk.',
                'Precomputed at the latest import or sync.',
              )
            : tr(
                ctx,
                'Beräknat vid förfrågan (gruppen förberäknas inte).',
                'Computed on request (the group is not precomputed).',
              )}
        </p>
        <dl class="facts" id="statistics-facts">
          {facts.map(([label, value]) => (
            <>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </>
          ))}
        </dl>
      </section>
      <section aria-labelledby="ranking-title">
        <h2 id="ranking-title">{tr(ctx, 'Rangordning (1 = högst värde)', 'Ranking (1 = highest value)')}</h2>
        <div class="table-scroll table-scroll--tall">
          <table class="data ranking-table" id="statistics-table">
            <thead>
              <tr>
                <th scope="col">{tr(ctx, 'Rang', 'Rank')}</th>
                <th scope="col">{tr(ctx, 'Kommun', 'Municipality')}</th>
                <th scope="col" class="num">
                  {tr(ctx, 'Värde', 'Value')}
                </th>
                <th scope="col" class="num">
                  {tr(ctx, 'Percentil', 'Percentile')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.municipalities.map((m) => (
                <tr>
                  <td class="num">{m.rank}</td>
                  <th scope="row">
                    <KommunLink ctx={ctx} id={m.id} title={m.title} />
                  </th>
                  <td class="num">{m.value === null ? '–' : num(ctx, m.value, decimals)}</td>
                  <td class="num">{num(ctx, m.percentile, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <LeftOut
          ctx={ctx}
          id="missing"
          title={tr(ctx, 'Kommuner utan värde', 'Municipalities without a value')}
          items={report.missing.map((m) => ({
            key: m.id,
            text: <KommunLink ctx={ctx} id={m.id} title={m.title} />,
          }))}
        />
      </section>
      {report.history.length > 1 && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{tr(ctx, 'Över tid', 'Over time')}</h2>
          <div class="table-scroll">
            <table class="data" id="history-table">
              <thead>
                <tr>
                  <th scope="col">{tr(ctx, 'År', 'Year')}</th>
                  <th scope="col" class="num">
                    n
                  </th>
                  <th scope="col" class="num">
                    {tr(ctx, 'Första kvartil', 'First quartile')}
                  </th>
                  <th scope="col" class="num">
                    {tr(ctx, 'Median', 'Median')}
                  </th>
                  <th scope="col" class="num">
                    {tr(ctx, 'Tredje kvartil', 'Third quartile')}
                  </th>
                  <th scope="col" class="num">
                    {tr(ctx, 'Medelvärde', 'Mean')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...report.history].reverse().map((h) => (
                  <tr>
                    <th scope="row">
                      <a
                        href={href(ctx, '/analys/statistik', {
                          kpi: report.kpi.id,
                          ar: h.period,
                          kon: report.gender,
                        })}
                      >
                        {h.period}
                      </a>
                    </th>
                    <td class="num">{h.n}</td>
                    <td class="num">{num(ctx, h.q1, decimals)}</td>
                    <td class="num">{num(ctx, h.median, decimals)}</td>
                    <td class="num">{num(ctx, h.q3, decimals)}</td>
                    <td class="num">{num(ctx, h.mean, decimals === 0 ? 1 : decimals)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <OwnComputationNote ctx={ctx} method={report.method} />
    </Layout>
  );
}

export function statisticsDocument(ctx: PageContext, report: StatisticsReport): TableDocument {
  const d = report.distribution;
  return {
    title: tr(ctx, `Statistik: ${report.kpi.id}`, `Statistics: ${report.kpi.id}`),
    filename: safeFilename(`etablera-statistik-${report.kpi.id}-${report.set.id}-${report.year}`),
    meta: documentMeta(ctx, [
      analysisDoc.computation(ctx),
      { key: 'kpi', label: tr(ctx, 'Nyckeltal', 'Indicator'), value: `${report.kpi.id} ${report.kpi.title}` },
      {
        key: 'set',
        label: tr(ctx, 'Kommuner', 'Municipalities'),
        value: `${report.set.title} (${report.set.id})`,
      },
      analysisDoc.year(ctx, report.year),
      analysisDoc.gender(ctx, report.gender),
      ...(['n', 'missing', 'min', 'q1', 'median', 'mean', 'q3', 'max', 'sd'] as const).map((k) => ({
        key: k,
        label: k,
        value: d[k] === null ? '' : String(d[k]),
      })),
      {
        key: 'missing_municipalities',
        label: tr(ctx, 'Saknar värde', 'Missing a value'),
        value: report.missing.map((m) => m.id).join(', '),
      },
      analysisDoc.method(ctx, report.method),
    ]),
    columns: [
      { key: 'rank', header: tr(ctx, 'Rang', 'Rank'), type: 'integer' },
      ...analysisDoc.municipalityColumns(ctx),
      { key: 'value', header: tr(ctx, 'Värde', 'Value'), type: 'number' },
      { key: 'percentile', header: tr(ctx, 'Percentil', 'Percentile'), type: 'number' },
    ],
    rows: report.municipalities.map((m) => ({
      rank: m.rank,
      municipality_id: m.id,
      municipality: m.title,
      value: m.value,
      percentile: m.percentile,
    })),
  };
}
