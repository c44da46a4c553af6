/** Trend lines over years: the chart's data and the same figures as a table (its text alternative). */
import type { TrendData } from '../../../domain/comparison/kpi-view.service.js';
import { decimalsFor, meanDecimals } from '../i18n/format.js';
import type { Messages } from '../i18n/messages.js';
import type { PageContext } from '../page-context.js';
import { CellView } from './values.js';

export type SeriesLabel = (t: Messages, s: TrendData['series'][number]) => string;

export function trendDecimals(trend: TrendData, unit: string | null): number {
  return decimalsFor(
    trend.series.filter((s) => s.kind !== 'reference').flatMap((s) => s.values),
    unit,
  );
}

export function trendChartData(ctx: PageContext, trend: TrendData, label: SeriesLabel, decimals: number) {
  return {
    lang: ctx.lang,
    decimals,
    years: trend.years,
    series: trend.series.map((s) => ({ name: label(ctx.t, s), kind: s.kind, values: s.values })),
  };
}

export function TrendTable({
  ctx,
  trend,
  caption,
  label,
  decimals,
}: {
  ctx: PageContext;
  trend: TrendData;
  caption: string;
  label: SeriesLabel;
  decimals: number;
}) {
  const { t } = ctx;
  return (
    <div class="table-scroll">
      <table class="data trend-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.year}</th>
            {trend.series.map((s) => (
              <th scope="col" class="num">
                {label(t, s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...trend.years].reverse().map((y) => {
            const i = trend.years.indexOf(y);
            return (
              <tr>
                <th scope="row">{y}</th>
                {trend.series.map((s) => (
                  <td class="num">
                    <CellView
                      ctx={ctx}
                      cell={{ value: s.values[i] ?? null, symbol: s.values[i] == null ? '-' : null }}
                      decimals={s.kind === 'reference' ? meanDecimals(decimals) : decimals}
                    />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
