import { INTEGRATION_AREAS, INTEGRATION_SET } from "../integration-set.js";
import { cellOf, MISSING, NOT_APPLICABLE } from "./cell.js";
import { RIKET_ID } from "./reference.js";
import { unweightedMean } from "./statistics.js";
const SPARKLINE_YEARS = 10;
const SERIES_YEARS = 12;
class ProfileService {
  constructor(comparison) {
    this.comparison = comparison;
  }
  comparison;
  /** Null when the id is not a kommun. */
  async profile(q) {
    await this.comparison.freshness();
    const catalog = await this.comparison.catalog();
    const municipality = catalog.byId.get(q.municipalityId);
    if (municipality?.type !== "K") return null;
    const setIds = INTEGRATION_SET.map((k) => k.id);
    const fromPeriod = (q.year === "latest" ? (/* @__PURE__ */ new Date()).getFullYear() : q.year) - SERIES_YEARS;
    const [kpis, series, { reference, options }, dataset] = await Promise.all([
      this.comparison.kpiInfo(setIds),
      this.comparison.series(setIds, [municipality.id, RIKET_ID], ["T"], fromPeriod),
      this.comparison.resolveReference(municipality.id, q.ref, q.selection ?? []),
      this.comparison.dataset()
    ]);
    const years = [...new Set(series.filter((r) => r.value !== null).map((r) => r.period))].sort(
      (a, b) => b - a
    );
    const totals = indexSeries(series);
    const shown = /* @__PURE__ */ new Map();
    for (const id of setIds)
      shown.set(id, q.year === "latest" ? latestPeriod(totals, id, municipality.id) : q.year);
    const pairs = [...shown].filter((e) => e[1] !== null && kpis.has(e[0])).map(([kpi, period]) => ({ kpi, period }));
    const byGender = [...kpis.values()].filter((k) => k.isDividedByGender).map((k) => k.id);
    const [everyKommun, genderRows] = await Promise.all([
      this.comparison.yearValues(pairs),
      this.comparison.valuesAt(
        byGender,
        [municipality.id],
        [...new Set(pairs.map((p) => p.period))],
        ["K", "M"]
      )
    ]);
    const own = indexSeries([...series, ...genderRows]);
    const referenceKey = reference.option.kind === "urval" ? void 0 : reference.option.param;
    const areas = INTEGRATION_AREAS.map((area) => ({
      area,
      rows: INTEGRATION_SET.filter((k) => k.area === area.id && kpis.has(k.id)).map((k) => {
        const kpi = kpis.get(k.id);
        const period = shown.get(k.id) ?? null;
        const all = period === null ? void 0 : everyKommun.get(`${k.id}:${period}`);
        return this.row(kpi, period, municipality.id, own, all, reference.members, referenceKey);
      })
    })).filter((a) => a.rows.length > 0);
    return {
      municipality,
      year: q.year,
      years,
      reference,
      referenceOptions: options,
      areas,
      missingKpis: setIds.filter((id) => !kpis.has(id)),
      dataset
    };
  }
  row(kpi, period, municipalityId, own, all, referenceMembers, referenceKey) {
    const trend = trendOf(own, kpi.id, municipalityId, period);
    if (period === null || kpi.municipalityType === "L") {
      const cell = kpi.municipalityType === "L" ? NOT_APPLICABLE : MISSING;
      return {
        kpi,
        period,
        value: cell,
        women: cell,
        men: cell,
        rank: null,
        position: kpi.direction === "neither" || !kpi.direction ? "none" : "missing",
        reference: unweightedMean(referenceMembers.map(() => null)),
        riket: cell,
        trend
      };
    }
    const at = (m, g) => cellOf(own.get(`${kpi.id}|${m}|${period}|${g}`));
    const value = at(municipalityId, "T");
    const ranks = all?.ranks(kpi.direction) ?? /* @__PURE__ */ new Map();
    const rank = value.value === null ? null : ranks.get(municipalityId) ?? null;
    return {
      kpi,
      period,
      value,
      women: kpi.isDividedByGender ? at(municipalityId, "K") : NOT_APPLICABLE,
      men: kpi.isDividedByGender ? at(municipalityId, "M") : NOT_APPLICABLE,
      rank,
      position: rank?.position ?? (kpi.direction === "neither" || !kpi.direction ? "none" : "missing"),
      reference: all ? all.meanOf(referenceMembers, referenceKey) : unweightedMean(referenceMembers.map(() => null)),
      riket: cellOf(all?.get(RIKET_ID) ?? own.get(`${kpi.id}|${RIKET_ID}|${period}|T`)),
      trend
    };
  }
}
function indexSeries(rows) {
  const points = new Map(rows.map((r) => [`${r.kpi}|${r.municipality}|${r.period}|${r.gender}`, r]));
  const byKpi = /* @__PURE__ */ new Map();
  for (const r of rows) {
    const list = byKpi.get(r.kpi);
    if (list) list.push(r);
    else byKpi.set(r.kpi, [r]);
  }
  return { get: (key) => points.get(key), byKpi };
}
function latestPeriod(own, kpi, municipalityId) {
  let latest = null;
  for (const r of own.byKpi.get(kpi) ?? []) {
    if (r.gender !== "T" || r.value === null) continue;
    if (r.municipality !== municipalityId && r.municipality !== RIKET_ID) continue;
    if (latest === null || r.period > latest) latest = r.period;
  }
  return latest;
}
function trendOf(own, kpi, municipalityId, upTo) {
  const points = [];
  for (const r of own.byKpi.get(kpi) ?? []) {
    if (r.municipality === municipalityId && r.gender === "T" && r.value !== null) {
      if (upTo === null || r.period <= upTo) points.push({ period: r.period, value: r.value });
    }
  }
  points.sort((a, b) => a.period - b.period);
  return points.slice(-SPARKLINE_YEARS);
}
export {
  ProfileService
};
//# sourceMappingURL=profile.service.js.map
