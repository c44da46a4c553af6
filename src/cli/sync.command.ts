import type { Command } from 'commander';
import { loadSettings } from '../config/settings.js';
import { GROUP_ID, KPI_ID } from '../kolada/ids.js';
import type { SyncSummary } from '../kolada/sync.service.js';
import { idList, yearList } from './list-options.js';
import { UsageError } from './usage-error.js';

interface SyncCommandOptions {
  kpi?: string[];
  kpiGroup?: string[];
  all?: boolean;
  years?: number[];
  metadata: boolean;
  full?: boolean;
  ou?: boolean;
  concurrency: string;
  timeout: string;
  retries: string;
}

function positive(name: string, text: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`${name} must be 1–${max}, got "${text}"`);
  return n;
}

export function describeSummary(s: SyncSummary): string {
  const n = (x: number) => x.toLocaleString('en');
  const lines = [
    `Sync run #${s.runId}${s.resumed ? ' (resumed)' : ''}: ${n(s.kpis)} KPIs` +
      (s.kpisAlreadyDone ? ` (${n(s.kpisAlreadyDone)} already done before the interruption)` : '') +
      ` in ${s.seconds.toFixed(1)} s`,
    `  requests ${n(s.requests)}, retries ${n(s.retries)}`,
    `  values added ${n(s.valuesAdded)}, changed ${n(s.valuesChanged)}, deleted ${n(s.valuesDeleted)}`,
  ];
  if (s.ouKpis)
    lines.push(
      `  OU values of ${n(s.ouKpis)} KPIs: added ${n(s.ouValuesAdded)}, changed ${n(s.ouValuesChanged)}, deleted ${n(s.ouValuesDeleted)}`,
    );
  if (s.unknownKpis.length)
    lines.push(
      `  not in Kolada's catalogue: ${s.unknownKpis.slice(0, 10).join(', ')}${s.unknownKpis.length > 10 ? ', …' : ''}`,
    );
  for (const f of s.failed.slice(0, 20)) lines.push(`  FAILED ${f.kpi}: ${f.message}`);
  if (s.failed.length)
    lines.push('  Run the same command again to retry what failed; finished KPIs are not fetched again.');
  return lines.join('\n');
}

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description(
      'Mirror Kolada (KOLADA_BASE_URL) into the store: metadata, then the values of a KPI selection (default: the integration set) and their OU values (see --ou). Incremental (from_date per KPI) and resumable: after Ctrl-C or a crash, run the same command again.',
    )
    .option('--kpi <ids>', 'KPI ids, comma-separated (N00700,N01951)', idList('--kpi', KPI_ID))
    .option(
      '--kpi-group <ids>',
      'KPI group ids, comma-separated (G2KPI84105)',
      idList('--kpi-group', GROUP_ID),
    )
    .option('--all', "every KPI in Kolada's catalogue (several hours)")
    .option('--years <years>', 'years: 2022, 2015,2018 or 2010-2022 (default: 1990 to this year)', yearList)
    .option('--no-metadata', 'skip metadata (KPIs, municipalities, groups, OUs)')
    .option('--full', 'fetch every selected KPI whole, ignoring what earlier syncs fetched')
    .option(
      '--ou',
      'also OU values (/oudata: schools, sfi, care units) of every selected KPI that has OU data (default: of the integration set and of KPIs whose OU values were synced before)',
    )
    .option('--no-ou', 'no OU values')
    .option('--concurrency <n>', 'KPIs fetched at the same time', '4')
    .option('--timeout <seconds>', 'timeout per request', '60')
    .option('--retries <n>', 'retries per request (network errors, 429, 5xx)', '6')
    .action(async (opts: SyncCommandOptions) => {
      const chosen = [opts.kpi?.length, opts.kpiGroup?.length, opts.all].filter(Boolean).length;
      if (chosen > 1) throw new UsageError('choose one of --kpi, --kpi-group and --all');
      if (opts.years && opts.years.length === 0) throw new UsageError('--years names no year');
      const concurrency = positive('--concurrency', opts.concurrency, 32);
      const timeoutMs = positive('--timeout', opts.timeout, 3600) * 1000;
      const retries = Number(opts.retries);
      if (!Number.isInteger(retries) || retries < 0 || retries > 20)
        throw new UsageError(`--retries must be 0–20, got "${opts.retries}"`);

      const { KoladaClient } = await import('../kolada/kolada-client.js');
      const { syncFromKolada } = await import('../kolada/sync.service.js');
      const { SyncProgress } = await import('../kolada/sync-progress.js');
      const { openStore } = await import('../store/database.js');
      const { createProgressBar } = await import('./progress-bar.js');
      const settings = loadSettings();
      const store = await openStore({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
      const client = new KoladaClient({ baseUrl: settings.koladaBaseUrl, timeoutMs, retries });
      const progress = new SyncProgress();
      const bar = createProgressBar('sync', 'KPIs');
      let phase: string | null = null;
      progress.subscribe((p) => {
        if (p.phase !== phase) {
          if (phase !== null) bar.stop();
          phase = p.phase;
          if (phase !== null) bar.start(p.total, p.done, { detail: p.message, rate: 0 });
          return;
        }
        if (p.state === 'running') {
          const seconds = Math.max(0.001, process.uptime());
          bar.update(p.done, { detail: p.message, rate: (p.done / seconds).toFixed(1) });
        }
      });
      // Every finished KPI is already in the store, so stopping at once loses nothing.
      process.once('SIGINT', () => {
        bar.stop();
        console.error('\nInterrupted. Run the same command again to continue where this run stopped.');
        process.exit(130);
      });
      console.error(`Syncing from ${client.baseUrl} into ${store.location}`);
      try {
        const summary = await syncFromKolada(
          store,
          client,
          {
            kpis: opts.kpi,
            kpiGroups: opts.kpiGroup,
            all: opts.all,
            years: opts.years,
            metadata: opts.metadata,
            ou: opts.ou,
          },
          { concurrency, full: opts.full, progress, log: (m) => bar.isActive || console.error(m) },
        );
        if (phase !== null) bar.stop();
        console.log(describeSummary(summary));
        if (summary.failed.length) process.exitCode = 1;
      } catch (error) {
        if (phase !== null) bar.stop();
        throw error;
      } finally {
        await store.close();
      }
    });
}
