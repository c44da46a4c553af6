import { sql } from "kysely";
function toRecord(r) {
  return {
    kpi: r.kpi_id,
    municipality: r.municipality_id,
    period: r.period,
    gender: r.gender,
    value: r.value,
    count: r.count,
    status: r.status,
    isDeleted: r.is_deleted === 1,
    changedAt: r.changed_at
  };
}
class ValueRepository {
  constructor(db) {
    this.db = db;
  }
  db;
  filtered(filter) {
    let q = this.db.selectFrom("value");
    if (filter.kpis) q = q.where("kpi_id", "in", nonEmpty(filter.kpis));
    if (filter.municipalities) q = q.where("municipality_id", "in", nonEmpty(filter.municipalities));
    if (filter.years) q = q.where("period", "in", nonEmpty(filter.years));
    if (filter.genders) q = q.where("gender", "in", nonEmpty(filter.genders));
    if (filter.changedSince) q = q.where("changed_at", ">=", filter.changedSince);
    else q = q.where("is_deleted", "=", 0);
    return q;
  }
  /** Values in a stable order (KPI, municipality, year, gender), optionally one page of them. */
  async find(filter, page) {
    let q = this.filtered(filter).selectAll().orderBy("kpi_id").orderBy("municipality_id").orderBy("period").orderBy("gender");
    if (page) q = q.limit(page.limit).offset(page.offset);
    return (await q.execute()).map(toRecord);
  }
  async count(filter) {
    const row = await this.filtered(filter).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  }
  /** Streams values in the stable order without holding them all in memory (exports). */
  async *stream(filter, chunkSize = 5e3) {
    const q = this.filtered(filter).selectAll().orderBy("kpi_id").orderBy("municipality_id").orderBy("period").orderBy("gender");
    for await (const row of q.stream(chunkSize)) yield toRecord(row);
  }
  /**
   * Group values: the unweighted mean of the members' values, with `count` = members that have a value.
   * This is Etablera's own computation (as Kolada does it), not a figure published by Kolada.
   */
  async groupMeans(filter) {
    let q = this.db.selectFrom("value as v").innerJoin("municipality_group_member as g", "g.municipality_id", "v.municipality_id").where("g.group_id", "in", nonEmpty(filter.groups)).where("v.is_deleted", "=", 0).where("v.value", "is not", null);
    if (filter.kpis) q = q.where("v.kpi_id", "in", nonEmpty(filter.kpis));
    if (filter.years) q = q.where("v.period", "in", nonEmpty(filter.years));
    if (filter.genders) q = q.where("v.gender", "in", nonEmpty(filter.genders));
    const rows = await q.select([
      "v.kpi_id",
      "g.group_id as municipality_id",
      "v.period",
      "v.gender",
      sql`avg(v.value)`.as("value"),
      sql`count(v.value)`.as("count"),
      sql`max(v.changed_at)`.as("changed_at")
    ]).groupBy(["v.kpi_id", "g.group_id", "v.period", "v.gender"]).orderBy("v.kpi_id").orderBy("g.group_id").orderBy("v.period").orderBy("v.gender").execute();
    return rows.map(
      (r) => toRecord({ ...r, value: Number(r.value), count: Number(r.count), status: "", is_deleted: 0 })
    );
  }
  /**
   * One page of data items (KPI + unit + period with its gender values) for the Kolada-compatible API:
   * Kolada pages count items, not values. At most two queries a page.
   */
  itemPage(level, filter, request) {
    return new ItemPageReader(this.db).page(level, filter, request);
  }
  /** Values changed on or after `since` (ISO date or timestamp), deleted ones included. */
  changesSince(since, filter = {}, page) {
    return this.find({ ...filter, changedSince: since }, page);
  }
}
const MAX_VALUES_PER_ITEM = 3;
const LEVEL_TABLE = { municipality: ["value", "municipality_id"], ou: ["ou_value", "ou_id"] };
class ItemPageReader {
  constructor(db) {
    this.db = db;
  }
  db;
  async page(level, filter, request) {
    const [table, unit] = LEVEL_TABLE[level];
    const conditions = this.conditions(level, filter);
    const where = sql.join(conditions, sql` and `);
    const t = sql.table(table);
    const u = sql.ref(unit);
    let start;
    if (request.offset > 0) {
      const first = await sql`
        select kpi_id, ${u} as unit_id, period from ${t} where ${where}
        group by kpi_id, ${u}, period order by kpi_id, ${u}, period
        limit 1 offset ${request.offset}`.execute(this.db);
      start = first.rows[0];
      if (!start) return { records: [], items: 0, hasMore: false };
    }
    const from = start ? sql` and (kpi_id, ${u}, period) >= (${start.kpi_id}, ${start.unit_id}, ${Number(start.period)})` : sql``;
    const fetchLimit = request.limit * MAX_VALUES_PER_ITEM + 1;
    const { rows } = await sql`
      select kpi_id, ${u} as unit_id, period, gender, value, count, status, is_deleted, changed_at
      from ${t} where ${where}${from}
      order by kpi_id, ${u}, period, gender limit ${fetchLimit}`.execute(this.db);
    const records = [];
    let items = 0;
    let hasMore = false;
    let last;
    for (const r of rows) {
      if (!last || last.kpi_id !== r.kpi_id || last.unit_id !== r.unit_id || last.period !== r.period) {
        if (items === request.limit) {
          hasMore = true;
          break;
        }
        items++;
      }
      last = r;
      records.push({
        kpi: r.kpi_id,
        unit: r.unit_id,
        period: Number(r.period),
        gender: r.gender,
        value: r.value === null ? null : Number(r.value),
        count: Number(r.count),
        status: r.status,
        isDeleted: Number(r.is_deleted) === 1,
        changedAt: r.changed_at
      });
    }
    return { records, items, hasMore };
  }
  conditions(level, filter) {
    const unit = sql.ref(LEVEL_TABLE[level][1]);
    const list = (values) => sql.join(values.length > 0 ? values : [null]);
    const conditions = [];
    if (filter.kpis) conditions.push(sql`kpi_id in (${list(filter.kpis)})`);
    if (filter.units) conditions.push(sql`${unit} in (${list(filter.units)})`);
    if (filter.years) conditions.push(sql`period in (${list(filter.years)})`);
    if (level === "municipality" && filter.municipalityTypes)
      conditions.push(
        sql`${unit} in (select id from municipality where type in (${list(filter.municipalityTypes)}))`
      );
    if (level === "ou" && filter.ouMunicipalities)
      conditions.push(
        sql`${unit} in (select id from ou where municipality_id in (${list(filter.ouMunicipalities)}))`
      );
    if (filter.changedSince) conditions.push(sql`changed_at >= ${filter.changedSince}`);
    else conditions.push(sql`is_deleted = 0`);
    return conditions;
  }
}
function nonEmpty(values) {
  return values.length > 0 ? values : [null];
}
export {
  ValueRepository
};
//# sourceMappingURL=value.repository.js.map
