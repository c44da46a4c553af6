/**
 * GET /api/status: which dataset the store holds, what the background sync is doing, and the
 * scheduled sync's last and next run.
 */
import type { FastifyInstance } from 'fastify';
import type { SyncProgress } from '../kolada/sync-progress.js';
import type { Store } from '../store/database.js';
import type { ScheduledSync } from './scheduled-sync.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Progress of the background sync or demo load, for pages and /api/status. */
    syncProgress: SyncProgress;
    /** The server's own sync on ETABLERA_SYNC_SCHEDULE. */
    scheduledSync: ScheduledSync;
  }
}

export async function statusRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
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
      };
    },
  );
}
