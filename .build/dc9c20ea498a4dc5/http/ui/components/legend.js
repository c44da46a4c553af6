import { jsx, jsxs } from "preact/jsx-runtime";
import { POSITION_SYMBOL, positionText } from "./values.js";
const SHOWN = ["top", "middle", "bottom", "missing"];
function Legend({ ctx }) {
  const { t } = ctx;
  return /* @__PURE__ */ jsxs("section", { class: "legend", "aria-labelledby": "legend-title", children: [
    /* @__PURE__ */ jsx("h2", { id: "legend-title", children: t.legendTitle }),
    /* @__PURE__ */ jsx("p", { children: t.legendRelative }),
    /* @__PURE__ */ jsx("ul", { class: "legend__positions", children: SHOWN.map((p) => /* @__PURE__ */ jsxs("li", { class: `pos pos--${p}`, children: [
      /* @__PURE__ */ jsx("span", { class: "pos__symbol", "aria-hidden": "true", children: POSITION_SYMBOL[p] }),
      " ",
      positionText(t, p)
    ] })) }),
    /* @__PURE__ */ jsx("p", { children: t.legendNoDirection }),
    /* @__PURE__ */ jsx("h3", { children: t.symbolsTitle }),
    /* @__PURE__ */ jsxs("dl", { class: "legend__symbols", children: [
      /* @__PURE__ */ jsxs("div", { children: [
        /* @__PURE__ */ jsx("dt", { children: "-" }),
        /* @__PURE__ */ jsx("dd", { children: t.symbolMissing })
      ] }),
      /* @__PURE__ */ jsxs("div", { children: [
        /* @__PURE__ */ jsx("dt", { children: "." }),
        /* @__PURE__ */ jsx("dd", { children: t.symbolNotApplicable })
      ] }),
      /* @__PURE__ */ jsxs("div", { children: [
        /* @__PURE__ */ jsx("dt", { children: ".." }),
        /* @__PURE__ */ jsx("dd", { children: t.symbolConfidential })
      ] })
    ] })
  ] });
}
export {
  Legend
};
//# sourceMappingURL=legend.js.map
