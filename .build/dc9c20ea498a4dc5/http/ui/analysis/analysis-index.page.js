import { jsx, jsxs } from "preact/jsx-runtime";
import { Layout } from "../components/layout.js";
import { href } from "../page-context.js";
import { ANALYSES, OwnComputationNote } from "./analysis-common.js";
import { tr } from "./texts.js";
const ABOUT = {
  "/analys/statistik": {
    sv: "Spridningen av ett nyckeltal \xF6ver kommunerna: kvartiler, medelv\xE4rde, standardavvikelse, varje kommuns rang och percentil.",
    en: "The spread of an indicator across municipalities: quartiles, mean, standard deviation, each municipality\u2019s rank and percentile."
  },
  "/analys/liknande": {
    sv: "Vilka kommuner liknar din mest, m\xE4tt med ett skillnadsindex \xF6ver valda nyckeltal? Anv\xE4nd dem som j\xE4mf\xF6relsegrupp.",
    en: "Which municipalities are most like yours, by a difference index over chosen indicators? Use them as the reference group."
  },
  "/analys/forvantat": {
    sv: "\xC4r resultatet bra givet f\xF6ruts\xE4ttningarna? En regressionsmodell \xF6ver kommuner ger f\xF6rv\xE4ntat v\xE4rde och avvikelse.",
    en: "Is a result good given the conditions? A regression model across municipalities gives expected value and deviation."
  },
  "/analys/samband": {
    sv: "H\xE4nger tv\xE5 nyckeltal ihop? Pearson och Spearman med spridningsdiagram och filter.",
    en: "Are two indicators related? Pearson and Spearman with a scatter plot and filters."
  }
};
function AnalysisIndexPage({ ctx }) {
  return /* @__PURE__ */ jsxs(Layout, { ctx, title: tr(ctx, "Analyser", "Analyses"), downloads: false, children: [
    /* @__PURE__ */ jsx("h1", { children: tr(ctx, "Analyser", "Analyses") }),
    /* @__PURE__ */ jsx(OwnComputationNote, { ctx }),
    /* @__PURE__ */ jsx("ul", { class: "link-list", children: ANALYSES.map((a) => /* @__PURE__ */ jsxs("li", { children: [
      /* @__PURE__ */ jsx("a", { href: href(ctx, a.path), children: tr(ctx, a.sv, a.en) }),
      " \u2013",
      " ",
      tr(ctx, ABOUT[a.path].sv, ABOUT[a.path].en)
    ] })) })
  ] });
}
export {
  AnalysisIndexPage
};
//# sourceMappingURL=analysis-index.page.js.map
