/** /analys/samband: Pearson and Spearman between two KPIs, a scatter plot, threshold filters. */
import type { CorrelationReport } from '../../../domain/analysis/correlation.service.js';
import { analysisMethod } from '../../api/analysis/analysis-texts.js';
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

// Rows of the filter form: the filters in use plus an empty one, up to the limit.
const FILTER_ROWS = 3;

function coefficient(ctx: PageContext, r: number | null): string {
  return r === null ? ctx.t('analysis.cannotBeComputed') : num(ctx, r, 3);
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
  const title = `${ctx.t('analysis.correlation')}: ${report.x.id} ${ctx.t('analysis.and')} ${report.y.id}`;
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
      <AnalysisForm ctx={ctx} action="/analys/samband" lists={lists} submit={ctx.t('layout.show')}>
        <KpiField id="x" label={ctx.t('analysis.indicatorX')} value={report.x.id} required />
        <KpiField id="y" label={ctx.t('analysis.indicatorY')} value={report.y.id} required />
        <YearField ctx={ctx} year={report.year} />
        <GenderSelect ctx={ctx} gender={report.gender} />
        <KommunSelect
          ctx={ctx}
          lists={lists}
          name="kommun"
          id="kommun"
          label={ctx.t('analysis.highlightMunicipality')}
          selected={report.highlight?.id}
          optional
        />
        <fieldset class="kpi-picker">
          <legend>{ctx.t('analysis.filtersOnlyMunicipalitiesWhere')}</legend>
          {rows.map((f, i) => (
            <fieldset class="kpi-picker__area">
              <legend>
                {ctx.t('analysis.filter')} {i + 1}
              </legend>
              <KpiField
                id={`fkpi-${i}`}
                name="fkpi"
                label={ctx.t('analysis.indicator')}
                value={f?.kpi ?? ''}
              />
              <div class="field">
                <label for={`fop-${i}`}>{ctx.t('analysis.is')}</label>
                <select id={`fop-${i}`} name="fop">
                  <option value="over" selected={f?.comparison !== 'under'}>
                    {ctx.t('analysis.above')}
                  </option>
                  <option value="under" selected={f?.comparison === 'under'}>
                    {ctx.t('analysis.below')}
                  </option>
                </select>
              </div>
              <div class="field">
                <label for={`fvarde-${i}`}>{ctx.t('analysis.value')}</label>
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
          {ctx.t('analysis.result')} ({report.year}, {ctx.t(`analysis.gender.${report.gender}`)})
        </h2>
        <dl class="facts" id="correlation-facts">
          <dt>n</dt>
          <dd>{report.n}</dd>
          <dt>{ctx.t('analysis.pearsonSR')}</dt>
          <dd>{coefficient(ctx, report.pearson)}</dd>
          <dt>{ctx.t('analysis.spearmanSRho')}</dt>
          <dd>{coefficient(ctx, report.spearman)}</dd>
          {report.highlight && (
            <>
              <dt>{report.highlight.title}</dt>
              <dd>
                x {report.highlight.x === null ? '–' : num(ctx, report.highlight.x)}, y{' '}
                {report.highlight.y === null ? '–' : num(ctx, report.highlight.y)}
                {report.highlight.included ? '' : ` (${ctx.t('analysis.notInTheSelection')})`}
              </dd>
            </>
          )}
        </dl>
        {report.filters.length > 0 && (
          <p id="filter-summary">
            {ctx.t('analysis.filters')}:{' '}
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
          label={ctx.t('analysis.scatterPlotXAgainstY', {
            id: report.x.id,
            id2: report.y.id,
            n: String(report.n),
            highlight: report.highlight?.title ?? 'none',
          })}
          xLabel={report.x.id}
          yLabel={report.y.id}
          points={report.points}
          highlight={report.highlight?.id}
        />
        <details class="points">
          <summary>
            {ctx.t('analysis.theValuesAsATable', { pointsCount: String(report.points.length) })}
          </summary>
          <div class="table-scroll table-scroll--tall">
            <table class="data ranking-table" id="points-table">
              <thead>
                <tr>
                  <th scope="col">{ctx.t('analysis.municipality')}</th>
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
          title={ctx.t('analysis.municipalitiesFilteredOut')}
          items={report.filteredOut.map((e) => ({
            key: e.id,
            text: `${e.title}: ${e.kpi} ${e.reason === 'missing' ? ctx.t('analysis.hasNoValue') : ctx.t('analysis.outsideTheLimit')}`,
          }))}
        />
        <LeftOut
          ctx={ctx}
          id="missing"
          title={ctx.t('analysis.municipalitiesWithoutAValueFor')}
          items={missingItems(ctx, report.missing)}
        />
      </LeftOutSection>
      <OwnComputationNote ctx={ctx} method={analysisMethod(ctx.t, report.analysis)} />
    </Layout>
  );
}

export function correlationDocument(ctx: PageContext, report: CorrelationReport): TableDocument {
  return {
    title: ctx.t('analysis.correlationAnd', { id: report.x.id, id2: report.y.id }),
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
        label: ctx.t('analysis.filters'),
        value: report.filters
          .map((f) => `${f.kpi} ${f.comparison === 'over' ? '>' : '<'} ${f.value}`)
          .join(', '),
      },
      {
        key: 'filtered_out',
        label: ctx.t('analysis.filteredOut'),
        value: report.filteredOut.map((e) => `${e.id} (${e.kpi} ${e.reason})`).join('; '),
      },
      {
        key: 'missing',
        label: ctx.t('analysis.missingAValue'),
        value: report.missing.map((m) => `${m.id} (${m.missing.join(' ')})`).join('; '),
      },
      analysisDoc.method(ctx, analysisMethod(ctx.t, report.analysis)),
    ]),
    columns: [
      ...analysisDoc.municipalityColumns(ctx),
      { key: 'x', header: report.x.id, type: 'number' },
      { key: 'y', header: report.y.id, type: 'number' },
      { key: 'highlighted', header: ctx.t('analysis.highlighted'), type: 'text' },
    ],
    rows: report.points.map((p) => ({
      municipality_id: p.id,
      municipality: p.title,
      x: p.x,
      y: p.y,
      highlighted: p.id === report.highlight?.id ? ctx.t('analysis.yes') : null,
    })),
  };
}
