/**
 * Client entry: progressive enhancement only. Every page works without it; this adds the search
 * combobox, recent choices, charts and the sync progress line. Bundled by esbuild into /assets/app.js.
 */
import { initCharts } from './charts.js';
import { initRecent } from './recent.js';
import { initSearch } from './search.js';
import { initSyncStatus } from './status.js';
import { initTaxonomySearch } from './taxonomy-search.js';

document.documentElement.classList.add('js');
initSearch();
initRecent();
initCharts();
initSyncStatus();
initTaxonomySearch();
