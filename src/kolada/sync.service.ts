/**
 * `etablera sync`: mirrors Kolada metadata and the values of a KPI selection into the store, and
 * the OU values (Kolada's /oudata: schools, sfi providers, care units) of those KPIs that have them.
 *
 * - Resumable: a run records each finished step (a metadata resource, a KPI) in the store; the same
 *   command started again after Ctrl-C or a crash continues the unfinished run and skips those steps.
 * - Incremental: each KPI keeps a high-water date (one for its municipality values, one for its OU
 *   values); later runs ask only for values changed since then (`from_date`), and apply deletions.
 * - Atomic per KPI: all of a KPI's changes go to the store in one write transaction.
 */
import { refreshStatistics } from '../domain/analysis/statistics.service.js';
import { INTEGRATION_KPI_IDS } from '../domain/integration-set.js';
import { UserError } from '../errors/user-error.js';
import {
  type GroupRow,
  ItemError,
  type KpiRow,
  type OuRow,
  parseDataItem,
  parseGroup,
  parseKpi,
  parseMunicipality,
  parseOu,
} from '../import/item-parsers.js';
import { MetadataWriter } from '../store/bulk/metadata-writer.js';
import { createValueWriter, type ValueRow } from '../store/bulk/value-writer.js';
import type { Store } from '../store/database.js';
import {
  type SyncRun,
  type SyncStateRepository,
  valueKey,
} from '../store/repositories/sync-state.repository.js';
import { withSyncLock } from '../store/sync-lock.js';
import type { ValueLevel } from '../store/value-levels.js';
import { idSegments, type KoladaClient, KoladaRequestError } from './kolada-client.js';
import type { SyncProgress } from './sync-progress.js';
import { diffValues } from './value-diff.js';

export interface SyncSelection {
  /** Explicit KPI ids. */
  kpis?: readonly string[];
  /** KPI groups whose members are synced. */
  kpiGroups?: readonly string[];
  /** Every KPI in Kolada's catalogue. */
  all?: boolean;
  /** Default: FIRST_YEAR to the current year. */
  years?: readonly number[];
  /** Sync metadata first (default true). */
  metadata?: boolean;
  /**
   * OU values (Kolada's /oudata) of the selected KPIs that have OU data (`has_ou_data`): true for
   * every such KPI, false for none. Default: those of the integration set and those whose OU values
   * were synced before, so a plain sync and the scheduled one keep the OU mirror fresh.
   */
  ou?: boolean;
}

export interface SyncOptions {
  /** KPIs fetched at the same time. */
  concurrency?: number;
  /** Ignore high-water marks: fetch every selected KPI whole. */
  full?: boolean;
  progress?: SyncProgress;
  log?: (message: string) => void;
}

export interface SyncSummary {
  runId: number;
  resumed: boolean;
  kpis: number;
  /** KPIs finished by an earlier, interrupted attempt of this run. */
  kpisAlreadyDone: number;
  requests: number;
  retries: number;
  valuesAdded: number;
  valuesChanged: number;
  valuesDeleted: number;
  /** KPIs whose OU values were synced, and what that changed (apart from the municipality values). */
  ouKpis: number;
  ouValuesAdded: number;
  ouValuesChanged: number;
  ouValuesDeleted: number;
  seconds: number;
  /** `kpi` is "N00700", or "U15011 (OU)" when a KPI's OU values failed. */
  failed: { kpi: string; message: string }[];
  unknownKpis: string[];
}

/** Kolada's oldest values are from the 1990s. */
export const FIRST_YEAR = 1990;

export function defaultYears(now = new Date()): number[] {
  const years: number[] = [];
  for (let y = FIRST_YEAR; y <= now.getUTCFullYear(); y++) years.push(y);
  return years;
}

/** A reply from Kolada that cannot be stored (invalid items). */
export class SyncDataError extends UserError {}

const DAY_MS = 86_400_000;

interface MetaStep {
  item: string;
  path: string;
  write(writer: MetadataWriter, items: unknown[]): Promise<void>;
}

