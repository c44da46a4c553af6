import { initialMigration } from "./0001-initial.js";
import { kpiStatisticsMigration } from "./0002-kpi-statistics.js";
import { syncStateMigration } from "./0002-sync-state.js";
import { accountsMigration } from "./0020-accounts.js";
import { taxonomyMigration } from "./0030-taxonomy.js";
function migrationsFor(dialect) {
  return {
    "0001-initial": initialMigration(dialect),
    "0002-kpi-statistics": kpiStatisticsMigration(dialect),
    "0002-sync-state": syncStateMigration(dialect),
    "0020-accounts": accountsMigration(dialect),
    "0030-taxonomy": taxonomyMigration(dialect)
  };
}
export {
  migrationsFor
};
//# sourceMappingURL=index.js.map
