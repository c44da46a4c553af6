import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Command } from 'commander';
import { type ExportFormat, exportValues } from '../export/export.service.js';
import { ValueRepository } from '../store/repositories/value.repository.js';
import { idList, yearList } from './list-options.js';
import { openConfiguredStore } from './open-store.js';
import { UsageError } from './usage-error.js';

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'Export values as Kolada v3 data objects (NDJSON) or long CSV, for a selection or everything.',
    )
    .option('--kpi <ids>', 'comma-separated KPI ids (default: all)', idList('--kpi', /^[A-Za-z0-9_-]+$/))
    .option(
      '--municipality <ids>',
      'comma-separated municipality ids (default: all)',
      idList('--municipality', /^[A-Za-z0-9_-]+$/),
    )
    .option('--years <years>', 'years, e.g. 2015,2018 or 2010-2022 (default: all)', yearList)
    .option('--format <format>', 'ndjson or csv (default: from the file name, else ndjson)')
    .option('-o, --output <file>', 'file to write (.gz compresses); default: standard output')
    .action(
      async (opts: {
        kpi?: string[];
        municipality?: string[];
        years?: number[];
        format?: string;
        output?: string;
      }) => {
        const guessed = opts.output?.replace(/\.gz$/, '').endsWith('.csv') ? 'csv' : 'ndjson';
        const format = (opts.format ?? guessed) as ExportFormat;
        if (format !== 'ndjson' && format !== 'csv')
          throw new UsageError(`--format must be ndjson or csv, got "${format}"`);
        const store = await openConfiguredStore();
        try {
          const file = opts.output ? createWriteStream(opts.output) : null;
          const gzip = opts.output?.endsWith('.gz') ? createGzip() : null;
          if (gzip && file) gzip.pipe(file);
          const out = gzip ?? file ?? process.stdout;
          const count = await exportValues(
            new ValueRepository(store.db),
            { kpis: opts.kpi, municipalities: opts.municipality, years: opts.years },
            format,
            out,
          );
          if (file) {
            out.end();
            await finished(file);
          }
          console.error(
            `exported ${count.toLocaleString('en')} values${opts.output ? ` to ${opts.output}` : ''}`,
          );
        } finally {
          await store.close();
        }
      },
    );
}
