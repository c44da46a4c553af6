/**
 * A goal `/plan/{id}/mal/{node}?period=P`: its verdict and comment, the goals below it, and per
 * indicator a chart and a table of the municipality's values, its targets, Riket and the chosen
 * comparison, with the trend (method named) and target attainment. Values from Kolada say
 * "Källa: Kolada"; trends and comparison means are Etablera's computations.
 */
import type { IndicatorFollowup } from '../../../domain/plan/followup.service.js';
import { decimalsFor } from '../../../i18n/format.js';
import { Chart } from '../components/chart.js';
import { Layout } from '../components/layout.js';
import { CellView } from '../components/values.js';
import { href, num, type PageContext } from '../page-context.js';
import {
  PeriodForm,
  StatusBadge,
  sourceKey,
  statusText,
  TrendView,
  trendMethodText,
  VerdictView,
} from './plan-components.js';
import type { PlanView, TreeItem } from './plan-view.js';

export interface IndicatorSeries {
  periods: string[];
  series: {
    key: string;
    name: string;
    kind: 'kommun' | 'reference' | 'riket' | 'target';
    values: (number | null)[];
  }[];
}

/** The indicator's lines over its periods: the municipality, its targets, Riket, the comparison. */
export function indicatorSeries(
  ctx: PageContext,
  i: IndicatorFollowup,
  municipalityName: string,
): IndicatorSeries {
  const { t } = ctx;
  const gender = i.kolada?.gender ?? 'T';
  const periods = [
    ...new Set([
      ...i.values.map((v) => v.period),
      ...Object.keys(i.targets),
      ...(i.riket ?? []).map((v) => v.period),
      ...(i.comparison?.values ?? []).map((v) => v.period),
    ]),
  ].sort();
  const at = <T extends { period: string }>(rows: readonly T[], pick: (r: T) => number | null) =>
    periods.map((p) => {
      const r = rows.find((x) => x.period === p);
      return r ? pick(r) : null;
    });
  const series: IndicatorSeries['series'] = [
    {
      key: 'value',
      name: i.kolada ? municipalityName : t('plan.ownMeasure'),
      kind: 'kommun',
      values: at(i.values, (v) => v[gender]),
    },
  ];
  if (Object.keys(i.targets).length > 0)
    series.push({
      key: 'target',
      name: t('plan.target'),
      kind: 'target',
      values: periods.map((p) => i.targets[p] ?? null),
    });
  if (i.riket)
    series.push({
      key: 'riket',
      name: t('comparator.riket'),
      kind: 'riket',
      values: at(i.riket, (v) => v[gender]),
    });
  if (i.comparison && i.comparison.kind !== 'riket')
    series.push({
      key: 'comparison',
      name: `${i.comparison.title} (${t('comparator.referenceMean')}, Etablera)`,
      kind: 'reference',
      values: at(i.comparison.values, (v) => v.value),
    });
  return { periods, series };
}

