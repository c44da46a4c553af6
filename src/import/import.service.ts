/**
 * Imports Kolada-shaped files into the store. Metadata files go first so values can be checked
 * against known KPIs and municipalities. Values are buffered per KPI and written whole KPIs at a time,
 * so a failure part-way leaves the KPI being read exactly as it was.
 */
import { basename } from 'node:path';
import { refreshStatistics, statisticSetsSignature } from '../domain/analysis/statistics.service.js';
import { MetadataWriter } from '../store/bulk/metadata-writer.js';
import { createValueWriter, type ValueRow } from '../store/bulk/value-writer.js';
import type { Store } from '../store/database.js';
import type { Origin } from '../store/schema.js';
import type { ValueLevel } from '../store/value-levels.js';
import { ImportError } from './import-error.js';
import {
  detectKind,
  ItemError,
  type ItemKind,
  parseDataItem,
  parseGroup,
  parseKpi,
  parseMunicipality,
  parseOu,
} from './item-parsers.js';
import { type LocatedItem, type OpenedSource, openSource } from './item-source.js';

export interface ImportProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  items: number;
  values: number;
}

export interface ImportOptions {
  skipInvalid?: boolean;
  origin?: Origin;
  onProgress?: (progress: ImportProgress) => void;
  onFileStart?: (file: string, kind: ItemKind, totalBytes: number) => void;
}

export interface FileReport {
  file: string;
  kind: ItemKind | 'empty';
  items: number;
  values: number;
  written: number;
  unchanged: number;
  skipped: { count: number; examples: string[] };
  unknownKpis: Record<string, number>;
  unknownUnits: Record<string, number>;
  seconds: number;
}

// Whole KPIs are gathered up to about this many rows before one write transaction.
const FLUSH_ROWS = 50_000;
const PROGRESS_EVERY_MS = 200;
const META_KINDS: ReadonlySet<ItemKind> = new Set([
  'kpi',
  'municipality',
  'kpi_groups',
  'municipality_groups',
  'ou',
]);

export async function importFiles(
  store: Store,
  files: readonly string[],
  options: ImportOptions = {},
): Promise<FileReport[]> {
  const planned: { file: string; kind: ItemKind | 'empty' }[] = [];
  for (const file of files) planned.push({ file, kind: await peekKind(file, options.skipInvalid ?? false) });
  // Metadata before values, municipalities before groups, so every check sees what it needs.
  const order: (ItemKind | 'empty')[] = [
    // Stryker disable next-line StringLiteral: equivalent — an unknown name sorts first (-1), where municipalities go anyway.
    'municipality',
    'kpi',
    'ou',
    'municipality_groups',
    'kpi_groups',
    'data',
    'oudata',
    'empty',
  ];
  planned.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const reports: FileReport[] = [];
  const touchedKpis = new Set<string>();
  const setsBefore = await statisticSetsSignature(store.repositories.statistics);
  // Precomputed statistics follow the data: the KPIs written, or all when a municipality set changed.
  const refresh = async () => {
    const setsChanged = (await statisticSetsSignature(store.repositories.statistics)) !== setsBefore;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — a refresh of no KPIs with unchanged sets writes nothing.
    if (setsChanged || touchedKpis.size > 0)
      await refreshStatistics(store.repositories.statistics, setsChanged ? undefined : [...touchedKpis]);
  };
  try {
    for (const { file, kind } of planned)
      reports.push(await importFile(store, file, kind, options, touchedKpis));
  } catch (error) {
    await refresh().catch(() => {});
    throw error;
  }
  await refresh();
  return reports;
}

async function peekKind(file: string, skipInvalid: boolean): Promise<ItemKind | 'empty'> {
  const source = await openSource(file);
  for await (const { item, location, invalid } of source.items) {
    // A file whose lines are all unreadable is an error, not an empty file.
    if (invalid) {
      if (skipInvalid) continue;
      throw new ImportError(location, invalid);
    }
    try {
      return detectKind(item, basename(file));
    } catch (error) {
      throw new ImportError(location, (error as Error).message);
    }
  }
  return 'empty';
}

