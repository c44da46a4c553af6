/**
 * The server's own incremental sync on a cron schedule (ETABLERA_SYNC_SCHEDULE, Swedish time).
 *
 * - One instance per slot: several app instances on one PostgreSQL store each fire at the slot; the
 *   first to move the store's "last claimed slot" forward runs it, the others skip. The sync's own lock
 *   (advisory lock / lock file) still keeps any other sync (CLI, admin endpoint) out at the same time.
 * - What it syncs: metadata, the integration set and every KPI synced before (each from its
 *   high-water mark), with the OU values of those of them whose OU values the mirror holds or that
 *   belong to the integration set, so whatever the mirror holds stays fresh.
 * - A failed run is logged and recorded; the next slot simply tries again. Nothing here throws into
 *   the server: the timer's callback catches everything.
 */
import { Cron } from 'croner';
import { INTEGRATION_KPI_IDS } from '../domain/integration-set.js';
import type { KoladaClient } from '../kolada/kolada-client.js';
import { SyncBusyError, syncFromKolada } from '../kolada/sync.service.js';
import type { SyncProgress } from '../kolada/sync-progress.js';
import type { Store } from '../store/database.js';
import type { StoreMetaRepository } from '../store/repositories/store-meta.repository.js';
import type { StartLog } from './first-start.js';
import { parseSchedule, SCHEDULE_TIMEZONE } from './sync-schedule.js';

const CLAIMED_SLOT_KEY = 'scheduled-sync:slot';
const LAST_RUN_KEY = 'scheduled-sync:last';

export type ScheduledOutcome = 'ok' | 'failed' | 'busy';

export interface ScheduledRun {
  /** The slot (scheduled time) the run belongs to. */
  slot: string;
  startedAt: string;
  finishedAt: string;
  outcome: ScheduledOutcome;
  message: string;
}

export interface ScheduleStatus {
  /** The cron pattern, or "off". */
  schedule: string;
  timezone: string;
  lastRun: ScheduledRun | null;
  nextRun: string | null;
}

export interface ScheduledSyncOptions {
  store: Store;
  schedule: string;
  /** A fresh client per run (the server's: KOLADA_BASE_URL with the usual retries). */
  client: () => KoladaClient;
  progress: SyncProgress;
  log: StartLog;
  /** Tests narrow what is synced; the server syncs everything it mirrors. */
  selection?: { kpis?: readonly string[]; metadata?: boolean };
}

export class ScheduledSync {
  private job: Cron | null = null;
  private readonly meta: StoreMetaRepository;
  private readonly cron: Cron | null;

  constructor(private readonly options: ScheduledSyncOptions) {
    this.meta = options.store.repositories.storeMeta;
    this.cron = parseSchedule(options.schedule);
  }

  /** Starts the timer (the server does so once it listens). */
  start(): void {
    if (!this.cron || this.job) return;
    this.job = new Cron(
      this.options.schedule,
      { timezone: SCHEDULE_TIMEZONE, protect: true, unref: true, catch: true, name: 'etablera-sync' },
      async () => {
        // The scheduled time the timer fired for (a late timer still belongs to its slot).
        const slot = this.cron?.previousRuns(1, new Date(Date.now() + 1000))[0] ?? new Date();
        await this.runSlot(slot);
      },
    );
    this.options.log.info(
      `Scheduled sync: "${this.options.schedule}" (${SCHEDULE_TIMEZONE}), next at ${this.nextRun()}`,
    );
  }

  stop(): void {
    this.job?.stop();
    this.job = null;
  }

  nextRun(): string | null {
    return this.cron?.nextRun()?.toISOString() ?? null;
  }

  async status(): Promise<ScheduleStatus> {
    const last = await this.meta.get(LAST_RUN_KEY);
    return {
      schedule: this.options.schedule,
      timezone: SCHEDULE_TIMEZONE,
      lastRun: last ? (JSON.parse(last) as ScheduledRun) : null,
      nextRun: this.nextRun(),
    };
  }

  /**
   * Runs the sync for one slot unless another instance already claimed it. Returns what happened,
   * or null when it was not ours to run. Never throws.
   */
  async runSlot(slot: Date): Promise<ScheduledRun | null> {
    const { log } = this.options;
    try {
      if (!(await this.meta.advance(CLAIMED_SLOT_KEY, slot.toISOString()))) {
        log.info(`Scheduled sync for ${slot.toISOString()}: another instance runs it`);
        return null;
      }
    } catch (error) {
      log.error(`Scheduled sync for ${slot.toISOString()} could not start: ${(error as Error).message}`);
      return null;
    }
    const startedAt = new Date().toISOString();
    let outcome: ScheduledOutcome = 'ok';
    let message: string;
    try {
      const summary = await this.sync();
      message = `${summary.kpis} KPIs, ${summary.valuesAdded} added, ${summary.valuesChanged} changed, ${summary.valuesDeleted} deleted, ${summary.seconds.toFixed(1)} s`;
      if (summary.ouKpis)
        message += `; OU values of ${summary.ouKpis} KPIs: ${summary.ouValuesAdded} added, ${summary.ouValuesChanged} changed, ${summary.ouValuesDeleted} deleted`;
      if (summary.failed.length) {
        outcome = 'failed';
        message = `${summary.failed.length} KPI(s) failed (${summary.failed[0]?.kpi}: ${summary.failed[0]?.message}); ${message}`;
      }
    } catch (error) {
      outcome = error instanceof SyncBusyError ? 'busy' : 'failed';
      message = (error as Error).message;
    }
    const run: ScheduledRun = {
      slot: slot.toISOString(),
      startedAt,
      finishedAt: new Date().toISOString(),
      outcome,
      message,
    };
    const next = this.nextRun() ?? 'never';
    if (outcome === 'ok') log.info(`Scheduled sync done: ${message}`);
    else if (outcome === 'busy')
      log.warn(`Scheduled sync skipped, another sync was running (${message}); next try ${next}`);
    else log.error(`Scheduled sync failed: ${message}; next try ${next}`);
    try {
      await this.meta.set(LAST_RUN_KEY, JSON.stringify(run));
    } catch (error) {
      log.error(`Scheduled sync: could not record the run: ${(error as Error).message}`);
    }
    return run;
  }

  private async sync() {
    const { store, progress, selection } = this.options;
    const synced = await store.repositories.syncState.syncedKpiIds();
    const kpis = selection?.kpis ?? [...new Set([...INTEGRATION_KPI_IDS, ...synced])];
    const client = this.options.client();
    // The progress is the server's, shown on pages: leave a sync of this process (first start) alone.
    if (progress.snapshot().state === 'running') throw new SyncBusyError('a sync of this server is running');
    progress.begin('Schemalagd synkronisering från Kolada');
    try {
      const summary = await syncFromKolada(
        store,
        client,
        { kpis, metadata: selection?.metadata ?? true },
        { progress, log: (m) => this.options.log.info(m) },
      );
      progress.end(summary.failed.length ? 'failed' : 'done', 'Schemalagd synkronisering klar');
      return summary;
    } catch (error) {
      if (error instanceof SyncBusyError) progress.end('done', 'En annan synkronisering pågår');
      else progress.end('failed', `Schemalagd synkronisering misslyckades: ${(error as Error).message}`);
      throw error;
    }
  }
}
