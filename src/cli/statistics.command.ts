import type { Command } from 'commander';
import { KOLADA_ID } from '../kolada/ids.js';
import { idList } from './list-options.js';
import { openConfiguredStore } from './open-store.js';
import { UsageError } from './usage-error.js';

export function registerStatisticsCommand(program: Command): void {
  program
    .command('statistics')
    .description(
      'Recompute the precomputed KPI statistics (distribution, ranks) that imports and syncs keep up to date; optionally precompute municipality groups too.',
    )
    .option('--kpi <ids>', 'only these KPIs (comma-separated); default all', idList('--kpi', KOLADA_ID))
    .option(
      '--add-group <ids>',
      'also precompute these municipality groups (e.g. G33621)',
      idList('--add-group', KOLADA_ID),
    )
    .option('--remove-group <ids>', 'stop precomputing these groups', idList('--remove-group', KOLADA_ID))
    .action(async (opts: { kpi?: string[]; addGroup?: string[]; removeGroup?: string[] }) => {
      const { refreshStatistics } = await import('../domain/analysis/statistics.service.js');
      const { createProgressBar } = await import('./progress-bar.js');
      const store = await openConfiguredStore();
      const bar = createProgressBar('statistics', 'KPIs');
      try {
        const { statistics, analysis } = store.repositories;
        for (const id of opts.addGroup ?? []) {
          if (!(await analysis.group(id)))
            throw new UsageError(`--add-group: no municipality group "${id}" in the store`);
          await statistics.addGroupSet(id);
        }
        for (const id of opts.removeGroup ?? []) await statistics.removeGroupSet(id);
        bar.start(1, 0, { detail: '', rate: 0 });
        const started = Date.now();
        const result = await refreshStatistics(statistics, opts.kpi, {
          onProgress: (done, total) => {
            bar.setTotal(total);
            bar.update(done, {
              detail: '',
              rate: Math.round(done / Math.max(0.001, (Date.now() - started) / 1000)),
            });
          },
        });
        bar.stop();
        console.log(
          `${result.kpis.toLocaleString('en')} KPIs, sets ${result.sets.join(', ')}: ${result.statistics.toLocaleString('en')} statistics and ${result.ranks.toLocaleString('en')} ranks in ${result.seconds.toFixed(1)} s`,
        );
      } finally {
        bar.stop();
        await store.close();
      }
    });
}
