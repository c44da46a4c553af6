import { Fragment, jsx, jsxs } from "preact/jsx-runtime";
import { ControlsForm, SubmitField } from "../components/form.js";
import { href } from "../page-context.js";
import { OWN_COMPUTATION, tr } from "./texts.js";
const ANALYSES = [
  { path: "/analys/statistik", sv: "Statistik", en: "Statistics" },
  { path: "/analys/liknande", sv: "Liknande kommuner", en: "Similar municipalities" },
  { path: "/analys/forvantat", sv: "F\xF6rv\xE4ntat v\xE4rde", en: "Expected value" },
  { path: "/analys/samband", sv: "Samband", en: "Correlation" }
];
function AnalysisMenu({ ctx }) {
  return /* @__PURE__ */ jsx("nav", { "aria-label": tr(ctx, "Analyser", "Analyses"), class: "analysis-menu", children: /* @__PURE__ */ jsxs("p", { children: [
    /* @__PURE__ */ jsx("a", { href: href(ctx, "/analys"), children: tr(ctx, "Analyser", "Analyses") }),
    ":",
    " ",
    ANALYSES.map((a, i) => /* @__PURE__ */ jsxs(Fragment, { children: [
      i > 0 ? " \xB7 " : "",
      /* @__PURE__ */ jsx("a", { href: href(ctx, a.path), "aria-current": ctx.path === a.path ? "page" : void 0, children: tr(ctx, a.sv, a.en) })
    ] }))
  ] }) });
}
function AnalysisHeading({ ctx, heading }) {
  return /* @__PURE__ */ jsxs(Fragment, { children: [
    /* @__PURE__ */ jsx(AnalysisMenu, { ctx }),
    /* @__PURE__ */ jsx("p", { class: "eyebrow", children: tr(ctx, "Analys \xB7 Etableras egen ber\xE4kning", "Analysis \xB7 Etablera\u2019s own computation") }),
    /* @__PURE__ */ jsx("h1", { children: heading })
  ] });
}
function AnalysisForm({
  ctx,
  action,
  lists,
  submit,
  children
}) {
  return /* @__PURE__ */ jsxs(ControlsForm, { ctx, action, children: [
    children,
    /* @__PURE__ */ jsx(SubmitField, { label: submit }),
    /* @__PURE__ */ jsx(KpiDatalist, { lists })
  ] });
}
function KpiField({
  id,
  name = id,
  label,
  value,
  required
}) {
  return /* @__PURE__ */ jsxs("div", { class: "field", children: [
    /* @__PURE__ */ jsx("label", { for: id, children: label }),
    /* @__PURE__ */ jsx("input", { id, name, type: "text", list: "kpi-list", value, size: 10, required })
  ] });
}
function OwnComputationNote({ ctx, method }) {
  return /* @__PURE__ */ jsxs("p", { class: "note", children: [
    tr(ctx, OWN_COMPUTATION.sv, OWN_COMPUTATION.en),
    method ? ` ${tr(ctx, "Metod", "Method")}: ${method}` : ""
  ] });
}
function KpiDatalist({ lists }) {
  return /* @__PURE__ */ jsx("datalist", { id: "kpi-list", children: lists.kpis.map((k) => /* @__PURE__ */ jsx("option", { value: k.id, children: `${k.id} ${k.title}` })) });
}
function KommunSelect({
  ctx,
  lists,
  name,
  id,
  label,
  selected,
  optional
}) {
  return /* @__PURE__ */ jsxs("div", { class: "field", children: [
    /* @__PURE__ */ jsx("label", { for: id, children: label }),
    /* @__PURE__ */ jsxs("select", { id, name, children: [
      optional && /* @__PURE__ */ jsx("option", { value: "", children: tr(ctx, "(ingen)", "(none)") }),
      lists.kommuner.map((m) => /* @__PURE__ */ jsx("option", { value: m.id, selected: m.id === selected, children: m.title }))
    ] })
  ] });
}
function YearField({ ctx, year }) {
  return /* @__PURE__ */ jsxs("div", { class: "field", children: [
    /* @__PURE__ */ jsx("label", { for: "ar", children: tr(ctx, "\xC5r", "Year") }),
    /* @__PURE__ */ jsx(
      "input",
      {
        id: "ar",
        name: "ar",
        type: "number",
        min: "1990",
        max: "2100",
        inputmode: "numeric",
        value: year ?? "",
        size: 6
      }
    )
  ] });
}
function KommunLink({ ctx, id, title }) {
  return /* @__PURE__ */ jsx("a", { href: href(ctx, `/kommun/${id}`), children: title });
}
export {
  ANALYSES,
  AnalysisForm,
  AnalysisHeading,
  AnalysisMenu,
  KommunLink,
  KommunSelect,
  KpiDatalist,
  KpiField,
  OwnComputationNote,
  YearField
};
//# sourceMappingURL=analysis-common.js.map
