/** The KPI page `/nyckeltal/{kpi}`: ranking, map, distribution and trends of one KPI. */
import type { KpiViewModel, RankingEntry, TrendData } from '../../../domain/comparison/kpi-view.service.js';
import { decimalsFor, formatDate, meanDecimals } from '../../../i18n/format.js';
import type { Translate } from '../../../i18n/translator.js';
import { Chart } from '../components/chart.js';
import {
  ControlsForm,
  GenderSelect,
  genderLabel,
  SubmitField,
  WideTextField,
  YearSelect,
} from '../components/form.js';
import { Layout } from '../components/layout.js';
import { Legend } from '../components/legend.js';
import { TrendTable, trendChartData, trendDecimals } from '../components/trend.js';
import { CellView, PositionView, positionText } from '../components/values.js';
import { href, num, type PageContext, withParams } from '../page-context.js';
import type { Sort, SortKey } from '../query.js';
import { referenceLabel } from './profile.page.js';

export function sortRanking(entries: readonly RankingEntry[], sort: Sort): RankingEntry[] {
  const dir = sort.dir === 'asc' ? 1 : -1;
  const missingLast = (a: RankingEntry, b: RankingEntry) =>
    Number(a.cell.value === null) - Number(b.cell.value === null);
  const byName = (a: RankingEntry, b: RankingEntry) =>
    a.municipality.title.localeCompare(b.municipality.title, 'sv');
  return [...entries].sort((a, b) => {
    if (sort.key === 'name') return dir * byName(a, b);
    const m = missingLast(a, b);
    if (m !== 0) return m;
    if (sort.key === 'rank') return dir * ((a.rank?.rank ?? 0) - (b.rank?.rank ?? 0)) || byName(a, b);
    return dir * ((a.cell.value ?? 0) - (b.cell.value ?? 0)) || byName(a, b);
  });
}

