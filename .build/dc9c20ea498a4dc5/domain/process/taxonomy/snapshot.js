import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
const SNAPSHOT_FORMAT = 1;
const SNAPSHOT_FILE = new URL("./snapshot/taxonomy-snapshot.json.gz", import.meta.url);
const NOTICE = "Yrken, kompetenser och \xF6vriga begrepp: Arbetsf\xF6rmedlingen, JobTech Taxonomy (CC0 1.0). Yrkesprognoser: Arbetsf\xF6rmedlingen. This service uses the ESCO classification of the European Commission.";
function encodeSnapshot(p) {
  return {
    format: SNAPSHOT_FORMAT,
    source: p.source,
    version: p.version,
    notice: NOTICE,
    counts: p.counts,
    unjoined: p.unjoined,
    concepts: p.concepts.map((c) => [
      c.id,
      c.type,
      c.label,
      c.definition,
      c.code,
      c.deprecated,
      c.replaced_by
    ]),
    labels: p.labels.map((l) => [l.concept_id, l.lang, l.kind, l.label, l.source, l.reviewed]),
    relations: p.relations.map((r) => [r.kind, r.from_id, r.to_id, r.weight]),
    demand: {
      forecasts: p.forecasts.map((f) => [f.ssyk_code, f.concept_id, f.year, f.value, f.text, f.source]),
      regional: p.regional.map((r) => [
        r.forecast_occupation_id,
        r.region,
        r.index_value,
        r.national_short,
        r.national_long
      ]),
      regions: p.regions.map((r) => [r.kommun_code, r.kommun_name, r.region, r.region_name]),
      regionSource: p.regions[0]?.source ?? ""
    }
  };
}
function readSnapshot(file = SNAPSHOT_FILE) {
  const snapshot = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8"));
  if (snapshot.format !== SNAPSHOT_FORMAT)
    throw new Error(`taxonomy snapshot format ${snapshot.format} is not ${SNAPSHOT_FORMAT}: rebuild it`);
  return snapshot;
}
function snapshotToLoad(s) {
  const regionalSource = "Arbetsf\xF6rmedlingen, Yrkesprognoser";
  return {
    source: s.source,
    version: s.version,
    counts: s.counts,
    concepts: s.concepts.map(([id, type, label, definition, code, deprecated, replaced_by]) => ({
      id,
      type,
      label,
      definition,
      code,
      deprecated,
      replaced_by
    })),
    labels: s.labels.map(([concept_id, lang, kind, label, source, reviewed]) => ({
      concept_id,
      lang,
      kind,
      label,
      source,
      reviewed
    })),
    relations: s.relations.map(([kind, from_id, to_id, weight]) => ({ kind, from_id, to_id, weight })),
    // The snapshot is the whole picture of the sources it was built from.
    replaceLabelSources: [...new Set(s.labels.map((l) => l[4]))],
    demand: {
      forecasts: s.demand.forecasts.map(([ssyk_code, concept_id, year, value, text, source]) => ({
        ssyk_code,
        concept_id,
        year,
        value,
        text,
        source
      })),
      regional: s.demand.regional.map(
        ([forecast_occupation_id, region, index_value, national_short, national_long]) => ({
          forecast_occupation_id,
          region,
          index_value,
          national_short,
          national_long,
          source: regionalSource
        })
      ),
      regions: s.demand.regions.map(([kommun_code, kommun_name, region, region_name]) => ({
        kommun_code,
        kommun_name,
        region,
        region_name,
        source: s.demand.regionSource
      }))
    }
  };
}
export {
  NOTICE,
  SNAPSHOT_FILE,
  SNAPSHOT_FORMAT,
  encodeSnapshot,
  readSnapshot,
  snapshotToLoad
};
//# sourceMappingURL=snapshot.js.map
