import { jsx, jsxs } from "preact/jsx-runtime";
import { num } from "../page-context.js";
const WIDTH = 720;
const HEIGHT = 440;
const M = { left: 64, right: 16, top: 16, bottom: 52 };
function niceTicks(min, max, count = 5) {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? raw;
  const ticks = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}
function extent(values) {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}
function ScatterPlot({
  ctx,
  id,
  label,
  xLabel,
  yLabel,
  points,
  highlight,
  diagonal
}) {
  if (points.length === 0) return null;
  let [x0, x1] = extent(points.map((p) => p.x));
  let [y0, y1] = extent(points.map((p) => p.y));
  if (diagonal) {
    x0 = y0 = Math.min(x0, y0);
    x1 = y1 = Math.max(x1, y1);
  }
  const px = (v) => M.left + (v - x0) / (x1 - x0) * (WIDTH - M.left - M.right);
  const py = (v) => HEIGHT - M.bottom - (v - y0) / (y1 - y0) * (HEIGHT - M.top - M.bottom);
  const chosen = points.find((p) => p.id === highlight);
  const tip = (p) => `${p.title}: ${xLabel} ${num(ctx, p.x)}, ${yLabel} ${num(ctx, p.y)}`;
  return /* @__PURE__ */ jsx("figure", { class: "scatter-figure", children: /* @__PURE__ */ jsxs(
    "svg",
    {
      id,
      class: "scatter",
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      width: "100%",
      role: "img",
      "aria-labelledby": `${id}-title`,
      preserveAspectRatio: "xMidYMid meet",
      children: [
        /* @__PURE__ */ jsx("title", { id: `${id}-title`, children: label }),
        /* @__PURE__ */ jsxs("g", { stroke: "#d0d5dd", "stroke-width": "1", children: [
          niceTicks(x0, x1).map((t) => /* @__PURE__ */ jsx("line", { x1: px(t), x2: px(t), y1: M.top, y2: HEIGHT - M.bottom })),
          niceTicks(y0, y1).map((t) => /* @__PURE__ */ jsx("line", { x1: M.left, x2: WIDTH - M.right, y1: py(t), y2: py(t) }))
        ] }),
        /* @__PURE__ */ jsxs("g", { fill: "#3d4451", "font-size": "12", children: [
          niceTicks(x0, x1).map((t) => /* @__PURE__ */ jsx("text", { x: px(t), y: HEIGHT - M.bottom + 16, "text-anchor": "middle", children: num(ctx, t) })),
          niceTicks(y0, y1).map((t) => /* @__PURE__ */ jsx("text", { x: M.left - 6, y: py(t) + 4, "text-anchor": "end", children: num(ctx, t) })),
          /* @__PURE__ */ jsx("text", { x: (M.left + WIDTH - M.right) / 2, y: HEIGHT - 8, "text-anchor": "middle", "font-weight": "600", children: xLabel }),
          /* @__PURE__ */ jsx(
            "text",
            {
              x: 14,
              y: (M.top + HEIGHT - M.bottom) / 2,
              "text-anchor": "middle",
              "font-weight": "600",
              transform: `rotate(-90 14 ${(M.top + HEIGHT - M.bottom) / 2})`,
              children: yLabel
            }
          )
        ] }),
        diagonal && /* @__PURE__ */ jsx(
          "line",
          {
            x1: px(x0),
            y1: py(x0),
            x2: px(x1),
            y2: py(x1),
            stroke: "#6b7280",
            "stroke-dasharray": "4 4",
            "stroke-width": "1"
          }
        ),
        /* @__PURE__ */ jsx("g", { fill: "#1f5fa8", "fill-opacity": "0.55", children: points.filter((p) => p.id !== highlight).map((p) => /* @__PURE__ */ jsx("circle", { cx: px(p.x), cy: py(p.y), r: "3.5", children: /* @__PURE__ */ jsx("title", { children: tip(p) }) })) }),
        chosen && /* @__PURE__ */ jsxs("g", { children: [
          /* @__PURE__ */ jsx(
            "rect",
            {
              x: px(chosen.x) - 7,
              y: py(chosen.y) - 7,
              width: "14",
              height: "14",
              fill: "#b42318",
              stroke: "#ffffff",
              "stroke-width": "2",
              children: /* @__PURE__ */ jsx("title", { children: tip(chosen) })
            }
          ),
          /* @__PURE__ */ jsx(
            "text",
            {
              x: px(chosen.x) + (px(chosen.x) > WIDTH - 160 ? -12 : 12),
              y: py(chosen.y) - 10,
              "text-anchor": px(chosen.x) > WIDTH - 160 ? "end" : "start",
              "font-size": "14",
              "font-weight": "700",
              fill: "#1b1f24",
              stroke: "#ffffff",
              "stroke-width": "3",
              "paint-order": "stroke",
              children: chosen.title
            }
          )
        ] })
      ]
    }
  ) });
}
export {
  ScatterPlot,
  niceTicks
};
//# sourceMappingURL=scatter-plot.js.map