// Municipalities and KPIs before the groups that name them, as the importer does.
const META_STEPS: MetaStep[] = [
  {
    // Stryker disable next-line StringLiteral: any name unique among the steps does (it only marks the step done)
    item: 'meta:municipality',
    path: '/municipality',
    write: (w, items) => w.upsertMunicipalities(parseAll(items, parseMunicipality, 'municipality')),
  },
  {
    // Stryker disable next-line StringLiteral: any name unique among the steps does (it only marks the step done)
    item: 'meta:kpi',
    path: '/kpi',
    write: (w, items) => w.upsertKpis(parseAll<KpiRow>(items, parseKpi, 'kpi'), 'kolada'),
  },
  // Stryker disable next-line StringLiteral: any step name unique among the steps does; '/ou' and 'ou' are tested
  { item: 'meta:ou', path: '/ou', write: (w, items) => w.upsertOus(parseAll<OuRow>(items, parseOu, 'ou')) },
  {
    // Stryker disable next-line StringLiteral: any name unique among the steps does (it only marks the step done)
    item: 'meta:municipality_groups',
    path: '/municipality_groups',
    write: (w, items) =>
      // Stryker disable next-line StringLiteral: the writer reads every kind but 'kpi' as municipality groups ('municipality_groups' is tested)
      w.replaceGroups('municipality', parseAll<GroupRow>(items, parseGroup, 'municipality_groups')),
  },
  {
    // Stryker disable next-line StringLiteral: any name unique among the steps does (it only marks the step done)
    item: 'meta:kpi_groups',
    path: '/kpi_groups',
    write: (w, items) => w.replaceGroups('kpi', parseAll<GroupRow>(items, parseGroup, 'kpi_groups')),
  },
];

