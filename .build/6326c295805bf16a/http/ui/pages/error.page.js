import { jsx, jsxs } from "preact/jsx-runtime";
import { Layout } from "../components/layout.js";
import { href } from "../page-context.js";
function ErrorPage({ ctx, title, status }) {
  return /* @__PURE__ */ jsxs(Layout, { ctx, title, downloads: false, children: [
    /* @__PURE__ */ jsx("h1", { children: title }),
    /* @__PURE__ */ jsxs("p", { class: "muted", children: [
      "HTTP ",
      status
    ] }),
    /* @__PURE__ */ jsx("p", { children: /* @__PURE__ */ jsx("a", { href: href(ctx, "/"), children: ctx.t.navSearch }) })
  ] });
}
export {
  ErrorPage
};
//# sourceMappingURL=error.page.js.map
