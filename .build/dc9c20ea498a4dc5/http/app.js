import compress from "@fastify/compress";
import cors from "@fastify/cors";
import etag from "@fastify/etag";
import Fastify, {} from "fastify";
import { statusRoutes } from "../app-start/status.routes.js";
import { SyncProgress } from "../kolada/sync-progress.js";
import { StoreMetaRepository } from "../store/repositories/store-meta.repository.js";
import { adminRoutes } from "./admin/admin.routes.js";
import { analysisApi } from "./api/analysis/analysis-api.plugin.js";
import { accountRoutes } from "./auth/account.routes.js";
import { auditRoutes } from "./auth/audit.routes.js";
import { registerAuth } from "./auth/auth.js";
import { ResponseCache, registerResponseCache } from "./cache/response-cache.js";
import { koladaFrameworkError } from "./kolada-api/errors.js";
import { DATASET_HEADER, koladaApi } from "./kolada-api/plugin.js";
import { registerSecurity, serverLimits } from "./security/security.js";
import { analysisPages } from "./ui/analysis/analysis-pages.plugin.js";
import { uiPlugin } from "./ui/ui.plugin.js";
async function buildApp({
  store,
  settings,
  logger = false,
  syncProgress
}) {
  const app = Fastify({
    logger: logger ? { level: settings.logLevel } : false,
    // Kolada clients send comma lists and sometimes a bare trailing "?"; keep routing lenient there.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2e3 },
    frameworkErrors: koladaFrameworkError,
    ...serverLimits(settings)
  });
  await registerSecurity(app, settings);
  await registerAuth(app, { store, settings });
  const meta = new StoreMetaRepository(store.db);
  const cache = new ResponseCache({
    maxBytes: settings.apiCacheMb * 1024 * 1024,
    prefixes: ["/v3/", "/v2/"],
    keptHeaders: ["content-type", DATASET_HEADER],
    currentVersion: () => meta.dataVersion()
  });
  registerResponseCache(app, cache);
  await app.register(etag);
  await app.register(compress);
  await app.register(cors, { origin: "*", methods: ["GET", "HEAD"] });
  await app.register(koladaApi, { store, publicBaseUrl: settings.publicBaseUrl });
  await app.register(analysisApi, { store });
  app.get("/api/health", async () => ({ status: "ok", store: store.dialect }));
  app.decorate("syncProgress", syncProgress ?? new SyncProgress());
  await app.register(statusRoutes, { store });
  await app.register(adminRoutes, { store, settings });
  await app.register(auditRoutes);
  await app.register(accountRoutes, { store, settings });
  await app.register(uiPlugin, { store, settings });
  await app.register(analysisPages, { store, settings });
  return app;
}
export {
  buildApp
};
//# sourceMappingURL=app.js.map
