import type { Command } from 'commander';
import { loadSettings } from '../config/settings.js';
import { UsageError } from './usage-error.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the web server: Kolada-compatible API (/v3, /v2), the comparator UI and /api.')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .option('--host <host>', 'interface to bind (overrides HOST)')
    .action(async (opts: { port?: string; host?: string }) => {
      const settings = loadSettings();
      if (opts.port !== undefined) {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new UsageError(`--port must be 0–65535, got "${opts.port}"`);
        settings.port = port;
      }
      if (opts.host) settings.host = opts.host;
      const cluster = (await import('node:cluster')).default;
      const workers = await import('../app-start/workers.js');
      if (settings.workers > 1 && cluster.isPrimary) {
        // The primary only supervises: it loads no store and no server (see workers.ts).
        workers.superviseWorkers({ workers: settings.workers, log: primaryLog(settings.logLevel) });
        return;
      }
      // A worker without the jobs role only serves: the one with it (or a single process) does the rest.
      const jobs = workers.currentRole() === 'jobs';
      const { firstStart } = await import('../app-start/first-start.js');
      const { startRetentionJob } = await import('../domain/process/privacy/erasure.js');
      const { startOwnKpiJob } = await import('../domain/process/outcomes/own-kpi.service.js');
      const { processKeyring } = await import('../domain/process/privacy/process-keyring.js');
      const { ensureTaxonomy } = await import('../domain/process/taxonomy/taxonomy-loader.js');
      const { buildApp } = await import('../http/app.js');
      const { SyncProgress } = await import('../kolada/sync-progress.js');
      const { openStore } = await import('../store/database.js');
      const store = await openStore({
        databaseUrl: settings.databaseUrl,
        dataDir: settings.dataDir,
        // SQLite's log copies (with their fsyncs) off the event loop, so no request waits for them.
        // One checkpoint thread for the store is enough: it runs in the jobs worker (or the single
        // process). A thread and its connection cost each worker ≈ 19 MB; the serving workers'
        // connections keep SQLite's own auto-checkpoint, which the thread's checkpoints every 0.5 s
        // leave nothing to do (issue 24).
        backgroundCheckpoint: jobs,
      });
      const syncProgress = new SyncProgress();
      const app = await buildApp({ store, settings, logger: true, syncProgress });
      workers.shareSyncProgress(syncProgress);
      // Once: bin/etablera.js passes a terminal's Ctrl-C on, so the server may get it twice.
      let stopping = false;
      const shutdown = async () => {
        if (stopping) return;
        stopping = true;
        await app.close();
        await store.close();
        process.exit(0);
      };
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, shutdown);
      // Hooks cannot be added once the server listens (Fastify throws), so this one is added before.
      let retention: ReturnType<typeof startRetentionJob> | undefined;
      let ownKpis: ReturnType<typeof startOwnKpiJob> | undefined;
      app.addHook('onClose', async () => {
        retention?.stop();
        ownKpis?.stop();
      });
      await app.listen({ port: settings.port, host: settings.host });
      app.log.info(`Etablera serving ${store.dialect} store at ${store.location}`);
      // The bundled taxonomy needs no network: load it at first start, beside the Kolada first start.
      // With ETABLERA_TAXONOMY_INDEX_ON_START=on the search index is built at once; by default
      // (process) at the first Process request (http/api/taxonomy/index-on-first-use.ts).
      void (jobs ? ensureTaxonomy(store) : Promise.resolve(null))
        .then((r) => {
          if (r)
            app.log.info(
              `Taxonomy snapshot loaded: ${r.concepts} concepts, ${r.relations} relations in ${r.seconds.toFixed(1)} s`,
            );
          return settings.taxonomyIndexOnStart === 'on' ? app.taxonomy.searchIndex() : undefined;
        })
        .catch((e: unknown) =>
          app.log.error(`Loading the taxonomy or its search index failed: ${String(e)}`),
        );
      if (!jobs) return;
      app.scheduledSync.start();
      // Process: people past their organisation's retention period are erased (or pseudonymised) every night.
      // With the data key, so that organisations that pseudonymise can have the plans' steps read.
      // With the key, each erased person's outcome events are also brought up to date first (own KPIs).
      const { keyring } = processKeyring(settings);
      const jobLog = { info: (m: string) => app.log.info(m), error: (m: string) => app.log.error(m) };
      retention = startRetentionJob(store, settings.retentionSchedule, jobLog, keyring);
      // Process outcomes → the own KPIs, every night (and `etablera kpi own recompute`).
      ownKpis = startOwnKpiJob(store, keyring, settings.ownKpiSchedule, jobLog);
      app.mailer.start();
      app.planReminders.start();
      // Serve at once; fill an empty store (Kolada, or demo data when offline) in the background.
      void firstStart({
        store,
        settings,
        progress: syncProgress,
        log: {
          info: (m) => app.log.info(m),
          warn: (m) => app.log.warn(m),
          error: (m) => app.log.error(m),
        },
      });
    });
}

/** The primary's few lines, in the workers' (pino's) JSON shape, so one log reader takes both. */
function primaryLog(level: string): { info(message: string): void; error(message: string): void } {
  const line = (value: number, msg: string) =>
    process.stdout.write(
      `${JSON.stringify({ level: value, time: Date.now(), pid: process.pid, role: 'primary', msg })}\n`,
    );
  const quiet = ['fatal', 'error', 'warn', 'silent'].includes(level);
  return {
    info: (msg) => {
      if (!quiet) line(30, msg);
    },
    error: (msg) => {
      if (level !== 'fatal' && level !== 'silent') line(50, msg);
    },
  };
}