function IndicatorSection({ ctx, view, i }: { ctx: PageContext; view: PlanView; i: IndicatorFollowup }) {
  const { t } = ctx;
  const data = indicatorSeries(
    ctx,
    i,
    view.plan.municipality_id === i.kolada?.municipality
      ? municipalityLabel(ctx, view)
      : (i.kolada?.municipality ?? ''),
  );
  const decimals = decimalsFor(
    data.series.flatMap((s) => s.values),
    i.unit,
  );
  const headingId = `indicator-${i.id}`;
  return (
    <section class="plan-indicator" aria-labelledby={headingId} data-indicator={i.id}>
      <h3 id={headingId}>
        {i.code && <span class="plan-code">{i.code}</span>} {i.title}
      </h3>
      <dl class="facts">
        <div>
          <dt>{t('plan.trendLabel')}</dt>
          <dd>
            <TrendView ctx={ctx} indicator={i} /> <span class="muted">({trendMethodText(ctx, i)})</span>
            {i.trend_override && (
              <span class="hint">
                {' '}
                {t('plan.overrideReason')}: {i.trend_override.reason}
              </span>
            )}
          </dd>
        </div>
        {i.target_attainment && (
          <div>
            <dt>{t('plan.targetAttainment')}</dt>
            <dd>
              {t('plan.targetLine', {
                target: num(ctx, i.target_attainment.target),
                period: i.target_attainment.target_period,
              })}
              {i.target_attainment.reached === true && ` – ${t('plan.targetReached')}`}
              {i.target_attainment.reached === false && ` – ${t('plan.targetNotReached')}`}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('plan.sourceLabel')}</dt>
          <dd>
            {i.kolada ? (
              <>
                {t(sourceKey(i))} (
                <a href={href(ctx, `/nyckeltal/${i.kolada.kpi}`, { kommun: i.kolada.municipality })}>
                  {i.kolada.kpi}
                </a>
                )
              </>
            ) : (
              t('plan.sourceOwn')
            )}
            {i.unit ? ` · ${i.unit}` : ''}
          </dd>
        </div>
      </dl>
      {data.periods.length === 0 ? (
        <p class="notice">{t('comparator.noValues')}</p>
      ) : (
        <>
          <Chart
            kind="trend"
            label={`${i.title}. ${t('plan.chartAlt')}`}
            data={{
              lang: ctx.lang,
              decimals,
              years: data.periods,
              series: data.series.map((s) => ({ name: s.name, kind: s.kind, values: s.values })),
            }}
          />
          <div class="table-scroll">
            <table class="data trend-table">
              <caption>
                {i.title}
                {i.kolada && <span class="muted"> · {t(sourceKey(i))}</span>}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('plan.period')}</th>
                  {data.series.map((s) => (
                    <th scope="col" class="num">
                      {s.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...data.periods].reverse().map((p) => {
                  const k = data.periods.indexOf(p);
                  return (
                    <tr>
                      <th scope="row">{p}</th>
                      {data.series.map((s) => (
                        <td class="num">
                          <CellView
                            ctx={ctx}
                            cell={{ value: s.values[k] ?? null, symbol: s.values[k] == null ? '-' : null }}
                            decimals={decimals}
                          />
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      {i.followup?.comment && (
        <p>
          <strong>{t('plan.comment')}:</strong> {i.followup.comment}
        </p>
      )}
    </section>
  );
}

export function municipalityLabel(_ctx: PageContext, view: PlanView): string {
  return view.municipalityName ?? view.plan.municipality_id;
}

export function GoalPage({
  ctx,
  view,
  item,
  base,
}: {
  ctx: PageContext;
  view: PlanView;
  item: TreeItem;
  /** `/plan/{id}` or the public site's `/uppfoljning/{id}`. */
  base: string;
}) {
  const { t } = ctx;
  const { node } = item;
  const title = `${node.code ? `${node.code} ` : ''}${node.title}`;
  const description = view.contents.nodes.find((n) => n.id === node.id)?.description;
  return (
    <Layout ctx={ctx} title={title} charts={item.indicators.length > 0}>
      <p class="eyebrow">
        <a href={href(ctx, base, { period: view.period })}>{view.plan.title}</a> ·{' '}
        {t(`plan.type.${typeKey(node.type)}`)}
      </p>
      <h1>{title}</h1>
      {description && <p class="lead">{description}</p>}
      <PeriodForm ctx={ctx} view={view} action={`${base}/mal/${node.id}`} />
      <section aria-labelledby="verdict-title">
        <h2 id="verdict-title">{t('plan.verdictTitle', { period: view.period })}</h2>
        <p class="verdict-line">
          <VerdictView ctx={ctx} verdict={node.verdict} />
          {!view.followup.approved_only && node.followup && (
            <>
              {' '}
              <StatusBadge ctx={ctx} state={node.followup.state} />
            </>
          )}
        </p>
        {node.followup?.comment && <p>{node.followup.comment}</p>}
        {node.responsible && (
          <p class="muted">
            {t('plan.responsible')}: {node.responsible}
          </p>
        )}
      </section>
      {item.children.length > 0 && (
        <section aria-labelledby="children-title">
          <h2 id="children-title">{t('plan.childrenTitle')}</h2>
          <ul class="link-list">
            {item.children.map((c) => (
              <li>
                <a href={href(ctx, `${base}/mal/${c.node.id}`, { period: view.period })}>
                  {c.node.code ? `${c.node.code} ` : ''}
                  {c.node.title}
                </a>{' '}
                <VerdictView ctx={ctx} verdict={c.node.verdict} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="indicators-title">
        <h2 id="indicators-title">{t('plan.indicatorsTitle')}</h2>
        {item.indicators.length === 0 ? (
          <p>{t('plan.noIndicators')}</p>
        ) : (
          item.indicators.map((i) => <IndicatorSection ctx={ctx} view={view} i={i} />)
        )}
      </section>
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{t('plan.actionsTitle')}</h2>
        {item.actions.length === 0 ? (
          <p>{t('plan.noActions')}</p>
        ) : (
          <div class="table-scroll">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t('plan.action')}</th>
                  <th scope="col">{t('plan.responsible')}</th>
                  <th scope="col">{t('plan.due')}</th>
                  <th scope="col">{t('plan.statusLabel')}</th>
                  <th scope="col" class="num">
                    {t('plan.progress')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {item.actions.map((a) => (
                  <tr>
                    <th scope="row">{a.title}</th>
                    <td>{a.responsible ?? '–'}</td>
                    <td>{a.due ?? '–'}</td>
                    <td>
                      <span class={`status status--${a.status}`}>{statusText(ctx, a.status)}</span>
                    </td>
                    <td class="num">{a.progress === null ? '–' : `${a.progress} %`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p class="muted">{t('plan.assessmentsNote')}</p>
    </Layout>
  );
}

export function typeKey(type: string): 'malomrade' | 'mal' | 'delmal' | 'other' {
  return type === 'malomrade' || type === 'mal' || type === 'delmal' ? type : 'other';
}
