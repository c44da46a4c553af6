import { refreshStatistics } from "../domain/analysis/statistics.service.js";
import { INTEGRATION_KPI_IDS } from "../domain/integration-set.js";
import {
  ItemError,
  parseDataItem,
  parseGroup,
  parseKpi,
  parseMunicipality,
  parseOu
} from "../import/item-parsers.js";
import { MetadataWriter } from "../store/bulk/metadata-writer.js";
import { createValueWriter } from "../store/bulk/value-writer.js";
import { ImportLogRepository } from "../store/repositories/import-log.repository.js";
import { StoreMetaRepository } from "../store/repositories/store-meta.repository.js";
import { SyncStateRepository, valueKey } from "../store/repositories/sync-state.repository.js";
import { tryAcquireSqliteSyncLock } from "../store/sqlite-sync-lock.js";
import { idSegments, KoladaRequestError } from "./kolada-client.js";
import { diffValues } from "./value-diff.js";
const FIRST_YEAR = 1990;
function defaultYears(now = /* @__PURE__ */ new Date()) {
  const years = [];
  for (let y = FIRST_YEAR; y <= now.getUTCFullYear(); y++) years.push(y);
  return years;
}
class SyncDataError extends Error {
}
const DAY_MS = 864e5;
const META_STEPS = [
  {
    item: "meta:municipality",
    path: "/municipality",
    write: (w, items) => w.upsertMunicipalities(parseAll(items, parseMunicipality, "municipality"))
  },
  {
    item: "meta:kpi",
    path: "/kpi",
    write: (w, items) => w.upsertKpis(parseAll(items, parseKpi, "kpi"), "kolada")
  },
  { item: "meta:ou", path: "/ou", write: (w, items) => w.upsertOus(parseAll(items, parseOu, "ou")) },
  {
    item: "meta:municipality_groups",
    path: "/municipality_groups",
    write: (w, items) => w.replaceGroups("municipality", parseAll(items, parseGroup, "municipality_groups"))
  },
  {
    item: "meta:kpi_groups",
    path: "/kpi_groups",
    write: (w, items) => w.replaceGroups("kpi", parseAll(items, parseGroup, "kpi_groups"))
  }
];
function parseAll(items, parse, what) {
  return items.map((item, i) => {
    try {
      return parse(item);
    } catch (error) {
      if (error instanceof ItemError)
        throw new SyncDataError(`Kolada sent an invalid ${what} object (values[${i}]): ${error.message}`);
      throw error;
    }
  });
}
function describeSelection(selection, years) {
  const what = selection.all ? "all KPIs" : selection.kpiGroups?.length ? `KPI groups ${selection.kpiGroups.join(",")}` : selection.kpis?.length ? `KPIs ${selection.kpis.length > 5 ? `${selection.kpis.slice(0, 5).join(",")},\u2026 (${selection.kpis.length})` : selection.kpis.join(",")}` : "the integration set";
  return `${what}, years ${years[0]}\u2013${years[years.length - 1]}`;
}
class SyncBusyError extends Error {
}
async function syncFromKolada(store, client, selection = {}, options = {}) {
  const fileLock = store.dialect === "sqlite" ? tryAcquireSqliteSyncLock(store.location) : void 0;
  if (fileLock === null) throw new SyncBusyError(BUSY);
  try {
    const result = await new SyncStateRepository(store.db).withSyncLock(
      store.dialect,
      () => syncLocked(store, client, selection, options)
    );
    if (result === null) throw new SyncBusyError(BUSY);
    return result;
  } finally {
    fileLock?.release();
  }
}
const BUSY = "another Etablera process is syncing this store; try again when it has finished";
async function syncLocked(store, client, selection, options) {
  const started = Date.now();
  const requestsBefore = client.stats.requests;
  const retriesBefore = client.stats.retries;
  const years = [...new Set(selection.years ?? defaultYears())].sort((a, b) => a - b);
  if (years.length === 0) throw new RangeError("no years to sync");
  const state = new SyncStateRepository(store.db);
  const meta = new StoreMetaRepository(store.db);
  const importLog = new ImportLogRepository(store.db);
  const progress = options.progress;
  const log = options.log ?? (() => {
  });
  const isDemo = await meta.get("dataset") === "demo";
  const withMetadata = selection.metadata !== false || isDemo;
  const selectionKey = JSON.stringify({
    kpis: selection.kpis ?? null,
    kpiGroups: selection.kpiGroups ?? null,
    all: selection.all ?? false,
    years,
    metadata: withMetadata,
    full: options.full ?? false
  });
  await state.closeInterruptedSyncLogs();
  let run = await state.unfinishedRun(selectionKey, client.baseUrl);
  const resumed = run !== null;
  if (run) {
    await state.markRunning(run.id);
    log(`Resuming sync run #${run.id} (started ${run.startedAt}; ${run.done.size} steps already done)`);
  } else run = await state.startRun(selectionKey, client.baseUrl);
  const description = describeSelection(selection, years);
  const logId = await importLog.start("sync", `${client.baseUrl} (${description})`);
  const summary = {
    runId: run.id,
    resumed,
    kpis: 0,
    kpisAlreadyDone: 0,
    requests: 0,
    retries: 0,
    valuesAdded: 0,
    valuesChanged: 0,
    valuesDeleted: 0,
    seconds: 0,
    failed: [],
    unknownKpis: []
  };
  const finish = () => {
    summary.requests = client.stats.requests - requestsBefore;
    summary.retries = client.stats.retries - retriesBefore;
    summary.seconds = (Date.now() - started) / 1e3;
    return summary;
  };
  const counts = () => ({
    ...finish(),
    failed: summary.failed.length,
    unknownKpis: summary.unknownKpis.length
  });
  try {
    if (withMetadata) await syncMetadata(store, client, state, run, isDemo, options);
    if (isDemo) {
      await meta.set("dataset", "kolada");
      log("Demo data replaced by data from Kolada");
    }
    const known = new Set(await state.knownKpiIds());
    let kpis;
    if (selection.all) kpis = [...known];
    else if (selection.kpiGroups?.length) {
      const { kpis: members, unknownGroups } = await state.kpiGroupMembers(selection.kpiGroups);
      if (unknownGroups.length) throw new SyncDataError(`unknown KPI group(s): ${unknownGroups.join(", ")}`);
      kpis = members;
    } else kpis = [...new Set(selection.kpis?.length ? selection.kpis : INTEGRATION_KPI_IDS)];
    summary.kpis = kpis.length;
    summary.unknownKpis = known.size > 0 ? kpis.filter((k) => !known.has(k)) : [];
    if (summary.unknownKpis.length)
      log(`Not in Kolada's KPI catalogue (fetched anyway): ${summary.unknownKpis.join(", ")}`);
    await syncValues(store, client, state, run, kpis, years, summary, options);
    await refreshStatistics(store, kpis);
    const status = summary.failed.length === 0 ? "ok" : "failed";
    await state.finishRun(run.id, status, counts());
    await importLog.finish(
      logId,
      status,
      counts(),
      summary.failed.length ? `${summary.failed.length} KPI(s) failed; run the same command again to retry them` : void 0
    );
    progress?.end(
      status === "ok" ? "done" : "failed",
      status === "ok" ? `Klart: ${kpis.length} nyckeltal fr\xE5n Kolada` : `${summary.failed.length} nyckeltal kunde inte h\xE4mtas`
    );
    return finish();
  } catch (error) {
    await state.finishRun(run.id, "failed", counts()).catch(() => {
    });
    await importLog.finish(logId, "failed", counts(), error.message).catch(() => {
    });
    progress?.end("failed", error.message);
    throw error;
  }
}
async function syncMetadata(store, client, state, run, isDemo, options) {
  const writer = new MetadataWriter(store.db);
  const steps = META_STEPS.filter((s) => !run.done.has(s.item));
  options.progress?.phase("metadata", META_STEPS.length, "H\xE4mtar metadata fr\xE5n Kolada");
  options.progress?.advance(META_STEPS.length - steps.length);
  let demoCleared = !isDemo;
  for (const step of steps) {
    options.log?.(`Fetching ${step.path}`);
    const items = await client.all(step.path);
    if (!demoCleared) {
      await state.clearDemoData();
      demoCleared = true;
    }
    await step.write(writer, items);
    await state.markDone(run.id, step.item);
    options.progress?.advance(1, `Metadata: ${step.path.slice(1)} (${items.length})`);
  }
}
async function syncValues(store, client, state, run, kpis, years, summary, options) {
  const progress = options.progress;
  const pending = kpis.filter((k) => !run.done.has(`kpi:${k}`));
  summary.kpisAlreadyDone = kpis.length - pending.length;
  progress?.phase("values", kpis.length, "H\xE4mtar nyckeltal fr\xE5n Kolada");
  progress?.advance(summary.kpisAlreadyDone);
  const states = await state.kpiStates(pending);
  const yearSet = new Set(years);
  const segments = idSegments(years);
  const writer = await createValueWriter(store);
  let writing = Promise.resolve();
  const exclusive = (task) => {
    const next = writing.then(task);
    writing = next.catch(() => {
    });
    return next;
  };
  const syncKpi = async (kpi) => {
    const previous = states.get(kpi);
    const incremental = !options.full && previous !== void 0 && years.every((y) => previous.years.includes(y));
    const highWater = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
    const fetched = /* @__PURE__ */ new Map();
    for (const segment of segments) {
      const query = incremental ? { from_date: previous.highWater } : {};
      for await (const item of client.items(`/data/kpi/${kpi}/year/${segment}`, query)) {
        let rows;
        try {
          rows = parseDataItem(item, "data");
        } catch (error) {
          if (error instanceof ItemError)
            throw new SyncDataError(`Kolada sent an invalid data item for ${kpi}: ${error.message}`);
          throw error;
        }
        for (const row of rows)
          if (row.kpi === kpi && yearSet.has(row.period))
            fetched.set(valueKey(row.unit, row.period, row.gender), row);
      }
    }
    await exclusive(async () => {
      const current = await state.currentValues(kpi, years);
      const diff = diffValues(kpi, current, fetched, !incremental);
      if (diff.changes.length > 0) await writer.write("municipality", diff.changes, (/* @__PURE__ */ new Date()).toISOString());
      await state.setKpiState({ kpi, highWater, years: incremental ? previous.years : [...years] });
      await state.markDone(run.id, `kpi:${kpi}`);
      summary.valuesAdded += diff.added;
      summary.valuesChanged += diff.changed;
      summary.valuesDeleted += diff.deleted;
    });
  };
  try {
    await runPool(pending, options.concurrency ?? 4, async (kpi) => {
      try {
        await syncKpi(kpi);
        progress?.advance(1, `Nyckeltal ${kpi}`);
      } catch (error) {
        if (!(error instanceof KoladaRequestError || error instanceof SyncDataError)) throw error;
        summary.failed.push({ kpi, message: error.message });
        options.log?.(`${kpi} failed: ${error.message}`);
        progress?.advance(1, `${kpi} misslyckades`);
      }
    });
  } finally {
    await writing;
    await writer.close();
  }
}
async function runPool(items, concurrency, task) {
  let next = 0;
  let failure = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const item = items[next++];
      try {
        await task(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failure !== null) throw failure;
}
export {
  FIRST_YEAR,
  SyncBusyError,
  SyncDataError,
  defaultYears,
  syncFromKolada
};
//# sourceMappingURL=sync.service.js.map
