import type { Command } from 'commander';
import { openConfiguredStore } from './open-store.js';

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
