/**
 * Where ads come from: a JSON file in JobTech's ad shape (`etablera ads import <file>`), or a
 * JobSearch-compatible endpoint (`GET <base>/search?q=…&limit=…&offset=…` answering `{hits: [...]}`),
 * configured by URL (ETABLERA_JOBSEARCH_URL, optional ETABLERA_JOBSEARCH_API_KEY sent as `api-key`).
 * A file over the size limit or not JSON is refused whole with a message naming the problem.
 */
import { readFileSync, statSync } from 'node:fs';
import { ImportError } from '../../../import/import-error.js';
import { MAX_FILE_BYTES } from './job-ads.js';

export function readAdsFile(file: string, maxBytes = MAX_FILE_BYTES): unknown {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new ImportError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (size > maxBytes)
    throw new ImportError(
      file,
      `is ${(size / 2 ** 20).toFixed(1)} MB, more than the ${(maxBytes / 2 ** 20).toFixed(0)} MB an ad file may be: split it`,
    );
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ImportError(file, `is not JSON (${(error as Error).message})`);
  }
}

export interface JobSearchOptions {
  baseUrl: string;
  apiKey?: string;
  query?: string;
  /** How many ads at most (pages of 100). */
  limit?: number;
  fetch?: typeof fetch;
}

export async function fetchJobSearch(options: JobSearchOptions): Promise<unknown[]> {
  const doFetch = options.fetch ?? fetch;
  const limit = Math.max(1, Math.min(options.limit ?? 100, 2000));
  const hits: unknown[] = [];
  for (let offset = 0; offset < limit; offset += 100) {
    const url = new URL(`${options.baseUrl.replace(/\/$/, '')}/search`);
    if (options.query) url.searchParams.set('q', options.query);
    url.searchParams.set('limit', String(Math.min(100, limit - offset)));
    url.searchParams.set('offset', String(offset));
    const response = await doFetch(url, {
      headers: { accept: 'application/json', ...(options.apiKey ? { 'api-key': options.apiKey } : {}) },
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new Error(`${url.origin}${url.pathname} answered ${response.status}`);
    const body = (await response.json()) as { hits?: unknown };
    if (!Array.isArray(body.hits))
      throw new Error(`${url.origin}${url.pathname} did not answer {hits: [...]}`);
    hits.push(...body.hits);
    if (body.hits.length < 100) break;
  }
  return hits;
}
