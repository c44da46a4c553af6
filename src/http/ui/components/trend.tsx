/** Trend lines over years: the chart's data and the same figures as a table (its text alternative). */
import type { TrendData } from '../../../domain/comparison/kpi-view.service.js';
import type { Messages } from '../i18n/messages.js';
import type { PageContext } from '../page-context.js';
import { CellView } from './values.js';

export type SeriesLabel = (t: Messages, s: TrendData['series'][number]) => string;

export function trendChartData(ctx: PageContext, trend: TrendData, label: SeriesLabel) {
  return {
    lang: ctx.lang,
    years: trend.years,
    series: trend.series.map((s) => ({ name: label(ctx.t, s), kind: s.kind, values: s.values })),
  };
}

export function TrendTable({
  ctx,
  trend,
  caption,
  label,
}: {
  ctx: PageContext;
  trend: TrendData;
  caption: string;
  label: SeriesLabel;
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
