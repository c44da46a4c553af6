import { sql } from "kysely";
import {
  describeKpi,
  selectMunicipalities
} from "./metadata-reads.js";
class ComparisonRepository {
  constructor(db) {
    this.db = db;
  }
  db;
  async municipalities() {
    return selectMunicipalities(this.db).orderBy("id").execute();
  }
  async group(id) {
    return this.db.selectFrom("municipality_group").select(["id", "title"]).where("id", "=", id).executeTakeFirst();
  }
  /** Every group the municipality is a member of (län, kommungrupp, liknande kommuner, networks…). */
  async groupsContaining(municipalityId) {
    return this.db.selectFrom("municipality_group_member as m").innerJoin("municipality_group as g", "g.id", "m.group_id").select(["g.id", "g.title"]).where("m.municipality_id", "=", municipalityId).orderBy("g.title").execute();
  }
  /** Groups whose title starts with the prefix (e.g. every "Liknande kommuner …" group). */
  async groupsTitled(prefix) {
    return this.db.selectFrom("municipality_group").select(["id", "title"]).where("title", "like", `${prefix.replace(/[%_]/g, "")}%`).orderBy("title").execute();
  }
  async groupMembers(groupIds) {
    const result = new Map(groupIds.map((id) => [id, []]));
    if (groupIds.length === 0) return result;
    const rows = await this.db.selectFrom("municipality_group_member").select(["group_id", "municipality_id"]).where("group_id", "in", groupIds).orderBy("group_id").orderBy("position").execute();
    for (const r of rows) result.get(r.group_id)?.push(r.municipality_id);
    return result;
  }
  async kpis(ids) {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom("kpi").selectAll().where("id", "in", ids).execute();
    return rows.map((r) => ({ ...describeKpi(r), direction: r.direction, unit: r.unit }));
  }
  /** KPIs whose id or title contains the text (case-insensitive), for pickers. */
  async findKpis(text, limit) {
    const like = `%${text.toLowerCase().replace(/[%_]/g, "")}%`;
    return this.db.selectFrom("kpi").select(["id", "title"]).where((eb) => eb.or([eb(sql`lower(title)`, "like", like), eb(sql`lower(id)`, "like", like)])).orderBy("id").limit(limit).execute();
  }
  /**
   * Values of the given KPIs, municipalities and years, one gender set. With every key column
   * constrained the backends answer by primary-key seeks, which is what keeps the profile page fast.
   */
  async valuesAt(q) {
    if (!q.kpis.length || !q.municipalities.length || !q.periods.length || !q.genders.length) return [];
    const rows = await this.db.selectFrom("value").select(["kpi_id", "municipality_id", "period", "gender", "value", "status"]).where("kpi_id", "in", q.kpis).where("municipality_id", "in", q.municipalities).where("period", "in", q.periods).where("gender", "in", q.genders).where("is_deleted", "=", 0).execute();
    return rows.map(toPoint);
  }
  /** The years (from `fromPeriod` on, if given) of some KPIs for a few municipalities: trends. */
  async series(q) {
    if (!q.kpis.length || !q.municipalities.length || !q.genders.length) return [];
    let query = this.db.selectFrom("value").select(["kpi_id", "municipality_id", "period", "gender", "value", "status"]).where("kpi_id", "in", q.kpis).where("municipality_id", "in", q.municipalities).where("gender", "in", q.genders).where("is_deleted", "=", 0);
    if (q.fromPeriod !== void 0) query = query.where("period", ">=", q.fromPeriod);
    return (await query.execute()).map(toPoint);
  }
  /** Everything one KPI holds for one gender: all municipalities, all years (the KPI page). */
  async kpiValues(kpi, gender) {
    const rows = await this.db.selectFrom("value").select(["kpi_id", "municipality_id", "period", "gender", "value", "status"]).where("kpi_id", "=", kpi).where("gender", "=", gender).where("is_deleted", "=", 0).execute();
    return rows.map(toPoint);
  }
}
function toPoint(r) {
  return {
    kpi: r.kpi_id,
    municipality: r.municipality_id,
    period: Number(r.period),
    gender: r.gender,
    value: r.value === null ? null : Number(r.value),
    status: r.status
  };
}
export {
  ComparisonRepository
};
//# sourceMappingURL=comparison.repository.js.map
