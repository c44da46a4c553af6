/**
 * Builds the Fastify application around a store. Transport only: routes call repositories and
 * services, never SQL. Features register themselves here as plugins.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { statusRoutes } from '../app-start/status.routes.js';
import type { Settings } from '../config/settings.js';
import { SyncProgress } from '../kolada/sync-progress.js';
import type { Store } from '../store/database.js';

export interface AppOptions {
  store: Store;
  settings: Settings;
  logger?: boolean;
  /** Shared with the background sync (first start); a fresh idle one by default. */
  syncProgress?: SyncProgress;
}

export async function buildApp({
  store,
  settings,
  logger = false,
  syncProgress,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: settings.logLevel } : false,
    // Kolada clients send comma lists and sometimes a bare trailing "?"; keep routing lenient there.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 },
  });

  app.get('/api/health', async () => ({ status: 'ok', store: store.dialect }));
  app.decorate('syncProgress', syncProgress ?? new SyncProgress());
  await app.register(statusRoutes, { store });

  return app;
}
