import { sql } from "kysely";
const UNIT_PERIOD_INDEX = {
  municipality: { name: "value_municipality_id_period_idx", table: "value", unit: "municipality_id" },
  ou: { name: "ou_value_ou_id_period_idx", table: "ou_value", unit: "ou_id" }
};
function createUnitPeriodIndexSql(level) {
  const { name, table, unit } = UNIT_PERIOD_INDEX[level];
  return `create index if not exists ${name} on ${table} (${unit}, period)`;
}
function dropUnitPeriodIndexSql(level) {
  return `drop index if exists ${UNIT_PERIOD_INDEX[level].name}`;
}
function anyValueSql(level) {
  return `select 1 from ${UNIT_PERIOD_INDEX[level].table} limit 1`;
}
async function ensureValueIndexes(store) {
  const names = Object.values(UNIT_PERIOD_INDEX).map((i) => i.name);
  const catalogue = store.dialect === "sqlite" ? sql`select name from sqlite_master where type = 'index' and name in (${sql.join(names)})` : sql`select indexname as name from pg_indexes where indexname in (${sql.join(names)})`;
  const present = new Set((await catalogue.execute(store.db)).rows.map((r) => r.name));
  for (const level of Object.keys(UNIT_PERIOD_INDEX))
    if (!present.has(UNIT_PERIOD_INDEX[level].name))
      await sql.raw(createUnitPeriodIndexSql(level)).execute(store.db);
}
export {
  UNIT_PERIOD_INDEX,
  anyValueSql,
  createUnitPeriodIndexSql,
  dropUnitPeriodIndexSql,
  ensureValueIndexes
};
//# sourceMappingURL=value-indexes.js.map
