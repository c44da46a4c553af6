import { initialMigration } from "./0001-initial.js";
import { kpiStatisticsMigration } from "./0002-kpi-statistics.js";
import { syncStateMigration } from "./0002-sync-state.js";
function migrationsFor(dialect) {
  return {
    "0001-initial": initialMigration(dialect),
    "0002-kpi-statistics": kpiStatisticsMigration(dialect),
    "0002-sync-state": syncStateMigration(dialect)
  };
}
export {
  migrationsFor
};
//# sourceMappingURL=index.js.map
