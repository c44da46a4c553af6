import { jsx, jsxs } from "preact/jsx-runtime";
import { num } from "../page-context.js";
function symbolMeaning(t, symbol) {
  if (symbol === "..") return t.symbolConfidential;
  if (symbol === ".") return t.symbolNotApplicable;
  return t.symbolMissing;
}
function CellView({ ctx, cell, decimals }) {
  if (cell.value !== null) return /* @__PURE__ */ jsx("span", { class: "num", children: num(ctx, cell.value, decimals) });
  const symbol = cell.symbol ?? "-";
  const meaning = symbolMeaning(ctx.t, symbol);
  return /* @__PURE__ */ jsxs("span", { class: "missing", title: meaning, children: [
    /* @__PURE__ */ jsx("span", { "aria-hidden": "true", children: symbol }),
    /* @__PURE__ */ jsx("span", { class: "visually-hidden", children: meaning })
  ] });
}
const POSITION_SYMBOL = {
  top: "\u25B2",
  middle: "\u25C6",
  bottom: "\u25BC",
  missing: "\u25CB",
  none: ""
};
function positionText(t, position) {
  switch (position) {
    case "top":
      return t.positionTop;
    case "middle":
      return t.positionMiddle;
    case "bottom":
      return t.positionBottom;
    case "missing":
      return t.positionMissing;
    default:
      return t.positionNone;
  }
}
function PositionView({
  ctx,
  position,
  rank
}) {
  const { t } = ctx;
  return /* @__PURE__ */ jsxs("span", { class: `pos pos--${position}`, children: [
    POSITION_SYMBOL[position] && /* @__PURE__ */ jsx("span", { class: "pos__symbol", "aria-hidden": "true", children: POSITION_SYMBOL[position] }),
    position !== "none" && /* @__PURE__ */ jsxs("span", { class: "visually-hidden", children: [
      positionText(t, position),
      ". "
    ] }),
    rank ? /* @__PURE__ */ jsxs("span", { class: "pos__rank", children: [
      rank.rank,
      " ",
      t.rankOf,
      " ",
      rank.of
    ] }) : position === "none" && /* @__PURE__ */ jsx("span", { class: "pos__rank", children: "\u2013" })
  ] });
}
export {
  CellView,
  POSITION_SYMBOL,
  PositionView,
  positionText,
  symbolMeaning
};
//# sourceMappingURL=values.js.map
