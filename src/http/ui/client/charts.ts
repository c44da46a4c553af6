/**
 * Draws the charts the server describes in `data-chart` / `data-chart-data` with ECharts (loaded
 * from /assets, never a CDN) using the SVG renderer, which prints sharply. Colours follow the
 * tables: green / yellow / red / grey for relative position, blue for KPIs without a direction.
 */
import type { ECharts, EChartsOption } from 'echarts';
import { formatNumber } from '../../../i18n/format.js';
import type { Locale } from '../../../i18n/locales.js';

declare const echarts: typeof import('echarts');

const POS_COLOUR: Record<string, string> = {
  top: '#2f8a4c',
  middle: '#d9a520',
  bottom: '#c0392b',
  missing: '#b5b5b5',
  none: '#4a78a8',
};
const CHOSEN = '#0f3556';
const REFERENCE_LINE = '#5b3e96';
const RIKET_LINE = '#333333';

type Item = {
  id: string;
  name: string;
  value: number | null;
  pos: string;
  chosen?: boolean;
  ref?: boolean;
  rank?: number | null;
};

const fmt = (lang: Locale, decimals?: number) => (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : formatNumber(v, lang, decimals);

export function initCharts(): void {
  const elements = document.querySelectorAll<HTMLElement>('[data-chart]');
  if (elements.length === 0 || typeof echarts === 'undefined') return;
  const charts: ECharts[] = [];
  for (const el of Array.from(elements)) {
    const data = JSON.parse(el.dataset.chartData ?? '{}');
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    charts.push(chart);
    switch (el.dataset.chart) {
      case 'ranking':
        chart.setOption(rankingOption(data));
        break;
      case 'histogram':
        chart.setOption(histogramOption(data));
        break;
      case 'trend':
        chart.setOption(trendOption(data));
        break;
      case 'map':
        void drawMap(chart, el, data);
        break;
    }
  }
  let timer = 0;
  window.addEventListener('resize', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      for (const c of charts) c.resize();
    }, 150);
  });
  // Printing: let the charts take the paper's width.
  window.addEventListener('beforeprint', () => {
    for (const c of charts) c.resize();
  });
}

function rankingOption(d: {
  lang: Locale;
  decimals?: number;
  unit: string | null;
  items: Item[];
  reference: number | null;
  referenceLabel: string | null;
  riket: number | null;
  riketLabel: string;
}): EChartsOption {
  const f = fmt(d.lang, d.decimals);
  const markLines: { name: string; yAxis: number; lineStyle: object; label: object }[] = [];
  if (d.reference !== null && d.referenceLabel)
    markLines.push({
      name: d.referenceLabel,
      yAxis: d.reference,
      lineStyle: { color: REFERENCE_LINE, type: 'dashed', width: 2 },
      label: {
        formatter: `${d.referenceLabel}: ${f(d.reference)}`,
        position: 'insideEndTop',
        color: REFERENCE_LINE,
      },
    });
  if (d.riket !== null)
    markLines.push({
      name: d.riketLabel,
      yAxis: d.riket,
      lineStyle: { color: RIKET_LINE, type: 'dotted', width: 2 },
      label: { formatter: `${d.riketLabel}: ${f(d.riket)}`, position: 'insideStartTop', color: RIKET_LINE },
    });
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 24, bottom: 32 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => f(v as number),
    },
    xAxis: {
      type: 'category',
      data: d.items.map((i) => i.name),
      axisLabel: { show: false },
      axisTick: { show: false },
      name: '',
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v, d.lang) } },
    series: [
      {
        type: 'bar',
        barCategoryGap: '10%',
        data: d.items.map((i) => ({
          value: i.value,
          name: i.name,
          itemStyle: {
            color: i.chosen ? CHOSEN : (POS_COLOUR[i.pos] ?? POS_COLOUR.none),
            borderColor: i.ref && !i.chosen ? REFERENCE_LINE : undefined,
            borderWidth: i.ref && !i.chosen ? 1.5 : 0,
          },
          label: i.chosen
            ? {
                show: true,
                position: 'top',
                formatter: `${i.name}\n${f(i.value)}`,
                color: CHOSEN,
                fontWeight: 'bold',
              }
            : undefined,
        })),
        markLine: { symbol: 'none', silent: true, data: markLines as never },
      },
    ],
  };
}

function histogramOption(d: {
  lang: Locale;
  decimals?: number;
  bins: { from: number; to: number; count: number }[];
  chosen: number | null;
  chosenLabel: string | null;
  box: { min: number; q1: number; median: number; q3: number; max: number };
  countLabel: string;
}): EChartsOption {
  const f = fmt(d.lang, d.decimals);
  const inBin = (b: { from: number; to: number }, i: number) =>
    d.chosen !== null &&
    d.chosen >= b.from &&
    (d.chosen < b.to || (i === d.bins.length - 1 && d.chosen <= b.to));
  return {
    animation: false,
    tooltip: { trigger: 'item' },
    grid: [
      { left: 48, right: 16, top: 20, height: '58%' },
      { left: 48, right: 16, bottom: 28, height: '14%' },
    ],
    xAxis: [
      {
        type: 'category',
        gridIndex: 0,
        data: d.bins.map((b) => `${f(b.from)}–${f(b.to)}`),
        axisLabel: { interval: 'auto', hideOverlap: true },
      },
      {
        type: 'value',
        gridIndex: 1,
        scale: true,
        axisLabel: { formatter: (v: number) => formatNumber(v, d.lang) },
      },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, name: d.countLabel, minInterval: 1 },
      { type: 'category', gridIndex: 1, data: [''], axisTick: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        xAxisIndex: 0,
        yAxisIndex: 0,
        barCategoryGap: '4%',
        data: d.bins.map((b, i) => ({
          value: b.count,
          itemStyle: { color: inBin(b, i) ? CHOSEN : '#7aa3cc' },
          label:
            inBin(b, i) && d.chosenLabel
              ? { show: true, position: 'top', formatter: d.chosenLabel }
              : undefined,
        })),
      },
      {
        type: 'boxplot',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: [[d.box.min, d.box.q1, d.box.median, d.box.q3, d.box.max]],
        itemStyle: { color: '#dbe9f7', borderColor: CHOSEN },
        tooltip: {
          formatter: () =>
            [d.box.min, d.box.q1, d.box.median, d.box.q3, d.box.max].map((v) => f(v)).join(' · '),
        },
      },
    ],
  };
}

