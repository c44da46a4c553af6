import { initCharts } from "./charts.js";
import { initRecent } from "./recent.js";
import { initSearch } from "./search.js";
import { initSyncStatus } from "./status.js";
document.documentElement.classList.add("js");
initSearch();
initRecent();
initCharts();
initSyncStatus();
//# sourceMappingURL=main.js.map
