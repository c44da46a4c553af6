import { Fragment, jsx, jsxs } from "preact/jsx-runtime";
import { GenderSelect } from "../components/form.js";
import { Layout } from "../components/layout.js";
import { LeftOut } from "../components/left-out.js";
import { documentMeta } from "../exports/document-meta.js";
import { safeFilename } from "../exports/table-document.js";
import { decimalsFor } from "../i18n/format.js";
import { href, num } from "../page-context.js";
import {
  AnalysisForm,
  AnalysisHeading,
  KommunLink,
  KpiField,
  OwnComputationNote,
  YearField
} from "./analysis-common.js";
import * as analysisDoc from "./analysis-document.js";
import { genderText, tr } from "./texts.js";
function StatisticsPage({
  ctx,
  report,
  lists
}) {
  const d = report.distribution;
  const decimals = decimalsFor(report.municipalities.map((m) => m.value));
  const title = `${tr(ctx, "Statistik", "Statistics")}: ${report.kpi.id}`;
  const facts = [
    ["n", String(d.n)],
    [tr(ctx, "Saknar v\xE4rde", "Missing"), String(d.missing)],
    [tr(ctx, "Min", "Min"), num(ctx, d.min, decimals)],
    [tr(ctx, "F\xF6rsta kvartil", "First quartile"), num(ctx, d.q1, decimals)],
    [tr(ctx, "Median", "Median"), num(ctx, d.median, decimals)],
    [tr(ctx, "Medelv\xE4rde", "Mean"), num(ctx, d.mean, decimals === 0 ? 1 : decimals)],
    [tr(ctx, "Tredje kvartil", "Third quartile"), num(ctx, d.q3, decimals)],
    [tr(ctx, "Max", "Max"), num(ctx, d.max, decimals)],
    [
      tr(ctx, "Standardavvikelse", "Standard deviation"),
      d.sd === null ? "\u2013" : num(ctx, d.sd, decimals === 0 ? 1 : decimals)
    ]
  ];
  return /* @__PURE__ */ jsxs(Layout, { ctx, title, children: [
    /* @__PURE__ */ jsx(AnalysisHeading, { ctx, heading: title }),
    /* @__PURE__ */ jsx("p", { class: "kolada-title", children: report.kpi.title }),
    /* @__PURE__ */ jsxs(AnalysisForm, { ctx, action: "/analys/statistik", lists, submit: ctx.t.show, children: [
      /* @__PURE__ */ jsx(KpiField, { id: "kpi", label: tr(ctx, "Nyckeltal", "Indicator"), value: report.kpi.id, required: true }),
      /* @__PURE__ */ jsx(YearField, { ctx, year: report.year }),
      /* @__PURE__ */ jsx(GenderSelect, { ctx, gender: report.gender }),
      /* @__PURE__ */ jsxs("div", { class: "field", children: [
        /* @__PURE__ */ jsx("label", { for: "grupp", children: tr(ctx, "Kommungrupp (id, tomt = alla kommuner)", "Municipality group (id, empty = all)") }),
        /* @__PURE__ */ jsx(
          "input",
          {
            id: "grupp",
            name: "grupp",
            type: "text",
            value: report.set.id === "K" ? "" : report.set.id,
            size: 10,
            placeholder: "G33621"
          }
        )
      ] })
    ] }),
    /* @__PURE__ */ jsxs("section", { "aria-labelledby": "distribution-title", children: [
      /* @__PURE__ */ jsxs("h2", { id: "distribution-title", children: [
        report.set.title,
        " (",
        report.year,
        ", ",
        genderText(ctx, report.gender),
        ")"
      ] }),
      /* @__PURE__ */ jsx("p", { class: "note", children: report.set.precomputed ? tr(
        ctx,
        "F\xF6rber\xE4knat vid senaste import eller synk.",
        "Precomputed at the latest import or sync."
      ) : tr(
        ctx,
        "Ber\xE4knat vid f\xF6rfr\xE5gan (gruppen f\xF6rber\xE4knas inte).",
        "Computed on request (the group is not precomputed)."
      ) }),
      /* @__PURE__ */ jsx("dl", { class: "facts", id: "statistics-facts", children: facts.map(([label, value]) => /* @__PURE__ */ jsxs(Fragment, { children: [
        /* @__PURE__ */ jsx("dt", { children: label }),
        /* @__PURE__ */ jsx("dd", { children: value })
      ] })) })
    ] }),
    /* @__PURE__ */ jsxs("section", { "aria-labelledby": "ranking-title", children: [
      /* @__PURE__ */ jsx("h2", { id: "ranking-title", children: tr(ctx, "Rangordning (1 = h\xF6gst v\xE4rde)", "Ranking (1 = highest value)") }),
      /* @__PURE__ */ jsx("div", { class: "table-scroll table-scroll--tall", children: /* @__PURE__ */ jsxs("table", { class: "data ranking-table", id: "statistics-table", children: [
        /* @__PURE__ */ jsx("thead", { children: /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Rang", "Rank") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Kommun", "Municipality") }),
          /* @__PURE__ */ jsx("th", { scope: "col", class: "num", children: tr(ctx, "V\xE4rde", "Value") }),
          /* @__PURE__ */ jsx("th", { scope: "col", class: "num", children: tr(ctx, "Percentil", "Percentile") })
        ] }) }),
        /* @__PURE__ */ jsx("tbody", { children: report.municipalities.map((m) => /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsx("td", { class: "num", children: m.rank }),
          /* @__PURE__ */ jsx("th", { scope: "row", children: /* @__PURE__ */ jsx(KommunLink, { ctx, id: m.id, title: m.title }) }),
          /* @__PURE__ */ jsx("td", { class: "num", children: m.value === null ? "\u2013" : num(ctx, m.value, decimals) }),
          /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, m.percentile, 1) })
        ] })) })
      ] }) }),
      /* @__PURE__ */ jsx(
        LeftOut,
        {
          ctx,
          id: "missing",
          title: tr(ctx, "Kommuner utan v\xE4rde", "Municipalities without a value"),
          items: report.missing.map((m) => ({
            key: m.id,
            text: /* @__PURE__ */ jsx(KommunLink, { ctx, id: m.id, title: m.title })
          }))
        }
      )
    ] }),
    report.history.length > 1 && /* @__PURE__ */ jsxs("section", { "aria-labelledby": "history-title", children: [
      /* @__PURE__ */ jsx("h2", { id: "history-title", children: tr(ctx, "\xD6ver tid", "Over time") }),
      /* @__PURE__ */ jsx("div", { class: "table-scroll", children: /* @__PURE__ */ jsxs("table", { class: "data", id: "history-table", children: [
        /* @__PURE__ */ jsx("thead", { children: /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "\xC5r", "Year") }),
          /* @__PURE__ */ jsx("th", { scope: "col", class: "num", children: "n" }),
          /* @__PURE__ */ jsx("th", { scope: "col", class: "num", children: tr(ctx, "F\xF6rsta kvartil", "First quartile") }),
          /* @__PURE__ */ jsx("th", { scope: "col", class: "num", children: tr(ctx, "Median", "Median") }),
          /* @__PURE__ */ jsx("th", { scope: "col", class: "num", children: tr(ctx, "Tredje kvartil", "Third quartile") }),
          /* @__PURE__ */ jsx("th", { scope: "col", class: "num", children: tr(ctx, "Medelv\xE4rde", "Mean") })
        ] }) }),
        /* @__PURE__ */ jsx("tbody", { children: [...report.history].reverse().map((h) => /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsx("th", { scope: "row", children: /* @__PURE__ */ jsx(
            "a",
            {
              href: href(ctx, "/analys/statistik", {
                kpi: report.kpi.id,
                ar: h.period,
                kon: report.gender
              }),
              children: h.period
            }
          ) }),
          /* @__PURE__ */ jsx("td", { class: "num", children: h.n }),
          /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, h.q1, decimals) }),
          /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, h.median, decimals) }),
          /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, h.q3, decimals) }),
          /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, h.mean, decimals === 0 ? 1 : decimals) })
        ] })) })
      ] }) })
    ] }),
    /* @__PURE__ */ jsx(OwnComputationNote, { ctx, method: report.method })
  ] });
}
function statisticsDocument(ctx, report) {
  const d = report.distribution;
  return {
    title: tr(ctx, `Statistik: ${report.kpi.id}`, `Statistics: ${report.kpi.id}`),
    filename: safeFilename(`etablera-statistik-${report.kpi.id}-${report.set.id}-${report.year}`),
    meta: documentMeta(ctx, [
      analysisDoc.computation(ctx),
      { key: "kpi", label: tr(ctx, "Nyckeltal", "Indicator"), value: `${report.kpi.id} ${report.kpi.title}` },
      {
        key: "set",
        label: tr(ctx, "Kommuner", "Municipalities"),
        value: `${report.set.title} (${report.set.id})`
      },
      analysisDoc.year(ctx, report.year),
      analysisDoc.gender(ctx, report.gender),
      ...["n", "missing", "min", "q1", "median", "mean", "q3", "max", "sd"].map((k) => ({
        key: k,
        label: k,
        value: d[k] === null ? "" : String(d[k])
      })),
      {
        key: "missing_municipalities",
        label: tr(ctx, "Saknar v\xE4rde", "Missing a value"),
        value: report.missing.map((m) => m.id).join(", ")
      },
      analysisDoc.method(ctx, report.method)
    ]),
    columns: [
      { key: "rank", header: tr(ctx, "Rang", "Rank"), type: "integer" },
      ...analysisDoc.municipalityColumns(ctx),
      { key: "value", header: tr(ctx, "V\xE4rde", "Value"), type: "number" },
      { key: "percentile", header: tr(ctx, "Percentil", "Percentile"), type: "number" }
    ],
    rows: report.municipalities.map((m) => ({
      rank: m.rank,
      municipality_id: m.id,
      municipality: m.title,
      value: m.value,
      percentile: m.percentile
    }))
  };
}
export {
  StatisticsPage,
  statisticsDocument
};
//# sourceMappingURL=statistics.page.js.map
