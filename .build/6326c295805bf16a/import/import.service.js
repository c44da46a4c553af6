import { basename } from "node:path";
import { refreshStatistics, statisticSetsSignature } from "../domain/analysis/statistics.service.js";
import { MetadataWriter } from "../store/bulk/metadata-writer.js";
import { createValueWriter } from "../store/bulk/value-writer.js";
import { ImportLogRepository } from "../store/repositories/import-log.repository.js";
import { ImportError } from "./import-error.js";
import {
  detectKind,
  ItemError,
  parseDataItem,
  parseGroup,
  parseKpi,
  parseMunicipality,
  parseOu
} from "./item-parsers.js";
import { openSource } from "./item-source.js";
const FLUSH_ROWS = 5e4;
const PROGRESS_EVERY_MS = 200;
const META_KINDS = /* @__PURE__ */ new Set([
  "kpi",
  "municipality",
  "kpi_groups",
  "municipality_groups",
  "ou"
]);
async function importFiles(store, files, options = {}) {
  const planned = [];
  for (const file of files) planned.push({ file, kind: await peekKind(file, options.skipInvalid ?? false) });
  const order = [
    "municipality",
    "kpi",
    "ou",
    "municipality_groups",
    "kpi_groups",
    "data",
    "oudata",
    "empty"
  ];
  planned.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const reports = [];
  const touchedKpis = /* @__PURE__ */ new Set();
  const setsBefore = await statisticSetsSignature(store);
  const refresh = async () => {
    const setsChanged = await statisticSetsSignature(store) !== setsBefore;
    if (setsChanged || touchedKpis.size > 0)
      await refreshStatistics(store, setsChanged ? void 0 : [...touchedKpis]);
  };
  try {
    for (const { file, kind } of planned)
      reports.push(await importFile(store, file, kind, options, touchedKpis));
  } catch (error) {
    await refresh().catch(() => {
    });
    throw error;
  }
  await refresh();
  return reports;
}
async function peekKind(file, skipInvalid) {
  const source = await openSource(file);
  for await (const { item, location, invalid } of source.items) {
    if (invalid) {
      if (skipInvalid) continue;
      throw new ImportError(location, invalid);
    }
    try {
      return detectKind(item, basename(file));
    } catch (error) {
      throw new ImportError(location, error.message);
    }
  }
  return "empty";
}
async function importFile(store, file, kind, options, touchedKpis) {
  const started = Date.now();
  const report = {
    file,
    kind,
    items: 0,
    values: 0,
    written: 0,
    unchanged: 0,
    skipped: { count: 0, examples: [] },
    unknownKpis: {},
    unknownUnits: {},
    seconds: 0
  };
  const log = new ImportLogRepository(store.db);
  const logId = await log.start("import", file);
  try {
    if (kind !== "empty") {
      const source = await openSource(file);
      options.onFileStart?.(file, kind, source.totalBytes);
      if (META_KINDS.has(kind)) await importMetadata(store, source, kind, report, options);
      else {
        const kpis = /* @__PURE__ */ new Set();
        try {
          await importValues(store, source, kind === "oudata" ? "ou" : "municipality", report, options, kpis);
        } finally {
          if (kind === "data" && report.written > 0) for (const kpi of kpis) touchedKpis.add(kpi);
        }
      }
    }
    report.seconds = (Date.now() - started) / 1e3;
    await log.finish(logId, "ok", summaryCounts(report));
    return report;
  } catch (error) {
    report.seconds = (Date.now() - started) / 1e3;
    await log.finish(logId, "failed", summaryCounts(report), error.message);
    throw error;
  }
}
function summaryCounts(report) {
  return {
    kind: report.kind,
    items: report.items,
    values: report.values,
    written: report.written,
    unchanged: report.unchanged,
    skipped: report.skipped.count,
    unknownKpis: Object.keys(report.unknownKpis).length,
    unknownUnits: Object.keys(report.unknownUnits).length
  };
}
function rejectItem(error, location, report, options) {
  if (!(error instanceof ItemError)) throw error;
  if (!options.skipInvalid) throw new ImportError(location, error.message);
  report.skipped.count++;
  if (report.skipped.examples.length < 20) report.skipped.examples.push(`${location}: ${error.message}`);
}
function progressReporter(file, source, report, options) {
  let last = 0;
  return (force = false) => {
    if (!options.onProgress) return;
    const now = Date.now();
    if (!force && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    options.onProgress({
      file,
      bytesRead: source.bytesRead(),
      totalBytes: source.totalBytes,
      items: report.items,
      values: report.values
    });
  };
}
async function importMetadata(store, source, kind, report, options) {
  const writer = new MetadataWriter(store.db);
  const progress = progressReporter(report.file, source, report, options);
  const knownMunicipalities = new Set(
    (await store.db.selectFrom("municipality").select("id").execute()).map((r) => r.id)
  );
  let batch = [];
  const flush = async () => {
    if (batch.length === 0) return;
    if (kind === "kpi")
      await writer.upsertKpis(batch, options.origin ?? "kolada");
    else if (kind === "municipality")
      await writer.upsertMunicipalities(batch);
    else if (kind === "ou") await writer.upsertOus(batch);
    else
      await writer.replaceGroups(
        kind === "kpi_groups" ? "kpi" : "municipality",
        batch
      );
    report.written += batch.length;
    batch = [];
  };
  for await (const { item, location, invalid } of source.items) {
    try {
      if (invalid) throw new ItemError(invalid);
      const itemKind = detectKind(item, basename(report.file));
      if (itemKind !== kind) throw new ItemError(`a ${itemKind} object in a file of ${kind} objects`);
      const row = kind === "kpi" ? parseKpi(item) : kind === "municipality" ? parseMunicipality(item) : kind === "ou" ? parseOu(item) : parseGroup(item);
      if (kind === "municipality_groups") {
        for (const m of row.members) {
          if (!knownMunicipalities.has(m.id))
            report.unknownUnits[m.id] = (report.unknownUnits[m.id] ?? 0) + 1;
        }
      }
      batch.push(row);
      report.items++;
    } catch (error) {
      rejectItem(error, location, report, options);
    }
    if (batch.length >= 5e3) await flush();
    progress();
  }
  await flush();
  progress(true);
}
async function importValues(store, source, level, report, options, kpisRead) {
  const writer = await createValueWriter(store, { threaded: true, deferIndexesWhenEmpty: true });
  const changedAt = (/* @__PURE__ */ new Date()).toISOString();
  const knownKpis = new Set((await store.db.selectFrom("kpi").select("id").execute()).map((r) => r.id));
  const unitTable = level === "municipality" ? "municipality" : "ou";
  const knownUnits = new Set((await store.db.selectFrom(unitTable).select("id").execute()).map((r) => r.id));
  const progress = progressReporter(report.file, source, report, options);
  const itemKind = level === "municipality" ? "data" : "oudata";
  let current = null;
  let complete = [];
  let inFlight;
  let writeError;
  const settle = async () => {
    await inFlight;
    inFlight = void 0;
    if (writeError !== void 0) throw writeError;
  };
  const flushComplete = async () => {
    if (complete.length === 0) return;
    await settle();
    const rows = complete;
    complete = [];
    inFlight = writer.write(level, rows, changedAt).then(
      ({ written }) => {
        report.written += written;
        report.unchanged += rows.length - written;
      },
      (error) => {
        writeError = error;
      }
    );
  };
  const closeCurrent = () => {
    if (!current) return;
    kpisRead.add(current.kpi);
    if (!knownKpis.has(current.kpi))
      report.unknownKpis[current.kpi] = (report.unknownKpis[current.kpi] ?? 0) + current.rows.size;
    for (const row of current.rows.values()) complete.push(row);
    current = null;
  };
  try {
    for await (const { item, location, invalid } of source.items) {
      let rows;
      try {
        if (invalid) throw new ItemError(invalid);
        rows = parseDataItem(item, itemKind);
      } catch (error) {
        rejectItem(error, location, report, options);
        continue;
      }
      report.items++;
      const first = rows[0];
      if (!first) continue;
      if (current?.kpi !== first.kpi) {
        closeCurrent();
        if (complete.length >= FLUSH_ROWS) await flushComplete();
        current = { kpi: first.kpi, rows: /* @__PURE__ */ new Map() };
      }
      if (!knownUnits.has(first.unit))
        report.unknownUnits[first.unit] = (report.unknownUnits[first.unit] ?? 0) + rows.length;
      const buffer = current;
      for (const row of rows) buffer.rows.set(`${row.unit}|${row.period}|${row.gender}`, row);
      report.values += rows.length;
      progress();
    }
    closeCurrent();
  } finally {
    await flushComplete().then(settle).finally(() => writer.close());
  }
  progress(true);
}
export {
  importFiles
};
//# sourceMappingURL=import.service.js.map
