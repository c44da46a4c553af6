/**
 * The chart of one indicator in a report: the municipality's series, the chosen comparison (Riket or
 * a group) and the targets, drawn as SVG on the server (ECharts SSR), with the alt text saying what
 * the chart shows — the trend and the last value — for Word, the PDF and screen readers.
 */
import { type ChartRenderer, documentSvg } from '../../../documents/svg-chart.js';
import { formatNumber } from '../../../i18n/format.js';
import type { Translate } from '../../../i18n/translator.js';
import type { IndicatorFollowup } from '../followup.service.js';
import type { Block, ReportLanguage } from './report-content.js';

const WIDTH = 640;
const HEIGHT = 260;
// Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by line style too.
const OWN = '#1f5a96';
const COMPARISON = '#6b4c9a';
const TARGET = '#b34700';
// No clipping to the grid: the value axis spans every series (scale: true), so nothing lies outside
// it, and each clip path made the chart dearer to draw (twice the time to rasterise for Word; see
// withoutClipPaths).

export function indicatorChart(
  i: IndicatorFollowup,
  lang: ReportLanguage,
  t: Translate,
  id: string,
  renderChartSvg: ChartRenderer,
): Extract<Block, { kind: 'chart' }> {
  const gender = i.kolada?.gender ?? 'T';
  const own = i.values.flatMap((v) => (v[gender] === null ? [] : [{ period: v.period, value: v[gender]! }]));
  const comparison = i.comparison?.values ?? [];
  const targets = Object.entries(i.targets).map(([period, value]) => ({ period, value }));
  const periods = [
    ...new Set([
      ...own.map((p) => p.period),
      ...comparison.map((p) => p.period),
      ...targets.map((p) => p.period),
    ]),
  ].sort();
  const at = (series: { period: string; value: number | null }[]) => {
    const m = new Map(series.map((p) => [p.period, p.value]));
    return periods.map((p) => m.get(p) ?? null);
  };
  const values = own.map((p) => p.value);
  const decimals = values.every(Number.isInteger) ? 0 : 1;
  const fmt = (v: number) => formatNumber(v, lang, decimals);
  const name = i.code ? `${i.code} ${i.title}` : i.title;
  const svg = documentSvg(
    withoutClipPaths(
      renderChartSvg(
        {
          textStyle: { fontFamily: 'DejaVu Sans, Arial, sans-serif', color: '#1a1a1a' },
          grid: { left: 64, right: 16, top: 16, bottom: 56 },
          legend: { bottom: 0, textStyle: { color: '#1a1a1a' } },
          xAxis: { type: 'category', data: periods, axisLabel: { color: '#1a1a1a' } },
          yAxis: {
            type: 'value',
            scale: true,
            axisLabel: { color: '#1a1a1a', formatter: (v: number) => formatNumber(v, lang) },
          },
          series: [
            {
              name: i.kolada ? `${kommunLabel(lang)}` : name.slice(0, 40),
              type: 'line',
              data: at(own),
              color: OWN,
              symbol: 'circle',
              symbolSize: 6,
              connectNulls: true,
              lineStyle: { width: 2 },
              clip: false,
            },
            ...(i.comparison && comparison.length
              ? [
                  {
                    name: i.comparison.title,
                    type: 'line' as const,
                    data: at(comparison),
                    color: COMPARISON,
                    symbol: 'rect',
                    symbolSize: 6,
                    connectNulls: true,
                    lineStyle: { width: 2, type: 'dashed' as const },
                    clip: false,
                  },
                ]
              : []),
            ...(targets.length
              ? [
                  {
                    name: t('report.seriesTarget'),
                    type: 'scatter' as const,
                    data: at(targets),
                    color: TARGET,
                    symbol: 'diamond',
                    symbolSize: 11,
                    clip: false,
                  },
                ]
              : []),
          ],
        },
        { width: WIDTH, height: HEIGHT, id },
      ),
    ),
  );
  const last = own.at(-1);
  const first = own[0];
  const compared = last ? comparison.find((c) => c.period === last.period) : undefined;
  const alt =
    last && first
      ? t('report.chartAlt', {
          title: name,
          from: first.period,
          to: last.period,
          trend: trendWords(t, i),
          value: `${fmt(last.value)}${i.unit && i.unit !== 'antal' ? ` ${i.unit}` : ''}`,
          period: last.period,
          comparison:
            compared && compared.value !== null && i.comparison
              ? t('report.chartAltComparison', { name: i.comparison.title, value: fmt(compared.value) })
              : '',
        })
      : t('report.chartAltEmpty', { title: name });
  return {
    kind: 'chart',
    id,
    svg,
    width: WIDTH,
    height: HEIGHT,
    caption: i.unit ? t('report.chartCaption', { title: name, unit: i.unit }) : name,
    alt,
    source: i.source === 'kolada' ? t('report.sourceNoteKolada') : t('report.sourceNoteOwn'),
  };
}

/**
 * With `clip: false` ECharts still wraps each line in a clip path, only grown to clip nothing; the
 * paths are dropped so that no renderer draws a layer for them.
 */
function withoutClipPaths(svg: string): string {
  return svg
    .replace(/ clip-path="url\(#[^)"]*\)"/g, '')
    .replace(/<clipPath id="[^"]*">[\s\S]*?<\/clipPath>\n?/g, '');
}

function kommunLabel(lang: ReportLanguage): string {
  return lang === 'sv' ? 'Kommunen' : 'The municipality';
}

function trendWords(t: Translate, i: IndicatorFollowup): string {
  if (!i.effective_direction) return t('plan.trendNone');
  return t(`plan.trend.${i.effective_direction}` as Parameters<Translate>[0]);
}
