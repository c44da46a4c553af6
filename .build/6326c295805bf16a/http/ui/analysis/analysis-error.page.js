import { jsx, jsxs } from "preact/jsx-runtime";
import { Layout } from "../components/layout.js";
import { href } from "../page-context.js";
import { AnalysisMenu } from "./analysis-common.js";
import { tr } from "./texts.js";
function AnalysisErrorPage({
  ctx,
  message,
  path
}) {
  return /* @__PURE__ */ jsxs(
    Layout,
    {
      ctx,
      title: tr(ctx, "Analysen kunde inte g\xF6ras", "The analysis could not be made"),
      downloads: false,
      children: [
        /* @__PURE__ */ jsx(AnalysisMenu, { ctx }),
        /* @__PURE__ */ jsx("h1", { children: tr(ctx, "Analysen kunde inte g\xF6ras", "The analysis could not be made") }),
        /* @__PURE__ */ jsx("p", { class: "error", role: "alert", children: message }),
        /* @__PURE__ */ jsx("p", { children: /* @__PURE__ */ jsx("a", { href: href(ctx, path), children: tr(ctx, "B\xF6rja om med standardvalen", "Start again with the defaults") }) })
      ]
    }
  );
}
export {
  AnalysisErrorPage
};
//# sourceMappingURL=analysis-error.page.js.map
