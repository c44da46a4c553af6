/** /analys/samband: Pearson and Spearman between two KPIs, a scatter plot, threshold filters. */
import type { CorrelationReport } from '../../../domain/analysis/correlation.service.js';
import { GenderSelect } from '../components/form.js';
import { Layout } from '../components/layout.js';
import { LeftOut, LeftOutSection, missingItems } from '../components/left-out.js';
import { documentMeta } from '../exports/document-meta.js';
import { safeFilename, type TableDocument } from '../exports/table-document.js';
import { num, type PageContext } from '../page-context.js';
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

// Rows of the filter form: the filters in use plus an empty one, up to the limit.
const FILTER_ROWS = 3;

function coefficient(ctx: PageContext, r: number | null): string {
  return r === null ? tr(ctx, 'kan inte beräknas', 'cannot be computed') : num(ctx, r, 3);
}

export function CorrelationPage({
  ctx,
  report,
  lists,
}: {
  ctx: PageContext;
  report: CorrelationReport;
  lists: Pickers;
}) {
  const title = `${tr(ctx, 'Samband', 'Correlation')}: ${report.x.id} ${tr(ctx, 'och', 'and')} ${report.y.id}`;
  const rows = [
    ...report.filters,
    ...Array.from({ length: Math.max(1, FILTER_ROWS - report.filters.length) }, () => null),
  ];
  return (
    <Layout ctx={ctx} title={title}>
      <AnalysisHeading ctx={ctx} heading={title} />
      <p class="lead">
        x: {report.x.id} {report.x.title} ({report.x.period})
        <br />
        y: {report.y.id} {report.y.title} ({report.y.period})
      </p>
      <AnalysisForm ctx={ctx} action="/analys/samband" lists={lists} submit={ctx.t.show}>
        <KpiField id="x" label={tr(ctx, 'Nyckeltal x', 'Indicator x')} value={report.x.id} required />
        <KpiField id="y" label={tr(ctx, 'Nyckeltal y', 'Indicator y')} value={report.y.id} required />
        <YearField ctx={ctx} year={report.year} />
        <GenderSelect ctx={ctx} gender={report.gender} />
        <KommunSelect
          ctx={ctx}
          lists={lists}
          name="kommun"
          id="kommun"
          label={tr(ctx, 'Markera kommun', 'Highlight municipality')}
          selected={report.highlight?.id}
          optional
        />
        <fieldset class="kpi-picker">
          <legend>{tr(ctx, 'Filter: bara kommuner där …', 'Filters: only municipalities where …')}</legend>
          {rows.map((f, i) => (
            <fieldset class="kpi-picker__area">
              <legend>
                {tr(ctx, 'Filter', 'Filter')} {i + 1}
              </legend>
              <KpiField
                id={`fkpi-${i}`}
                name="fkpi"
                label={tr(ctx, 'Nyckeltal', 'Indicator')}
                value={f?.kpi ?? ''}
              />
              <div class="field">
                <label for={`fop-${i}`}>{tr(ctx, 'är', 'is')}</label>
                <select id={`fop-${i}`} name="fop">
                  <option value="over" selected={f?.comparison !== 'under'}>
                    {tr(ctx, 'över', 'above')}
                  </option>
                  <option value="under" selected={f?.comparison === 'under'}>
                    {tr(ctx, 'under', 'below')}
                  </option>
                </select>
              </div>
              <div class="field">
                <label for={`fvarde-${i}`}>{tr(ctx, 'Värde', 'Value')}</label>
                <input
                  id={`fvarde-${i}`}
                  name="fvarde"
                  type="text"
                  inputmode="decimal"
                  value={f ? String(f.value) : ''}
                  size={8}
                />
              </div>
            </fieldset>
          ))}
        </fieldset>
      </AnalysisForm>

      <section aria-labelledby="result-title">
        <h2 id="result-title">
          {tr(ctx, 'Resultat', 'Result')} ({report.year}, {genderText(ctx, report.gender)})
        </h2>
        <dl class="facts" id="correlation-facts">
          <dt>n</dt>
          <dd>{report.n}</dd>
          <dt>{tr(ctx, 'Pearsons r', 'Pearson’s r')}</dt>
          <dd>{coefficient(ctx, report.pearson)}</dd>
          <dt>{tr(ctx, 'Spearmans rho', 'Spearman’s rho')}</dt>
          <dd>{coefficient(ctx, report.spearman)}</dd>
          {report.highlight && (
            <>
              <dt>{report.highlight.title}</dt>
              <dd>
                x {report.highlight.x === null ? '–' : num(ctx, report.highlight.x)}, y{' '}
                {report.highlight.y === null ? '–' : num(ctx, report.highlight.y)}
                {report.highlight.included
                  ? ''
                  : ` (${tr(ctx, 'inte med i urvalet', 'not in the selection')})`}
              </dd>
            </>
          )}
        </dl>
        {report.filters.length > 0 && (
          <p id="filter-summary">
            {tr(ctx, 'Filter', 'Filters')}:{' '}
            {report.filters
              .map(
                (f) => `${f.kpi} ${f.comparison === 'over' ? '>' : '<'} ${num(ctx, f.value)} (${f.period})`,
              )
              .join(', ')}
          </p>
        )}
        <ScatterPlot
          ctx={ctx}
          id="correlation-scatter"
          label={tr(
            ctx,
            `Spridningsdiagram: ${report.x.id} (x) mot ${report.y.id} (y) för ${report.n} kommuner${report.highlight ? `, ${report.highlight.title} markerad` : ''}. Samma siffror finns i tabellen nedan.`,
            `Scatter plot: ${report.x.id} (x) against ${report.y.id} (y) for ${report.n} municipalities${report.highlight ? `, ${report.highlight.title} highlighted` : ''}. The same figures are in the table below.`,
          )}
          xLabel={report.x.id}
          yLabel={report.y.id}
          points={report.points}
          highlight={report.highlight?.id}
        />
        <details class="points">
          <summary>
            {tr(
              ctx,
              `Värdena i tabellform (${report.points.length} kommuner)`,
              `The values as a table (${report.points.length} municipalities)`,
            )}
          </summary>
          <div class="table-scroll table-scroll--tall">
            <table class="data ranking-table" id="points-table">
              <thead>
                <tr>
                  <th scope="col">{tr(ctx, 'Kommun', 'Municipality')}</th>
                  <th scope="col">{report.x.id}</th>
                  <th scope="col">{report.y.id}</th>
                </tr>
              </thead>
              <tbody>
                {report.points.map((p) => (
                  <tr class={p.id === report.highlight?.id ? 'is-chosen' : undefined}>
                    <th scope="row">
                      <KommunLink ctx={ctx} id={p.id} title={p.title} />
                    </th>
                    <td class="num">{num(ctx, p.x)}</td>
                    <td class="num">{num(ctx, p.y)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
      <LeftOutSection ctx={ctx}>
        <LeftOut
          ctx={ctx}
          id="filtered-out"
          title={tr(ctx, 'Bortfiltrerade kommuner', 'Municipalities filtered out')}
          items={report.filteredOut.map((e) => ({
            key: e.id,
            text: `${e.title}: ${e.kpi} ${e.reason === 'missing' ? tr(ctx, 'saknar värde', 'has no value') : tr(ctx, 'utanför gränsen', 'outside the limit')}`,
          }))}
        />
        <LeftOut
          ctx={ctx}
          id="missing"
          title={tr(ctx, 'Kommuner utan värde för x eller y', 'Municipalities without a value for x or y')}
          items={missingItems(ctx, report.missing)}
        />
      </LeftOutSection>
      <OwnComputationNote ctx={ctx} method={report.method} />
    </Layout>
  );
}

export function correlationDocument(ctx: PageContext, report: CorrelationReport): TableDocument {
  return {
    title: tr(
      ctx,
      `Samband: ${report.x.id} och ${report.y.id}`,
      `Correlation: ${report.x.id} and ${report.y.id}`,
    ),
    filename: safeFilename(`etablera-samband-${report.x.id}-${report.y.id}-${report.year}`),
    meta: documentMeta(ctx, [
      analysisDoc.computation(ctx),
      { key: 'x', label: 'x', value: `${report.x.id} ${report.x.title} (${report.x.period})` },
      { key: 'y', label: 'y', value: `${report.y.id} ${report.y.title} (${report.y.period})` },
      analysisDoc.gender(ctx, report.gender),
      { key: 'n', label: 'n', value: String(report.n) },
      { key: 'pearson', label: 'Pearson', value: report.pearson === null ? '' : String(report.pearson) },
      { key: 'spearman', label: 'Spearman', value: report.spearman === null ? '' : String(report.spearman) },
      {
        key: 'filters',
        label: tr(ctx, 'Filter', 'Filters'),
        value: report.filters
          .map((f) => `${f.kpi} ${f.comparison === 'over' ? '>' : '<'} ${f.value}`)
          .join(', '),
      },
      {
        key: 'filtered_out',
        label: tr(ctx, 'Bortfiltrerade', 'Filtered out'),
        value: report.filteredOut.map((e) => `${e.id} (${e.kpi} ${e.reason})`).join('; '),
      },
      {
        key: 'missing',
        label: tr(ctx, 'Saknar värde', 'Missing a value'),
        value: report.missing.map((m) => `${m.id} (${m.missing.join(' ')})`).join('; '),
      },
      analysisDoc.method(ctx, report.method),
    ]),
    columns: [
      ...analysisDoc.municipalityColumns(ctx),
      { key: 'x', header: report.x.id, type: 'number' },
      { key: 'y', header: report.y.id, type: 'number' },
      { key: 'highlighted', header: tr(ctx, 'Markerad', 'Highlighted'), type: 'text' },
    ],
    rows: report.points.map((p) => ({
      municipality_id: p.id,
      municipality: p.title,
      x: p.x,
      y: p.y,
      highlighted: p.id === report.highlight?.id ? tr(ctx, 'ja', 'yes') : null,
    })),
  };
}
