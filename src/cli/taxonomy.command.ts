import type { Command } from 'commander';
import { openConfiguredStore } from './open-store.js';
import { UsageError } from './usage-error.js';

function whole(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${name} must be a whole number ${min}–${max}, got "${text}"`);
  return n;
}

export function registerTaxonomyCommand(program: Command): void {
  const taxonomy = program
    .command('taxonomy')
    .description('The labour-market taxonomy (JobTech Taxonomy, ESCO related names, Yrkesprognoser).');
  taxonomy
    .command('import')
    .description(
      'Import JobTech Taxonomy dataset files in their published JSON shape ({"data":{"concepts":[…]}}, .gz or plain). All files are checked before anything is written.',
    )
    .argument('<files...>', 'dataset files')
    .option('--version <version>', 'the taxonomy version or source date to record')
    .action(async (files: string[], opts: { version?: string }) => {
      const { importTaxonomyFiles } = await import('../domain/process/taxonomy/taxonomy-loader.js');
      const store = await openConfiguredStore();
      try {
        const report = await importTaxonomyFiles(store, files, opts.version);
        for (const f of report.files) console.log(`${f.file}: ${f.concepts.toLocaleString('en')} concepts`);
        console.log(
          `Imported ${report.concepts.toLocaleString('en')} concepts (${report.deprecated} deprecated), ` +
            `${report.relations.toLocaleString('en')} relations, ${report.labels.toLocaleString('en')} labels in ${report.seconds.toFixed(1)} s`,
        );
      } finally {
        await store.close();
      }
    });
  taxonomy
    .command('sync')
    .description(
      'Read the JobTech Taxonomy from its GraphQL API (ETABLERA_TAXONOMY_URL), page by page, and write it as one versioned load: all or nothing. Concepts the API no longer lists are kept as deprecated.',
    )
    .option('--version <version>', 'the taxonomy version to read (default: the latest the API lists)')
    .option('--types <types>', 'concept types, comma-separated (default: all the snapshot holds)')
    .option('--page-size <n>', 'concepts per request', '1000')
    .option('--timeout <seconds>', 'timeout per request', '120')
    .option(
      '--retries <n>',
      'retries per request (network errors, timeouts, 429, 5xx, a reply that is not JSON)',
      '4',
    )
    .action(
      async (opts: {
        version?: string;
        types?: string;
        pageSize: string;
        timeout: string;
        retries: string;
      }) => {
        const pageSize = whole('--page-size', opts.pageSize, 1, 10_000);
        const timeoutMs = whole('--timeout', opts.timeout, 1, 3600) * 1000;
        const retries = whole('--retries', opts.retries, 0, 20);
        const { loadSettings } = await import('../config/settings.js');
        const { JobtechGraphqlClient } = await import('../domain/process/taxonomy/jobtech-graphql-client.js');
        const { syncTaxonomy } = await import('../domain/process/taxonomy/taxonomy-sync.js');
        const client = new JobtechGraphqlClient({
          url: loadSettings().taxonomyUrl,
          timeoutMs,
          retries,
          onRetry: (r) =>
            console.error(
              `  retry ${r.attempt} of ${r.what} in ${(r.delayMs / 1000).toFixed(1)} s: ${r.reason}`,
            ),
        });
        const store = await openConfiguredStore();
        try {
          const r = await syncTaxonomy(store, client, {
            version: opts.version,
            types: opts.types
              ?.split(',')
              .map((t) => t.trim())
              .filter(Boolean),
            pageSize,
            log: (line) => console.error(line),
          });
          console.log(
            `Synced JobTech Taxonomy version ${r.version}: ${r.concepts.toLocaleString('en')} concepts ` +
              `(${r.deprecatedUpstream} deprecated upstream, ${r.deprecatedByThisSync} no longer listed and kept as deprecated), ` +
              `${r.relations.toLocaleString('en')} relations, ${r.labels.toLocaleString('en')} labels; ` +
              `${r.requests} requests, ${r.retries} retries, ${r.seconds.toFixed(1)} s`,
          );
        } finally {
          await store.close();
        }
      },
    );
  taxonomy
    .command('load-snapshot')
    .description('Load the bundled snapshot (what the server does at first start), e.g. to go back to it.')
    .action(async () => {
      const { loadBundledTaxonomy } = await import('../domain/process/taxonomy/taxonomy-loader.js');
      const store = await openConfiguredStore();
      try {
        const r = await loadBundledTaxonomy(store);
        console.log(
          `Loaded ${r.concepts.toLocaleString('en')} concepts, ${r.relations.toLocaleString('en')} relations, ${r.labels.toLocaleString('en')} labels in ${r.seconds.toFixed(1)} s`,
        );
      } finally {
        await store.close();
      }
    });
}
