import { refreshStatistics } from "../domain/analysis/statistics.service.js";
import { MetadataWriter } from "../store/bulk/metadata-writer.js";
import { createValueWriter } from "../store/bulk/value-writer.js";
import { ImportLogRepository } from "../store/repositories/import-log.repository.js";
import { StoreMetaRepository } from "../store/repositories/store-meta.repository.js";
import { DEMO_FIRST_YEAR, DEMO_LATEST_YEAR, generateDemoData } from "./demo-generator.js";
async function loadDemoData(store, progress) {
  const started = Date.now();
  const meta = new StoreMetaRepository(store.db);
  const log = new ImportLogRepository(store.db);
  await meta.set("dataset", "demo");
  const logId = await log.start("demo", `Etablera demo data ${DEMO_FIRST_YEAR}\u2013${DEMO_LATEST_YEAR}`);
  progress?.phase("demo", 0, "Genererar demodata");
  const data = await generateDemoData();
  progress?.phase("demo", data.values.size, "L\xE4ser in demodata");
  const metadata = new MetadataWriter(store.db);
  await metadata.upsertMunicipalities(data.municipalities);
  await metadata.upsertKpis(data.kpis, "demo");
  await metadata.replaceGroups("municipality", data.municipalityGroups);
  const writer = await createValueWriter(store);
  let values = 0;
  const changedAt = (/* @__PURE__ */ new Date()).toISOString();
  try {
    for (const [kpi, rows] of data.values) {
      await writer.write("municipality", rows, changedAt);
      values += rows.length;
      progress?.advance(1, `Demodata: ${kpi}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await writer.close();
  }
  await refreshStatistics(store);
  const result = {
    kpis: data.kpis.length,
    municipalities: data.municipalities.length,
    values,
    seconds: (Date.now() - started) / 1e3
  };
  await log.finish(logId, "ok", { ...result });
  return result;
}
export {
  loadDemoData
};
//# sourceMappingURL=demo-loader.js.map
