import { sql } from "kysely";
class StatisticsRepository {
  constructor(store) {
    this.store = store;
  }
  store;
  get db() {
    return this.store.db;
  }
  /** The precomputed sets with their members ("K" = every municipality of type K). */
  async sets() {
    const rows = await this.db.selectFrom("statistic_set").select(["id", "kind"]).orderBy("id").execute();
    const sets = [];
    for (const row of rows) sets.push({ id: row.id, kind: row.kind, members: await this.members(row) });
    return sets;
  }
  /** Members of a set definition: a municipality type ("K") or a municipality group id. */
  async members(set) {
    if (set.kind === "type") {
      const rows2 = await this.db.selectFrom("municipality").select("id").where("type", "=", set.id).orderBy("id").execute();
      return rows2.map((r) => r.id);
    }
    const rows = await this.db.selectFrom("municipality_group_member").select("municipality_id").where("group_id", "=", set.id).orderBy("municipality_id").execute();
    return rows.map((r) => r.municipality_id);
  }
  async isPrecomputed(setId) {
    const row = await this.db.selectFrom("statistic_set").select("id").where("id", "=", setId).executeTakeFirst();
    return row !== void 0;
  }
  /** Registers a municipality group for precomputation (its statistics appear at the next refresh). */
  async addGroupSet(groupId) {
    await this.db.insertInto("statistic_set").values({ id: groupId, kind: "group", added_at: (/* @__PURE__ */ new Date()).toISOString() }).onConflict((oc) => oc.column("id").doNothing()).execute();
  }
  /** Stops precomputing a group and drops what was stored for it. */
  async removeGroupSet(groupId) {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("kpi_statistic").where("set_id", "=", groupId).execute();
      await trx.deleteFrom("statistic_set").where("id", "=", groupId).where("kind", "=", "group").execute();
    });
  }
  /** KPIs that have municipality values or stored statistics: what a full refresh must visit. */
  async kpiIdsToRefresh() {
    const withValues = await sql`
      with recursive k(id) as (
        select min(kpi_id) from value
        union all
        select (select min(v.kpi_id) from value v where v.kpi_id > k.id) from k where k.id is not null
      )
      select id from k where id is not null`.execute(this.db);
    const ids = new Set(withValues.rows.map((r) => r.id));
    for (const r of await this.db.selectFrom("kpi_statistic").select("kpi_id").distinct().execute())
      ids.add(r.kpi_id);
    return [...ids].sort();
  }
  /**
   * Calls `visit` for every non-missing, non-deleted municipality value of `kpiIds`. The database packs
   * each (KPI, municipality) into one text row, which follows the primary key (no sorting) and moves
   * ~25 times fewer rows through the driver than one row per value.
   */
  async forEachValue(kpiIds, visit) {
    if (kpiIds.length === 0) return;
    const result = await sql`
      select kpi_id, municipality_id,
        string_agg(cast(period as text) || ':' || gender || cast(value as text), ',') as packed
      from value
      where kpi_id in (${sql.join(kpiIds)}) and is_deleted = 0 and value is not null
      group by kpi_id, municipality_id`.execute(this.db);
    for (const row of result.rows) {
      for (const item of row.packed.split(",")) {
        const colon = item.indexOf(":");
        visit(
          row.kpi_id,
          row.municipality_id,
          Number(item.slice(0, colon)),
          item[colon + 1],
          Number(item.slice(colon + 2))
        );
      }
    }
  }
  /** Replaces everything stored for `kpiIds` with the given rows, in one transaction. */
  async replace(kpiIds, rows, computedAt) {
    if (kpiIds.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("kpi_statistic").where("kpi_id", "in", kpiIds).execute();
      for (let i = 0; i < rows.length; i += 1e3) {
        await trx.insertInto("kpi_statistic").values(rows.slice(i, i + 1e3).map((r) => ({ ...r, computed_at: computedAt }))).execute();
      }
    });
  }
  /** Stored statistics of one KPI in one set, by year then gender. */
  async distributions(filter) {
    let q = this.db.selectFrom("kpi_statistic").selectAll().where("kpi_id", "=", filter.kpi).where("set_id", "=", filter.set);
    if (filter.periods) q = q.where("period", "in", nonEmpty(filter.periods));
    if (filter.genders) q = q.where("gender", "in", nonEmpty(filter.genders));
    return (await q.orderBy("period").orderBy("gender").execute()).map(parseRanking);
  }
  /** Stored statistics of several KPIs in one set (a municipality's profile), by KPI, year, gender. */
  async distributionsOf(kpis, set, periods) {
    let q = this.db.selectFrom("kpi_statistic").selectAll().where("kpi_id", "in", nonEmpty(kpis)).where("set_id", "=", set);
    if (periods) q = q.where("period", "in", nonEmpty(periods));
    return (await q.orderBy("kpi_id").orderBy("period").orderBy("gender").execute()).map(parseRanking);
  }
  /** Years with stored statistics for a KPI in a set, newest first. */
  async periods(kpi, set) {
    const rows = await this.db.selectFrom("kpi_statistic").select("period").distinct().where("kpi_id", "=", kpi).where("set_id", "=", set).orderBy("period", "desc").execute();
    return rows.map((r) => Number(r.period));
  }
  async count() {
    const row = await this.db.selectFrom("kpi_statistic").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
function parseRanking(row) {
  return { ...row, period: Number(row.period), ranking: JSON.parse(row.ranking) };
}
function nonEmpty(values) {
  return values.length > 0 ? values : [null];
}
export {
  StatisticsRepository
};
//# sourceMappingURL=statistics.repository.js.map
