import { basename } from 'node:path';
import type { Command } from 'commander';
import type { FileReport } from '../import/import.service.js';
import { openConfiguredStore } from './open-store.js';
import { UsageError } from './usage-error.js';

function describe(report: FileReport): string {
  const lines = [
    `${report.file}: ${report.kind}, ${report.items.toLocaleString('en')} items` +
      (report.kind === 'data' || report.kind === 'oudata'
        ? `, ${report.values.toLocaleString('en')} values (${report.written.toLocaleString('en')} new or changed, ${report.unchanged.toLocaleString('en')} unchanged)`
        : `, ${report.written.toLocaleString('en')} written`) +
      ` in ${report.seconds.toFixed(1)} s`,
  ];
  const unknownKpis = Object.entries(report.unknownKpis);
  if (unknownKpis.length > 0) {
    const values = unknownKpis.reduce((sum, [, n]) => sum + n, 0);
    lines.push(
      `  ${values.toLocaleString('en')} values for ${unknownKpis.length} KPIs the store does not know (kept): ${unknownKpis
        .slice(0, 10)
        .map(([id]) => id)
        .join(', ')}${unknownKpis.length > 10 ? ', …' : ''}`,
    );
  }
  const unknownUnits = Object.entries(report.unknownUnits);
  if (unknownUnits.length > 0) {
    lines.push(
      `  ${unknownUnits.length} unknown municipality/OU ids referenced (kept): ${unknownUnits
        .slice(0, 10)
        .map(([id]) => id)
        .join(', ')}${unknownUnits.length > 10 ? ', …' : ''}`,
    );
  }
  if (report.skipped.count > 0) {
    lines.push(`  ${report.skipped.count} invalid items skipped:`);
    for (const example of report.skipped.examples) lines.push(`    ${example}`);
  }
  return lines.join('\n');
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Import Kolada-shaped files: metadata envelopes ({"values":[…]}), data as NDJSON (.gz or plain) or API pages, or long CSV (kpi,municipality,period,gender,value[,status]).',
    )
    .argument('<files...>', 'files to import (metadata files are imported before value files)')
    .option('--skip-invalid', 'skip and report malformed lines instead of stopping at the first one')
    .option('--origin <origin>', 'origin recorded for imported KPIs: kolada or local', 'kolada')
    .action(async (files: string[], opts: { skipInvalid?: boolean; origin: string }) => {
      if (opts.origin !== 'kolada' && opts.origin !== 'local') {
        throw new UsageError(`--origin must be "kolada" or "local", got "${opts.origin}"`);
      }
      // The command's modules load when it runs, so the CLI starts fast (see scripts/build.mjs).
      const { importFiles } = await import('../import/import.service.js');
      const { createProgressBar } = await import('./progress-bar.js');
      const store = await openConfiguredStore();
      const bar = createProgressBar('import', 'values');
      let active = false;
      try {
        const reports = await importFiles(store, files, {
          skipInvalid: opts.skipInvalid,
          origin: opts.origin,
          onFileStart: (file, _kind, totalBytes) => {
            if (active) bar.stop();
            bar.start(totalBytes, 0, { detail: basename(file), rate: 0 });
            active = true;
          },
          onProgress: (p) => {
            const seconds = Math.max(0.001, process.uptime());
            bar.update(p.bytesRead, {
              detail: `${basename(p.file)}: ${p.values.toLocaleString('en')} values`,
              rate: Math.round(p.values / seconds),
            });
          },
        });
        if (active) bar.stop();
        for (const report of reports) console.log(describe(report));
      } catch (error) {
        if (active) bar.stop();
        throw error;
      } finally {
        await store.close();
      }
    });
}