export function KpiPage({ ctx, model, sort }: { ctx: PageContext; model: KpiViewModel; sort: Sort }) {
  const { t } = ctx;
  const k = model.kpi;
  const chosen = model.municipality;
  const ranked = model.ranking.filter((r) => r.cell.value !== null);
  const d = decimalsFor(
    model.ranking.map((r) => r.cell.value),
    k.unit,
  );
  return (
    <Layout ctx={ctx} title={`${k.label} (${k.id})`} charts>
      <div class="page-head">
        <p class="eyebrow">
          {t('comparator.kpi')} {k.id}
          {model.area
            ? ` · ${model.area.number}. ${ctx.lang === 'en' ? model.area.titleEn : model.area.title}`
            : ''}
        </p>
        <h1>{k.label}</h1>
        {k.label !== k.title && <p class="kolada-title">{k.title}</p>}
        <p class="lead">{t('comparator.kpiPageIntro')}</p>
      </div>
      <KpiControls ctx={ctx} model={model} />
      <KpiSummary ctx={ctx} model={model} decimals={d} />

      <section aria-labelledby="ranking-title">
        <h2 id="ranking-title">
          {t('comparator.ranking')} {model.year ?? ''}
          {model.gender !== 'T' ? `, ${genderLabel(t, model.gender).toLowerCase()}` : ''}
        </h2>
        {ranked.length === 0 ? (
          <p>{t('comparator.noValues')}</p>
        ) : (
          <Chart
            kind="ranking"
            id="ranking-chart"
            size="chart--tall"
            label={t('comparator.rankingAlt')}
            data={{
              direction: k.direction,
              unit: k.unit,
              lang: ctx.lang,
              decimals: d,
              items: sortRanking(ranked, { key: 'rank', dir: 'asc' }).map((r) => ({
                id: r.municipality.id,
                name: r.municipality.title,
                value: r.cell.value,
                pos: r.position,
                chosen: r.chosen,
                ref: r.inReference,
              })),
              reference: model.referenceMean?.value ?? null,
              referenceLabel: model.reference ? referenceLabel(t, model.reference.option) : null,
              riket: model.riket.value,
              riketLabel: t('comparator.riket'),
            }}
          />
        )}
      </section>

      <div class="map-table">
        <section aria-labelledby="map-title" class="map-table__map">
          <h2 id="map-title">{t('comparator.map')}</h2>
          {ranked.length > 0 ? (
            <>
              <Chart
                kind="map"
                id="map-chart"
                size="chart--map"
                label={t('comparator.mapAlt')}
                data={{
                  direction: k.direction,
                  lang: ctx.lang,
                  decimals: d,
                  chosen: chosen?.id ?? null,
                  items: model.ranking.map((r) => ({
                    id: r.municipality.id,
                    name: r.municipality.title,
                    value: r.cell.value,
                    pos: r.position,
                    rank: r.rank?.rank ?? null,
                  })),
                  labels: {
                    noValue: t('comparator.positionMissing'),
                    rank: t('comparator.rank'),
                    of: t('comparator.rankOf'),
                  },
                }}
              />
              <MapKey ctx={ctx} model={model} decimals={d} />
            </>
          ) : (
            <p>{t('comparator.noValues')}</p>
          )}
        </section>
        <RankingTable ctx={ctx} model={model} sort={sort} decimals={d} />
      </div>

      <section aria-labelledby="distribution-title">
        <h2 id="distribution-title">{t('comparator.distribution')}</h2>
        <p class="note">{t('comparator.distributionNote')}</p>
        {model.distribution ? (
          <div class="two-col">
            <Chart
              kind="histogram"
              id="histogram-chart"
              label={t('comparator.histogramAlt')}
              data={{
                lang: ctx.lang,
                decimals: d,
                bins: model.histogram,
                chosen: chosen ? (model.ranking.find((r) => r.chosen)?.cell.value ?? null) : null,
                chosenLabel: chosen?.title ?? null,
                box: model.distribution,
                countLabel: t('comparator.count'),
              }}
            />
            <table class="data stats">
              <caption>{t('comparator.distribution')}</caption>
              <tbody>
                {(
                  [
                    [t('comparator.n'), model.distribution.n, 0],
                    [t('comparator.min'), model.distribution.min, d],
                    [t('comparator.q1'), model.distribution.q1, meanDecimals(d)],
                    [t('comparator.median'), model.distribution.median, meanDecimals(d)],
                    [t('comparator.q3'), model.distribution.q3, meanDecimals(d)],
                    [t('comparator.max'), model.distribution.max, d],
                    [t('comparator.mean'), model.distribution.mean, meanDecimals(d)],
                  ] as const
                ).map(([label, value, decimals]) => (
                  <tr>
                    <th scope="row">{label}</th>
                    <td class="num">{num(ctx, value, decimals)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('comparator.noValues')}</p>
        )}
      </section>

      <TrendSection ctx={ctx} trend={model.trend} unit={k.unit} />
      <KpiAbout ctx={ctx} model={model} />
      <Legend ctx={ctx} />
    </Layout>
  );
}

export function trendSeriesLabel(t: Translate, s: TrendData['series'][number]): string {
  if (s.kind === 'riket') return t('comparator.riket');
  if (s.kind === 'reference') {
    const name =
      s.label ?? (s.id === 'ref:urval' ? t('comparator.referenceCustom') : t('comparator.allKommuner'));
    return `${name} (${t('comparator.referenceMean')}, Etablera)`;
  }
  return s.label ?? s.id;
}

function TrendSection({ ctx, trend, unit }: { ctx: PageContext; trend: TrendData; unit: string | null }) {
  const { t } = ctx;
  const d = trendDecimals(trend, unit);
  return (
    <section aria-labelledby="trend-title">
      <h2 id="trend-title">{t('comparator.trends')}</h2>
      {trend.years.length === 0 ? (
        <p>{t('comparator.noValues')}</p>
      ) : (
        <>
          <Chart
            kind="trend"
            id="trend-chart"
            label={t('comparator.trendsAlt')}
            data={trendChartData(ctx, trend, trendSeriesLabel, d)}
          />
          <TrendTable
            ctx={ctx}
            trend={trend}
            caption={t('comparator.trends')}
            label={trendSeriesLabel}
            decimals={d}
          />
        </>
      )}
    </section>
  );
}

/** What the map colours mean; the map itself is not readable by screen readers, the table is. */
function MapKey({ ctx, model, decimals }: { ctx: PageContext; model: KpiViewModel; decimals: number }) {
  const { t } = ctx;
  const directional = model.kpi.direction === 'higher' || model.kpi.direction === 'lower';
  if (directional)
    return (
      <ul class="map-key" aria-label={t('comparator.legendTitle')}>
        {(['top', 'middle', 'bottom', 'missing'] as const).map((p) => (
          <li>
            <span class={`swatch swatch--${p}`} aria-hidden="true" /> {positionText(t, p)}
          </li>
        ))}
      </ul>
    );
  const values = model.ranking.map((r) => r.cell.value).filter((v): v is number => v !== null);
  return (
    <ul class="map-key" aria-label={t('comparator.legendTitle')}>
      <li>
        <span class="swatch swatch--low" aria-hidden="true" /> {t('comparator.min')}:{' '}
        {num(ctx, Math.min(...values), decimals)}
      </li>
      <li>
        <span class="swatch swatch--high" aria-hidden="true" /> {t('comparator.max')}:{' '}
        {num(ctx, Math.max(...values), decimals)}
      </li>
      <li>
        <span class="swatch swatch--missing" aria-hidden="true" /> {t('comparator.positionMissing')}
      </li>
    </ul>
  );
}

/** Where the page's figures come from: demo data says so, own KPIs are the municipality's, the rest Kolada's. */
function sourceLabel(ctx: PageContext, origin: KpiViewModel['kpi']['origin']): string {
  if (ctx.dataset === 'demo') return ctx.t('layout.sourceDemo');
  return ctx.t(origin === 'local' ? 'layout.sourceLocal' : 'layout.sourceKolada');
}

function KpiSummary({ ctx, model, decimals }: { ctx: PageContext; model: KpiViewModel; decimals: number }) {
  const { t } = ctx;
  const chosen = model.ranking.find((r) => r.chosen);
  if (!chosen || !model.municipality) return null;
  return (
    <section class="summary" aria-label={model.municipality.title}>
      <div class={`summary__card pos-cell--${chosen.position}`}>
        <span class="summary__label">
          {model.municipality.title} {model.year ?? ''}
        </span>
        <span class="summary__value" data-field="value">
          <CellView ctx={ctx} cell={chosen.cell} decimals={decimals} />
          {chosen.cell.value !== null && model.kpi.unit ? ` ${model.kpi.unit}` : ''}
        </span>
        <PositionView ctx={ctx} position={chosen.position} rank={chosen.rank} />
      </div>
      {model.reference && model.referenceMean && (
        <div class="summary__card">
          <span class="summary__label">
            {referenceLabel(t, model.reference.option)} ({t('comparator.referenceMean')}, Etablera)
          </span>
          <span class="summary__value" data-field="reference">
            <CellView
              ctx={ctx}
              cell={{
                value: model.referenceMean.value,
                symbol: model.referenceMean.value === null ? '-' : null,
              }}
              decimals={meanDecimals(decimals)}
            />
          </span>
          <span class="count-note">
            n = {model.referenceMean.count} {t('comparator.rankOf')} {model.referenceMean.members}
          </span>
        </div>
      )}
      <div class="summary__card">
        <span class="summary__label">{t('comparator.riket')}</span>
        <span class="summary__value" data-field="riket">
          <CellView ctx={ctx} cell={model.riket} decimals={decimals} />
        </span>
        <span class="count-note">{sourceLabel(ctx, model.kpi.origin)}</span>
      </div>
    </section>
  );
}

function KpiControls({ ctx, model }: { ctx: PageContext; model: KpiViewModel }) {
  const { t } = ctx;
  const chosenRef = model.reference?.option.param ?? 'alla';
  const kommuner = [...model.ranking].sort((a, b) =>
    a.municipality.title.localeCompare(b.municipality.title, 'sv'),
  );
  return (
    <ControlsForm ctx={ctx} action={`/nyckeltal/${model.kpi.id}`}>
      <div class="field">
        <label for="kommun">{t('comparator.chosenKommun')}</label>
        <select id="kommun" name="kommun">
          <option value="" selected={!model.municipality}>
            {t('comparator.noKommun')}
          </option>
          {kommuner.map((r) => (
            <option value={r.municipality.id} selected={r.chosen}>
              {r.municipality.title}
            </option>
          ))}
        </select>
      </div>
      <YearSelect ctx={ctx} years={model.years} chosen={model.yearChoice} />
      {model.kpi.isDividedByGender && <GenderSelect ctx={ctx} gender={model.gender} />}
      {model.municipality && (
        <div class="field">
          <label for="ref">{t('comparator.reference')}</label>
          <select id="ref" name="ref">
            <option value="alla" selected={chosenRef === 'alla'}>
              {t('comparator.referenceAll')}
            </option>
            {model.referenceOptions
              .filter((o) => o.kind !== 'alla')
              .map((o) => (
                <option value={o.param} selected={chosenRef === o.param}>
                  {referenceLabel(t, o)}
                </option>
              ))}
            {model.reference?.option.kind === 'grupp' && (
              <option value={model.reference.option.param} selected>
                {referenceLabel(t, model.reference.option)}
              </option>
            )}
            <option value="urval" selected={chosenRef === 'urval'}>
              {t('comparator.referenceCustom')}
            </option>
          </select>
        </div>
      )}
      {model.municipality && (
        <WideTextField
          id="urval"
          label={t('comparator.customSelection')}
          value={ctx.params.get('urval') ?? ''}
        />
      )}
      <WideTextField
        id="jmf"
        label={t('comparator.compareKommuner')}
        value={model.compare.map((m) => m.title).join(', ')}
      />
      <SubmitField label={t('layout.show')} />
      {[...(model.reference?.unknown ?? []), ...model.unknownCompare].length > 0 && (
        <p class="error" role="alert">
          {t('comparator.unknownKommuner')}:{' '}
          {[...(model.reference?.unknown ?? []), ...model.unknownCompare].join(', ')}
        </p>
      )}
    </ControlsForm>
  );
}

const SORT_HEADERS: { key: SortKey; label: (t: Translate) => string; num?: boolean }[] = [
  { key: 'rank', label: (t) => t('comparator.rank') },
  { key: 'name', label: (t) => t('comparator.kommun') },
  { key: 'value', label: (t) => t('comparator.value'), num: true },
];

function RankingTable({
  ctx,
  model,
  sort,
  decimals,
}: {
  ctx: PageContext;
  model: KpiViewModel;
  sort: Sort;
  decimals: number;
}) {
  const { t } = ctx;
  const rows = sortRanking(model.ranking, sort);
  return (
    <section aria-labelledby="table-title" class="map-table__table">
      <h2 id="table-title">{t('comparator.rankingTable')}</h2>
      <div class="table-scroll table-scroll--tall">
        <table class="data ranking-table" id="ranking-table">
          <caption class="visually-hidden">
            {t('comparator.rankingTable')}: {model.kpi.label} {model.year ?? ''}. {t('comparator.sortBy')}:{' '}
            {SORT_HEADERS.find((h) => h.key === sort.key)!.label(t)}
          </caption>
          <thead>
            <tr>
              {SORT_HEADERS.map((h) => {
                const current = sort.key === h.key;
                const nextDir = current && sort.dir === 'asc' ? 'desc' : 'asc';
                return (
                  <th
                    scope="col"
                    class={h.num ? 'num' : undefined}
                    aria-sort={current ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    <a href={withParams(ctx, { sort: h.key, dir: nextDir })} class="sort-link">
                      {h.label(t)}
                      <span aria-hidden="true">{current ? (sort.dir === 'asc' ? ' ↑' : ' ↓') : ' ↕'}</span>
                    </a>
                  </th>
                );
              })}
              <th scope="col">{t('comparator.position')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                class={
                  [r.chosen ? 'is-chosen' : '', r.inReference ? 'is-reference' : ''].join(' ').trim() ||
                  undefined
                }
                data-kommun={r.municipality.id}
              >
                <td class="num">{r.rank?.rank ?? '–'}</td>
                <th scope="row">
                  <a href={href(ctx, `/kommun/${r.municipality.id}`)}>{r.municipality.title}</a>
                  {r.chosen && <span class="tag">{t('comparator.chosen')}</span>}
                  {r.inReference && <span class="tag tag--ref">{t('comparator.inReference')}</span>}
                </th>
                <td class="num">
                  <CellView ctx={ctx} cell={r.cell} decimals={decimals} />
                </td>
                <td class={`pos-cell pos-cell--${r.position}`}>
                  <PositionView ctx={ctx} position={r.position} rank={null} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function KpiAbout({ ctx, model }: { ctx: PageContext; model: KpiViewModel }) {
  const { t } = ctx;
  const k = model.kpi;
  const direction =
    k.direction === 'higher'
      ? t('comparator.directionHigher')
      : k.direction === 'lower'
        ? t('comparator.directionLower')
        : t('comparator.directionNeither');
  return (
    <section aria-labelledby="about-title" class="about">
      <h2 id="about-title">{t('comparator.description')}</h2>
      {k.description && <p>{k.description}</p>}
      <dl class="facts">
        <div>
          <dt>{t('comparator.source')}</dt>
          <dd>
            {k.source ? `${k.source}. ` : ''}
            {sourceLabel(ctx, k.origin)}
          </dd>
        </div>
        {k.publPeriod && (
          <div>
            <dt>{t('comparator.publicationPeriod')}</dt>
            <dd>{k.publPeriod}</dd>
          </div>
        )}
        {k.prelPublicationDate && (
          <div>
            <dt>{t('comparator.prelPublication')}</dt>
            <dd>{formatDate(k.prelPublicationDate, ctx.lang)}</dd>
          </div>
        )}
        {k.publicationDate && (
          <div>
            <dt>{t('comparator.nextPublication')}</dt>
            <dd>{formatDate(k.publicationDate, ctx.lang)}</dd>
          </div>
        )}
        {k.operatingArea && (
          <div>
            <dt>{t('comparator.operatingArea')}</dt>
            <dd>{k.operatingArea}</dd>
          </div>
        )}
        {k.perspective && (
          <div>
            <dt>{t('comparator.perspective')}</dt>
            <dd>{k.perspective}</dd>
          </div>
        )}
        <div>
          <dt>{t('comparator.divideByGender')}</dt>
          <dd>{k.isDividedByGender ? t('comparator.yes') : t('comparator.no')}</dd>
        </div>
        <div>
          <dt>{t('comparator.direction')}</dt>
          <dd>{direction}</dd>
        </div>
      </dl>
    </section>
  );
}
