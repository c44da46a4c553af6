import { Fragment, jsx, jsxs } from "preact/jsx-runtime";
import { GenderSelect } from "../components/form.js";
import { Layout } from "../components/layout.js";
import { LeftOut, LeftOutSection, missingItems } from "../components/left-out.js";
import { documentMeta } from "../exports/document-meta.js";
import { safeFilename } from "../exports/table-document.js";
import { num } from "../page-context.js";
import {
  AnalysisForm,
  AnalysisHeading,
  KommunLink,
  KommunSelect,
  KpiField,
  OwnComputationNote,
  YearField
} from "./analysis-common.js";
import * as analysisDoc from "./analysis-document.js";
import { ScatterPlot } from "./scatter-plot.js";
import { genderText, tr } from "./texts.js";
const FILTER_ROWS = 3;
function coefficient(ctx, r) {
  return r === null ? tr(ctx, "kan inte ber\xE4knas", "cannot be computed") : num(ctx, r, 3);
}
function CorrelationPage({
  ctx,
  report,
  lists
}) {
  const title = `${tr(ctx, "Samband", "Correlation")}: ${report.x.id} ${tr(ctx, "och", "and")} ${report.y.id}`;
  const rows = [
    ...report.filters,
    ...Array.from({ length: Math.max(1, FILTER_ROWS - report.filters.length) }, () => null)
  ];
  return /* @__PURE__ */ jsxs(Layout, { ctx, title, children: [
    /* @__PURE__ */ jsx(AnalysisHeading, { ctx, heading: title }),
    /* @__PURE__ */ jsxs("p", { class: "lead", children: [
      "x: ",
      report.x.id,
      " ",
      report.x.title,
      " (",
      report.x.period,
      ")",
      /* @__PURE__ */ jsx("br", {}),
      "y: ",
      report.y.id,
      " ",
      report.y.title,
      " (",
      report.y.period,
      ")"
    ] }),
    /* @__PURE__ */ jsxs(AnalysisForm, { ctx, action: "/analys/samband", lists, submit: ctx.t.show, children: [
      /* @__PURE__ */ jsx(KpiField, { id: "x", label: tr(ctx, "Nyckeltal x", "Indicator x"), value: report.x.id, required: true }),
      /* @__PURE__ */ jsx(KpiField, { id: "y", label: tr(ctx, "Nyckeltal y", "Indicator y"), value: report.y.id, required: true }),
      /* @__PURE__ */ jsx(YearField, { ctx, year: report.year }),
      /* @__PURE__ */ jsx(GenderSelect, { ctx, gender: report.gender }),
      /* @__PURE__ */ jsx(
        KommunSelect,
        {
          ctx,
          lists,
          name: "kommun",
          id: "kommun",
          label: tr(ctx, "Markera kommun", "Highlight municipality"),
          selected: report.highlight?.id,
          optional: true
        }
      ),
      /* @__PURE__ */ jsxs("fieldset", { class: "kpi-picker", children: [
        /* @__PURE__ */ jsx("legend", { children: tr(ctx, "Filter: bara kommuner d\xE4r \u2026", "Filters: only municipalities where \u2026") }),
        rows.map((f, i) => /* @__PURE__ */ jsxs("fieldset", { class: "kpi-picker__area", children: [
          /* @__PURE__ */ jsxs("legend", { children: [
            tr(ctx, "Filter", "Filter"),
            " ",
            i + 1
          ] }),
          /* @__PURE__ */ jsx(
            KpiField,
            {
              id: `fkpi-${i}`,
              name: "fkpi",
              label: tr(ctx, "Nyckeltal", "Indicator"),
              value: f?.kpi ?? ""
            }
          ),
          /* @__PURE__ */ jsxs("div", { class: "field", children: [
            /* @__PURE__ */ jsx("label", { for: `fop-${i}`, children: tr(ctx, "\xE4r", "is") }),
            /* @__PURE__ */ jsxs("select", { id: `fop-${i}`, name: "fop", children: [
              /* @__PURE__ */ jsx("option", { value: "over", selected: f?.comparison !== "under", children: tr(ctx, "\xF6ver", "above") }),
              /* @__PURE__ */ jsx("option", { value: "under", selected: f?.comparison === "under", children: tr(ctx, "under", "below") })
            ] })
          ] }),
          /* @__PURE__ */ jsxs("div", { class: "field", children: [
            /* @__PURE__ */ jsx("label", { for: `fvarde-${i}`, children: tr(ctx, "V\xE4rde", "Value") }),
            /* @__PURE__ */ jsx(
              "input",
              {
                id: `fvarde-${i}`,
                name: "fvarde",
                type: "text",
                inputmode: "decimal",
                value: f ? String(f.value) : "",
                size: 8
              }
            )
          ] })
        ] }))
      ] })
    ] }),
    /* @__PURE__ */ jsxs("section", { "aria-labelledby": "result-title", children: [
      /* @__PURE__ */ jsxs("h2", { id: "result-title", children: [
        tr(ctx, "Resultat", "Result"),
        " (",
        report.year,
        ", ",
        genderText(ctx, report.gender),
        ")"
      ] }),
      /* @__PURE__ */ jsxs("dl", { class: "facts", id: "correlation-facts", children: [
        /* @__PURE__ */ jsx("dt", { children: "n" }),
        /* @__PURE__ */ jsx("dd", { children: report.n }),
        /* @__PURE__ */ jsx("dt", { children: tr(ctx, "Pearsons r", "Pearson\u2019s r") }),
        /* @__PURE__ */ jsx("dd", { children: coefficient(ctx, report.pearson) }),
        /* @__PURE__ */ jsx("dt", { children: tr(ctx, "Spearmans rho", "Spearman\u2019s rho") }),
        /* @__PURE__ */ jsx("dd", { children: coefficient(ctx, report.spearman) }),
        report.highlight && /* @__PURE__ */ jsxs(Fragment, { children: [
          /* @__PURE__ */ jsx("dt", { children: report.highlight.title }),
          /* @__PURE__ */ jsxs("dd", { children: [
            "x ",
            report.highlight.x === null ? "\u2013" : num(ctx, report.highlight.x),
            ", y",
            " ",
            report.highlight.y === null ? "\u2013" : num(ctx, report.highlight.y),
            report.highlight.included ? "" : ` (${tr(ctx, "inte med i urvalet", "not in the selection")})`
          ] })
        ] })
      ] }),
      report.filters.length > 0 && /* @__PURE__ */ jsxs("p", { id: "filter-summary", children: [
        tr(ctx, "Filter", "Filters"),
        ":",
        " ",
        report.filters.map(
          (f) => `${f.kpi} ${f.comparison === "over" ? ">" : "<"} ${num(ctx, f.value)} (${f.period})`
        ).join(", ")
      ] }),
      /* @__PURE__ */ jsx(
        ScatterPlot,
        {
          ctx,
          id: "correlation-scatter",
          label: tr(
            ctx,
            `Spridningsdiagram: ${report.x.id} (x) mot ${report.y.id} (y) f\xF6r ${report.n} kommuner${report.highlight ? `, ${report.highlight.title} markerad` : ""}. Samma siffror finns i tabellen nedan.`,
            `Scatter plot: ${report.x.id} (x) against ${report.y.id} (y) for ${report.n} municipalities${report.highlight ? `, ${report.highlight.title} highlighted` : ""}. The same figures are in the table below.`
          ),
          xLabel: report.x.id,
          yLabel: report.y.id,
          points: report.points,
          highlight: report.highlight?.id
        }
      ),
      /* @__PURE__ */ jsxs("details", { class: "points", children: [
        /* @__PURE__ */ jsx("summary", { children: tr(
          ctx,
          `V\xE4rdena i tabellform (${report.points.length} kommuner)`,
          `The values as a table (${report.points.length} municipalities)`
        ) }),
        /* @__PURE__ */ jsx("div", { class: "table-scroll table-scroll--tall", children: /* @__PURE__ */ jsxs("table", { class: "data ranking-table", id: "points-table", children: [
          /* @__PURE__ */ jsx("thead", { children: /* @__PURE__ */ jsxs("tr", { children: [
            /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Kommun", "Municipality") }),
            /* @__PURE__ */ jsx("th", { scope: "col", children: report.x.id }),
            /* @__PURE__ */ jsx("th", { scope: "col", children: report.y.id })
          ] }) }),
          /* @__PURE__ */ jsx("tbody", { children: report.points.map((p) => /* @__PURE__ */ jsxs("tr", { class: p.id === report.highlight?.id ? "is-chosen" : void 0, children: [
            /* @__PURE__ */ jsx("th", { scope: "row", children: /* @__PURE__ */ jsx(KommunLink, { ctx, id: p.id, title: p.title }) }),
            /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, p.x) }),
            /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, p.y) })
          ] })) })
        ] }) })
      ] })
    ] }),
    /* @__PURE__ */ jsxs(LeftOutSection, { ctx, children: [
      /* @__PURE__ */ jsx(
        LeftOut,
        {
          ctx,
          id: "filtered-out",
          title: tr(ctx, "Bortfiltrerade kommuner", "Municipalities filtered out"),
          items: report.filteredOut.map((e) => ({
            key: e.id,
            text: `${e.title}: ${e.kpi} ${e.reason === "missing" ? tr(ctx, "saknar v\xE4rde", "has no value") : tr(ctx, "utanf\xF6r gr\xE4nsen", "outside the limit")}`
          }))
        }
      ),
      /* @__PURE__ */ jsx(
        LeftOut,
        {
          ctx,
          id: "missing",
          title: tr(ctx, "Kommuner utan v\xE4rde f\xF6r x eller y", "Municipalities without a value for x or y"),
          items: missingItems(ctx, report.missing)
        }
      )
    ] }),
    /* @__PURE__ */ jsx(OwnComputationNote, { ctx, method: report.method })
  ] });
}
function correlationDocument(ctx, report) {
  return {
    title: tr(
      ctx,
      `Samband: ${report.x.id} och ${report.y.id}`,
      `Correlation: ${report.x.id} and ${report.y.id}`
    ),
    filename: safeFilename(`etablera-samband-${report.x.id}-${report.y.id}-${report.year}`),
    meta: documentMeta(ctx, [
      analysisDoc.computation(ctx),
      { key: "x", label: "x", value: `${report.x.id} ${report.x.title} (${report.x.period})` },
      { key: "y", label: "y", value: `${report.y.id} ${report.y.title} (${report.y.period})` },
      analysisDoc.gender(ctx, report.gender),
      { key: "n", label: "n", value: String(report.n) },
      { key: "pearson", label: "Pearson", value: report.pearson === null ? "" : String(report.pearson) },
      { key: "spearman", label: "Spearman", value: report.spearman === null ? "" : String(report.spearman) },
      {
        key: "filters",
        label: tr(ctx, "Filter", "Filters"),
        value: report.filters.map((f) => `${f.kpi} ${f.comparison === "over" ? ">" : "<"} ${f.value}`).join(", ")
      },
      {
        key: "filtered_out",
        label: tr(ctx, "Bortfiltrerade", "Filtered out"),
        value: report.filteredOut.map((e) => `${e.id} (${e.kpi} ${e.reason})`).join("; ")
      },
      {
        key: "missing",
        label: tr(ctx, "Saknar v\xE4rde", "Missing a value"),
        value: report.missing.map((m) => `${m.id} (${m.missing.join(" ")})`).join("; ")
      },
      analysisDoc.method(ctx, report.method)
    ]),
    columns: [
      ...analysisDoc.municipalityColumns(ctx),
      { key: "x", header: report.x.id, type: "number" },
      { key: "y", header: report.y.id, type: "number" },
      { key: "highlighted", header: tr(ctx, "Markerad", "Highlighted"), type: "text" }
    ],
    rows: report.points.map((p) => ({
      municipality_id: p.id,
      municipality: p.title,
      x: p.x,
      y: p.y,
      highlighted: p.id === report.highlight?.id ? tr(ctx, "ja", "yes") : null
    }))
  };
}
export {
  CorrelationPage,
  correlationDocument
};
//# sourceMappingURL=correlation.page.js.map