async function importFile(
  store: Store,
  file: string,
  kind: ItemKind | 'empty',
  options: ImportOptions,
  touchedKpis: Set<string>,
): Promise<FileReport> {
  const started = Date.now();
  const report: FileReport = {
    file,
    kind,
    items: 0,
    values: 0,
    written: 0,
    unchanged: 0,
    skipped: { count: 0, examples: [] },
    unknownKpis: {},
    unknownUnits: {},
    seconds: 0,
  };
  const log = store.repositories.importLog;
  const logId = await log.start('import', file);
  try {
    if (kind !== 'empty') {
      const source = await openSource(file);
      options.onFileStart?.(file, kind, source.totalBytes);
      if (META_KINDS.has(kind)) await importMetadata(store, source, kind, report, options);
      else {
        const kpis = new Set<string>();
        try {
          await importValues(store, source, kind === 'oudata' ? 'ou' : 'municipality', report, options, kpis);
        } finally {
          // KPIs written before a failure still get fresh statistics.
          if (kind === 'data' && report.written > 0) for (const kpi of kpis) touchedKpis.add(kpi);
        }
      }
    }
    report.seconds = (Date.now() - started) / 1000;
    await log.finish(logId, 'ok', summaryCounts(report));
    return report;
  } catch (error) {
    // Stryker disable next-line ArithmeticOperator: equivalent — a failed file's report is thrown away, and the log's counts hold no time.
    report.seconds = (Date.now() - started) / 1000;
    await log.finish(logId, 'failed', summaryCounts(report), (error as Error).message);
    throw error;
  }
}

function summaryCounts(report: FileReport): Record<string, unknown> {
  return {
    kind: report.kind,
    items: report.items,
    values: report.values,
    written: report.written,
    unchanged: report.unchanged,
    skipped: report.skipped.count,
    unknownKpis: Object.keys(report.unknownKpis).length,
    unknownUnits: Object.keys(report.unknownUnits).length,
  };
}

/** Either rethrows with the location, or (with --skip-invalid) records the line and carries on. */
function rejectItem(error: unknown, location: string, report: FileReport, options: ImportOptions): void {
  if (!(error instanceof ItemError)) throw error;
  if (!options.skipInvalid) throw new ImportError(location, error.message);
  report.skipped.count++;
  if (report.skipped.examples.length < 20) report.skipped.examples.push(`${location}: ${error.message}`);
}

