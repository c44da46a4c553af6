import { jsx, jsxs } from "preact/jsx-runtime";
import { Layout } from "../components/layout.js";
import { documentMeta } from "../exports/document-meta.js";
import { safeFilename } from "../exports/table-document.js";
import { href } from "../page-context.js";
function StartPage({ ctx, view }) {
  const { t } = ctx;
  const suggestions = JSON.stringify(view.kommuner.map((k) => [k.id, k.title]));
  return /* @__PURE__ */ jsxs(Layout, { ctx, title: t.startTitle, children: [
    /* @__PURE__ */ jsx("h1", { children: t.startTitle }),
    /* @__PURE__ */ jsx("p", { class: "lead", children: t.startIntro }),
    /* @__PURE__ */ jsx("search", { children: /* @__PURE__ */ jsxs("form", { class: "search", method: "get", action: "/", "data-kommun-search": true, children: [
      ctx.lang === "en" && /* @__PURE__ */ jsx("input", { type: "hidden", name: "lang", value: "en" }),
      /* @__PURE__ */ jsx("label", { for: "q", children: t.searchLabel }),
      /* @__PURE__ */ jsxs("div", { class: "search__row", children: [
        /* @__PURE__ */ jsx("div", { class: "combobox", children: /* @__PURE__ */ jsx(
          "input",
          {
            id: "q",
            name: "q",
            type: "search",
            value: view.query,
            autocomplete: "off",
            spellcheck: false,
            "aria-describedby": "q-hint",
            "data-kommuner": suggestions,
            "data-profile-base": href(ctx, "/kommun/ID"),
            "data-suggestions-label": t.suggestions
          }
        ) }),
        /* @__PURE__ */ jsx("button", { type: "submit", children: t.searchButton })
      ] }),
      /* @__PURE__ */ jsx("p", { id: "q-hint", class: "hint", children: t.searchHint })
    ] }) }),
    view.query && /* @__PURE__ */ jsxs("section", { "aria-labelledby": "results-title", class: "results", children: [
      /* @__PURE__ */ jsx("h2", { id: "results-title", children: t.searchResults }),
      view.results.length === 0 ? /* @__PURE__ */ jsxs("p", { children: [
        t.noResults,
        " \u201D",
        view.query,
        "\u201D."
      ] }) : /* @__PURE__ */ jsx("ul", { class: "link-list", children: view.results.map((m) => /* @__PURE__ */ jsxs("li", { children: [
        /* @__PURE__ */ jsx("a", { href: href(ctx, `/kommun/${m.id}`), children: m.title }),
        " ",
        /* @__PURE__ */ jsx("span", { class: "muted", children: m.id })
      ] })) })
    ] }),
    /* @__PURE__ */ jsxs(
      "section",
      {
        id: "recent",
        class: "recent",
        "aria-labelledby": "recent-title",
        hidden: true,
        "data-profile-base": href(ctx, "/kommun/ID"),
        children: [
          /* @__PURE__ */ jsx("h2", { id: "recent-title", children: t.recentTitle }),
          /* @__PURE__ */ jsx("ul", { class: "link-list" })
        ]
      }
    ),
    /* @__PURE__ */ jsxs("details", { class: "all-kommuner", children: [
      /* @__PURE__ */ jsxs("summary", { children: [
        t.allKommuner,
        " (",
        view.kommuner.length,
        ")"
      ] }),
      /* @__PURE__ */ jsx("ul", { class: "columns", children: view.kommuner.map((m) => /* @__PURE__ */ jsx("li", { children: /* @__PURE__ */ jsx("a", { href: href(ctx, `/kommun/${m.id}`), children: m.title }) })) })
    ] })
  ] });
}
function startDocument(ctx, view, publicBase) {
  const { t } = ctx;
  const list = view.query ? view.results : view.kommuner;
  return {
    title: t.exportTitleStart,
    filename: safeFilename(`etablera-kommuner-${view.query}`),
    meta: documentMeta(
      ctx,
      view.query ? [{ key: "query", label: t.searchLabel, value: view.query }] : [],
      publicBase
    ),
    columns: [
      { key: "id", header: t.kommunCode, type: "text" },
      { key: "title", header: t.kommun, type: "text" }
    ],
    rows: list.map((m) => ({ id: m.id, title: m.title }))
  };
}
export {
  StartPage,
  startDocument
};
//# sourceMappingURL=start.page.js.map
