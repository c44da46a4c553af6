/**
 * GET /api/status: which dataset the store holds, what the background sync is doing, the
 * scheduled sync's last and next run, and this server process: its worker role and its memory
 * against the budgets that are settings (the caches, V8's heap).
 */
import { getHeapStatistics } from 'node:v8';
import type { FastifyInstance } from 'fastify';
import type { SyncProgress } from '../kolada/sync-progress.js';
import type { Store } from '../store/database.js';
import type { ScheduledSync } from './scheduled-sync.js';
import { clusterState } from './workers.js';

/** A cache's budget (a setting) and what it holds now. */
export interface CacheStatus {
  /** The setting that sets the budget. */
  setting: string;
  budgetBytes: number;
  usedBytes: number;
  entries: number;
}

export interface StatusOptions {
  store: Store;
  /** Configured worker processes (ETABLERA_WORKERS, resolved). */
  workers: number;
  /** The caches with a byte budget, by name. */
  caches: () => Record<string, CacheStatus>;
  /** ETABLERA_HEAP_MB: the V8 heap limit asked for, or null (V8's own). */
  heapMb: number | null;
  /** Whether this process holds the taxonomy search index. */
  taxonomyIndex: () => 'none' | 'building' | 'built';
}

/** The V8 flags about the heap that /api/status reports (sizes, growth, pretenuring). */
export const HEAP_FLAG = /^--(max-(old|semi|young)|heap-growing|(no-)?allocation-site-pretenuring)/;

const cacheSchema = {
  type: 'object',
  properties: {
    setting: { type: 'string' },
    budgetBytes: { type: 'integer' },
    usedBytes: { type: 'integer' },
    entries: { type: 'integer' },
  },
} as const;

declare module 'fastify' {
  interface FastifyInstance {
    /** Progress of the background sync or demo load, for pages and /api/status. */
    syncProgress: SyncProgress;
    /** The server's own sync on ETABLERA_SYNC_SCHEDULE. */
    scheduledSync: ScheduledSync;
  }
}

