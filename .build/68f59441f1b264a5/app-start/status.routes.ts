/** GET /api/status: which dataset the store holds and what the background sync is doing. */
import type { FastifyInstance } from 'fastify';
import type { SyncProgress } from '../kolada/sync-progress.js';
import type { Store } from '../store/database.js';
import { StoreMetaRepository } from '../store/repositories/store-meta.repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Progress of the background sync or demo load, for pages and /api/status. */
    syncProgress: SyncProgress;
  }
}

export async function statusRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const meta = new StoreMetaRepository(options.store.db);
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
            },
          },
        },
      },
    },
    async () => ({ dataset: await meta.dataset(), sync: app.syncProgress.snapshot() }),
  );
}
