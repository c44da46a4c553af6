import { createPostgresValueWriter } from "./postgres-value-writer.js";
import { createSqliteValueWriter, createThreadedSqliteValueWriter } from "./sqlite-value-writer.js";
const UNIT_COLUMN = { municipality: "municipality_id", ou: "ou_id" };
const VALUE_TABLE = { municipality: "value", ou: "ou_value" };
function createValueWriter(store, options = {}) {
  if (store.dialect === "postgres")
    return createPostgresValueWriter(store.pool, { deferIndexes: options.deferIndexesWhenEmpty });
  const threaded = options.threaded && !store.sqlite.memory && store.sqlite.name !== "";
  return Promise.resolve(
    threaded ? createThreadedSqliteValueWriter(store.sqlite, { deferIndexes: options.deferIndexesWhenEmpty }) : createSqliteValueWriter(store.sqlite)
  );
}
export {
  UNIT_COLUMN,
  VALUE_TABLE,
  createValueWriter
};
//# sourceMappingURL=value-writer.js.map
