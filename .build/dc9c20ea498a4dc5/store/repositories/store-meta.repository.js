import { sql } from "kysely";
class StoreMetaRepository {
  constructor(db) {
    this.db = db;
  }
  db;
  async get(key) {
    const row = await this.db.selectFrom("store_meta").select("value").where("key", "=", key).executeTakeFirst();
    return row?.value ?? null;
  }
  async set(key, value) {
    await this.db.insertInto("store_meta").values({ key, value }).onConflict((oc) => oc.column("key").doUpdateSet({ value })).execute();
  }
  /** "demo" only when demo data was loaded; otherwise "kolada" once any KPI exists. */
  async dataset() {
    if (await this.get("dataset") === "demo") return "demo";
    const any = await this.db.selectFrom("kpi").select("id").limit(1).executeTakeFirst();
    return any ? "kolada" : "empty";
  }
  /** One small query: it runs once per cacheable API request. */
  async dataVersion() {
    const { rows } = await sql`select count(*) as n, max(id) as last, max(finished_at) as finished,
         sum(case when finished_at is null then 1 else 0 end) as running,
         (select value from store_meta where key = 'dataset') as dataset
       from import_log`.execute(this.db);
    const row = rows[0];
    return {
      key: `${row?.n ?? 0}:${row?.last ?? 0}:${row?.finished ?? ""}:${row?.dataset ?? ""}`,
      running: Number(row?.running ?? 0) > 0,
      lastLoadedAt: row?.finished ?? null
    };
  }
}
export {
  StoreMetaRepository
};
//# sourceMappingURL=store-meta.repository.js.map
