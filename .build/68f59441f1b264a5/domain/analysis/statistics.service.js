import { AnalysisRepository } from "../../store/repositories/analysis.repository.js";
import {
  StatisticsRepository
} from "../../store/repositories/statistics.repository.js";
import { AnalysisInputError, KOMMUNER, requireKpis, SOURCE_NOTE } from "./analysis-input.js";
import { describeSorted, percentileOfRank } from "./descriptive.js";
const KPIS_PER_CHUNK = 50;
async function refreshStatistics(store, kpiIds, options = {}) {
  const started = performance.now();
  const repository = new StatisticsRepository(store);
  const sets = await repository.sets();
  const kpis = kpiIds ? [...new Set(kpiIds)].sort() : await repository.kpiIdsToRefresh();
  const computedAt = (/* @__PURE__ */ new Date()).toISOString();
  let statistics = 0;
  let ranks = 0;
  for (let i = 0; i < kpis.length; i += KPIS_PER_CHUNK) {
    const chunk = kpis.slice(i, i + KPIS_PER_CHUNK);
    const rows = statisticRows(sets, await collectBuckets(repository, chunk, sets));
    await repository.replace(chunk, rows, computedAt);
    statistics += rows.length;
    for (const r of rows) ranks += r.n;
    options.onProgress?.(Math.min(i + KPIS_PER_CHUNK, kpis.length), kpis.length);
  }
  return {
    kpis: kpis.length,
    statistics,
    ranks,
    sets: sets.map((s) => s.id),
    seconds: (performance.now() - started) / 1e3
  };
}
async function statisticSetsSignature(store) {
  const sets = await new StatisticsRepository(store).sets();
  return JSON.stringify(sets.map((s) => [s.id, s.members]));
}
const GENDER_INDEX = { T: 0, K: 1, M: 2 };
async function collectBuckets(repository, kpis, sets) {
  const setsOf = /* @__PURE__ */ new Map();
  sets.forEach((set, index) => {
    for (const member of set.members) setsOf.set(member, [...setsOf.get(member) ?? [], index]);
  });
  const byKpi = /* @__PURE__ */ new Map();
  await repository.forEachValue(kpis, (kpi, municipality, period, gender, value) => {
    const memberOf = setsOf.get(municipality);
    if (!memberOf || !Number.isFinite(value)) return;
    let buckets = byKpi.get(kpi);
    if (!buckets) {
      buckets = /* @__PURE__ */ new Map();
      byKpi.set(kpi, buckets);
    }
    for (const setIndex of memberOf) {
      const key = (period * 3 + (GENDER_INDEX[gender] ?? 0)) * sets.length + setIndex | 0;
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = { setId: sets[setIndex].id, kpi, period, gender, ids: [], values: [] };
        buckets.set(key, bucket);
      }
      bucket.ids.push(municipality);
      bucket.values.push(value);
    }
  });
  return [...byKpi.values()].flatMap((m) => [...m.values()]);
}
function statisticRows(sets, buckets) {
  const size = new Map(sets.map((s) => [s.id, s.members.length]));
  return buckets.map((b) => {
    const n = b.values.length;
    const order = b.ids.map((_, i) => i);
    order.sort((x, y) => b.values[y] - b.values[x] || (b.ids[x] < b.ids[y] ? -1 : 1));
    const ascending = new Float64Array(n);
    for (let i = 0; i < n; i++) ascending[n - 1 - i] = b.values[order[i]];
    const d = describeSorted(ascending);
    const ranking = [];
    let rank = 1;
    for (let i = 0; i < n; i++) {
      if (i > 0 && b.values[order[i]] !== b.values[order[i - 1]]) rank = i + 1;
      ranking.push([b.ids[order[i]], rank]);
    }
    return {
      kpi_id: b.kpi,
      set_id: b.setId,
      period: b.period,
      gender: b.gender,
      n,
      missing: Math.max(0, (size.get(b.setId) ?? n) - n),
      min: d.min,
      max: d.max,
      mean: d.mean,
      median: d.median,
      q1: d.q1,
      q3: d.q3,
      sd: d.sd,
      ranking: JSON.stringify(ranking)
    };
  });
}
function ranksOf(statistic) {
  const ties = /* @__PURE__ */ new Map();
  for (const [, rank] of statistic.ranking) ties.set(rank, (ties.get(rank) ?? 0) + 1);
  return statistic.ranking.map(([municipality, rank]) => ({
    municipality,
    rank,
    percentile: percentileOfRank(rank, ties.get(rank), statistic.n)
  }));
}
function rankOf(statistic, municipality) {
  const entry = statistic.ranking.find(([id]) => id === municipality);
  if (!entry) return null;
  const ties = statistic.ranking.filter(([, r]) => r === entry[1]).length;
  return { municipality, rank: entry[1], percentile: percentileOfRank(entry[1], ties, statistic.n) };
}
async function kpiStatistics(store, request) {
  const repository = new StatisticsRepository(store);
  const analysis = new AnalysisRepository(store.db);
  const gender = request.gender ?? "T";
  const [kpi] = await requireKpis(analysis, [request.kpi]);
  let setTitle = "Alla kommuner";
  let members;
  if (request.group) {
    const group = await analysis.group(request.group);
    if (!group)
      throw new AnalysisInputError(`ok\xE4nd kommungrupp / unknown municipality group: ${request.group}`, 404);
    setTitle = group.title;
    members = group.members;
  } else {
    members = await repository.members({ id: KOMMUNER, kind: "type" });
  }
  const setId = request.group ?? KOMMUNER;
  const precomputed = await repository.isPrecomputed(setId);
  const titles = new Map((await analysis.municipalities()).map((m) => [m.id, m.title]));
  let year = request.year;
  let statistic;
  let history = [];
  const all = precomputed ? await repository.distributions({ kpi: request.kpi, set: setId, genders: [gender] }) : [];
  if (all.length > 0) {
    year ??= Math.max(...all.map((s) => s.period));
    const found = all.find((s) => s.period === year);
    if (!found)
      throw new AnalysisInputError(`inga v\xE4rden f\xF6r ${request.kpi} \xE5r ${year} / no values in ${year}`, 404);
    statistic = found;
    history = all.map(({ ranking: _2, ...rest }) => rest);
  } else {
    if (year === void 0) {
      const latest = await analysis.latestPeriods([request.kpi], KOMMUNER, gender);
      year = latest.get(request.kpi);
      if (year === void 0) throw new AnalysisInputError(`inga v\xE4rden f\xF6r ${request.kpi} / no values`, 404);
    }
    const values2 = await analysis.values(request.kpi, year, gender);
    const bucket = { setId, kpi: request.kpi, period: year, gender, ids: [], values: [] };
    for (const id of members) {
      const v = values2.get(id);
      if (v !== void 0) {
        bucket.ids.push(id);
        bucket.values.push(v);
      }
    }
    if (bucket.ids.length === 0)
      throw new AnalysisInputError(
        `inga v\xE4rden f\xF6r ${request.kpi} \xE5r ${year} i gruppen / no values in the group`,
        404
      );
    const [row] = statisticRows([{ id: setId, kind: "group", members }], [bucket]);
    statistic = { ...row, ranking: JSON.parse(row.ranking), computed_at: null };
  }
  const values = await analysis.values(request.kpi, year, gender);
  const ranked = ranksOf(statistic);
  const withValue = new Set(ranked.map((r) => r.municipality));
  const { ranking: _, ...distribution } = statistic;
  return {
    analysis: "statistik",
    note: SOURCE_NOTE,
    method: "Kvartiler med linj\xE4r interpolation (R typ 7, Excel KVARTIL.INK); standardavvikelse f\xF6r urval (n \u2212 1); rang 1 = h\xF6gsta v\xE4rdet, lika v\xE4rden delar rang; percentil = andel med l\xE4gre v\xE4rde, lika r\xE4knas till h\xE4lften.",
    kpi: { id: kpi.id, title: kpi.title },
    set: { id: setId, title: setTitle, size: members.length, precomputed: statistic.computed_at !== null },
    year,
    gender,
    distribution,
    municipalities: ranked.map((r) => ({
      id: r.municipality,
      title: titles.get(r.municipality) ?? r.municipality,
      value: values.get(r.municipality) ?? null,
      rank: r.rank,
      percentile: r.percentile
    })),
    missing: members.filter((m) => !withValue.has(m)).map((id) => ({ id, title: titles.get(id) ?? id })),
    history
  };
}
export {
  kpiStatistics,
  rankOf,
  ranksOf,
  refreshStatistics,
  statisticRows,
  statisticSetsSignature
};
//# sourceMappingURL=statistics.service.js.map
