/** /analys/statistik: one KPI's distribution over all kommuner or a group, with ranks and percentiles. */

import type { StatisticsReport } from '../../../domain/analysis/statistics.service.js';
import { decimalsFor } from '../../../i18n/format.js';
import { analysisMethod, statisticSetTitle } from '../../api/analysis/analysis-texts.js';
import { GenderSelect } from '../components/form.js';
import { Layout } from '../components/layout.js';
import { LeftOut } from '../components/left-out.js';
import { documentMeta } from '../exports/document-meta.js';
import { safeFilename, type TableDocument } from '../exports/table-document.js';
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
  const title = `${ctx.t('analysis.statistics')}: ${report.kpi.id}`;
  const facts: [string, string][] = [
    ['n', String(d.n)],
    [ctx.t('analysis.missing'), String(d.missing)],
    [ctx.t('analysis.min'), num(ctx, d.min, decimals)],
    [ctx.t('analysis.firstQuartile'), num(ctx, d.q1, decimals)],
    [ctx.t('analysis.median'), num(ctx, d.median, decimals)],
    [ctx.t('analysis.mean'), num(ctx, d.mean, decimals === 0 ? 1 : decimals)],
    [ctx.t('analysis.thirdQuartile'), num(ctx, d.q3, decimals)],
    [ctx.t('analysis.max'), num(ctx, d.max, decimals)],
    [
      ctx.t('analysis.standardDeviation'),
      d.sd === null ? '–' : num(ctx, d.sd, decimals === 0 ? 1 : decimals),
    ],
  ];
  return (
    <Layout ctx={ctx} title={title}>
      <AnalysisHeading ctx={ctx} heading={title} />
      <p class="kolada-title">{report.kpi.title}</p>
      <AnalysisForm ctx={ctx} action="/analys/statistik" lists={lists} submit={ctx.t('layout.show')}>
        <KpiField id="kpi" label={ctx.t('analysis.indicator')} value={report.kpi.id} required />
        <YearField ctx={ctx} year={report.year} />
        <GenderSelect ctx={ctx} gender={report.gender} />
        <div class="field">
          <label for="grupp">{ctx.t('analysis.municipalityGroupIdEmptyAll')}</label>
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
          {statisticSetTitle(ctx.t, report.set)} ({report.year}, {ctx.t(`analysis.gender.${report.gender}`)})
        </h2>
        <p class="note">
          {report.set.precomputed
            ? ctx.t('analysis.precomputedAtTheLatestImport')
            : ctx.t('analysis.computedOnRequestTheGroup')}
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
        <h2 id="ranking-title">{ctx.t('analysis.ranking1HighestValue')}</h2>
        <div class="table-scroll table-scroll--tall">
          <table class="data ranking-table" id="statistics-table">
            <thead>
              <tr>
                <th scope="col">{ctx.t('analysis.rank')}</th>
                <th scope="col">{ctx.t('analysis.municipality')}</th>
                <th scope="col" class="num">
                  {ctx.t('analysis.value')}
                </th>
                <th scope="col" class="num">
                  {ctx.t('analysis.percentile')}
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
          title={ctx.t('analysis.municipalitiesWithoutAValue')}
          items={report.missing.map((m) => ({
            key: m.id,
            text: <KommunLink ctx={ctx} id={m.id} title={m.title} />,
          }))}
        />
      </section>
      {report.history.length > 1 && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{ctx.t('analysis.overTime')}</h2>
          <div class="table-scroll">
            <table class="data" id="history-table">
              <thead>
                <tr>
                  <th scope="col">{ctx.t('analysis.year')}</th>
                  <th scope="col" class="num">
                    n
                  </th>
                  <th scope="col" class="num">
                    {ctx.t('analysis.firstQuartile')}
                  </th>
                  <th scope="col" class="num">
                    {ctx.t('analysis.median')}
                  </th>
                  <th scope="col" class="num">
                    {ctx.t('analysis.thirdQuartile')}
                  </th>
                  <th scope="col" class="num">
                    {ctx.t('analysis.mean')}
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
      <OwnComputationNote ctx={ctx} method={analysisMethod(ctx.t, report.analysis)} />
    </Layout>
  );
}

export function statisticsDocument(ctx: PageContext, report: StatisticsReport): TableDocument {
  const d = report.distribution;
  return {
    title: ctx.t('analysis.statistics2', { id: report.kpi.id }),
    filename: safeFilename(`etablera-statistik-${report.kpi.id}-${report.set.id}-${report.year}`),
    meta: documentMeta(ctx, [
      analysisDoc.computation(ctx),
      { key: 'kpi', label: ctx.t('analysis.indicator'), value: `${report.kpi.id} ${report.kpi.title}` },
      {
        key: 'set',
        label: ctx.t('analysis.municipalities'),
        value: `${statisticSetTitle(ctx.t, report.set)} (${report.set.id})`,
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
        label: ctx.t('analysis.missingAValue'),
        value: report.missing.map((m) => m.id).join(', '),
      },
      analysisDoc.method(ctx, analysisMethod(ctx.t, report.analysis)),
    ]),
    columns: [
      { key: 'rank', header: ctx.t('analysis.rank'), type: 'integer' },
      ...analysisDoc.municipalityColumns(ctx),
      { key: 'value', header: ctx.t('analysis.value'), type: 'number' },
      { key: 'percentile', header: ctx.t('analysis.percentile'), type: 'number' },
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
