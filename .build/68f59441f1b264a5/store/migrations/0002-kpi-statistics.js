import { sql } from "kysely";
function kpiStatisticsMigration(dialect) {
  const clustered = dialect === "sqlite" ? sql`without rowid` : sql``;
  const real = sql.raw(dialect === "sqlite" ? "real" : "double precision");
  return {
    async up(db) {
      await db.schema.createTable("statistic_set").addColumn("id", "text", (c) => c.primaryKey()).addColumn("kind", "text", (c) => c.notNull()).addColumn("added_at", "text", (c) => c.notNull()).execute();
      await db.schema.createTable("kpi_statistic").addColumn("kpi_id", "text", (c) => c.notNull()).addColumn("set_id", "text", (c) => c.notNull()).addColumn("period", "integer", (c) => c.notNull()).addColumn("gender", "text", (c) => c.notNull()).addColumn("n", "integer", (c) => c.notNull()).addColumn("missing", "integer", (c) => c.notNull()).addColumn("min", real, (c) => c.notNull()).addColumn("max", real, (c) => c.notNull()).addColumn("mean", real, (c) => c.notNull()).addColumn("median", real, (c) => c.notNull()).addColumn("q1", real, (c) => c.notNull()).addColumn("q3", real, (c) => c.notNull()).addColumn("sd", real).addColumn("ranking", "text", (c) => c.notNull()).addColumn("computed_at", "text", (c) => c.notNull()).addPrimaryKeyConstraint("kpi_statistic_pk", ["kpi_id", "set_id", "period", "gender"]).modifyEnd(clustered).execute();
      await sql`insert into statistic_set (id, kind, added_at) values ('K', 'type', ${(/* @__PURE__ */ new Date()).toISOString()})`.execute(
        db
      );
    }
  };
}
export {
  kpiStatisticsMigration
};
//# sourceMappingURL=0002-kpi-statistics.js.map
