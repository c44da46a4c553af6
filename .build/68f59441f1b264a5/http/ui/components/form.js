import { jsx, jsxs } from "preact/jsx-runtime";
function ControlsForm({
  ctx,
  action,
  class: className = "controls",
  children
}) {
  return /* @__PURE__ */ jsxs("form", { class: className, method: "get", action, children: [
    ctx.lang === "en" && /* @__PURE__ */ jsx("input", { type: "hidden", name: "lang", value: "en" }),
    children
  ] });
}
function SubmitField({ label }) {
  return /* @__PURE__ */ jsx("div", { class: "field field--button", children: /* @__PURE__ */ jsx("button", { type: "submit", children: label }) });
}
function WideTextField({
  id,
  name = id,
  label,
  value,
  placeholder,
  hint
}) {
  return /* @__PURE__ */ jsxs("div", { class: "field field--wide", children: [
    /* @__PURE__ */ jsx("label", { for: id, children: label }),
    /* @__PURE__ */ jsx(
      "input",
      {
        id,
        name,
        type: "text",
        value,
        placeholder,
        "aria-describedby": hint ? `${id}-hint` : void 0
      }
    ),
    hint && /* @__PURE__ */ jsx("span", { class: "hint", id: `${id}-hint`, children: hint })
  ] });
}
function YearSelect({
  ctx,
  years,
  chosen
}) {
  return /* @__PURE__ */ jsxs("div", { class: "field", children: [
    /* @__PURE__ */ jsx("label", { for: "ar", children: ctx.t.year }),
    /* @__PURE__ */ jsxs("select", { id: "ar", name: "ar", children: [
      /* @__PURE__ */ jsx("option", { value: "", selected: chosen === "latest", children: ctx.t.latestYear }),
      years.map((y) => /* @__PURE__ */ jsx("option", { value: String(y), selected: chosen === y, children: y }))
    ] })
  ] });
}
function GenderSelect({ ctx, gender }) {
  const { t } = ctx;
  return /* @__PURE__ */ jsxs("div", { class: "field", children: [
    /* @__PURE__ */ jsx("label", { for: "kon", children: t.gender }),
    /* @__PURE__ */ jsx("select", { id: "kon", name: "kon", children: ["T", "K", "M"].map((g) => /* @__PURE__ */ jsx("option", { value: g, selected: gender === g, children: genderLabel(t, g) })) })
  ] });
}
function genderLabel(t, g) {
  return g === "K" ? t.genderK : g === "M" ? t.genderM : t.genderT;
}
export {
  ControlsForm,
  GenderSelect,
  SubmitField,
  WideTextField,
  YearSelect,
  genderLabel
};
//# sourceMappingURL=form.js.map
