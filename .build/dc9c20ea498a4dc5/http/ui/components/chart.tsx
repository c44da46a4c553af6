/**
 * A chart placeholder the client module fills with ECharts. The data travels in a data attribute
 * (escaped like any attribute, no inline script); the accessible name says what the chart shows and
 * where the same figures are as text. Without JavaScript the figure stays hidden (CSS) and the
 * tables carry the content.
 */
export interface ChartProps {
  kind: 'ranking' | 'map' | 'histogram' | 'trend';
  label: string;
  data: unknown;
  /** Extra class for the size (e.g. chart--tall). */
  size?: string;
  id?: string;
}

export function Chart({ kind, label, data, size, id }: ChartProps) {
  return (
    <figure class={`chart-figure ${size ?? ''}`.trim()}>
      <div
        id={id}
        class="chart"
        role="img"
        aria-label={label}
        data-chart={kind}
        data-chart-data={JSON.stringify(data)}
      />
    </figure>
  );
}
