import { INTEGRATION_AREAS, integrationKpi } from "../integration-set.js";
import { cellOf, NOT_APPLICABLE } from "./cell.js";
import { rankValues } from "./ranking.js";
import { RIKET_ID } from "./reference.js";
import {
  distribution,
  histogram,
  unweightedMean
} from "./statistics.js";
const MAX_TREND_KOMMUNER = 10;
class KpiViewService {
  constructor(comparison) {
    this.comparison = comparison;
  }
  comparison;
  async kpiView(q) {
    await this.comparison.freshness();
    const [kpis, catalog, dataset] = await Promise.all([
      this.comparison.kpiInfo([q.kpiId]),
      this.comparison.catalog(),
      this.comparison.dataset()
    ]);
    const kpi = kpis.get(q.kpiId);
    if (!kpi) return null;
    const municipality = q.municipalityId ? catalog.byId.get(q.municipalityId) ?? null : null;
    const chosen = municipality?.type === "K" ? municipality : null;
    const [rows, resolved, compared] = await Promise.all([
      this.comparison.kpiValues(kpi.id, q.gender),
      chosen ? this.comparison.resolveReference(chosen.id, q.ref, q.selection) : Promise.resolve(null),
      this.comparison.resolveKommuner(q.compare)
    ]);
    const byYear = /* @__PURE__ */ new Map();
    for (const r of rows) {
      const m = byYear.get(r.period);
      if (m) m.set(r.municipality, r);
      else byYear.set(r.period, /* @__PURE__ */ new Map([[r.municipality, r]]));
    }
    const kommunSet = new Set(catalog.kommunIds);
    const years = [...byYear.keys()].filter((y) => [...byYear.get(y).keys()].some((id) => kommunSet.has(id))).sort((a, b) => b - a);
    const year = q.year === "latest" ? years[0] ?? null : q.year;
    const atYear = year === null ? /* @__PURE__ */ new Map() : byYear.get(year) ?? /* @__PURE__ */ new Map();
    const reference = resolved?.reference ?? null;
    const members = new Set(reference && reference.option.kind !== "alla" ? reference.members : []);
    const ranks = rankValues(
      catalog.kommunIds.map((id) => ({ id, value: atYear.get(id)?.value ?? null })),
      kpi.direction
    );
    const notApplicable = kpi.municipalityType === "L" || q.gender !== "T" && !kpi.isDividedByGender;
    const ranking = catalog.kommunIds.map((id) => {
      const rank = ranks.get(id) ?? null;
      return {
        municipality: catalog.byId.get(id),
        cell: notApplicable ? NOT_APPLICABLE : cellOf(atYear.get(id)),
        rank,
        position: rank?.position ?? (kpi.direction && kpi.direction !== "neither" ? "missing" : "none"),
        chosen: id === chosen?.id,
        inReference: members.has(id)
      };
    });
    const present = ranking.filter((r) => r.cell.value !== null).map((r) => r.cell.value);
    const compare = compared.found.filter((m) => m.type === "K" && m.id !== chosen?.id).slice(0, MAX_TREND_KOMMUNER);
    const trend = buildTrend({
      byYear,
      kommuner: chosen ? [chosen, ...compare] : compare,
      referenceMembers: reference?.members ?? catalog.kommunIds,
      referenceId: reference?.option.param ?? "alla",
      referenceLabel: reference?.option.title ?? "Alla kommuner"
    });
    return {
      kpi,
      area: INTEGRATION_AREAS.find((a) => a.id === integrationKpi(kpi.id)?.area) ?? null,
      gender: q.gender,
      yearChoice: q.year,
      year,
      years,
      municipality: chosen,
      reference,
      referenceOptions: resolved?.options ?? [],
      referenceMean: reference ? unweightedMean(reference.members.map((id) => atYear.get(id)?.value ?? null)) : null,
      riket: cellOf(atYear.get(RIKET_ID)),
      ranking,
      distribution: distribution(present),
      histogram: histogram(present),
      trend,
      compare,
      unknownCompare: compared.unknown,
      dataset
    };
  }
}
function buildTrend(input) {
  const ids = input.kommuner.length > 0 ? input.kommuner.map((k) => k.id) : input.referenceMembers;
  const years = [...input.byYear.keys()].filter((y) => ids.some((id) => input.byYear.get(y)?.get(id)?.value != null)).sort((a, b) => a - b);
  const at = (y, id) => input.byYear.get(y)?.get(id)?.value ?? null;
  const series = input.kommuner.map((k) => ({
    id: k.id,
    label: k.title,
    kind: "kommun",
    values: years.map((y) => at(y, k.id))
  }));
  if (years.length === 0) return { years, series };
  series.push({
    id: `ref:${input.referenceId}`,
    label: input.referenceLabel,
    kind: "reference",
    values: years.map((y) => unweightedMean(input.referenceMembers.map((id) => at(y, id))).value)
  });
  series.push({ id: RIKET_ID, label: "Riket", kind: "riket", values: years.map((y) => at(y, RIKET_ID)) });
  return { years, series };
}
export {
  KpiViewService
};
//# sourceMappingURL=kpi-view.service.js.map
