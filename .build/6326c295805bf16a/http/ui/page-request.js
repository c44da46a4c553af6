import { renderToString } from "preact-render-to-string";
import { langCookie, resolveLang } from "./i18n/lang.js";
import { createContext } from "./page-context.js";
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join("; ");
async function requestContext(request, reply, path, { app, comparison, assets }, { repeatedParams }) {
  const { lang, fromQuery } = resolveLang(request.query, request.headers.cookie);
  if (fromQuery) reply.header("set-cookie", langCookie(lang));
  const freshness = await comparison.freshness();
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(request.query ?? {})) {
    if (k === "lang") continue;
    if (repeatedParams) {
      for (const item of Array.isArray(v) ? v : [v])
        if (typeof item === "string" && item !== "") params.append(k, item);
    } else if (typeof v === "string" && v !== "") params.set(k, v);
  }
  return createContext({
    lang,
    path,
    params,
    dataset: await comparison.dataset(),
    lastLoadedAt: freshness.lastLoadedAt,
    // The live progress of this process's sync, or an import/sync running elsewhere on the store.
    syncRunning: freshness.running || app.syncProgress?.snapshot().state === "running",
    assets: assets.urls,
    now: (/* @__PURE__ */ new Date()).toISOString()
  });
}
function sendHtml(reply, status, page) {
  reply.header("content-security-policy", PAGE_CSP);
  reply.header("x-content-type-options", "nosniff");
  reply.header("referrer-policy", "same-origin");
  reply.header("vary", "Cookie");
  return reply.code(status).type("text/html; charset=utf-8").send(`<!doctype html>${renderToString(page)}`);
}
export {
  PAGE_CSP,
  requestContext,
  sendHtml
};
//# sourceMappingURL=page-request.js.map
