import { Fragment, jsx, jsxs } from "preact/jsx-runtime";
import { tr } from "../page-context.js";
function LeftOutSection({ ctx, children }) {
  return /* @__PURE__ */ jsxs("section", { "aria-labelledby": "left-out-title", children: [
    /* @__PURE__ */ jsx("h2", { id: "left-out-title", children: tr(ctx, "Utel\xE4mnat", "Left out") }),
    children
  ] });
}
function LeftOut({
  ctx,
  id,
  title,
  items
}) {
  if (items.length === 0)
    return /* @__PURE__ */ jsxs("p", { class: "muted", id, children: [
      title,
      ": ",
      tr(ctx, "inga", "none"),
      "."
    ] });
  return /* @__PURE__ */ jsxs("details", { class: "left-out", id, children: [
    /* @__PURE__ */ jsxs("summary", { children: [
      title,
      ": ",
      items.length
    ] }),
    /* @__PURE__ */ jsx("ul", { children: items.map((i) => /* @__PURE__ */ jsx("li", { children: i.text }, i.key)) })
  ] });
}
function missingItems(ctx, municipalities, name) {
  const missing = tr(ctx, "saknar", "missing");
  return municipalities.map((m) => ({
    key: m.id,
    text: name ? /* @__PURE__ */ jsxs(Fragment, { children: [
      name(m),
      " (",
      missing,
      " ",
      m.missing.join(", "),
      ")"
    ] }) : `${m.title} (${missing} ${m.missing.join(", ")})`
  }));
}
export {
  LeftOut,
  LeftOutSection,
  missingItems
};
//# sourceMappingURL=left-out.js.map
