import { INTEGRATION_AREAS, INTEGRATION_SET } from "../integration-set.js";
const STRUCTURE = {
  id: "struktur",
  title: "Struktur",
  description: "Befolkning (logaritmerad), \xE5lder, andel utrikes f\xF6dda, arbetsl\xF6shet, inkomst, utbildning, t\xE4tortsgrad och skattekraft.",
  kpis: [
    // Size compares as a ratio: 10 000 vs 20 000 invånare is as far apart as 100 000 vs 200 000.
    { id: "N01951", weight: 1, transform: "log" },
    // Invånare totalt, antal
    { id: "N02926", weight: 1 },
    // Utrikes födda, andel (%)
    { id: "N03920", weight: 1 },
    // Arbetslösa av befolkningen 18–65 år, andel (%)
    { id: "N00906", weight: 1 },
    // Sammanräknad förvärvsinkomst 20–64 år (median), kr
    { id: "N01982", weight: 1 },
    // Invånare 25–64 år med eftergymnasial utbildning, andel (%)
    { id: "N01994", weight: 1 },
    // Invånare 0–19 år, andel (%)
    { id: "N01960", weight: 1 },
    // Invånare 65+, andel (%)
    { id: "N00954", weight: 1 },
    // Tätortsgrad
    { id: "N00903", weight: 1 }
    // Skattekraft kommun, kr/inv
  ]
};
const NOT_FOR_SIMILARITY = /* @__PURE__ */ new Set(["N00485", "N00486"]);
function areaPresets() {
  return INTEGRATION_AREAS.map((area) => ({
    id: area.id,
    title: area.title,
    description: `Nyckeltalen i integrationsomr\xE5det \u201D${area.title}\u201D (utom antal, som mest m\xE4ter storlek).`,
    kpis: INTEGRATION_SET.filter(
      (k) => k.area === area.id && k.unit !== "antal" && !NOT_FOR_SIMILARITY.has(k.id)
    ).map((k) => ({ id: k.id, weight: 1 }))
  })).filter((p) => p.kpis.length > 0);
}
const SIMILARITY_PRESETS = [STRUCTURE, ...areaPresets()];
function similarityPreset(id) {
  return SIMILARITY_PRESETS.find((p) => p.id === id);
}
const SKR_MODEL = {
  id: "skr-integration",
  title: "Framg\xE5ngsrik lokal integration (SKR:s modell)",
  description: "Andel f\xF6rv\xE4rvsarbetande flyktingar 20\u201364 \xE5r f\xF6rklarad av vistelsetid, utbildningsniv\xE5 och arbetsl\xF6sheten bland inrikes f\xF6dda.",
  outcome: "N00700",
  predictors: ["N00704", "N00705", "N00706", "N00707", "N00708"],
  published: { expected: "N00485", deviation: "N00486" }
};
const MODEL_PRESETS = [SKR_MODEL];
export {
  MODEL_PRESETS,
  SIMILARITY_PRESETS,
  SKR_MODEL,
  similarityPreset
};
//# sourceMappingURL=presets.js.map
