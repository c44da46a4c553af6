import { Fragment, jsx, jsxs } from "preact/jsx-runtime";
import { GenderSelect, WideTextField } from "../components/form.js";
import { Layout } from "../components/layout.js";
import { LeftOut, missingItems } from "../components/left-out.js";
import { documentMeta } from "../exports/document-meta.js";
import { safeFilename } from "../exports/table-document.js";
import { href, num } from "../page-context.js";
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
function ExpectedValuePage({
  ctx,
  report,
  lists,
  highlight
}) {
  const title = `${tr(ctx, "F\xF6rv\xE4ntat v\xE4rde", "Expected value")}: ${report.outcome.id}`;
  const chosen = report.municipalities.find((m) => m.id === highlight);
  return /* @__PURE__ */ jsxs(Layout, { ctx, title, children: [
    /* @__PURE__ */ jsx(AnalysisHeading, { ctx, heading: tr(ctx, "F\xF6rv\xE4ntat v\xE4rde", "Expected value") }),
    /* @__PURE__ */ jsxs("p", { class: "kolada-title", children: [
      report.outcome.id,
      " ",
      report.outcome.title
    ] }),
    /* @__PURE__ */ jsx("p", { class: "lead", children: report.preset ? tr(
      ctx,
      `Modell: ${report.preset.title}. Det f\xF6rv\xE4ntade v\xE4rdet \xE4r vad kommunens f\xF6ruts\xE4ttningar (de f\xF6rklarande nyckeltalen) ger i en regression \xF6ver alla kommuner; avvikelsen \xE4r faktiskt minus f\xF6rv\xE4ntat.`,
      `Model: ${report.preset.title}. The expected value is what the municipality\u2019s conditions (the explanatory indicators) give in a regression across all municipalities; the deviation is actual minus expected.`
    ) : tr(
      ctx,
      "Det f\xF6rv\xE4ntade v\xE4rdet \xE4r vad de f\xF6rklarande nyckeltalen ger i en regression \xF6ver alla kommuner; avvikelsen \xE4r faktiskt minus f\xF6rv\xE4ntat.",
      "The expected value is what the explanatory indicators give in a regression across all municipalities; the deviation is actual minus expected."
    ) }),
    /* @__PURE__ */ jsxs(AnalysisForm, { ctx, action: "/analys/forvantat", lists, submit: tr(ctx, "Ber\xE4kna", "Compute"), children: [
      /* @__PURE__ */ jsx(
        KpiField,
        {
          id: "kpi",
          label: tr(ctx, "Utfall (nyckeltal)", "Outcome (indicator)"),
          value: report.outcome.id,
          required: true
        }
      ),
      /* @__PURE__ */ jsx(
        WideTextField,
        {
          id: "forklarande",
          label: tr(ctx, "F\xF6rklarande nyckeltal", "Explanatory indicators"),
          value: report.predictors.map((p) => p.id).join(","),
          hint: tr(ctx, "Kommaseparerade id:n, h\xF6gst 10.", "Comma-separated ids, at most 10.")
        }
      ),
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
          selected: highlight,
          optional: true
        }
      )
    ] }),
    /* @__PURE__ */ jsxs("section", { "aria-labelledby": "model-title", children: [
      /* @__PURE__ */ jsxs("h2", { id: "model-title", children: [
        tr(ctx, "Modellen", "The model"),
        " (",
        report.year,
        ", ",
        genderText(ctx, report.gender),
        ")"
      ] }),
      /* @__PURE__ */ jsxs("dl", { class: "facts", id: "model-facts", children: [
        /* @__PURE__ */ jsx("dt", { children: "n" }),
        /* @__PURE__ */ jsx("dd", { children: report.n }),
        /* @__PURE__ */ jsx("dt", { children: "R\xB2" }),
        /* @__PURE__ */ jsx("dd", { children: report.rSquared === null ? "\u2013" : num(ctx, report.rSquared, 3) }),
        /* @__PURE__ */ jsx("dt", { children: tr(ctx, "Justerat R\xB2", "Adjusted R\xB2") }),
        /* @__PURE__ */ jsx("dd", { children: report.adjustedRSquared === null ? "\u2013" : num(ctx, report.adjustedRSquared, 3) }),
        /* @__PURE__ */ jsx("dt", { children: tr(ctx, "Residualens standardavvikelse", "Residual standard error") }),
        /* @__PURE__ */ jsx("dd", { children: num(ctx, report.residualStandardError, 2) }),
        chosen && /* @__PURE__ */ jsxs(Fragment, { children: [
          /* @__PURE__ */ jsx("dt", { children: chosen.title }),
          /* @__PURE__ */ jsxs("dd", { id: "chosen-summary", children: [
            tr(ctx, "faktiskt", "actual"),
            " ",
            num(ctx, chosen.actual, 1),
            ",",
            " ",
            tr(ctx, "f\xF6rv\xE4ntat", "expected"),
            " ",
            num(ctx, chosen.expected, 1),
            ",",
            " ",
            tr(ctx, "avvikelse", "deviation"),
            " ",
            num(ctx, chosen.residual, 1)
          ] })
        ] })
      ] }),
      report.published && report.published.n > 0 && /* @__PURE__ */ jsx("p", { class: "note", id: "published-comparison", children: tr(
        ctx,
        `J\xE4mf\xF6rt med SKR:s publicerade f\xF6rv\xE4ntade v\xE4rden (${report.published.kpi}, ${report.published.n} kommuner): korrelation ${num(ctx, report.published.pearson ?? Number.NaN, 3)}, genomsnittlig absolut skillnad ${num(ctx, report.published.meanAbsoluteDifference ?? Number.NaN, 2)} procentenheter. SKR:s modell bygger p\xE5 fler detaljer ur SCB:s mikrodata \xE4n de fem nyckeltalen; se docs/analysis.md.`,
        `Compared with SKR\u2019s published expected values (${report.published.kpi}, ${report.published.n} municipalities): correlation ${num(ctx, report.published.pearson ?? Number.NaN, 3)}, mean absolute difference ${num(ctx, report.published.meanAbsoluteDifference ?? Number.NaN, 2)} percentage points. SKR\u2019s model uses more detail from SCB microdata than the five indicators; see docs/analysis.md.`
      ) }),
      /* @__PURE__ */ jsx("div", { class: "table-scroll", children: /* @__PURE__ */ jsxs("table", { class: "data", id: "coefficients", children: [
        /* @__PURE__ */ jsx("caption", { children: tr(ctx, "Koefficienter", "Coefficients") }),
        /* @__PURE__ */ jsx("thead", { children: /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Term", "Term") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "\xC5r", "Year") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Skattning", "Estimate") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Medelfel", "Standard error") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: "t" })
        ] }) }),
        /* @__PURE__ */ jsx("tbody", { children: report.coefficients.map((c) => /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsx("th", { scope: "row", children: c.term === "intercept" ? tr(ctx, "Konstant", "Intercept") : `${c.term} ${c.title}` }),
          /* @__PURE__ */ jsx("td", { class: "num", children: report.predictors.find((p) => p.id === c.term)?.period ?? "" }),
          /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, c.estimate, 3) }),
          /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, c.standardError, 3) }),
          /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, c.t, 2) })
        ] })) })
      ] }) })
    ] }),
    /* @__PURE__ */ jsxs("section", { "aria-labelledby": "scatter-title", children: [
      /* @__PURE__ */ jsx("h2", { id: "scatter-title", children: tr(ctx, "Faktiskt och f\xF6rv\xE4ntat", "Actual and expected") }),
      /* @__PURE__ */ jsx(
        ScatterPlot,
        {
          ctx,
          id: "expected-scatter",
          label: tr(
            ctx,
            `Spridningsdiagram: f\xF6rv\xE4ntat v\xE4rde (x) mot faktiskt v\xE4rde (y) f\xF6r ${report.n} kommuner; streckad linje = som f\xF6rv\xE4ntat. Samma siffror finns i tabellen nedan.`,
            `Scatter plot: expected value (x) against actual value (y) for ${report.n} municipalities; dashed line = as expected. The same figures are in the table below.`
          ),
          xLabel: tr(ctx, "F\xF6rv\xE4ntat", "Expected"),
          yLabel: tr(ctx, "Faktiskt", "Actual"),
          points: report.municipalities.map((m) => ({
            id: m.id,
            title: m.title,
            x: m.expected,
            y: m.actual
          })),
          highlight,
          diagonal: true
        }
      )
    ] }),
    /* @__PURE__ */ jsxs("section", { "aria-labelledby": "table-title", children: [
      /* @__PURE__ */ jsx("h2", { id: "table-title", children: tr(
        ctx,
        "Kommunerna, st\xF6rst positiv avvikelse f\xF6rst",
        "Municipalities, largest positive deviation first"
      ) }),
      /* @__PURE__ */ jsx("div", { class: "table-scroll table-scroll--tall", children: /* @__PURE__ */ jsxs("table", { class: "data ranking-table", id: "residual-table", children: [
        /* @__PURE__ */ jsx("thead", { children: /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Kommun", "Municipality") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Faktiskt", "Actual") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "F\xF6rv\xE4ntat", "Expected") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Avvikelse", "Deviation") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Standardiserad avvikelse", "Standardised deviation") }),
          report.published && /* @__PURE__ */ jsx("th", { scope: "col", children: tr(
            ctx,
            `SKR f\xF6rv\xE4ntat (${report.published.kpi})`,
            `SKR expected (${report.published.kpi})`
          ) })
        ] }) }),
        /* @__PURE__ */ jsx("tbody", { children: report.municipalities.map((m) => /* @__PURE__ */ jsxs(
          "tr",
          {
            class: m.id === highlight ? "is-chosen" : void 0,
            "aria-current": m.id === highlight ? "true" : void 0,
            children: [
              /* @__PURE__ */ jsx("th", { scope: "row", children: /* @__PURE__ */ jsx(KommunLink, { ctx, id: m.id, title: m.title }) }),
              /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, m.actual, 1) }),
              /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, m.expected, 1) }),
              /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, m.residual, 1) }),
              /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, m.standardisedResidual, 2) }),
              report.published && /* @__PURE__ */ jsx("td", { class: "num", children: m.published === null ? "\u2013" : num(ctx, m.published, 1) })
            ]
          }
        )) })
      ] }) }),
      /* @__PURE__ */ jsx(
        LeftOut,
        {
          ctx,
          id: "left-out",
          title: tr(
            ctx,
            "Kommuner utanf\xF6r modellen (saknar v\xE4rde)",
            "Municipalities outside the model (missing a value)"
          ),
          items: missingItems(ctx, report.leftOut, (m) => /* @__PURE__ */ jsx(KommunLink, { ctx, id: m.id, title: m.title }))
        }
      )
    ] }),
    /* @__PURE__ */ jsx("p", { children: /* @__PURE__ */ jsx(
      "a",
      {
        href: href(ctx, "/analys/samband", {
          x: report.predictors[0]?.id,
          y: report.outcome.id,
          ar: report.year
        }),
        children: tr(ctx, "Se sambandet med ett enskilt nyckeltal", "See the relation with a single indicator")
      }
    ) }),
    /* @__PURE__ */ jsx(OwnComputationNote, { ctx, method: report.method })
  ] });
}
function expectedValueDocument(ctx, report) {
  return {
    title: tr(ctx, `F\xF6rv\xE4ntat v\xE4rde: ${report.outcome.id}`, `Expected value: ${report.outcome.id}`),
    filename: safeFilename(`etablera-forvantat-${report.outcome.id}-${report.year}`),
    meta: documentMeta(ctx, [
      analysisDoc.computation(ctx, "Etablera (OLS)"),
      {
        key: "outcome",
        label: tr(ctx, "Utfall", "Outcome"),
        value: `${report.outcome.id} ${report.outcome.title} (${report.outcome.period})`
      },
      {
        key: "predictors",
        label: tr(ctx, "F\xF6rklarande", "Explanatory"),
        value: report.predictors.map((p) => `${p.id} (${p.period})`).join(", ")
      },
      analysisDoc.year(ctx, report.year),
      analysisDoc.gender(ctx, report.gender),
      { key: "n", label: "n", value: String(report.n) },
      { key: "r_squared", label: "R\xB2", value: String(report.rSquared) },
      {
        key: "adjusted_r_squared",
        label: tr(ctx, "Justerat R\xB2", "Adjusted R\xB2"),
        value: String(report.adjustedRSquared)
      },
      {
        key: "coefficients",
        label: tr(ctx, "Koefficienter (skattning \xB1 medelfel)", "Coefficients (estimate \xB1 standard error)"),
        value: report.coefficients.map((c) => `${c.term}: ${c.estimate} \xB1 ${c.standardError}`).join("; ")
      },
      ...report.published ? [
        {
          key: "published_comparison",
          label: tr(ctx, `J\xE4mf\xF6rt med ${report.published.kpi}`, `Compared with ${report.published.kpi}`),
          value: `n=${report.published.n}, r=${report.published.pearson}, MAD=${report.published.meanAbsoluteDifference}`
        }
      ] : [],
      {
        key: "left_out",
        label: tr(ctx, "Utel\xE4mnade kommuner", "Municipalities left out"),
        value: report.leftOut.map((m) => `${m.id} (${m.missing.join(" ")})`).join("; ")
      },
      analysisDoc.method(ctx, report.method)
    ]),
    columns: [
      ...analysisDoc.municipalityColumns(ctx),
      { key: "actual", header: tr(ctx, "Faktiskt", "Actual"), type: "number" },
      { key: "expected", header: tr(ctx, "F\xF6rv\xE4ntat", "Expected"), type: "number" },
      { key: "residual", header: tr(ctx, "Avvikelse", "Deviation"), type: "number" },
      {
        key: "standardised_residual",
        header: tr(ctx, "Standardiserad avvikelse", "Standardised deviation"),
        type: "number"
      },
      { key: "leverage", header: tr(ctx, "H\xE4vst\xE5ng", "Leverage"), type: "number" },
      ...report.published ? [{ key: "published", header: `SKR ${report.published.kpi}`, type: "number" }] : []
    ],
    rows: report.municipalities.map((m) => ({
      municipality_id: m.id,
      municipality: m.title,
      actual: m.actual,
      expected: m.expected,
      residual: m.residual,
      standardised_residual: m.standardisedResidual,
      leverage: m.leverage,
      ...report.published ? { published: m.published } : {}
    }))
  };
}
export {
  ExpectedValuePage,
  expectedValueDocument
};
//# sourceMappingURL=expected-value.page.js.map
