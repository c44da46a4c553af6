import { Fragment, jsx, jsxs } from "preact/jsx-runtime";
import { MAX_COMPARE_KOMMUNER, MAX_COMPARE_KPIS } from "../../../domain/comparison/compare.service.js";
import { INTEGRATION_AREAS, INTEGRATION_SET } from "../../../domain/integration-set.js";
import { Chart } from "../components/chart.js";
import { ControlsForm, SubmitField, WideTextField, YearSelect } from "../components/form.js";
import { Layout } from "../components/layout.js";
import { Legend } from "../components/legend.js";
import { TrendTable, trendChartData, trendDecimals } from "../components/trend.js";
import { CellView, PositionView, positionText, symbolMeaning } from "../components/values.js";
import { documentMeta } from "../exports/document-meta.js";
import { safeFilename } from "../exports/table-document.js";
import { decimalsFor } from "../i18n/format.js";
import { href } from "../page-context.js";
import { trendSeriesLabel } from "./kpi.page.js";
function ComparePage({ ctx, model }) {
  const { t } = ctx;
  const first = model.kommuner[0];
  const years = [...new Set(model.rows.flatMap((r) => r.trend.years))].sort((a, b) => b - a);
  return /* @__PURE__ */ jsxs(Layout, { ctx, title: t.compareTitle, charts: model.rows.length > 0, children: [
    /* @__PURE__ */ jsx("h1", { children: t.compareTitle }),
    /* @__PURE__ */ jsx("p", { class: "lead", children: t.compareIntro }),
    /* @__PURE__ */ jsxs(ControlsForm, { ctx, action: "/jamfor", class: "controls controls--compare", children: [
      /* @__PURE__ */ jsx(
        WideTextField,
        {
          id: "kommun",
          label: t.compareKommunField,
          value: model.kommuner.map((k) => k.title).join(", ")
        }
      ),
      /* @__PURE__ */ jsx(
        YearSelect,
        {
          ctx,
          years: model.yearChoice !== "latest" && !years.includes(model.yearChoice) ? [model.yearChoice, ...years] : years,
          chosen: model.yearChoice
        }
      ),
      /* @__PURE__ */ jsxs("details", { class: "kpi-picker-details", open: model.kpiIds.length === 0, children: [
        /* @__PURE__ */ jsxs("summary", { children: [
          t.compareChooseKpis,
          " (",
          t.chosenCount(model.kpiIds.filter((id) => INTEGRATION_SET.some((k) => k.id === id)).length),
          ")"
        ] }),
        /* @__PURE__ */ jsxs("fieldset", { class: "kpi-picker", children: [
          /* @__PURE__ */ jsx("legend", { class: "visually-hidden", children: t.compareChooseKpis }),
          INTEGRATION_AREAS.map((area) => {
            const kpis = INTEGRATION_SET.filter((k) => k.area === area.id);
            if (kpis.length === 0) return null;
            return /* @__PURE__ */ jsxs("fieldset", { class: "kpi-picker__area", children: [
              /* @__PURE__ */ jsxs("legend", { children: [
                area.number,
                ". ",
                ctx.lang === "en" ? area.titleEn : area.title
              ] }),
              kpis.map((k) => /* @__PURE__ */ jsxs("div", { class: "check", children: [
                /* @__PURE__ */ jsx(
                  "input",
                  {
                    type: "checkbox",
                    id: `kpi-${k.id}`,
                    name: "kpi",
                    value: k.id,
                    checked: model.kpiIds.includes(k.id)
                  }
                ),
                /* @__PURE__ */ jsxs("label", { for: `kpi-${k.id}`, children: [
                  k.label,
                  " ",
                  /* @__PURE__ */ jsx("span", { class: "muted", children: k.id })
                ] })
              ] }))
            ] });
          })
        ] })
      ] }),
      /* @__PURE__ */ jsx(
        WideTextField,
        {
          id: "kpi-extra",
          name: "kpi",
          label: t.compareKpiField,
          value: model.kpiIds.filter((id) => !INTEGRATION_SET.some((k) => k.id === id)).join(", ")
        }
      ),
      /* @__PURE__ */ jsx(SubmitField, { label: t.show })
    ] }),
    model.unknownKommuner.length > 0 && /* @__PURE__ */ jsxs("p", { class: "error", role: "alert", children: [
      t.unknownKommuner,
      ": ",
      model.unknownKommuner.join(", ")
    ] }),
    model.unknownKpis.length > 0 && /* @__PURE__ */ jsxs("p", { class: "error", role: "alert", children: [
      t.unknownKpis,
      ": ",
      model.unknownKpis.join(", ")
    ] }),
    model.truncatedKommuner && /* @__PURE__ */ jsx("p", { class: "notice", children: t.compareTooMany(t.kommunerWord, MAX_COMPARE_KOMMUNER) }),
    model.truncatedKpis && /* @__PURE__ */ jsx("p", { class: "notice", children: t.compareTooMany(t.kpisWord, MAX_COMPARE_KPIS) }),
    model.rows.length === 0 ? /* @__PURE__ */ jsx("p", { class: "notice", children: t.compareEmpty }) : /* @__PURE__ */ jsxs(Fragment, { children: [
      /* @__PURE__ */ jsxs("section", { "aria-labelledby": "compare-table-title", children: [
        /* @__PURE__ */ jsx("h2", { id: "compare-table-title", children: t.compareTableTitle }),
        /* @__PURE__ */ jsx("div", { class: "table-scroll", children: /* @__PURE__ */ jsxs("table", { class: "data compare-table", id: "compare-table", children: [
          /* @__PURE__ */ jsx("thead", { children: /* @__PURE__ */ jsxs("tr", { children: [
            /* @__PURE__ */ jsx("th", { scope: "col", children: t.kpi }),
            /* @__PURE__ */ jsx("th", { scope: "col", children: t.year }),
            model.kommuner.map((k) => /* @__PURE__ */ jsx("th", { scope: "col", class: "num", children: /* @__PURE__ */ jsx("a", { href: href(ctx, `/kommun/${k.id}`), children: k.title }) })),
            /* @__PURE__ */ jsx("th", { scope: "col", class: "num", children: t.riket })
          ] }) }),
          /* @__PURE__ */ jsx("tbody", { children: model.rows.map((row) => {
            const d = decimalsFor(
              [...row.cells.map((c) => c.cell.value), row.riket.value],
              row.kpi.unit
            );
            return /* @__PURE__ */ jsxs("tr", { "data-kpi": row.kpi.id, children: [
              /* @__PURE__ */ jsxs("th", { scope: "row", class: "kpi-cell", children: [
                /* @__PURE__ */ jsx(
                  "a",
                  {
                    href: href(ctx, `/nyckeltal/${row.kpi.id}`, {
                      kommun: first?.id,
                      jmf: model.kommuner.slice(1).map((k) => k.id).join(",") || void 0
                    }),
                    children: row.kpi.label
                  }
                ),
                /* @__PURE__ */ jsxs("span", { class: "kpi-meta", children: [
                  row.kpi.id,
                  row.kpi.unit ? ` \xB7 ${row.kpi.unit}` : ""
                ] })
              ] }),
              /* @__PURE__ */ jsx("td", { children: row.period ?? "\u2013" }),
              row.cells.map((c) => /* @__PURE__ */ jsxs(
                "td",
                {
                  class: `num compare-cell pos-cell--${c.position}`,
                  "data-kommun": c.municipality.id,
                  children: [
                    /* @__PURE__ */ jsx(CellView, { ctx, cell: c.cell, decimals: d }),
                    /* @__PURE__ */ jsx("br", {}),
                    /* @__PURE__ */ jsx(PositionView, { ctx, position: c.position, rank: c.rank })
                  ]
                }
              )),
              /* @__PURE__ */ jsx("td", { class: "num", children: /* @__PURE__ */ jsx(CellView, { ctx, cell: row.riket, decimals: d }) })
            ] });
          }) })
        ] }) })
      ] }),
      /* @__PURE__ */ jsxs("section", { "aria-labelledby": "compare-trends-title", children: [
        /* @__PURE__ */ jsx("h2", { id: "compare-trends-title", children: t.trends }),
        /* @__PURE__ */ jsx("div", { class: "small-multiples", children: model.rows.map((row) => /* @__PURE__ */ jsxs("div", { class: "small-multiple", children: [
          /* @__PURE__ */ jsxs("h3", { children: [
            row.kpi.label,
            " ",
            /* @__PURE__ */ jsx("span", { class: "muted", children: row.kpi.id })
          ] }),
          row.trend.years.length === 0 ? /* @__PURE__ */ jsx("p", { children: t.noValues }) : /* @__PURE__ */ jsxs(Fragment, { children: [
            /* @__PURE__ */ jsx(
              Chart,
              {
                kind: "trend",
                label: `${t.trends}: ${row.kpi.label}. ${t.trendsAlt}`,
                data: trendChartData(
                  ctx,
                  row.trend,
                  trendSeriesLabel,
                  trendDecimals(row.trend, row.kpi.unit)
                )
              }
            ),
            /* @__PURE__ */ jsxs("details", { children: [
              /* @__PURE__ */ jsxs("summary", { children: [
                t.trends,
                ": ",
                row.kpi.id
              ] }),
              /* @__PURE__ */ jsx(
                TrendTable,
                {
                  ctx,
                  trend: row.trend,
                  caption: row.kpi.label,
                  label: trendSeriesLabel,
                  decimals: trendDecimals(row.trend, row.kpi.unit)
                }
              )
            ] })
          ] })
        ] })) })
      ] }),
      /* @__PURE__ */ jsx(Legend, { ctx })
    ] })
  ] });
}
function compareDocument(ctx, model, publicBase) {
  const { t } = ctx;
  const rows = model.rows.flatMap((row) => [
    ...row.cells.map((c) => ({
      kpi_id: row.kpi.id,
      kpi: row.kpi.label,
      year: row.period,
      municipality_id: c.municipality.id,
      municipality: c.municipality.title,
      value: c.cell.value,
      symbol: c.cell.symbol ? symbolMeaning(t, c.cell.symbol) : null,
      rank: c.rank?.rank ?? null,
      ranked: c.rank?.of ?? null,
      position: c.position === "none" ? null : positionText(t, c.position)
    })),
    {
      kpi_id: row.kpi.id,
      kpi: row.kpi.label,
      year: row.period,
      municipality_id: "0000",
      municipality: t.riket,
      value: row.riket.value,
      symbol: row.riket.symbol ? symbolMeaning(t, row.riket.symbol) : null,
      rank: null,
      ranked: null,
      position: null
    }
  ]);
  return {
    title: t.exportTitleCompare,
    filename: safeFilename(`etablera-jamforelse-${model.kommuner.map((k) => k.id).join("-")}`),
    meta: documentMeta(
      ctx,
      [
        {
          key: "year",
          label: t.metaYear,
          value: model.yearChoice === "latest" ? t.latestYear : String(model.yearChoice)
        },
        {
          key: "municipalities",
          label: t.kommunerWord,
          value: model.kommuner.map((k) => `${k.title} (${k.id})`).join(", ")
        }
      ],
      publicBase
    ),
    columns: [
      { key: "kpi_id", header: t.kpiId, type: "text" },
      { key: "kpi", header: t.kpi, type: "text" },
      { key: "year", header: t.year, type: "integer" },
      { key: "municipality_id", header: t.kommunCode, type: "text" },
      { key: "municipality", header: t.kommun, type: "text" },
      { key: "value", header: t.value, type: "number" },
      { key: "symbol", header: t.symbol, type: "text" },
      { key: "rank", header: t.rank, type: "integer" },
      { key: "ranked", header: t.rankPopulation, type: "integer" },
      { key: "position", header: t.position, type: "text" }
    ],
    rows
  };
}
export {
  ComparePage,
  compareDocument
};
//# sourceMappingURL=compare.page.js.map
