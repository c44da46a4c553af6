/**
 * Puts generated demo data into an empty store. The store is labelled "demo" before the first row is
 * written, so even a half-loaded store never passes for real data; a later successful sync removes
 * all of it (see syncFromKolada).
 */
import { refreshStatistics } from '../domain/analysis/statistics.service.js';
import type { SyncProgress } from '../kolada/sync-progress.js';
import { MetadataWriter } from '../store/bulk/metadata-writer.js';
import { createValueWriter } from '../store/bulk/value-writer.js';
import type { Store } from '../store/database.js';
import { DEMO_FIRST_YEAR, DEMO_LATEST_YEAR, generateDemoData } from './demo-generator.js';
import { loadDemoPlan } from './demo-plan.js';

export interface DemoLoadResult {
  kpis: number;
  municipalities: number;
  values: number;
  seconds: number;
}

export async function loadDemoData(store: Store, progress?: SyncProgress): Promise<DemoLoadResult> {
  const started = Date.now();
  const meta = store.repositories.storeMeta;
  const log = store.repositories.importLog;
  await meta.set('dataset', 'demo');
  const logId = await log.start('demo', `Etablera demo data ${DEMO_FIRST_YEAR}–${DEMO_LATEST_YEAR}`);
  let values = 0;
  try {
    progress?.phase('demo', 0, 'Genererar demodata');
    const data = await generateDemoData();
    progress?.phase('demo', data.values.size, 'Läser in demodata');
    const metadata = new MetadataWriter(store.db);
    await metadata.upsertMunicipalities(data.municipalities);
    await metadata.upsertKpis(data.kpis, 'demo');
    await metadata.replaceGroups('municipality', data.municipalityGroups);
    const writer = await createValueWriter(store);
    const changedAt = new Date().toISOString();
    try {
      for (const [kpi, rows] of data.values) {
        await writer.write('municipality', rows, changedAt);
        values += rows.length;
        progress?.advance(1, `Demodata: ${kpi}`);
        // SQLite writes block the event loop; let waiting requests through between KPIs.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      await writer.close();
    }
    await refreshStatistics(store.repositories.statistics);
    // A published demo plan, so Plan shows at once (/uppfoljning); removed with the demo data.
    await loadDemoPlan(store);
    const result = {
      kpis: data.kpis.length,
      municipalities: data.municipalities.length,
      values,
      seconds: (Date.now() - started) / 1000,
    };
    await log.finish(logId, 'ok', { ...result });
    return result;
  } catch (error) {
    // Still labelled demo; the log says how far the load came and why it stopped.
    await log.finish(logId, 'failed', { values }, (error as Error).message).catch(() => {});
    throw error;
  }
}
