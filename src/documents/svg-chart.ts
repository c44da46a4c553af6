/**
 * Charts drawn on the server as SVG by ECharts' server-side rendering, so documents (HTML, PDF, Word)
 * need no browser JavaScript. No animation; the same option always draws the same SVG.
 */

import type { EChartsOption } from 'echarts';

type ECharts = typeof import('echarts');

export interface SvgChartSize {
  width: number;
  height: number;
  /**
   * Prefix of the SVG's ids and CSS classes, unique within the document the chart goes into (the
   * charts of one HTML page share one CSS namespace). ECharts numbers its instances per process;
   * this makes the SVG depend on the option alone.
   */
  id?: string;
}

/** Draws an ECharts option at `size` and gives its SVG markup. */
export type ChartRenderer = (option: EChartsOption, size: SvgChartSize) => string;

let echartsModule: Promise<ECharts> | undefined;

/**
 * The chart renderer. ECharts is loaded at the first call, not at start: it is the largest module the
 * server imports (about a third of the app's import time), and only reports draw charts on the server.
 */
export async function chartRenderer(): Promise<ChartRenderer> {
  echartsModule ??= import('echarts');
  const echarts = await echartsModule;
  return (option, size) => {
    const chart = echarts.init(null, null, {
      renderer: 'svg',
      ssr: true,
      width: size.width,
      height: size.height,
    });
    try {
      chart.setOption({ animation: false, ...option });
      return renumber(chart.renderToSVGString(), size.id ?? 'chart');
    } finally {
      chart.dispose();
    }
  };
}

/** ECharts' ids and classes (`zr3-c0`, `zr3-cls-17`: counters per process) renamed in order of appearance. */
function renumber(svg: string, prefix: string): string {
  const names = new Map<string, string>();
  return svg.replace(/\bzr\d+-([a-z]+)-?\d+\b/g, (name, kind: string) => {
    let renamed = names.get(name);
    if (!renamed) {
      renamed = `${prefix}-${kind}${names.size}`;
      names.set(name, renamed);
    }
    return renamed;
  });
}

/**
 * ECharts' SVG for a document, where nothing is hovered or clicked: without the `<style>` of hover
 * rules, the class names they select, `pointer-events` and ECharts' `ecmeta_*` attributes, and with
 * the text style that every label repeats (`style="font-size:…;font-family:…"`) said once on the
 * root, where the labels inherit it. The picture is the same. Why: chromium printing a report holds
 * every chart's SVG document at once, and a chart with its hover style sheet cost its renderer about
 * 0.7 MB more (300 charts: ≈ 200 MB of the ≈ 450 MB the renderer needed; see BENCHMARKS.md).
 */
export function documentSvg(svg: string): string {
  const stripped = svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>\n?/g, '')
    .replace(/<defs\s*>\s*<\/defs>\n?/g, '')
    .replace(/ (?:class|pointer-events|ecmeta_[a-z_]+)="[^"]*"/g, '');
  const styles = new Set([...stripped.matchAll(/<text\b[^>]*? style="([^"]*)"/g)].map((m) => m[1]));
  const texts = stripped.match(/<text\b/g)?.length ?? 0;
  const withStyle = [...stripped.matchAll(/<text\b[^>]*? style="/g)].length;
  // Only when every label has the same style: then the root can say it for all of them.
  if (styles.size !== 1 || withStyle !== texts) return stripped;
  const [style] = styles as Set<string>;
  return stripped.replace(/(<text\b[^>]*?) style="[^"]*"/g, '$1').replace(/^<svg\b/, `<svg style="${style}"`);
}