/** A plan indicator's targets (green, dashed, triangles: not told apart by colour alone). */
const TARGET_LINE = '#1a7f37';

function trendOption(d: {
  lang: Locale;
  decimals?: number;
  years: (number | string)[];
  series: { name: string; kind: 'kommun' | 'reference' | 'riket' | 'target'; values: (number | null)[] }[];
}): EChartsOption {
  const f = fmt(d.lang, d.decimals);
  const palette = ['#0f3556', '#c2410c', '#2f8a4c', '#8e44ad', '#b7950b', '#1f77b4', '#7f4f24', '#d6336c'];
  let k = 0;
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v) => f(v as number) },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 56, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: d.years.map(String), boundaryGap: false },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => formatNumber(v, d.lang) } },
    series: d.series.map((s) => {
      // A plan's targets: points joined by a dashed line (targets are set for some years only).
      if (s.kind === 'target')
        return {
          type: 'line',
          name: s.name,
          data: s.values,
          connectNulls: true,
          symbol: 'triangle',
          symbolSize: 9,
          lineStyle: { color: TARGET_LINE, width: 1.5, type: 'dashed' },
          itemStyle: { color: TARGET_LINE },
        };
      const colour =
        s.kind === 'reference'
          ? REFERENCE_LINE
          : s.kind === 'riket'
            ? RIKET_LINE
            : palette[k++ % palette.length];
      return {
        type: 'line',
        name: s.name,
        data: s.values,
        connectNulls: false,
        symbol: s.kind === 'kommun' ? 'circle' : s.kind === 'reference' ? 'diamond' : 'rect',
        symbolSize: 6,
        lineStyle: {
          color: colour,
          width: s.kind === 'kommun' ? 2.5 : 2,
          type: s.kind === 'kommun' ? 'solid' : s.kind === 'reference' ? 'dashed' : 'dotted',
        },
        itemStyle: { color: colour },
      };
    }),
  };
}

let boundaries: Promise<unknown> | undefined;
const LAN_BORDERS = 'lan-borders';

async function drawMap(
  chart: ECharts,
  el: HTMLElement,
  d: {
    lang: Locale;
    decimals?: number;
    direction: string | null;
    chosen: string | null;
    items: Item[];
    labels: { noValue: string; rank: string; of: string };
  },
): Promise<void> {
  const url = document.body.dataset.boundaries;
  if (!url) return;
  boundaries ??= fetch(url).then((r) => {
    if (!r.ok) throw new Error(`boundaries: HTTP ${r.status}`);
    return r.json();
  });
  let geo: unknown;
  try {
    geo = await boundaries;
  } catch {
    el.closest('figure')?.setAttribute('hidden', '');
    return;
  }
  echarts.registerMap('kommuner', geo as never);
  const f = fmt(d.lang, d.decimals);
  const coloured = d.direction === 'higher' || d.direction === 'lower';
  const values = d.items.map((i) => i.value).filter((v): v is number => v !== null);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const byId = new Map(d.items.map((i) => [i.id, i]));
  chart.setOption({
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string }) => {
        const i = byId.get(p.name);
        if (!i) return '';
        const rank = i.rank ? ` (${d.labels.rank} ${i.rank} ${d.labels.of} ${values.length})` : '';
        return `${i.name}: ${i.value === null ? d.labels.noValue : f(i.value)}${rank}`;
      },
    },
    series: [
      {
        type: 'map',
        map: 'kommuner',
        nameProperty: 'KnKod',
        roam: true,
        aspectScale: 0.55,
        selectedMode: false,
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd27a' } },
        itemStyle: { borderColor: '#ffffff', borderWidth: 0.4, areaColor: POS_COLOUR.missing },
        data: [
          // The län borders, drawn over the kommuner as lines (scripts/build-boundaries.ts adds them).
          {
            name: LAN_BORDERS,
            silent: true,
            tooltip: { show: false },
            emphasis: { disabled: true },
            itemStyle: { borderColor: '#4a4a4a', borderWidth: 1.1, areaColor: 'transparent' },
          },
          ...d.items.map((i) => ({
            name: i.id,
            value: i.value ?? undefined,
            itemStyle: {
              areaColor:
                i.value === null
                  ? POS_COLOUR.missing
                  : coloured
                    ? POS_COLOUR[i.pos]
                    : sequential((i.value - min) / (max - min || 1)),
              borderColor: i.id === d.chosen ? '#000000' : '#ffffff',
              borderWidth: i.id === d.chosen ? 2 : 0.4,
            },
          })),
        ],
      },
    ],
  } as EChartsOption);
}

// Light to dark blue for KPIs without a preferred direction (size, not a verdict).
function sequential(t: number): string {
  const a = [222, 235, 247];
  const b = [8, 69, 148];
  const c = a.map((v, i) => Math.round(v + (b[i]! - v) * Math.min(1, Math.max(0, t))));
  return `rgb(${c.join(',')})`;
}
