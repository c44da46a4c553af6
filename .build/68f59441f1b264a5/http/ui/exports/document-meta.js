import { withParams } from "../page-context.js";
function documentMeta(ctx, entries, publicBase = "") {
  const { t } = ctx;
  const source = ctx.dataset === "demo" ? t.demoBanner : t.sourceKolada;
  return [
    { key: "source", label: t.metaSource, value: source },
    ...entries,
    { key: "created", label: t.metaCreated, value: ctx.now },
    { key: "url", label: t.metaUrl, value: `${publicBase}${withParams(ctx, {})}` }
  ];
}
export {
  documentMeta
};
//# sourceMappingURL=document-meta.js.map
