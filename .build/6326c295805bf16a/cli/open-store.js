import { loadSettings } from "../config/settings.js";
import { openStore } from "../store/database.js";
async function openConfiguredStore() {
  const settings = loadSettings();
  return openStore({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
}
export {
  openConfiguredStore
};
//# sourceMappingURL=open-store.js.map
