import { Fragment, jsx, jsxs } from "preact/jsx-runtime";
import { SIMILARITY_PRESETS } from "../../../domain/analysis/presets.js";
import { GenderSelect, WideTextField } from "../components/form.js";
import { Layout } from "../components/layout.js";
import { LeftOut, LeftOutSection, missingItems } from "../components/left-out.js";
import { documentMeta } from "../exports/document-meta.js";
import { safeFilename } from "../exports/table-document.js";
import { decimalsFor } from "../i18n/format.js";
import { href, num } from "../page-context.js";
import {
  AnalysisForm,
  AnalysisHeading,
  KommunLink,
  KommunSelect,
  OwnComputationNote,
  YearField
} from "./analysis-common.js";
import * as analysisDoc from "./analysis-document.js";
import { genderText, tr } from "./texts.js";
const TITLE = { sv: "Liknande kommuner", en: "Similar municipalities" };
function SimilarityPage({ ctx, report, lists }) {
  const title = report ? `${tr(ctx, TITLE.sv, TITLE.en)}: ${report.municipality.title}` : tr(ctx, TITLE.sv, TITLE.en);
  return /* @__PURE__ */ jsxs(Layout, { ctx, title, downloads: report !== null, children: [
    /* @__PURE__ */ jsx(AnalysisHeading, { ctx, heading: title }),
    /* @__PURE__ */ jsx("p", { class: "lead", children: tr(
      ctx,
      "De kommuner som ligger n\xE4rmast den valda kommunen p\xE5 de valda nyckeltalen. Varje nyckeltal standardiseras \xF6ver alla kommuner, s\xE5 enheten spelar ingen roll.",
      "The municipalities closest to the chosen one on the chosen indicators. Each indicator is standardised over all municipalities, so units do not matter."
    ) }),
    /* @__PURE__ */ jsx(SimilarityForm, { ctx, report, lists }),
    report && /* @__PURE__ */ jsx(SimilarityResult, { ctx, report })
  ] });
}
function SimilarityForm({ ctx, report, lists }) {
  const preset = ctx.params.get("urval") ?? (ctx.params.get("kpier") ? "egen" : "struktur");
  return /* @__PURE__ */ jsxs(AnalysisForm, { ctx, action: "/analys/liknande", lists, submit: ctx.t.show, children: [
    /* @__PURE__ */ jsx(
      KommunSelect,
      {
        ctx,
        lists,
        name: "kommun",
        id: "kommun",
        label: tr(ctx, "Kommun", "Municipality"),
        selected: report?.municipality.id ?? ctx.params.get("kommun") ?? "1282"
      }
    ),
    /* @__PURE__ */ jsxs("div", { class: "field", children: [
      /* @__PURE__ */ jsx("label", { for: "urval", children: tr(ctx, "Nyckeltal", "Indicators") }),
      /* @__PURE__ */ jsxs("select", { id: "urval", name: "urval", children: [
        SIMILARITY_PRESETS.map((p) => /* @__PURE__ */ jsx("option", { value: p.id, selected: preset === p.id, children: p.title })),
        /* @__PURE__ */ jsx("option", { value: "egen", selected: preset === "egen", children: tr(ctx, "Egna (f\xE4ltet nedan)", "Own (field below)") })
      ] })
    ] }),
    /* @__PURE__ */ jsx(
      WideTextField,
      {
        id: "kpier",
        label: tr(ctx, "Egna nyckeltal med vikt", "Own indicators with weight"),
        value: ctx.params.get("kpier") ?? "",
        placeholder: "N01951:2:log, N02926, N03920",
        hint: tr(
          ctx,
          "id[:vikt[:log]], kommaseparerat; anv\xE4nds n\xE4r \u201DEgna\u201D \xE4r valt.",
          "id[:weight[:log]], comma-separated; used when \u201COwn\u201D is chosen."
        )
      }
    ),
    /* @__PURE__ */ jsx(YearField, { ctx, year: report?.year }),
    /* @__PURE__ */ jsx(GenderSelect, { ctx, gender: report?.gender ?? "T" }),
    /* @__PURE__ */ jsxs("div", { class: "field", children: [
      /* @__PURE__ */ jsx("label", { for: "antal", children: tr(ctx, "Antal", "Count") }),
      /* @__PURE__ */ jsx(
        "input",
        {
          id: "antal",
          name: "antal",
          type: "number",
          min: "1",
          max: "50",
          value: ctx.params.get("antal") ?? "10",
          size: 4
        }
      )
    ] })
  ] });
}
function SimilarityResult({ ctx, report }) {
  const idx = 2;
  return /* @__PURE__ */ jsxs(Fragment, { children: [
    /* @__PURE__ */ jsxs("section", { "aria-labelledby": "result-title", children: [
      /* @__PURE__ */ jsxs("h2", { id: "result-title", children: [
        tr(ctx, `De ${report.similar.length} mest lika`, `The ${report.similar.length} most similar`),
        " (",
        report.year,
        ", ",
        genderText(ctx, report.gender),
        ")"
      ] }),
      /* @__PURE__ */ jsx("p", { children: /* @__PURE__ */ jsx(
        "a",
        {
          class: "button-link",
          id: "use-as-reference",
          href: ctx.lang === "en" ? `${report.comparatorUrl}&lang=en` : report.comparatorUrl,
          children: tr(ctx, "Anv\xE4nd som j\xE4mf\xF6relsegrupp i j\xE4mf\xF6raren", "Use as reference group in the comparator")
        }
      ) }),
      /* @__PURE__ */ jsx("div", { class: "table-scroll", children: /* @__PURE__ */ jsxs("table", { class: "data ranking-table", id: "similar-table", children: [
        /* @__PURE__ */ jsx("caption", { class: "visually-hidden", children: tr(
          ctx,
          "Skillnadsindex och varje nyckeltals bidrag",
          "Difference index and each indicator\u2019s contribution"
        ) }),
        /* @__PURE__ */ jsx("thead", { children: /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Nr", "No.") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Kommun", "Municipality") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Skillnadsindex", "Difference index") }),
          report.kpis.map((k) => /* @__PURE__ */ jsx("th", { scope: "col", children: /* @__PURE__ */ jsx("abbr", { title: k.title, children: k.id }) }))
        ] }) }),
        /* @__PURE__ */ jsx("tbody", { children: report.similar.map((s, i) => /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsx("td", { children: i + 1 }),
          /* @__PURE__ */ jsx("th", { scope: "row", children: /* @__PURE__ */ jsx(KommunLink, { ctx, id: s.id, title: s.title }) }),
          /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, s.index, idx) }),
          s.contributions.map((c) => /* @__PURE__ */ jsx(
            "td",
            {
              class: "num",
              title: c.value === null ? void 0 : `${tr(ctx, "v\xE4rde", "value")} ${num(ctx, c.value)}`,
              children: num(ctx, c.contribution, idx)
            }
          ))
        ] })) })
      ] }) }),
      /* @__PURE__ */ jsx("p", { class: "note", children: tr(
        ctx,
        `Skillnadsindex = viktat medelv\xE4rde av skillnaden i standardavvikelser per nyckeltal; kolumnerna per nyckeltal \xE4r bidragen, som summerar till indexet. ${report.compared} kommuner j\xE4mf\xF6rdes.`,
        `Difference index = weighted mean of the difference in standard deviations per indicator; the indicator columns are the contributions, which add up to the index. ${report.compared} municipalities were compared.`
      ) })
    ] }),
    /* @__PURE__ */ jsxs("section", { "aria-labelledby": "kpis-title", children: [
      /* @__PURE__ */ jsx("h2", { id: "kpis-title", children: tr(ctx, "Nyckeltal i indexet", "Indicators in the index") }),
      /* @__PURE__ */ jsx("div", { class: "table-scroll", children: /* @__PURE__ */ jsxs("table", { class: "data", id: "kpi-table", children: [
        /* @__PURE__ */ jsx("thead", { children: /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsx("th", { scope: "col", children: "Id" }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Nyckeltal", "Indicator") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Vikt", "Weight") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "\xC5r", "Year") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: report.municipality.title }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Medel (alla kommuner)", "Mean (all municipalities)") }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: tr(ctx, "Standardavvikelse", "Standard deviation") })
        ] }) }),
        /* @__PURE__ */ jsx("tbody", { children: report.kpis.map((k) => {
          const d = decimalsFor([k.value, k.mean]);
          return /* @__PURE__ */ jsxs("tr", { children: [
            /* @__PURE__ */ jsx("td", { children: /* @__PURE__ */ jsx("a", { href: href(ctx, `/nyckeltal/${k.id}`), children: k.id }) }),
            /* @__PURE__ */ jsxs("td", { children: [
              k.title,
              k.transform === "log" ? ` (${tr(ctx, "logaritmerat", "logarithmised")})` : ""
            ] }),
            /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, k.weight) }),
            /* @__PURE__ */ jsx("td", { class: "num", children: k.period }),
            /* @__PURE__ */ jsx("td", { class: "num", children: k.value === null ? "\u2013" : num(ctx, k.value, d) }),
            /* @__PURE__ */ jsx("td", { class: "num", children: k.transform === "log" ? `exp: ${num(ctx, Math.exp(k.mean), 0)}` : num(ctx, k.mean, d) }),
            /* @__PURE__ */ jsx("td", { class: "num", children: k.transform === "log" ? `${num(ctx, k.sd, 2)} (log)` : num(ctx, k.sd, d) })
          ] });
        }) })
      ] }) })
    ] }),
    /* @__PURE__ */ jsxs(LeftOutSection, { ctx, children: [
      /* @__PURE__ */ jsx(
        LeftOut,
        {
          ctx,
          id: "left-out-kpis",
          title: tr(ctx, "Nyckeltal som inte kunde anv\xE4ndas", "Indicators that could not be used"),
          items: report.leftOutKpis.map((l) => ({
            key: l.kpi,
            text: `${l.kpi} ${l.title}: ${l.reasonText}`
          }))
        }
      ),
      /* @__PURE__ */ jsx(
        LeftOut,
        {
          ctx,
          id: "left-out-kommuner",
          title: tr(ctx, "Kommuner utan v\xE4rde f\xF6r n\xE5got nyckeltal", "Municipalities missing a value"),
          items: missingItems(ctx, report.leftOutMunicipalities)
        }
      )
    ] }),
    /* @__PURE__ */ jsx(OwnComputationNote, { ctx, method: report.method })
  ] });
}
function similarityDocument(ctx, report) {
  const title = report ? `${TITLE.sv}: ${report.municipality.title}` : TITLE.sv;
  if (!report)
    return { title, filename: "etablera-liknande", meta: documentMeta(ctx, []), columns: [], rows: [] };
  return {
    title: tr(
      ctx,
      `Liknande kommuner: ${report.municipality.title}`,
      `Similar municipalities: ${report.municipality.title}`
    ),
    filename: safeFilename(`etablera-liknande-${report.municipality.id}-${report.year}`),
    meta: documentMeta(ctx, [
      analysisDoc.computation(ctx),
      {
        key: "municipality",
        label: tr(ctx, "Kommun", "Municipality"),
        value: `${report.municipality.title} (${report.municipality.id})`
      },
      analysisDoc.year(ctx, report.year),
      analysisDoc.gender(ctx, report.gender),
      {
        key: "kpis",
        label: tr(ctx, "Nyckeltal (vikt, \xE5r)", "Indicators (weight, year)"),
        value: report.kpis.map((k) => `${k.id}:${k.weight}${k.transform === "log" ? ":log" : ""} (${k.period})`).join(", ")
      },
      analysisDoc.method(ctx, report.method),
      {
        key: "left_out_kpis",
        label: tr(ctx, "Utel\xE4mnade nyckeltal", "Indicators left out"),
        value: report.leftOutKpis.map((l) => `${l.kpi} (${l.reasonText})`).join("; ")
      },
      {
        key: "left_out_municipalities",
        label: tr(ctx, "Utel\xE4mnade kommuner", "Municipalities left out"),
        value: report.leftOutMunicipalities.map((m) => `${m.id} (${m.missing.join(" ")})`).join("; ")
      }
    ]),
    columns: [
      { key: "order", header: tr(ctx, "Nr", "No."), type: "integer" },
      ...analysisDoc.municipalityColumns(ctx),
      { key: "index", header: tr(ctx, "Skillnadsindex", "Difference index"), type: "number" },
      ...report.kpis.flatMap((k) => [
        { key: `value_${k.id}`, header: `${k.id} ${tr(ctx, "v\xE4rde", "value")}`, type: "number" },
        {
          key: `contribution_${k.id}`,
          header: `${k.id} ${tr(ctx, "bidrag", "contribution")}`,
          type: "number"
        }
      ])
    ],
    rows: report.similar.map((s, i) => ({
      order: i + 1,
      municipality_id: s.id,
      municipality: s.title,
      index: s.index,
      ...Object.fromEntries(
        s.contributions.flatMap((c) => [
          [`value_${c.kpi}`, c.value],
          [`contribution_${c.kpi}`, c.contribution]
        ])
      )
    }))
  };
}
export {
  SimilarityPage,
  similarityDocument
};
//# sourceMappingURL=similarity.page.js.map
