import { AnalysisRepository } from "../../store/repositories/analysis.repository.js";
import { AnalysisInputError, choosePeriods, KOMMUNER, requireKpis, SOURCE_NOTE } from "./analysis-input.js";
import { similarityPreset } from "./presets.js";
import { findSimilar, SimilarityError } from "./similarity.js";
const REASON_TEXT = {
  "target-missing": "kommunen saknar v\xE4rde",
  "no-variation": "alla kommuner har samma v\xE4rde",
  "too-few-values": "f\xF6r f\xE5 kommuner har v\xE4rden",
  "non-positive-for-log": "v\xE4rden \u2264 0 kan inte logaritmeras",
  "zero-weight": "vikten \xE4r 0",
  "no-data": "inga v\xE4rden detta \xE5r eller tidigare"
};
const DEFAULT_SIMILAR = 10;
const MAX_SIMILAR = 50;
async function similarMunicipalities(store, request) {
  const repository = new AnalysisRepository(store.db);
  const gender = request.gender ?? "T";
  const limit = request.limit ?? DEFAULT_SIMILAR;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SIMILAR)
    throw new AnalysisInputError(`antal m\xE5ste vara 1\u2013${MAX_SIMILAR} / count must be 1\u2013${MAX_SIMILAR}`);
  const target = await repository.municipality(request.municipality);
  if (!target || target.type !== KOMMUNER)
    throw new AnalysisInputError(`ok\xE4nd kommun / unknown kommun: ${request.municipality}`, 404);
  const preset = request.kpis ? void 0 : similarityPreset(request.preset ?? "struktur");
  if (!request.kpis && !preset)
    throw new AnalysisInputError(`ok\xE4nt urval / unknown preset: ${request.preset}`, 404);
  const chosen = request.kpis ?? preset.kpis;
  if (chosen.length === 0) throw new AnalysisInputError("v\xE4lj minst ett nyckeltal / choose at least one KPI");
  const ids = chosen.map((k) => k.id);
  if (new Set(ids).size !== ids.length)
    throw new AnalysisInputError("ett nyckeltal st\xE5r tv\xE5 g\xE5nger / a KPI is listed twice");
  const info = new Map((await requireKpis(repository, ids)).map((k) => [k.id, k]));
  const { year, periods, noData } = await choosePeriods(repository, ids, gender, request.year);
  const kommuner = await repository.municipalities(KOMMUNER);
  const titles = new Map(kommuner.map((m) => [m.id, m.title]));
  const values = /* @__PURE__ */ new Map();
  for (const [kpi, period] of periods) values.set(kpi, await repository.values(kpi, period, gender));
  const usable = chosen.filter((k) => periods.has(k.id));
  let result;
  try {
    result = findSimilar({
      target: target.id,
      kpis: usable,
      values,
      candidates: kommuner.map((m) => m.id),
      limit
    });
  } catch (error) {
    if (error instanceof SimilarityError)
      throw new AnalysisInputError(
        `${error.message}${noData.length > 0 ? ` (utan data: ${noData.join(", ")})` : ""}`
      );
    throw error;
  }
  const valueAt = (kpi, id) => values.get(kpi)?.get(id) ?? null;
  const similar = result.similar.map((s) => ({
    id: s.id,
    title: titles.get(s.id) ?? s.id,
    index: s.index,
    contributions: s.contributions.map((c) => ({ ...c, value: valueAt(c.kpi, s.id) }))
  }));
  const leftOutKpis = [
    ...noData.map((kpi) => ({ kpi, reason: "no-data" })),
    ...result.leftOutKpis
  ].map((l) => ({ ...l, title: info.get(l.kpi)?.title ?? l.kpi, reasonText: REASON_TEXT[l.reason] }));
  return {
    analysis: "liknande",
    note: SOURCE_NOTE,
    method: "Skillnadsindex: viktat medelv\xE4rde av absoluta skillnader i standardiserade v\xE4rden (z-po\xE4ng \xF6ver alla kommuner med v\xE4rde).",
    municipality: { id: target.id, title: target.title },
    year,
    gender,
    preset: preset ? { id: preset.id, title: preset.title } : null,
    kpis: result.scales.map((s) => ({
      id: s.id,
      title: info.get(s.id)?.title ?? s.id,
      weight: s.weight,
      transform: s.transform,
      period: periods.get(s.id),
      mean: s.mean,
      sd: s.sd,
      n: s.n,
      value: valueAt(s.id, target.id)
    })),
    similar,
    compared: result.compared,
    leftOutKpis,
    leftOutMunicipalities: result.leftOutMunicipalities.map((m) => ({
      id: m.id,
      title: titles.get(m.id) ?? m.id,
      missing: m.missing
    })),
    // The comparator's own reference-group syntax: ref=urval with a comma list of kommun ids.
    comparatorUrl: `/kommun/${encodeURIComponent(target.id)}?ref=urval&urval=${similar.map((s) => encodeURIComponent(s.id)).join(",")}`
  };
}
export {
  DEFAULT_SIMILAR,
  MAX_SIMILAR,
  similarMunicipalities
};
//# sourceMappingURL=similarity.service.js.map
