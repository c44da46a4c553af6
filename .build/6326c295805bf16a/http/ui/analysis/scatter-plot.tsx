/**
 * A scatter plot drawn on the server as SVG: it works without JavaScript, prints, and each point
 * carries its kommun and values as a tooltip (<title>). The chosen kommun is drawn larger, in another
 * shape and labelled, so it is found without relying on colour. The same figures are in a table.
 */
import { num, type PageContext } from '../page-context.js';

export interface ScatterPoint {
  id: string;
  title: string;
  x: number;
  y: number;
}

export interface ScatterPlotProps {
  ctx: PageContext;
  id: string;
  label: string;
  xLabel: string;
  yLabel: string;
  points: readonly ScatterPoint[];
  highlight?: string | null;
  /** Draw the line y = x (expected against actual). */
  diagonal?: boolean;
}

const WIDTH = 720;
const HEIGHT = 440;
const M = { left: 64, right: 16, top: 16, bottom: 52 };

/** About five round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function extent(values: readonly number[]): [number, number] {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

export function ScatterPlot({
  ctx,
  id,
  label,
  xLabel,
  yLabel,
  points,
  highlight,
  diagonal,
}: ScatterPlotProps) {
  if (points.length === 0) return null;
  let [x0, x1] = extent(points.map((p) => p.x));
  let [y0, y1] = extent(points.map((p) => p.y));
  if (diagonal) {
    x0 = y0 = Math.min(x0, y0);
    x1 = y1 = Math.max(x1, y1);
  }
  const px = (v: number) => M.left + ((v - x0) / (x1 - x0)) * (WIDTH - M.left - M.right);
  const py = (v: number) => HEIGHT - M.bottom - ((v - y0) / (y1 - y0)) * (HEIGHT - M.top - M.bottom);
  const chosen = points.find((p) => p.id === highlight);
  const tip = (p: ScatterPoint) => `${p.title}: ${xLabel} ${num(ctx, p.x)}, ${yLabel} ${num(ctx, p.y)}`;
  return (
    <figure class="scatter-figure">
      <svg
        id={id}
        class="scatter"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{label}</title>
        <g stroke="#d0d5dd" stroke-width="1">
          {niceTicks(x0, x1).map((t) => (
            <line x1={px(t)} x2={px(t)} y1={M.top} y2={HEIGHT - M.bottom} />
          ))}
          {niceTicks(y0, y1).map((t) => (
            <line x1={M.left} x2={WIDTH - M.right} y1={py(t)} y2={py(t)} />
          ))}
        </g>
        <g fill="#3d4451" font-size="12">
          {niceTicks(x0, x1).map((t) => (
            <text x={px(t)} y={HEIGHT - M.bottom + 16} text-anchor="middle">
              {num(ctx, t)}
            </text>
          ))}
          {niceTicks(y0, y1).map((t) => (
            <text x={M.left - 6} y={py(t) + 4} text-anchor="end">
              {num(ctx, t)}
            </text>
          ))}
          <text x={(M.left + WIDTH - M.right) / 2} y={HEIGHT - 8} text-anchor="middle" font-weight="600">
            {xLabel}
          </text>
          <text
            x={14}
            y={(M.top + HEIGHT - M.bottom) / 2}
            text-anchor="middle"
            font-weight="600"
            transform={`rotate(-90 14 ${(M.top + HEIGHT - M.bottom) / 2})`}
          >
            {yLabel}
          </text>
        </g>
        {diagonal && (
          <line
            x1={px(x0)}
            y1={py(x0)}
            x2={px(x1)}
            y2={py(x1)}
            stroke="#6b7280"
            stroke-dasharray="4 4"
            stroke-width="1"
          />
        )}
        <g fill="#1f5fa8" fill-opacity="0.55">
          {points
            .filter((p) => p.id !== highlight)
            .map((p) => (
              <circle cx={px(p.x)} cy={py(p.y)} r="3.5">
                <title>{tip(p)}</title>
              </circle>
            ))}
        </g>
        {chosen && (
          <g>
            <rect
              x={px(chosen.x) - 7}
              y={py(chosen.y) - 7}
              width="14"
              height="14"
              fill="#b42318"
              stroke="#ffffff"
              stroke-width="2"
            >
              <title>{tip(chosen)}</title>
            </rect>
            <text
              x={px(chosen.x) + (px(chosen.x) > WIDTH - 160 ? -12 : 12)}
              y={py(chosen.y) - 10}
              text-anchor={px(chosen.x) > WIDTH - 160 ? 'end' : 'start'}
              font-size="14"
              font-weight="700"
              fill="#1b1f24"
              stroke="#ffffff"
              stroke-width="3"
              paint-order="stroke"
            >
              {chosen.title}
            </text>
          </g>
        )}
      </svg>
    </figure>
  );
}
