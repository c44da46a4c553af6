import { jsx } from "preact/jsx-runtime";
function Chart({ kind, label, data, size, id }) {
  return /* @__PURE__ */ jsx("figure", { class: `chart-figure ${size ?? ""}`.trim(), children: /* @__PURE__ */ jsx(
    "div",
    {
      id,
      class: "chart",
      role: "img",
      "aria-label": label,
      "data-chart": kind,
      "data-chart-data": JSON.stringify(data)
    }
  ) });
}
export {
  Chart
};
//# sourceMappingURL=chart.js.map
