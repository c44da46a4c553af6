/** Compare `/jamfor?kommun=…&kpi=…`: municipalities × KPIs as a table, and trend lines per KPI. */
import type { CompareModel } from '../../../domain/comparison/compare-view.service.js';
import { MAX_COMPARE_KOMMUNER, MAX_COMPARE_KPIS } from '../../../domain/comparison/compare-view.service.js';
import { INTEGRATION_AREAS, INTEGRATION_SET } from '../../../domain/integration-set.js';
import { decimalsFor } from '../../../i18n/format.js';
import { Chart } from '../components/chart.js';
import { ControlsForm, SubmitField, WideTextField, YearSelect } from '../components/form.js';
import { Layout } from '../components/layout.js';
import { Legend } from '../components/legend.js';
import { TrendTable, trendChartData, trendDecimals } from '../components/trend.js';
import { CellView, PositionView, positionText, symbolMeaning } from '../components/values.js';
import { documentMeta } from '../exports/document-meta.js';
import { safeFilename, type TableDocument } from '../exports/table-document.js';
import { href, type PageContext } from '../page-context.js';
import { trendSeriesLabel } from './kpi.page.js';

export function ComparePage({ ctx, model }: { ctx: PageContext; model: CompareModel }) {
  const { t } = ctx;
  const first = model.kommuner[0];
  const years = [...new Set(model.rows.flatMap((r) => r.trend.years))].sort((a, b) => b - a);
  return (
    <Layout ctx={ctx} title={t('comparator.compareTitle')} charts={model.rows.length > 0}>
      <h1>{t('comparator.compareTitle')}</h1>
      <p class="lead">{t('comparator.compareIntro')}</p>
      <ControlsForm ctx={ctx} action="/jamfor" class="controls controls--compare">
        <WideTextField
          id="kommun"
          label={t('comparator.compareKommunField')}
          value={model.kommuner.map((k) => k.title).join(', ')}
        />
        <YearSelect
          ctx={ctx}
          years={
            model.yearChoice !== 'latest' && !years.includes(model.yearChoice)
              ? [model.yearChoice, ...years]
              : years
          }
          chosen={model.yearChoice}
        />
        <details class="kpi-picker-details" open={model.kpiIds.length === 0}>
          <summary>
            {t('comparator.compareChooseKpis')} (
            {t('comparator.chosenCount', {
              n: model.kpiIds.filter((id) => INTEGRATION_SET.some((k) => k.id === id)).length,
            })}
            )
          </summary>
          <fieldset class="kpi-picker">
            <legend class="visually-hidden">{t('comparator.compareChooseKpis')}</legend>
            {INTEGRATION_AREAS.map((area) => {
              const kpis = INTEGRATION_SET.filter((k) => k.area === area.id);
              if (kpis.length === 0) return null;
              return (
                <fieldset class="kpi-picker__area">
                  <legend>
                    {area.number}. {ctx.lang === 'en' ? area.titleEn : area.title}
                  </legend>
                  {kpis.map((k) => (
                    <div class="check">
                      <input
                        type="checkbox"
                        id={`kpi-${k.id}`}
                        name="kpi"
                        value={k.id}
                        checked={model.kpiIds.includes(k.id)}
                      />
                      <label for={`kpi-${k.id}`}>
                        {k.label} <span class="muted">{k.id}</span>
                      </label>
                    </div>
                  ))}
                </fieldset>
              );
            })}
          </fieldset>
        </details>
        <WideTextField
          id="kpi-extra"
          name="kpi"
          label={t('comparator.compareKpiField')}
          value={model.kpiIds.filter((id) => !INTEGRATION_SET.some((k) => k.id === id)).join(', ')}
        />
        <SubmitField label={t('layout.show')} />
      </ControlsForm>
      {model.unknownKommuner.length > 0 && (
        <p class="error" role="alert">
          {t('comparator.unknownKommuner')}: {model.unknownKommuner.join(', ')}
        </p>
      )}
      {model.unknownKpis.length > 0 && (
        <p class="error" role="alert">
          {t('comparator.unknownKpis')}: {model.unknownKpis.join(', ')}
        </p>
      )}
      {model.truncatedKommuner && (
        <p class="notice">
          {t('comparator.compareTooMany', { what: t('comparator.kommunerWord'), max: MAX_COMPARE_KOMMUNER })}
        </p>
      )}
      {model.truncatedKpis && (
        <p class="notice">
          {t('comparator.compareTooMany', { what: t('comparator.kpisWord'), max: MAX_COMPARE_KPIS })}
        </p>
      )}
      {model.rows.length === 0 ? (
        <p class="notice">{t('comparator.compareEmpty')}</p>
      ) : (
        <>
          <section aria-labelledby="compare-table-title">
            <h2 id="compare-table-title">{t('comparator.compareTableTitle')}</h2>
            <div class="table-scroll">
              <table class="data compare-table" id="compare-table">
                <thead>
                  <tr>
                    <th scope="col">{t('comparator.kpi')}</th>
                    <th scope="col">{t('comparator.year')}</th>
                    {model.kommuner.map((k) => (
                      <th scope="col" class="num">
                        <a href={href(ctx, `/kommun/${k.id}`)}>{k.title}</a>
                      </th>
                    ))}
                    <th scope="col" class="num">
                      {t('comparator.riket')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {model.rows.map((row) => {
                    const d = decimalsFor(
                      [...row.cells.map((c) => c.cell.value), row.riket.value],
                      row.kpi.unit,
                    );
                    return (
                      <tr data-kpi={row.kpi.id}>
                        <th scope="row" class="kpi-cell">
                          <a
                            href={href(ctx, `/nyckeltal/${row.kpi.id}`, {
                              kommun: first?.id,
                              jmf:
                                model.kommuner
                                  .slice(1)
                                  .map((k) => k.id)
                                  .join(',') || undefined,
                            })}
                          >
                            {row.kpi.label}
                          </a>
                          <span class="kpi-meta">
                            {row.kpi.id}
                            {row.kpi.unit ? ` · ${row.kpi.unit}` : ''}
                          </span>
                        </th>
                        <td>{row.period ?? '–'}</td>
                        {row.cells.map((c) => (
                          <td
                            class={`num compare-cell pos-cell--${c.position}`}
                            data-kommun={c.municipality.id}
                          >
                            <CellView ctx={ctx} cell={c.cell} decimals={d} />
                            <br />
                            <PositionView ctx={ctx} position={c.position} rank={c.rank} />
                          </td>
                        ))}
                        <td class="num">
                          <CellView ctx={ctx} cell={row.riket} decimals={d} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="compare-trends-title">
            <h2 id="compare-trends-title">{t('comparator.trends')}</h2>
            <div class="small-multiples">
              {model.rows.map((row) => (
                <div class="small-multiple">
                  <h3>
                    {row.kpi.label} <span class="muted">{row.kpi.id}</span>
                  </h3>
                  {row.trend.years.length === 0 ? (
                    <p>{t('comparator.noValues')}</p>
                  ) : (
                    <>
                      <Chart
                        kind="trend"
                        label={`${t('comparator.trends')}: ${row.kpi.label}. ${t('comparator.trendsAlt')}`}
                        data={trendChartData(
                          ctx,
                          row.trend,
                          trendSeriesLabel,
                          trendDecimals(row.trend, row.kpi.unit),
                        )}
                      />
                      <details>
                        <summary>
                          {t('comparator.trends')}: {row.kpi.id}
                        </summary>
                        <TrendTable
                          ctx={ctx}
                          trend={row.trend}
                          caption={row.kpi.label}
                          label={trendSeriesLabel}
                          decimals={trendDecimals(row.trend, row.kpi.unit)}
                        />
                      </details>
                    </>
                  )}
                </div>
              ))}
            </div>
          </section>
          <Legend ctx={ctx} />
        </>
      )}
    </Layout>
  );
}

export function compareDocument(ctx: PageContext, model: CompareModel): TableDocument {
  const { t } = ctx;
  const rows = model.rows.flatMap((row) => [
    ...row.cells.map((c) => ({
      kpi_id: row.kpi.id,
      kpi: row.kpi.label,
      year: row.period,
      municipality_id: c.municipality.id,
      municipality: c.municipality.title,
      value: c.cell.value,
      symbol: c.cell.symbol ? symbolMeaning(t, c.cell.symbol) : null,
      rank: c.rank?.rank ?? null,
      ranked: c.rank?.of ?? null,
      position: c.position === 'none' ? null : positionText(t, c.position),
    })),
    {
      kpi_id: row.kpi.id,
      kpi: row.kpi.label,
      year: row.period,
      municipality_id: '0000',
      municipality: t('comparator.riket'),
      value: row.riket.value,
      symbol: row.riket.symbol ? symbolMeaning(t, row.riket.symbol) : null,
      rank: null,
      ranked: null,
      position: null,
    },
  ]);
  return {
    title: t('comparator.exportTitleCompare'),
    filename: safeFilename(`etablera-jamforelse-${model.kommuner.map((k) => k.id).join('-')}`),
    meta: documentMeta(ctx, [
      {
        key: 'year',
        label: t('comparator.metaYear'),
        value: model.yearChoice === 'latest' ? t('comparator.latestYear') : String(model.yearChoice),
      },
      {
        key: 'municipalities',
        label: t('comparator.kommunerWord'),
        value: model.kommuner.map((k) => `${k.title} (${k.id})`).join(', '),
      },
    ]),
    columns: [
      { key: 'kpi_id', header: t('comparator.kpiId'), type: 'text' },
      { key: 'kpi', header: t('comparator.kpi'), type: 'text' },
      { key: 'year', header: t('comparator.year'), type: 'integer' },
      { key: 'municipality_id', header: t('comparator.kommunCode'), type: 'text' },
      { key: 'municipality', header: t('comparator.kommun'), type: 'text' },
      { key: 'value', header: t('comparator.value'), type: 'number' },
      { key: 'symbol', header: t('comparator.symbol'), type: 'text' },
      { key: 'rank', header: t('comparator.rank'), type: 'integer' },
      { key: 'ranked', header: t('comparator.rankPopulation'), type: 'integer' },
      { key: 'position', header: t('comparator.position'), type: 'text' },
    ],
    rows,
  };
}
