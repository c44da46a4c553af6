/**
 * A trend as a small inline SVG drawn on the server: visible without JavaScript and in print, with
 * its content in words for screen readers (first and last year and value).
 */
import type { TrendPoint } from '../../../domain/comparison/profile.service.js';
import { num, type PageContext } from '../page-context.js';

const WIDTH = 96;
const HEIGHT = 24;
const PAD = 2;

export function Sparkline({ ctx, points }: { ctx: PageContext; points: readonly TrendPoint[] }) {
  if (points.length === 0) return <span class="muted">{ctx.t.noTrend}</span>;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const label = ctx.t.trendFromTo(
    String(first.period),
    String(last.period),
    num(ctx, first.value),
    num(ctx, last.value),
  );
  const values = points.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const minYear = first.period;
  const years = Math.max(1, last.period - first.period);
  const xy = points.map((p) => {
    const x = PAD + ((p.period - minYear) / years) * (WIDTH - 2 * PAD);
    const y = HEIGHT - PAD - ((p.value - min) / span) * (HEIGHT - 2 * PAD);
    return [round(x), round(max === min ? HEIGHT / 2 : y)] as const;
  });
  const [lx, ly] = xy[xy.length - 1]!;
  return (
    <svg
      class="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      focusable="false"
    >
      <title>{label}</title>
      {xy.length > 1 && <polyline points={xy.map(([x, y]) => `${x},${y}`).join(' ')} />}
      <circle cx={lx} cy={ly} r="2.5" />
    </svg>
  );
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
