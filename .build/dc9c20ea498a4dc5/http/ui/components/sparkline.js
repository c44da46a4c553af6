import { jsx, jsxs } from "preact/jsx-runtime";
import { num } from "../page-context.js";
const WIDTH = 96;
const HEIGHT = 24;
const PAD = 2;
function Sparkline({ ctx, points }) {
  if (points.length === 0) return /* @__PURE__ */ jsx("span", { class: "muted", children: ctx.t.noTrend });
  const first = points[0];
  const last = points[points.length - 1];
  const label = ctx.t.trendFromTo(
    String(first.period),
    String(last.period),
    num(ctx, first.value),
    num(ctx, last.value)
  );
  const values = points.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const minYear = first.period;
  const years = Math.max(1, last.period - first.period);
  const xy = points.map((p) => {
    const x = PAD + (p.period - minYear) / years * (WIDTH - 2 * PAD);
    const y = HEIGHT - PAD - (p.value - min) / span * (HEIGHT - 2 * PAD);
    return [round(x), round(max === min ? HEIGHT / 2 : y)];
  });
  const [lx, ly] = xy[xy.length - 1];
  return /* @__PURE__ */ jsxs(
    "svg",
    {
      class: "sparkline",
      width: WIDTH,
      height: HEIGHT,
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: "img",
      "aria-label": label,
      focusable: "false",
      children: [
        /* @__PURE__ */ jsx("title", { children: label }),
        xy.length > 1 && /* @__PURE__ */ jsx("polyline", { points: xy.map(([x, y]) => `${x},${y}`).join(" ") }),
        /* @__PURE__ */ jsx("circle", { cx: lx, cy: ly, r: "2.5" })
      ]
    }
  );
}
function round(v) {
  return Math.round(v * 10) / 10;
}
export {
  Sparkline
};
//# sourceMappingURL=sparkline.js.map
