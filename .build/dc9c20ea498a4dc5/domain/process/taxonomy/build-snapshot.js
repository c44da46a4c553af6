import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { readEscoOccupations } from "./esco-names.js";
import { readLabourRegions, readNationalForecast, readRegionalAssessments } from "./forecast-files.js";
import { emptyParts, readJobtechDataset } from "./jobtech-files.js";
const NOT_DATASETS = /* @__PURE__ */ new Set(["concept-types.json", "taxonomy_to_concept.json.gz"]);
const LEGACY_FILE = "taxonomy_to_concept.json.gz";
const SNAPSHOT_SOURCE = "JobTech Taxonomy dataset files (data.arbetsformedlingen.se), ESCO v1.0, Yrkesprognoser";
const SNAPSHOT_VERSION = "jobtech-datasets-2025-12; esco-1.0-2017; yrkesprognoser-2024-01";
function readText(file) {
  const bytes = readFileSync(file);
  return (file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}
const LEGACY_TYPES = { "driving-license": "driving-licence" };
function addLegacy(dir, concepts) {
  const legacy = JSON.parse(readText(join(dir, LEGACY_FILE)));
  let deprecated = 0;
  for (const [legacyType, entries] of Object.entries(legacy)) {
    const type = LEGACY_TYPES[legacyType] ?? legacyType;
    const current = type === "driving-licence";
    if (!current && type !== "occupation-name" && type !== "skill") continue;
    for (const e of Object.values(entries)) {
      if (concepts.has(e.conceptId)) continue;
      concepts.set(e.conceptId, {
        id: e.conceptId,
        type,
        label: e.preferredTerm,
        definition: null,
        code: null,
        deprecated: current ? 0 : 1,
        replaced_by: null
      });
      if (!current) deprecated++;
    }
  }
  return deprecated;
}
async function buildSnapshotParts(dir) {
  const parts = emptyParts();
  const taxonomyDir = join(dir, "jobtech-taxonomy");
  const files = readdirSync(taxonomyDir).filter((f) => /\.json(\.gz)?$/.test(f) && !NOT_DATASETS.has(f)).sort();
  for (const f of files) readJobtechDataset(readText(join(taxonomyDir, f)), f, parts);
  const legacyDeprecated = addLegacy(taxonomyDir, parts.concepts);
  const iscoConcepts = /* @__PURE__ */ new Map();
  for (const c of parts.concepts.values())
    if (c.type === "isco-level-4" && c.code) iscoConcepts.set(c.code, c.id);
  const en = readEscoOccupations(
    readText(join(dir, "esco/occupations_en.csv.gz")),
    "occupations_en.csv",
    "en",
    iscoConcepts,
    true
  );
  const ar = readEscoOccupations(
    readText(join(dir, "esco/occupations_ar.csv.gz")),
    "occupations_ar.csv",
    "ar",
    iscoConcepts,
    false
  );
  const prognosDir = join(dir, "yrkesprognoser");
  const forecasts = readNationalForecast(readText(join(prognosDir, "saved-PROD.json")), "saved-PROD.json");
  const regional = readRegionalAssessments(readText(join(prognosDir, "bedomning.csv")), "bedomning.csv");
  const regions = await readLabourRegions(readFileSync(join(prognosDir, "kommuner.xlsx")), "kommuner.xlsx");
  const byId = (a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  const concepts = [...parts.concepts.values()].sort(byId);
  const labels = [...parts.labels, ...en.labels, ...ar.labels];
  const relations = [...parts.relations.values()];
  const ssykCodes = new Set(concepts.filter((c) => c.type === "ssyk-level-4").map((c) => c.code));
  const forecastOccupations = [...new Set(regional.map((r) => r.forecast_occupation_id))].sort();
  const counts = {
    files: files.length + 1,
    legacyDeprecated,
    escoOccupations: en.occupations
  };
  for (const c of concepts) if (!c.deprecated) counts[c.type] = (counts[c.type] ?? 0) + 1;
  return {
    source: SNAPSHOT_SOURCE,
    version: SNAPSHOT_VERSION,
    counts,
    unjoined: {
      escoIscoGroupsWithoutJobtechConcept: [
        .../* @__PURE__ */ new Set([...en.unjoinedIscoGroups, ...ar.unjoinedIscoGroups])
      ].sort(),
      // bedomning.csv is keyed by forecast occupation; no file here maps those ids to SSYK.
      forecastOccupationsWithoutSsyk: forecastOccupations,
      nationalForecastSsykWithoutConcept: [...new Set(forecasts.map((f) => f.ssyk_code))].filter((s) => !ssykCodes.has(s)).sort()
    },
    concepts,
    labels,
    relations,
    forecasts,
    regional,
    regions
  };
}
export {
  SNAPSHOT_SOURCE,
  SNAPSHOT_VERSION,
  buildSnapshotParts
};
//# sourceMappingURL=build-snapshot.js.map
