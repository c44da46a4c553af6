// How a server process starts: its Node/V8 flags and its environment. One place for the launcher
// (bin/etablera.js: a single process, or the cluster primary), the primary (src/app-start/workers.ts:
// each worker) and the benchmark (bench/lib/server.ts), so that all of them run the server alike.
// Imported, not read from disk: the primary's copy of this module is bundled into .build/.
import SERVER_NODE_FLAGS from './server-node-flags.json' with { type: 'json' };

/**
 * The V8 flags of a server process: bin/server-node-flags.json, and with ETABLERA_HEAP_MB=N the heap
 * limit `--max-old-space-size=N`. A malformed ETABLERA_HEAP_MB is left out here: the server's
 * settings refuse it at start with a message naming it (src/config/settings.ts).
 */
export function serverNodeFlags(env = process.env) {
  const flags = [...SERVER_NODE_FLAGS];
  const heap = env.ETABLERA_HEAP_MB ?? '';
  return /^\d+$/.test(heap) ? [...flags, `--max-old-space-size=${heap}`] : flags;
}

/**
 * The environment of a server process. glibc gives each thread that allocates at the same time its
 * own malloc arena (up to 8 per core), and a Node server has a dozen threads (libuv's pool, V8's
 * compiler and GC helpers, SQLite's checkpoint thread): memory freed in one arena is not reused by
 * another, so RSS grew well past what the process held (issue 24, BENCHMARKS.md *Realistic mix*).
 * Two arenas keep it close. An operator's own MALLOC_ARENA_MAX wins.
 */
export function serverEnv(env = process.env) {
  return { MALLOC_ARENA_MAX: '2', ...env };
}