function parseAll<T>(items: unknown[], parse: (item: unknown) => T, what: string): T[] {
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

function describeSelection(selection: SyncSelection, years: readonly number[]): string {
  const what = selection.all
    ? 'all KPIs'
    : selection.kpiGroups?.length
      ? `KPI groups ${selection.kpiGroups.join(',')}`
      : selection.kpis?.length
        ? `KPIs ${selection.kpis.length > 5 ? `${selection.kpis.slice(0, 5).join(',')},… (${selection.kpis.length})` : selection.kpis.join(',')}`
        : 'the integration set';
  return `${what}, years ${years[0]}–${years[years.length - 1]}`;
}

/** Another process (app instance or CLI) is syncing the same PostgreSQL store. */
export class SyncBusyError extends UserError {}

export async function syncFromKolada(
  store: Store,
  client: KoladaClient,
  selection: SyncSelection = {},
  options: SyncOptions = {},
): Promise<SyncSummary> {
  const result = await withSyncLock(store, () => syncLocked(store, client, selection, options));
  if (result === null) throw new SyncBusyError(BUSY);
  return result;
}

const BUSY = 'another Etablera process is syncing this store; try again when it has finished';

async function syncLocked(
  store: Store,
  client: KoladaClient,
  selection: SyncSelection,
  options: SyncOptions,
): Promise<SyncSummary> {
  const started = Date.now();
  const requestsBefore = client.stats.requests;
  const retriesBefore = client.stats.retries;
  const years = [...new Set(selection.years ?? defaultYears())].sort((a, b) => a - b);
  if (years.length === 0) throw new RangeError('no years to sync');
  const state = store.repositories.syncState;
  const meta = store.repositories.storeMeta;
  const importLog = store.repositories.importLog;
  const progress = options.progress;
  const log = options.log ?? (() => {});
  const isDemo = (await meta.get('dataset')) === 'demo';
  const withMetadata = selection.metadata !== false || isDemo;

  const selectionKey = JSON.stringify({
    kpis: selection.kpis ?? null,
    kpiGroups: selection.kpiGroups ?? null,
    all: selection.all ?? false,
    years,
    metadata: withMetadata,
    full: options.full ?? false,
    // Stryker disable next-line LogicalOperator: `&& null` still gives true, false and no choice three keys
    ou: selection.ou ?? null,
  });
  await state.closeInterruptedSyncLogs();
  let run: SyncRun | null = await state.unfinishedRun(selectionKey, client.baseUrl);
  const resumed = run !== null;
  if (run) {
    await state.markRunning(run.id);
    log(`Resuming sync run #${run.id} (started ${run.startedAt}; ${run.done.size} steps already done)`);
  } else run = await state.startRun(selectionKey, client.baseUrl);
  const description = describeSelection(selection, years);
  const logId = await importLog.start('sync', `${client.baseUrl} (${description})`);

  const summary: SyncSummary = {
    runId: run.id,
    resumed,
    kpis: 0,
    kpisAlreadyDone: 0,
    requests: 0,
    retries: 0,
    valuesAdded: 0,
    valuesChanged: 0,
    valuesDeleted: 0,
    ouKpis: 0,
    ouValuesAdded: 0,
    ouValuesChanged: 0,
    ouValuesDeleted: 0,
    seconds: 0,
    failed: [],
    unknownKpis: [],
  };
  const finish = () => {
    summary.requests = client.stats.requests - requestsBefore;
    summary.retries = client.stats.retries - retriesBefore;
    summary.seconds = (Date.now() - started) / 1000;
    return summary;
  };
  const counts = () => ({
    ...finish(),
    failed: summary.failed.length,
    unknownKpis: summary.unknownKpis.length,
  });

  try {
    if (withMetadata) await syncMetadata(store, client, state, run, isDemo, options);
    if (isDemo) {
      // Metadata arrived, so Kolada answers: the demo data is gone and the store holds real data only.
      await meta.set('dataset', 'kolada');
      log('Demo data replaced by data from Kolada');
    }

    const known = new Set(await state.knownKpiIds());
    let kpis: string[];
    if (selection.all) kpis = [...known];
    else if (selection.kpiGroups?.length) {
      const { kpis: members, unknownGroups } = await state.kpiGroupMembers(selection.kpiGroups);
      if (unknownGroups.length) throw new SyncDataError(`unknown KPI group(s): ${unknownGroups.join(', ')}`);
      kpis = members;
    } else kpis = [...new Set(selection.kpis?.length ? selection.kpis : INTEGRATION_KPI_IDS)];
    summary.kpis = kpis.length;
    summary.unknownKpis = known.size > 0 ? kpis.filter((k) => !known.has(k)) : [];
    if (summary.unknownKpis.length)
      log(`Not in Kolada's KPI catalogue (fetched anyway): ${summary.unknownKpis.join(', ')}`);

    await syncValues(store, client, state, run, 'municipality', kpis, years, summary, options);
    // Ranks and statistics are precomputed; keep them in step with what this sync wrote.
    await refreshStatistics(store.repositories.statistics, kpis);

    const ouKpis = await ouSelection(state, kpis, selection.ou);
    summary.ouKpis = ouKpis.length;
    if (ouKpis.length) {
      log(
        `OU values of ${ouKpis.length} KPI(s): ${ouKpis.slice(0, 10).join(', ')}${ouKpis.length > 10 ? ', …' : ''}`,
      );
      await syncValues(store, client, state, run, 'ou', ouKpis, years, summary, options);
    }
    const status = summary.failed.length === 0 ? 'ok' : 'failed';
    await state.finishRun(run.id, status, counts());
    await importLog.finish(
      logId,
      status,
      counts(),
      summary.failed.length
        ? `${summary.failed.length} KPI(s) failed; run the same command again to retry them`
        : undefined,
    );
    progress?.end(
      status === 'ok' ? 'done' : 'failed',
      status === 'ok'
        ? `Klart: ${kpis.length} nyckeltal från Kolada`
        : `${summary.failed.length} nyckeltal kunde inte hämtas`,
    );
    return finish();
  } catch (error) {
    await state.finishRun(run.id, 'failed', counts()).catch(() => {});
    await importLog.finish(logId, 'failed', counts(), (error as Error).message).catch(() => {});
    progress?.end('failed', (error as Error).message);
    throw error;
  }
}

async function syncMetadata(
  store: Store,
  client: KoladaClient,
  state: SyncStateRepository,
  run: SyncRun,
  isDemo: boolean,
  options: SyncOptions,
): Promise<void> {
  const writer = new MetadataWriter(store.db);
  const steps = META_STEPS.filter((s) => !run.done.has(s.item));
  options.progress?.phase('metadata', META_STEPS.length, 'Hämtar metadata från Kolada');
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

/** How each level is fetched and recorded. */
const LEVELS = {
  municipality: { route: 'data', item: 'data', done: 'kpi:', failed: '', phase: 'values', what: 'nyckeltal' },
  ou: {
    route: 'oudata',
    item: 'oudata',
    done: 'ou:',
    failed: ' (OU)',
    phase: 'ou-values',
    what: 'OU-värden',
  },
} as const;

/**
 * The KPIs whose OU values this run fetches: those of the selection Kolada marks has_ou_data, all of
 * them (`ou` true), none (false), or by default those of the integration set and those synced before.
 */
async function ouSelection(
  state: SyncStateRepository,
  kpis: readonly string[],
  ou: boolean | undefined,
): Promise<string[]> {
  if (ou === false || kpis.length === 0) return [];
  const withOuData = await state.kpisWithOuData(kpis);
  if (ou === true) return kpis.filter((k) => withOuData.has(k));
  const defaults = new Set([...INTEGRATION_KPI_IDS, ...(await state.syncedKpiIds('ou'))]);
  return kpis.filter((k) => withOuData.has(k) && defaults.has(k));
}

async function syncValues(
  store: Store,
  client: KoladaClient,
  state: SyncStateRepository,
  run: SyncRun,
  level: ValueLevel,
  kpis: readonly string[],
  years: readonly number[],
  summary: SyncSummary,
  options: SyncOptions,
): Promise<void> {
  const progress = options.progress;
  const how = LEVELS[level];
  const pending = kpis.filter((k) => !run.done.has(`${how.done}${k}`));
  if (level === 'municipality') summary.kpisAlreadyDone = kpis.length - pending.length;
  progress?.phase(how.phase, kpis.length, `Hämtar ${how.what} från Kolada`);
  progress?.advance(kpis.length - pending.length);
  const states = await state.kpiStates(pending, level);
  const yearSet = new Set(years);
  const segments = idSegments(years);
  const writer = await createValueWriter(store);
  // One writer, one transaction at a time: fetching runs in parallel, applying does not.
  let writing: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const next = writing.then(task);
    writing = next.catch(() => {});
    return next;
  };

  const syncKpi = async (kpi: string) => {
    const previous = states.get(kpi);
    const incremental =
      !options.full && previous !== undefined && years.every((y) => previous.years.includes(y));
    // from_date has day resolution and Kolada's clock may run on another zone: overlap by a day.
    const highWater = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
    const fetched = new Map<string, ValueRow>();
    for (const segment of segments) {
      const query = incremental ? { from_date: previous.highWater } : {};
      for await (const item of client.items(`/${how.route}/kpi/${kpi}/year/${segment}`, query)) {
        let rows: ValueRow[];
        try {
          rows = parseDataItem(item, how.item);
        } catch (error) {
          if (error instanceof ItemError)
            throw new SyncDataError(`Kolada sent an invalid ${how.item} item for ${kpi}: ${error.message}`);
          throw error;
        }
        for (const row of rows)
          if (row.kpi === kpi && yearSet.has(row.period))
            fetched.set(valueKey(row.unit, row.period, row.gender), row);
      }
    }
    await exclusive(async () => {
      const current = await state.currentValues(kpi, years, level);
      const diff = diffValues(kpi, current, fetched, !incremental);
      if (diff.changes.length > 0) await writer.write(level, diff.changes, new Date().toISOString());
      await state.setKpiState({ kpi, highWater, years: incremental ? previous.years : [...years] }, level);
      await state.markDone(run.id, `${how.done}${kpi}`);
      if (level === 'municipality') {
        summary.valuesAdded += diff.added;
        summary.valuesChanged += diff.changed;
        summary.valuesDeleted += diff.deleted;
      } else {
        summary.ouValuesAdded += diff.added;
        summary.ouValuesChanged += diff.changed;
        summary.ouValuesDeleted += diff.deleted;
      }
    });
  };

  try {
    await runPool(pending, options.concurrency ?? 4, async (kpi) => {
      try {
        await syncKpi(kpi);
        progress?.advance(1, `${level === 'ou' ? 'OU-värden för ' : 'Nyckeltal '}${kpi}`);
      } catch (error) {
        if (!(error instanceof KoladaRequestError || error instanceof SyncDataError)) throw error;
        summary.failed.push({ kpi: `${kpi}${how.failed}`, message: error.message });
        options.log?.(`${kpi}${how.failed} failed: ${error.message}`);
        progress?.advance(1, `${kpi}${how.failed} misslyckades`);
      }
    });
  } finally {
    await writing;
    await writer.close();
  }
}

/** Runs `task` over `items` with at most `concurrency` at a time; the first unexpected error stops it. */
async function runPool<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>) {
  let next = 0;
  let failure: unknown = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  // Stryker disable next-line MethodExpression: more workers than items end at once (`Math.min` → `Math.max`); `Math.max(1, …)` → `Math.min` is tested
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failure !== null) throw failure;
}
