/**
 * Charts drawn on the server as SVG by ECharts' server-side rendering, so documents (HTML, PDF, Word)
 * need no browser JavaScript. No animation; the same option always draws the same SVG.
 */

import type { EChartsOption } from 'echarts';
import * as echarts from 'echarts';

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

/** The SVG markup of an ECharts option drawn at `size`. */
export function renderChartSvg(option: EChartsOption, size: SvgChartSize): string {
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
