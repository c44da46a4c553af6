/**
 * The taxonomy search index at the first Process request (ETABLERA_TAXONOMY_INDEX_ON_START=process).
 *
 * The index is the largest thing a server process holds (≈ 90 MB, BENCHMARKS.md *Taxonomy*), and
 * with ETABLERA_WORKERS every worker holds its own. A server used only for Position (the Kolada
 * mirror, the comparator, Plan) never searches the taxonomy, so building it at start cost every
 * worker that memory for nothing (issue 24). Built at the first search instead, that search would
 * wait seconds. So: when a Process or taxonomy page or API is first answered, the index is built in
 * the background — the case worker opening a person's page is a few clicks away from the search.
 */
import type { FastifyInstance } from 'fastify';

/** Where the people who search the taxonomy work: Process's pages and APIs and the taxonomy's. */
export const PROCESS_PATHS = [
  '/personer',
  '/min-sida',
  '/taxonomi',
  '/yrken',
  '/api/people',
  '/api/caseload',
  '/api/taxonomy',
] as const;

/** Whether `url` (path and query) is one of PROCESS_PATHS or below one. */
export function isProcessPath(url: string): boolean {
  return PROCESS_PATHS.some(
    (p) => url.startsWith(p) && (url.length === p.length || '/?'.includes(url[p.length] ?? '')),
  );
}

/**
 * Builds the index (`build`) once a Process request has been answered: after the reply, so that
 * first page does not wait for it. If the build fails, the next Process request tries again.
 */
export function buildIndexOnFirstProcessRequest(
  app: FastifyInstance,
  build: () => Promise<unknown>,
  onError: (error: unknown) => void,
): void {
  let started = false;
  // Callback style, not async: it runs after every reply, and a promise per reply is work for nothing.
  app.addHook('onResponse', (request, _reply, done) => {
    if (!started && isProcessPath(request.url)) {
      started = true;
      build().catch((error: unknown) => {
        started = false;
        onError(error);
      });
    }
    done();
  });
}
