import { jsx, jsxs } from "preact/jsx-runtime";
import { formatDate } from "../i18n/format.js";
import { downloadUrl, href, withParams } from "../page-context.js";
function Layout({ ctx, title, charts = false, downloads = true, children }) {
  const { t } = ctx;
  const other = t.otherLanguageCode;
  return /* @__PURE__ */ jsxs("html", { lang: ctx.lang, children: [
    /* @__PURE__ */ jsxs("head", { children: [
      /* @__PURE__ */ jsx("meta", { charset: "utf-8" }),
      /* @__PURE__ */ jsx("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
      /* @__PURE__ */ jsx("title", { children: `${title} \u2013 ${t.siteName}` }),
      /* @__PURE__ */ jsx("link", { rel: "icon", href: ctx.assets.favicon, type: "image/svg+xml" }),
      /* @__PURE__ */ jsx("link", { rel: "stylesheet", href: ctx.assets.css }),
      charts && /* @__PURE__ */ jsx("script", { src: ctx.assets.echarts, defer: true }),
      /* @__PURE__ */ jsx("script", { src: ctx.assets.app, defer: true })
    ] }),
    /* @__PURE__ */ jsxs(
      "body",
      {
        "data-lang": ctx.lang,
        "data-boundaries": charts && ctx.assets.boundaries ? ctx.assets.boundaries : void 0,
        children: [
          /* @__PURE__ */ jsx("a", { class: "skip-link", href: "#main", children: t.skipToContent }),
          /* @__PURE__ */ jsx("header", { class: "site-header", children: /* @__PURE__ */ jsxs("div", { class: "site-header__inner", children: [
            /* @__PURE__ */ jsxs("a", { class: "brand", href: href(ctx, "/"), children: [
              /* @__PURE__ */ jsx("span", { class: "brand__name", children: t.siteName }),
              /* @__PURE__ */ jsx("span", { class: "brand__tagline", children: t.tagline })
            ] }),
            /* @__PURE__ */ jsx("nav", { "aria-label": t.mainNav, children: /* @__PURE__ */ jsxs("ul", { class: "nav", children: [
              /* @__PURE__ */ jsx("li", { children: /* @__PURE__ */ jsx("a", { href: href(ctx, "/"), children: t.navSearch }) }),
              /* @__PURE__ */ jsx("li", { children: /* @__PURE__ */ jsx("a", { href: href(ctx, "/jamfor"), children: t.navCompare }) }),
              /* @__PURE__ */ jsx("li", { children: /* @__PURE__ */ jsx("a", { href: href(ctx, "/analys"), children: t.navAnalysis }) }),
              /* @__PURE__ */ jsx("li", { children: /* @__PURE__ */ jsx(
                "a",
                {
                  href: withParams({ ...ctx, lang: other === "en" ? "en" : "sv" }, { lang: other }),
                  hreflang: other,
                  lang: other,
                  children: t.otherLanguage
                }
              ) })
            ] }) })
          ] }) }),
          ctx.dataset === "demo" && /* @__PURE__ */ jsxs("div", { class: "demo-banner", role: "note", children: [
            /* @__PURE__ */ jsx("strong", { children: t.demoBanner }),
            " ",
            /* @__PURE__ */ jsx("span", { children: t.demoBannerDetail })
          ] }),
          /* @__PURE__ */ jsx(
            "div",
            {
              id: "sync-status",
              class: "sync-status",
              role: "status",
              "aria-live": "polite",
              "data-label": t.syncRunning,
              hidden: !ctx.syncRunning,
              children: ctx.syncRunning ? `${t.syncRunning} \u2026` : ""
            }
          ),
          /* @__PURE__ */ jsxs("main", { id: "main", tabindex: -1, children: [
            ctx.dataset === "empty" && /* @__PURE__ */ jsx("p", { class: "notice", children: t.emptyStore }),
            children
          ] }),
          /* @__PURE__ */ jsxs("footer", { class: "site-footer", children: [
            downloads && /* @__PURE__ */ jsxs("p", { class: "downloads", children: [
              /* @__PURE__ */ jsxs("span", { children: [
                t.downloads,
                ":"
              ] }),
              " ",
              /* @__PURE__ */ jsx("a", { href: downloadUrl(ctx, "json"), type: "application/json", children: t.downloadJson }),
              " ",
              /* @__PURE__ */ jsx("a", { href: downloadUrl(ctx, "csv"), type: "text/csv", download: true, children: t.downloadCsv }),
              " ",
              /* @__PURE__ */ jsx(
                "a",
                {
                  href: downloadUrl(ctx, "xlsx"),
                  type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  download: true,
                  children: t.downloadXlsx
                }
              )
            ] }),
            /* @__PURE__ */ jsx("p", { children: ctx.dataset === "demo" ? `${t.sourceDemo}. ${t.demoBannerDetail}` : t.footerSource }),
            ctx.lastLoadedAt && /* @__PURE__ */ jsxs("p", { children: [
              t.footerDataAt,
              ": ",
              formatDate(ctx.lastLoadedAt, ctx.lang)
            ] })
          ] })
        ]
      }
    )
  ] });
}
export {
  Layout
};
//# sourceMappingURL=layout.js.map
