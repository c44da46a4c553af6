import { cellOf, NOT_APPLICABLE } from "./cell.js";
import { RIKET_ID } from "./reference.js";
const MAX_COMPARE_KOMMUNER = 12;
const MAX_COMPARE_KPIS = 30;
class CompareService {
  constructor(comparison) {
    this.comparison = comparison;
  }
  comparison;
  async compare(q) {
    await this.comparison.freshness();
    const [resolved, dataset] = await Promise.all([
      this.comparison.resolveKommuner(q.kommuner),
      this.comparison.dataset()
    ]);
    const allKommuner = resolved.found.filter((m) => m.type === "K");
    const kommuner = allKommuner.slice(0, MAX_COMPARE_KOMMUNER);
    const wanted = q.kpis.slice(0, MAX_COMPARE_KPIS);
    const kpis = await this.comparison.kpiInfo(wanted);
    const kpiIds = wanted.filter((id) => kpis.has(id));
    const base = {
      yearChoice: q.year,
      kommuner,
      unknownKommuner: [
        ...resolved.unknown,
        ...resolved.found.filter((m) => m.type !== "K").map((m) => m.title)
      ],
      kpiIds,
      unknownKpis: wanted.filter((id) => !kpis.has(id)),
      truncatedKommuner: allKommuner.length > MAX_COMPARE_KOMMUNER,
      truncatedKpis: q.kpis.length > MAX_COMPARE_KPIS,
      dataset
    };
    if (kommuner.length === 0 || kpiIds.length === 0) return { ...base, rows: [] };
    const ids = kommuner.map((k) => k.id);
    const series = await this.comparison.series(kpiIds, [...ids, RIKET_ID], ["T"]);
    const byKpi = /* @__PURE__ */ new Map();
    for (const r of series) {
      const list = byKpi.get(r.kpi);
      if (list) list.push(r);
      else byKpi.set(r.kpi, [r]);
    }
    const periods = /* @__PURE__ */ new Map();
    for (const id of kpiIds) {
      if (q.year !== "latest") periods.set(id, q.year);
      else {
        const withValue = (byKpi.get(id) ?? []).filter((r) => r.value !== null).map((r) => r.period);
        periods.set(id, withValue.length > 0 ? Math.max(...withValue) : null);
      }
    }
    const pairs = [...periods].filter((e) => e[1] !== null).map(([kpi, period]) => ({ kpi, period }));
    const everyKommun = await this.comparison.yearValues(pairs);
    const rows = kpiIds.map((id) => {
      const kpi = kpis.get(id);
      const period = periods.get(id) ?? null;
      const points = byKpi.get(id) ?? [];
      const at = new Map(points.map((r) => [`${r.municipality}|${r.period}`, r]));
      const all = period === null ? void 0 : everyKommun.get(`${id}:${period}`);
      const ranks = all?.ranks(kpi.direction) ?? /* @__PURE__ */ new Map();
      const notApplicable = kpi.municipalityType === "L";
      const cells = kommuner.map((m) => {
        const cell = notApplicable ? NOT_APPLICABLE : cellOf(at.get(`${m.id}|${period}`));
        const rank = cell.value === null ? null : ranks.get(m.id) ?? null;
        return {
          municipality: m,
          cell,
          rank,
          position: rank?.position ?? (kpi.direction && kpi.direction !== "neither" ? "missing" : "none")
        };
      });
      const years = [...new Set(points.filter((r) => r.value !== null).map((r) => r.period))].sort(
        (a, b) => a - b
      );
      const trend = {
        years,
        series: [
          ...kommuner.map((m) => ({
            id: m.id,
            label: m.title,
            kind: "kommun",
            values: years.map((y) => at.get(`${m.id}|${y}`)?.value ?? null)
          })),
          {
            id: RIKET_ID,
            label: "Riket",
            kind: "riket",
            values: years.map((y) => at.get(`${RIKET_ID}|${y}`)?.value ?? null)
          }
        ]
      };
      return {
        kpi,
        period,
        cells,
        riket: notApplicable ? NOT_APPLICABLE : cellOf(at.get(`${RIKET_ID}|${period}`)),
        trend
      };
    });
    return { ...base, rows };
  }
}
export {
  CompareService,
  MAX_COMPARE_KOMMUNER,
  MAX_COMPARE_KPIS
};
//# sourceMappingURL=compare.service.js.map
