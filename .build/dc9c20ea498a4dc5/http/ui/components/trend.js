import { jsx, jsxs } from "preact/jsx-runtime";
import { decimalsFor, meanDecimals } from "../i18n/format.js";
import { CellView } from "./values.js";
function trendDecimals(trend, unit) {
  return decimalsFor(
    trend.series.filter((s) => s.kind !== "reference").flatMap((s) => s.values),
    unit
  );
}
function trendChartData(ctx, trend, label, decimals) {
  return {
    lang: ctx.lang,
    decimals,
    years: trend.years,
    series: trend.series.map((s) => ({ name: label(ctx.t, s), kind: s.kind, values: s.values }))
  };
}
function TrendTable({
  ctx,
  trend,
  caption,
  label,
  decimals
}) {
  const { t } = ctx;
  return /* @__PURE__ */ jsx("div", { class: "table-scroll", children: /* @__PURE__ */ jsxs("table", { class: "data trend-table", children: [
    /* @__PURE__ */ jsx("caption", { children: caption }),
    /* @__PURE__ */ jsx("thead", { children: /* @__PURE__ */ jsxs("tr", { children: [
      /* @__PURE__ */ jsx("th", { scope: "col", children: t.year }),
      trend.series.map((s) => /* @__PURE__ */ jsx("th", { scope: "col", class: "num", children: label(t, s) }))
    ] }) }),
    /* @__PURE__ */ jsx("tbody", { children: [...trend.years].reverse().map((y) => {
      const i = trend.years.indexOf(y);
      return /* @__PURE__ */ jsxs("tr", { children: [
        /* @__PURE__ */ jsx("th", { scope: "row", children: y }),
        trend.series.map((s) => /* @__PURE__ */ jsx("td", { class: "num", children: /* @__PURE__ */ jsx(
          CellView,
          {
            ctx,
            cell: { value: s.values[i] ?? null, symbol: s.values[i] == null ? "-" : null },
            decimals: s.kind === "reference" ? meanDecimals(decimals) : decimals
          }
        ) }))
      ] });
    }) })
  ] }) });
}
export {
  TrendTable,
  trendChartData,
  trendDecimals
};
//# sourceMappingURL=trend.js.map
