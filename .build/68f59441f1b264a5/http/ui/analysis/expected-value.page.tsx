/** /analys/forvantat: an OLS model across kommuner; expected value, residual and the model's figures. */
import type { ExpectedValueReport } from '../../../domain/analysis/expected-value.service.js';
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
import { genderText, tr } from './texts.js';

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
  const title = `${tr(ctx, 'Förväntat värde', 'Expected value')}: ${report.outcome.id}`;
  const chosen = report.municipalities.find((m) => m.id === highlight);
  return (
    <Layout ctx={ctx} title={title}>
      <AnalysisHeading ctx={ctx} heading={tr(ctx, 'Förväntat värde', 'Expected value')} />
      <p class="kolada-title">
        {report.outcome.id} {report.outcome.title}
      </p>
      <p class="lead">
        {report.preset
          ? tr(
              ctx,
              `Modell: ${report.preset.title}. Det förväntade värdet är vad kommunens förutsättningar (de förklarande nyckeltalen) ger i en regression över alla kommuner; avvikelsen är faktiskt minus förväntat.`,
              `Model: ${report.preset.title}. The expected value is what the municipality’s conditions (the explanatory indicators) give in a regression across all municipalities; the deviation is actual minus expected.`,
            )
          : tr(
              ctx,
              'Det förväntade värdet är vad de förklarande nyckeltalen ger i en regression över alla kommuner; avvikelsen är faktiskt minus förväntat.',
              'The expected value is what the explanatory indicators give in a regression across all municipalities; the deviation is actual minus expected.',
            )}
      </p>
      <AnalysisForm ctx={ctx} action="/analys/forvantat" lists={lists} submit={tr(ctx, 'Beräkna', 'Compute')}>
        <KpiField
          id="kpi"
          label={tr(ctx, 'Utfall (nyckeltal)', 'Outcome (indicator)')}
          value={report.outcome.id}
          required
        />
        <WideTextField
          id="forklarande"
          label={tr(ctx, 'Förklarande nyckeltal', 'Explanatory indicators')}
          value={report.predictors.map((p) => p.id).join(',')}
          hint={tr(ctx, 'Kommaseparerade id:n, högst 10.', 'Comma-separated ids, at most 10.')}
        />
        <YearField ctx={ctx} year={report.year} />
        <GenderSelect ctx={ctx} gender={report.gender} />
        <KommunSelect
          ctx={ctx}
          lists={lists}
          name="kommun"
          id="kommun"
          label={tr(ctx, 'Markera kommun', 'Highlight municipality')}
          selected={highlight}
          optional
        />
      </AnalysisForm>

      <section aria-labelledby="model-title">
        <h2 id="model-title">
          {tr(ctx, 'Modellen', 'The model')} ({report.year}, {genderText(ctx, report.gender)})
        </h2>
        <dl class="facts" id="model-facts">
          <dt>n</dt>
          <dd>{report.n}</dd>
          <dt>R²</dt>
          <dd>{report.rSquared === null ? '–' : num(ctx, report.rSquared, 3)}</dd>
          <dt>{tr(ctx, 'Justerat R²', 'Adjusted R²')}</dt>
          <dd>{report.adjustedRSquared === null ? '–' : num(ctx, report.adjustedRSquared, 3)}</dd>
          <dt>{tr(ctx, 'Residualens standardavvikelse', 'Residual standard error')}</dt>
          <dd>{num(ctx, report.residualStandardError, 2)}</dd>
          {chosen && (
            <>
              <dt>{chosen.title}</dt>
              <dd id="chosen-summary">
                {tr(ctx, 'faktiskt', 'actual')} {num(ctx, chosen.actual, 1)},{' '}
                {tr(ctx, 'förväntat', 'expected')} {num(ctx, chosen.expected, 1)},{' '}
                {tr(ctx, 'avvikelse', 'deviation')} {num(ctx, chosen.residual, 1)}
              </dd>
            </>
          )}
        </dl>
        {report.published && report.published.n > 0 && (
          <p class="note" id="published-comparison">
            {tr(
              ctx,
              `Jämfört med SKR:s publicerade förväntade värden (${report.published.kpi}, ${report.published.n} kommuner): korrelation ${num(ctx, report.published.pearson ?? Number.NaN, 3)}, genomsnittlig absolut skillnad ${num(ctx, report.published.meanAbsoluteDifference ?? Number.NaN, 2)} procentenheter. SKR:s modell bygger på fler detaljer ur SCB:s mikrodata än de fem nyckeltalen; se docs/analysis.md.`,
              `Compared with SKR’s published expected values (${report.published.kpi}, ${report.published.n} municipalities): correlation ${num(ctx, report.published.pearson ?? Number.NaN, 3)}, mean absolute difference ${num(ctx, report.published.meanAbsoluteDifference ?? Number.NaN, 2)} percentage points. SKR’s model uses more detail from SCB microdata than the five indicators; see docs/analysis.md.`,
            )}
          </p>
        )}
        <div class="table-scroll">
          <table class="data" id="coefficients">
            <caption>{tr(ctx, 'Koefficienter', 'Coefficients')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr(ctx, 'Term', 'Term')}</th>
                <th scope="col">{tr(ctx, 'År', 'Year')}</th>
                <th scope="col">{tr(ctx, 'Skattning', 'Estimate')}</th>
                <th scope="col">{tr(ctx, 'Medelfel', 'Standard error')}</th>
                <th scope="col">t</th>
              </tr>
            </thead>
            <tbody>
              {report.coefficients.map((c) => (
                <tr>
                  <th scope="row">
                    {c.term === 'intercept' ? tr(ctx, 'Konstant', 'Intercept') : `${c.term} ${c.title}`}
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
        <h2 id="scatter-title">{tr(ctx, 'Faktiskt och förväntat', 'Actual and expected')}</h2>
        <ScatterPlot
          ctx={ctx}
          id="expected-scatter"
          label={tr(
            ctx,
            `Spridningsdiagram: förväntat värde (x) mot faktiskt värde (y) för ${report.n} kommuner; streckad linje = som förväntat. Samma siffror finns i tabellen nedan.`,
            `Scatter plot: expected value (x) against actual value (y) for ${report.n} municipalities; dashed line = as expected. The same figures are in the table below.`,
          )}
          xLabel={tr(ctx, 'Förväntat', 'Expected')}
          yLabel={tr(ctx, 'Faktiskt', 'Actual')}
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
        <h2 id="table-title">
          {tr(
            ctx,
            'Kommunerna, störst positiv avvikelse först',
            'Municipalities, largest positive deviation first',
          )}
        </h2>
        <div class="table-scroll table-scroll--tall">
          <table class="data ranking-table" id="residual-table">
            <thead>
              <tr>
                <th scope="col">{tr(ctx, 'Kommun', 'Municipality')}</th>
                <th scope="col">{tr(ctx, 'Faktiskt', 'Actual')}</th>
                <th scope="col">{tr(ctx, 'Förväntat', 'Expected')}</th>
                <th scope="col">{tr(ctx, 'Avvikelse', 'Deviation')}</th>
                <th scope="col">{tr(ctx, 'Standardiserad avvikelse', 'Standardised deviation')}</th>
                {report.published && (
                  <th scope="col">
                    {tr(
                      ctx,
                      `SKR förväntat (${report.published.kpi})`,
                      `SKR expected (${report.published.kpi})`,
                    )}
                  </th>
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
          title={tr(
            ctx,
            'Kommuner utanför modellen (saknar värde)',
            'Municipalities outside the model (missing a value)',
          )}
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
          {tr(ctx, 'Se sambandet med ett enskilt nyckeltal', 'See the relation with a single indicator')}
        </a>
      </p>
      <OwnComputationNote ctx={ctx} method={report.method} />
    </Layout>
  );
}

export function expectedValueDocument(ctx: PageContext, report: ExpectedValueReport): TableDocument {
  return {
    title: tr(ctx, `Förväntat värde: ${report.outcome.id}`, `Expected value: ${report.outcome.id}`),
    filename: safeFilename(`etablera-forvantat-${report.outcome.id}-${report.year}`),
    meta: documentMeta(ctx, [
      analysisDoc.computation(ctx, 'Etablera (OLS)'),
      {
        key: 'outcome',
        label: tr(ctx, 'Utfall', 'Outcome'),
        value: `${report.outcome.id} ${report.outcome.title} (${report.outcome.period})`,
      },
      {
        key: 'predictors',
        label: tr(ctx, 'Förklarande', 'Explanatory'),
        value: report.predictors.map((p) => `${p.id} (${p.period})`).join(', '),
      },
      analysisDoc.year(ctx, report.year),
      analysisDoc.gender(ctx, report.gender),
      { key: 'n', label: 'n', value: String(report.n) },
      { key: 'r_squared', label: 'R²', value: String(report.rSquared) },
      {
        key: 'adjusted_r_squared',
        label: tr(ctx, 'Justerat R²', 'Adjusted R²'),
        value: String(report.adjustedRSquared),
      },
      {
        key: 'coefficients',
        label: tr(ctx, 'Koefficienter (skattning ± medelfel)', 'Coefficients (estimate ± standard error)'),
        value: report.coefficients.map((c) => `${c.term}: ${c.estimate} ± ${c.standardError}`).join('; '),
      },
      ...(report.published
        ? [
            {
              key: 'published_comparison',
              label: tr(ctx, `Jämfört med ${report.published.kpi}`, `Compared with ${report.published.kpi}`),
              value: `n=${report.published.n}, r=${report.published.pearson}, MAD=${report.published.meanAbsoluteDifference}`,
            },
          ]
        : []),
      {
        key: 'left_out',
        label: tr(ctx, 'Utelämnade kommuner', 'Municipalities left out'),
        value: report.leftOut.map((m) => `${m.id} (${m.missing.join(' ')})`).join('; '),
      },
      analysisDoc.method(ctx, report.method),
    ]),
    columns: [
      ...analysisDoc.municipalityColumns(ctx),
      { key: 'actual', header: tr(ctx, 'Faktiskt', 'Actual'), type: 'number' },
      { key: 'expected', header: tr(ctx, 'Förväntat', 'Expected'), type: 'number' },
      { key: 'residual', header: tr(ctx, 'Avvikelse', 'Deviation'), type: 'number' },
      {
        key: 'standardised_residual',
        header: tr(ctx, 'Standardiserad avvikelse', 'Standardised deviation'),
        type: 'number',
      },
      { key: 'leverage', header: tr(ctx, 'Hävstång', 'Leverage'), type: 'number' },
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
