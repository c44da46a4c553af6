import type { Command } from 'commander';
import { openConfiguredStore } from './open-store.js';

function printReport(report: {
  kept: number;
  refused: number;
  ads: { index: number; id: string | null; status: string; problem?: string; notes: string[] }[];
}) {
  for (const ad of report.ads)
    if (ad.status === 'refused' || ad.notes.length > 0)
      console.log(
        `ad ${ad.index}${ad.id ? ` (${ad.id})` : ''}: ${ad.status}${ad.problem ? `: ${ad.problem}` : ''}${ad.notes.length ? ` [${ad.notes.join(', ')}]` : ''}`,
      );
  console.log(`Kept ${report.kept} ads, refused ${report.refused}.`);
}

export function registerAdsCommand(program: Command): void {
  const ads = program.command('ads').description("Job ads for matching (JobTech's ad JSON shape).");
  ads
    .command('import')
    .description(
      'Import ads from a JSON file (a list, a JobSearch answer {hits}, or one ad). Each ad is checked on its own and reported; contact persons are never stored.',
    )
    .argument('<file>', 'the JSON file')
    .action(async (file: string) => {
      const { readAdsFile } = await import('../domain/process/matching/ad-sources.js');
      const { MatchingService } = await import('../domain/process/matching/matching.service.js');
      const document = readAdsFile(file);
      const store = await openConfiguredStore();
      try {
        printReport(await new MatchingService(store).importAds(document, `file: ${file}`));
      } finally {
        await store.close();
      }
    });
  ads
    .command('fetch')
    .description(
      'Fetch ads from a JobSearch-compatible endpoint (ETABLERA_JOBSEARCH_URL or --url; ETABLERA_JOBSEARCH_API_KEY) and import them.',
    )
    .option('--url <url>', 'base URL of the endpoint')
    .option('--query <q>', 'free-text query')
    .option('--limit <n>', 'how many ads at most', '100')
    .action(async (opts: { url?: string; query?: string; limit: string }) => {
      const { fetchJobSearch } = await import('../domain/process/matching/ad-sources.js');
      const { MatchingService } = await import('../domain/process/matching/matching.service.js');
      const baseUrl = opts.url ?? process.env.ETABLERA_JOBSEARCH_URL;
      if (!baseUrl) throw new Error('no endpoint: give --url or set ETABLERA_JOBSEARCH_URL');
      const hits = await fetchJobSearch({
        baseUrl,
        ...(process.env.ETABLERA_JOBSEARCH_API_KEY ? { apiKey: process.env.ETABLERA_JOBSEARCH_API_KEY } : {}),
        ...(opts.query ? { query: opts.query } : {}),
        limit: Number(opts.limit) || 100,
      });
      const store = await openConfiguredStore();
      try {
        printReport(await new MatchingService(store).importAds(hits, `jobsearch: ${new URL(baseUrl).host}`));
      } finally {
        await store.close();
      }
    });
}