function progressReporter(file: string, source: OpenedSource, report: FileReport, options: ImportOptions) {
  let last = 0;
  return (force = false) => {
    if (!options.onProgress) return;
    const now = Date.now();
    // Stryker disable next-line EqualityOperator: equivalent — differs only at exactly 200 ms.
    if (!force && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    options.onProgress({
      file,
      bytesRead: source.bytesRead(),
      totalBytes: source.totalBytes,
      items: report.items,
      values: report.values,
    });
  };
}

async function importMetadata(
  store: Store,
  source: OpenedSource,
  kind: ItemKind,
  report: FileReport,
  options: ImportOptions,
) {
  const writer = new MetadataWriter(store.db);
  const progress = progressReporter(report.file, source, report, options);
  const knownMunicipalities = new Set(
    (await store.db.selectFrom('municipality').select('id').execute()).map((r) => r.id),
  );
  let batch: unknown[] = [];
  const flush = async () => {
    // Stryker disable next-line ConditionalExpression: equivalent — writing an empty batch writes nothing.
    if (batch.length === 0) return;
    if (kind === 'kpi')
      await writer.upsertKpis(batch as ReturnType<typeof parseKpi>[], options.origin ?? 'kolada');
    else if (kind === 'municipality')
      await writer.upsertMunicipalities(batch as ReturnType<typeof parseMunicipality>[]);
    else if (kind === 'ou') await writer.upsertOus(batch as ReturnType<typeof parseOu>[]);
    else
      await writer.replaceGroups(
        kind === 'kpi_groups' ? 'kpi' : 'municipality',
        batch as ReturnType<typeof parseGroup>[],
      );
    report.written += batch.length;
    batch = [];
  };
  for await (const { item, location, invalid } of source.items as AsyncIterable<LocatedItem>) {
    try {
      if (invalid) throw new ItemError(invalid);
      const itemKind = detectKind(item, basename(report.file));
      if (itemKind !== kind) throw new ItemError(`a ${itemKind} object in a file of ${kind} objects`);
      const row =
        kind === 'kpi'
          ? parseKpi(item)
          : kind === 'municipality'
            ? parseMunicipality(item)
            : kind === 'ou'
              ? parseOu(item)
              : parseGroup(item);
      if (kind === 'municipality_groups') {
        for (const m of (row as ReturnType<typeof parseGroup>).members) {
          if (!knownMunicipalities.has(m.id))
            report.unknownUnits[m.id] = (report.unknownUnits[m.id] ?? 0) + 1;
        }
      }
      batch.push(row);
      report.items++;
    } catch (error) {
      rejectItem(error, location, report, options);
    }
    // Stryker disable next-line all: equivalent — batches of another size write the same rows (memory only).
    if (batch.length >= 5000) await flush();
    progress();
  }
  await flush();
  progress(true);
}

interface KpiBuffer {
  kpi: string;
  rows: Map<string, ValueRow>;
}

async function importValues(
  store: Store,
  source: OpenedSource,
  level: ValueLevel,
  report: FileReport,
  options: ImportOptions,
  kpisRead: Set<string>,
) {
  // Stryker disable next-line all: equivalent — the writer's speed options, not what it writes.
  const writer = await createValueWriter(store, { threaded: true, deferIndexesWhenEmpty: true });
  const changedAt = new Date().toISOString();
  const knownKpis = new Set((await store.db.selectFrom('kpi').select('id').execute()).map((r) => r.id));
  const unitTable = level === 'municipality' ? 'municipality' : 'ou';
  const knownUnits = new Set((await store.db.selectFrom(unitTable).select('id').execute()).map((r) => r.id));
  const progress = progressReporter(report.file, source, report, options);
  const itemKind = level === 'municipality' ? 'data' : 'oudata';

  let current = null as KpiBuffer | null;
  let complete: ValueRow[] = [];
  // One write in flight while the next KPIs are parsed: parsing and writing overlap on two cores.
  // Writes still happen one at a time, in file order.
  let inFlight: Promise<void> | undefined;
  let writeError: unknown;
  const settle = async () => {
    await inFlight;
    inFlight = undefined;
    if (writeError !== undefined) throw writeError;
  };
  const flushComplete = async () => {
    // Stryker disable next-line ConditionalExpression: equivalent — writing no rows writes nothing.
    if (complete.length === 0) return;
    await settle();
    const rows = complete;
    complete = [];
    inFlight = writer.write(level, rows, changedAt).then(
      ({ written }) => {
        report.written += written;
        report.unchanged += rows.length - written;
      },
      (error: unknown) => {
        writeError = error;
      },
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
      let rows: ValueRow[];
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
        // Stryker disable next-line all: equivalent — whole KPIs are written in file order whenever flushed (memory only).
        if (complete.length >= FLUSH_ROWS) await flushComplete();
        current = { kpi: first.kpi, rows: new Map() };
      }
      if (!knownUnits.has(first.unit))
        report.unknownUnits[first.unit] = (report.unknownUnits[first.unit] ?? 0) + rows.length;
      const buffer: KpiBuffer = current!;
      for (const row of rows) buffer.rows.set(`${row.unit}|${row.period}|${row.gender}`, row);
      report.values += rows.length;
      progress();
    }
    closeCurrent();
  } finally {
    // Whole KPIs read so far are written even when a later line fails; the broken KPI is not.
    await flushComplete()
      .then(settle)
      .finally(() => writer.close());
  }
  progress(true);
}
