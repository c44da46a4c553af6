/**
 * Builds the Fastify application around a store. Transport only: routes call repositories and
 * services, never SQL. Features register themselves here as plugins.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Settings } from '../config/settings.js';
import type { Store } from '../store/database.js';
import { uiPlugin } from './ui/ui.plugin.js';

export interface AppOptions {
  store: Store;
  settings: Settings;
  logger?: boolean;
}

export async function buildApp({ store, settings, logger = false }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: settings.logLevel } : false,
    // Kolada clients send comma lists and sometimes a bare trailing "?"; keep routing lenient there.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 },
  });

  app.get('/api/health', async () => ({ status: 'ok', store: store.dialect }));
  await app.register(uiPlugin, { store, settings });

  return app;
}
