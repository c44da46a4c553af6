import { SIMILARITY_PRESETS, SKR_MODEL } from "../../../domain/analysis/presets.js";
import { INTEGRATION_SET } from "../../../domain/integration-set.js";
async function pickers(repository) {
  const kommuner = (await repository.municipalities("K")).map((m) => ({ id: m.id, title: m.title })).sort((a, b) => a.title.localeCompare(b.title, "sv"));
  const suggested = [
    .../* @__PURE__ */ new Set([
      SKR_MODEL.outcome,
      ...SKR_MODEL.predictors,
      ...SIMILARITY_PRESETS.flatMap((p) => p.kpis.map((k) => k.id)),
      ...INTEGRATION_SET.map((k) => k.id)
    ])
  ];
  const kpis = (await repository.kpis(suggested)).sort((a, b) => a.id < b.id ? -1 : 1);
  return { kommuner, kpis: kpis.map((k) => ({ id: k.id, title: k.title })) };
}
export {
  pickers
};
//# sourceMappingURL=pickers.js.map
