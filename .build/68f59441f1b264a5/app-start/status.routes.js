import { StoreMetaRepository } from "../store/repositories/store-meta.repository.js";
async function statusRoutes(app, options) {
  const meta = new StoreMetaRepository(options.store.db);
  app.get(
    "/api/status",
    {
      schema: {
        description: 'The dataset the store holds ("kolada", "demo": generated, not real figures, or "empty") and the background sync.',
        response: {
          200: {
            type: "object",
            properties: {
              dataset: { type: "string", enum: ["kolada", "demo", "empty"] },
              sync: {
                type: "object",
                properties: {
                  state: { type: "string", enum: ["idle", "running", "done", "failed", "offline"] },
                  phase: { type: ["string", "null"] },
                  done: { type: "integer" },
                  total: { type: "integer" },
                  message: { type: "string" },
                  startedAt: { type: ["string", "null"] }
                }
              }
            }
          }
        }
      }
    },
    async () => ({ dataset: await meta.dataset(), sync: app.syncProgress.snapshot() })
  );
}
export {
  statusRoutes
};
//# sourceMappingURL=status.routes.js.map
