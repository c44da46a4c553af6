import { selectMunicipalities } from "./metadata-reads.js";
class AnalysisRepository {
  constructor(db) {
    this.db = db;
  }
  db;
  async municipalities(type) {
    let q = selectMunicipalities(this.db);
    if (type) q = q.where("type", "=", type);
    return q.orderBy("title").orderBy("id").execute();
  }
  async municipality(id) {
    return selectMunicipalities(this.db).where("id", "=", id).executeTakeFirst();
  }
  async group(id) {
    const group = await this.db.selectFrom("municipality_group").select(["id", "title"]).where("id", "=", id).executeTakeFirst();
    if (!group) return void 0;
    const members = await this.db.selectFrom("municipality_group_member").select("municipality_id").where("group_id", "=", id).orderBy("municipality_id").execute();
    return { ...group, members: members.map((m) => m.municipality_id) };
  }
  async kpis(ids) {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom("kpi").select(["id", "title", "is_divided_by_gender", "unit", "direction"]).where("id", "in", ids).execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      isDividedByGender: r.is_divided_by_gender === 1,
      unit: r.unit,
      direction: r.direction
    }));
  }
  /** KPIs with precomputed statistics for all kommuner, for pickers: id and title. */
  async kpisWithStatistics() {
    return this.db.selectFrom("kpi").select(["kpi.id", "kpi.title"]).where(
      (eb) => eb.exists(
        eb.selectFrom("kpi_statistic").select("kpi_statistic.kpi_id").whereRef("kpi_statistic.kpi_id", "=", "kpi.id").where("kpi_statistic.set_id", "=", "K")
      )
    ).orderBy("kpi.id").execute();
  }
  /** Per KPI, the latest year at or before `year` (any year when omitted) with a value for a municipality of `type`. */
  async latestPeriods(kpis, type, gender, year) {
    if (kpis.length === 0) return /* @__PURE__ */ new Map();
    let q = this.db.selectFrom("value").innerJoin("municipality", "municipality.id", "value.municipality_id").select(["value.kpi_id", (eb) => eb.fn.max("value.period").as("period")]).where("value.kpi_id", "in", kpis).where("municipality.type", "=", type).where("value.gender", "=", gender).where("value.is_deleted", "=", 0).where("value.value", "is not", null);
    if (year !== void 0) q = q.where("value.period", "<=", year);
    const rows = await q.groupBy("value.kpi_id").execute();
    return new Map(rows.map((r) => [r.kpi_id, Number(r.period)]));
  }
  /** Non-missing values of one KPI in one year and gender, by municipality. */
  async values(kpi, period, gender) {
    const rows = await this.db.selectFrom("value").select(["municipality_id", "value"]).where("kpi_id", "=", kpi).where("period", "=", period).where("gender", "=", gender).where("is_deleted", "=", 0).where("value", "is not", null).execute();
    return new Map(rows.map((r) => [r.municipality_id, r.value]));
  }
}
export {
  AnalysisRepository
};
//# sourceMappingURL=analysis.repository.js.map
