/** /analys/forvantat: an OLS model across kommuner; expected value, residual and the model's figures. */
import type { ExpectedValueReport } from '../../../domain/analysis/expected-value.service.js';
import { analysisMethod } from '../../api/analysis/analysis-texts.js';
import { GenderSelect, WideTextField } from '../components/form.js';
import { Layout } from '../components/layout.js';
import { LeftOut, missingItems } from '../components/left-out.js';
import { documentMeta } from '../exports/document-meta.js';
import { safeFilename, type TableDocument } from '../exports/table-document.js';
import { href, num, type PageContext } from '../page-context.js';
import {
  AnalysisForm,
  AnalysisHeading,
  KommunLink,
  KommunSelect,
  KpiField,
  OwnComputationNote,
  YearField,
} from './analysis-common.js';
import * as analysisDoc from './analysis-document.js';
import type { Pickers } from './pickers.js';
import { ScatterPlot } from './scatter-plot.js';

export function ExpectedValuePage({
  ctx,
  report,
  lists,
  highlight,
}: {
  ctx: PageContext;
  report: ExpectedValueReport;
  lists: Pickers;
  highlight: string | null;
}) {
  const title = `${ctx.t('analysis.expectedValue')}: ${report.outcome.id}`;
  const chosen = report.municipalities.find((m) => m.id === highlight);
  return (
    <Layout ctx={ctx} title={title}>
      <AnalysisHeading ctx={ctx} heading={ctx.t('analysis.expectedValue')} />
      <p class="kolada-title">
        {report.outcome.id} {report.outcome.title}
      </p>
      <p class="lead">
        {report.preset
          ? ctx.t('analysis.modelTheExpectedValueIs', { title: report.preset.title })
          : ctx.t('analysis.theExpectedValueIsWhat')}
      </p>
      <AnalysisForm ctx={ctx} action="/analys/forvantat" lists={lists} submit={ctx.t('analysis.compute')}>
        <KpiField id="kpi" label={ctx.t('analysis.outcomeIndicator')} value={report.outcome.id} required />
        <WideTextField
          id="forklarande"
          label={ctx.t('analysis.explanatoryIndicators')}
          value={report.predictors.map((p) => p.id).join(',')}
          hint={ctx.t('analysis.commaSeparatedIdsAtMost')}
        />
        <YearField ctx={ctx} year={report.year} />
        <GenderSelect ctx={ctx} gender={report.gender} />
        <KommunSelect
          ctx={ctx}
          lists={lists}
          name="kommun"
          id="kommun"
          label={ctx.t('analysis.highlightMunicipality')}
          selected={highlight}
          optional
        />
      </AnalysisForm>

      <section aria-labelledby="model-title">
        <h2 id="model-title">
          {ctx.t('analysis.theModel')} ({report.year}, {ctx.t(`analysis.gender.${report.gender}`)})
        </h2>
        <dl class="facts" id="model-facts">
          <dt>n</dt>
          <dd>{report.n}</dd>
          <dt>R²</dt>
          <dd>{report.rSquared === null ? '–' : num(ctx, report.rSquared, 3)}</dd>
          <dt>{ctx.t('analysis.adjustedR')}</dt>
          <dd>{report.adjustedRSquared === null ? '–' : num(ctx, report.adjustedRSquared, 3)}</dd>
          <dt>{ctx.t('analysis.residualStandardError')}</dt>
          <dd>{num(ctx, report.residualStandardError, 2)}</dd>
          {chosen && (
            <>
              <dt>{chosen.title}</dt>
              <dd id="chosen-summary">
                {ctx.t('analysis.actual')} {num(ctx, chosen.actual, 1)}, {ctx.t('analysis.expected')}{' '}
                {num(ctx, chosen.expected, 1)}, {ctx.t('analysis.deviation')} {num(ctx, chosen.residual, 1)}
              </dd>
            </>
          )}
        </dl>
        {report.published && report.published.n > 0 && (
          <p class="note" id="published-comparison">
            {ctx.t('analysis.comparedWithSkrSPublished', {
              kpi: report.published.kpi,
              n: String(report.published.n),
              pearson: num(ctx, report.published.pearson ?? Number.NaN, 3),
              meanAbsoluteDifference: num(ctx, report.published.meanAbsoluteDifference ?? Number.NaN, 2),
            })}
          </p>
        )}
        <div class="table-scroll">
          <table class="data" id="coefficients">
            <caption>{ctx.t('analysis.coefficients')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('analysis.term')}</th>
                <th scope="col">{ctx.t('analysis.year')}</th>
                <th scope="col">{ctx.t('analysis.estimate')}</th>
                <th scope="col">{ctx.t('analysis.standardError')}</th>
                <th scope="col">t</th>
              </tr>
            </thead>
            <tbody>
              {report.coefficients.map((c) => (
                <tr>
                  <th scope="row">
                    {c.term === 'intercept' ? ctx.t('analysis.intercept') : `${c.term} ${c.title}`}
                  </th>
                  <td class="num">{report.predictors.find((p) => p.id === c.term)?.period ?? ''}</td>
                  <td class="num">{num(ctx, c.estimate, 3)}</td>
                  <td class="num">{num(ctx, c.standardError, 3)}</td>
                  <td class="num">{num(ctx, c.t, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="scatter-title">
        <h2 id="scatter-title">{ctx.t('analysis.actualAndExpected')}</h2>
        <ScatterPlot
          ctx={ctx}
          id="expected-scatter"
          label={ctx.t('analysis.scatterPlotExpectedValueX', { n: String(report.n) })}
          xLabel={ctx.t('analysis.expected2')}
          yLabel={ctx.t('analysis.actual2')}
          points={report.municipalities.map((m) => ({
            id: m.id,
            title: m.title,
            x: m.expected,
            y: m.actual,
          }))}
          highlight={highlight}
          diagonal
        />
      </section>

      <section aria-labelledby="table-title">
        <h2 id="table-title">{ctx.t('analysis.municipalitiesLargestPositiveDeviationFirst')}</h2>
        <div class="table-scroll table-scroll--tall">
          <table class="data ranking-table" id="residual-table">
            <thead>
              <tr>
                <th scope="col">{ctx.t('analysis.municipality')}</th>
                <th scope="col">{ctx.t('analysis.actual2')}</th>
                <th scope="col">{ctx.t('analysis.expected2')}</th>
                <th scope="col">{ctx.t('analysis.deviation2')}</th>
                <th scope="col">{ctx.t('analysis.standardisedDeviation')}</th>
                {report.published && (
                  <th scope="col">{ctx.t('analysis.skrExpected', { kpi: report.published.kpi })}</th>
                )}
              </tr>
            </thead>
            <tbody>
              {report.municipalities.map((m) => (
                <tr
                  class={m.id === highlight ? 'is-chosen' : undefined}
                  aria-current={m.id === highlight ? 'true' : undefined}
                >
                  <th scope="row">
                    <KommunLink ctx={ctx} id={m.id} title={m.title} />
                  </th>
                  <td class="num">{num(ctx, m.actual, 1)}</td>
                  <td class="num">{num(ctx, m.expected, 1)}</td>
                  <td class="num">{num(ctx, m.residual, 1)}</td>
                  <td class="num">{num(ctx, m.standardisedResidual, 2)}</td>
                  {report.published && (
                    <td class="num">{m.published === null ? '–' : num(ctx, m.published, 1)}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <LeftOut
          ctx={ctx}
          id="left-out"
          title={ctx.t('analysis.municipalitiesOutsideTheModelMissing')}
          items={missingItems(ctx, report.leftOut, (m) => <KommunLink ctx={ctx} id={m.id} title={m.title} />)}
        />
      </section>
      <p>
        <a
          href={href(ctx, '/analys/samband', {
            x: report.predictors[0]?.id,
            y: report.outcome.id,
            ar: report.year,
          })}
        >
          {ctx.t('analysis.seeTheRelationWithA')}
        </a>
      </p>
      <OwnComputationNote ctx={ctx} method={analysisMethod(ctx.t, report.analysis)} />
    </Layout>
  );
}

export function expectedValueDocument(ctx: PageContext, report: ExpectedValueReport): TableDocument {
  return {
    title: ctx.t('analysis.expectedValue2', { id: report.outcome.id }),
    filename: safeFilename(`etablera-forvantat-${report.outcome.id}-${report.year}`),
    meta: documentMeta(ctx, [
      analysisDoc.computation(ctx, 'Etablera (OLS)'),
      {
        key: 'outcome',
        label: ctx.t('analysis.outcome'),
        value: `${report.outcome.id} ${report.outcome.title} (${report.outcome.period})`,
      },
      {
        key: 'predictors',
        label: ctx.t('analysis.explanatory'),
        value: report.predictors.map((p) => `${p.id} (${p.period})`).join(', '),
      },
      analysisDoc.year(ctx, report.year),
      analysisDoc.gender(ctx, report.gender),
      { key: 'n', label: 'n', value: String(report.n) },
      { key: 'r_squared', label: 'R²', value: String(report.rSquared) },
      {
        key: 'adjusted_r_squared',
        label: ctx.t('analysis.adjustedR'),
        value: String(report.adjustedRSquared),
      },
      {
        key: 'coefficients',
        label: ctx.t('analysis.coefficientsEstimateStandardError'),
        value: report.coefficients.map((c) => `${c.term}: ${c.estimate} ± ${c.standardError}`).join('; '),
      },
      ...(report.published
        ? [
            {
              key: 'published_comparison',
              label: ctx.t('analysis.comparedWith', { kpi: report.published.kpi }),
              value: `n=${report.published.n}, r=${report.published.pearson}, MAD=${report.published.meanAbsoluteDifference}`,
            },
          ]
        : []),
      {
        key: 'left_out',
        label: ctx.t('analysis.municipalitiesLeftOut'),
        value: report.leftOut.map((m) => `${m.id} (${m.missing.join(' ')})`).join('; '),
      },
      analysisDoc.method(ctx, analysisMethod(ctx.t, report.analysis)),
    ]),
    columns: [
      ...analysisDoc.municipalityColumns(ctx),
      { key: 'actual', header: ctx.t('analysis.actual2'), type: 'number' },
      { key: 'expected', header: ctx.t('analysis.expected2'), type: 'number' },
      { key: 'residual', header: ctx.t('analysis.deviation2'), type: 'number' },
      {
        key: 'standardised_residual',
        header: ctx.t('analysis.standardisedDeviation'),
        type: 'number',
      },
      { key: 'leverage', header: ctx.t('analysis.leverage'), type: 'number' },
      ...(report.published
        ? [{ key: 'published', header: `SKR ${report.published.kpi}`, type: 'number' as const }]
        : []),
    ],
    rows: report.municipalities.map((m) => ({
      municipality_id: m.id,
      municipality: m.title,
      actual: m.actual,
      expected: m.expected,
      residual: m.residual,
      standardised_residual: m.standardisedResidual,
      leverage: m.leverage,
      ...(report.published ? { published: m.published } : {}),
    })),
  };
}
