import { formatNumber } from "./i18n/format.js";
import { messages } from "./i18n/messages.js";
function createContext(init) {
  return { ...init, t: messages(init.lang) };
}
function tr(ctx, sv, en) {
  return ctx.lang === "en" ? en : sv;
}
function num(ctx, value, decimals) {
  return formatNumber(value, ctx.lang, decimals);
}
function href(ctx, path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== void 0 && v !== null && v !== "") q.set(k, String(v));
  if (ctx.lang === "en") q.set("lang", "en");
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
function withParams(ctx, changes, path = ctx.path) {
  const merged = Object.fromEntries(ctx.params);
  for (const [k, v] of Object.entries(changes)) merged[k] = v;
  return href(ctx, path, merged);
}
function downloadUrl(ctx, format) {
  const path = ctx.path === "/" ? "/index" : ctx.path;
  return withParams(ctx, {}, `${path}.${format}`);
}
export {
  createContext,
  downloadUrl,
  href,
  num,
  tr,
  withParams
};
//# sourceMappingURL=page-context.js.map