export async function statusRoutes(app: FastifyInstance, options: StatusOptions): Promise<void> {
  const meta = options.store.repositories.storeMeta;
  app.get(
    '/api/status',
    {
      schema: {
        description:
          'The dataset the store holds ("kolada", "demo": generated, not real figures, or "empty") and the background sync.',
        response: {
          200: {
            type: 'object',
            properties: {
              dataset: { type: 'string', enum: ['kolada', 'demo', 'empty'] },
              sync: {
                type: 'object',
                properties: {
                  state: { type: 'string', enum: ['idle', 'running', 'done', 'failed', 'offline'] },
                  phase: { type: ['string', 'null'] },
                  done: { type: 'integer' },
                  total: { type: 'integer' },
                  message: { type: 'string' },
                  startedAt: { type: ['string', 'null'] },
                },
              },
              mail: {
                type: 'object',
                description:
                  'E-mail (see README, E-mail): on or off (and why), messages waiting to be sent and messages given up.',
                properties: {
                  enabled: { type: 'boolean' },
                  reason: { type: ['string', 'null'] },
                  pending: { type: 'integer' },
                  failed: { type: 'integer' },
                },
              },
              server: {
                type: 'object',
                description:
                  'The process that answered: its worker role (ETABLERA_WORKERS; "jobs" runs syncs and scheduled jobs) and its memory against the budgets that are settings.',
                properties: {
                  pid: { type: 'integer' },
                  role: { type: 'string', enum: ['jobs', 'serve'] },
                  workers: { type: 'integer', description: 'Configured worker processes.' },
                  serving: {
                    type: 'integer',
                    description:
                      'Worker processes serving now (as the primary last said; 1 for a single process).',
                  },
                  dataVersionListener: {
                    type: 'string',
                    enum: ['not used', 'not started', 'listening', 'disconnected'],
                    description:
                      "PostgreSQL only: this process's LISTEN for data changes, which lets it keep the data version between changes instead of reading it for every cacheable request (started at the first such request; while disconnected the version is read every time). SQLite: 'not used'.",
                  },
                  memory: {
                    type: 'object',
                    properties: {
                      rssBytes: { type: 'integer' },
                      heapUsedBytes: { type: 'integer' },
                      heapTotalBytes: {
                        type: 'integer',
                        description:
                          "V8's heap as reserved from the system (heapUsed plus what V8 keeps for the next objects).",
                      },
                      externalBytes: {
                        type: 'integer',
                        description:
                          'Memory outside the V8 heap held by JavaScript objects (Buffers, cached reply bodies), arrayBuffers included.',
                      },
                      arrayBuffersBytes: { type: 'integer' },
                      nativeBytes: {
                        type: 'integer',
                        description:
                          'RSS less the V8 heap and external memory: code, thread stacks, SQLite/PostgreSQL drivers, malloc arenas.',
                      },
                      heapLimitBytes: {
                        type: 'integer',
                        description: "V8's heap limit in this process (ETABLERA_HEAP_MB, or V8's own).",
                      },
                      heapSetting: {
                        type: 'object',
                        description: 'The setting for the heap limit and its value ("auto": V8 chooses).',
                        properties: {
                          setting: { type: 'string' },
                          value: { type: ['integer', 'string'] },
                        },
                      },
                      v8Flags: {
                        type: 'array',
                        items: { type: 'string' },
                        description:
                          'The V8 heap flags the process runs with (bin/server-node-flags.json, ETABLERA_HEAP_MB): sizes, growth, pretenuring.',
                      },
                      mallocArenaMax: {
                        type: ['string', 'null'],
                        description:
                          "glibc's malloc arenas at most (MALLOC_ARENA_MAX; the launcher and the primary set 2), null when unset.",
                      },
                      taxonomyIndex: {
                        type: 'string',
                        enum: ['none', 'building', 'built'],
                        description:
                          'Whether this process holds the taxonomy search index (≈ 90 MB; ETABLERA_TAXONOMY_INDEX_ON_START).',
                      },
                      caches: {
                        type: 'object',
                        properties: { reply: cacheSchema, comparison: cacheSchema, analysis: cacheSchema },
                      },
                    },
                  },
                },
              },
              schedule: {
                type: 'object',
                description:
                  'The scheduled sync (ETABLERA_SYNC_SCHEDULE): its last run in any instance, its next run here.',
                properties: {
                  schedule: { type: 'string' },
                  timezone: { type: 'string' },
                  nextRun: { type: ['string', 'null'] },
                  lastRun: {
                    type: ['object', 'null'],
                    properties: {
                      slot: { type: 'string' },
                      startedAt: { type: 'string' },
                      finishedAt: { type: 'string' },
                      outcome: { type: 'string', enum: ['ok', 'failed', 'busy'] },
                      message: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    async () => {
      const mail = await app.mailer.status();
      return {
        dataset: await meta.dataset(),
        sync: app.syncProgress.snapshot(),
        schedule: await app.scheduledSync.status(),
        // Counts only: recipients and errors (which may name them) stay in the log and the table.
        mail: { enabled: mail.enabled, reason: mail.reason, pending: mail.pending, failed: mail.failed },
        server: serverStatus(options),
      };
    },
  );
}

function serverStatus(options: StatusOptions) {
  const cluster = clusterState();
  const memory = process.memoryUsage();
  return {
    pid: process.pid,
    role: cluster.role,
    workers: options.workers,
    serving: cluster.serving,
    dataVersionListener:
      options.store.dialect === 'postgres' ? options.store.dataVersionSignal.state() : 'not used',
    memory: {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      // The breakdown says where RSS goes (issue 24): V8's heap, Buffers, and the rest (native).
      heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external,
      arrayBuffersBytes: memory.arrayBuffers,
      nativeBytes: Math.max(0, memory.rss - memory.heapTotal - memory.external),
      heapLimitBytes: getHeapStatistics().heap_size_limit,
      heapSetting: { setting: 'ETABLERA_HEAP_MB', value: options.heapMb ?? 'auto' },
      v8Flags: process.execArgv.filter((a) => HEAP_FLAG.test(a)),
      mallocArenaMax: process.env.MALLOC_ARENA_MAX ?? null,
      taxonomyIndex: options.taxonomyIndex(),
      caches: options.caches(),
    },
  };
}
