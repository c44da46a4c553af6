import { AnalysisInputError } from "../../../domain/analysis/analysis-input.js";
import { correlationAnalysis } from "../../../domain/analysis/correlation.service.js";
import { expectedValues } from "../../../domain/analysis/expected-value.service.js";
import { MODEL_PRESETS, SIMILARITY_PRESETS } from "../../../domain/analysis/presets.js";
import { similarMunicipalities } from "../../../domain/analysis/similarity.service.js";
import { kpiStatistics } from "../../../domain/analysis/statistics.service.js";
import {
  correlationRequest,
  expectedValueRequest,
  similarityRequest,
  statisticsRequest
} from "./analysis-query.js";
function jsonSafe(_key, value) {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}
function analysisErrorHandler(error, _request, reply) {
  if (error instanceof AnalysisInputError) {
    reply.code(error.statusCode).send({ statusCode: error.statusCode, error: error.message });
    return;
  }
  if (error.validation || error.statusCode && error.statusCode < 500) {
    reply.code(error.statusCode ?? 400).send({ statusCode: error.statusCode ?? 400, error: error.message });
    return;
  }
  reply.log.error(error);
  reply.code(500).send({ statusCode: 500, error: "internt fel / internal error" });
}
async function analysisApi(app, { store }) {
  app.setErrorHandler(analysisErrorHandler);
  const send = (reply, body) => reply.type("application/json; charset=utf-8").send(JSON.stringify(body, jsonSafe));
  app.get(
    "/api/analys/urval",
    async (_request, reply) => send(reply, { similarity: SIMILARITY_PRESETS, models: MODEL_PRESETS })
  );
  app.get(
    "/api/analys/statistik",
    async (request, reply) => send(reply, await kpiStatistics(store, statisticsRequest(request.query)))
  );
  app.get(
    "/api/analys/liknande",
    async (request, reply) => send(reply, await similarMunicipalities(store, similarityRequest(request.query)))
  );
  app.get(
    "/api/analys/forvantat",
    async (request, reply) => send(reply, await expectedValues(store, expectedValueRequest(request.query)))
  );
  app.get(
    "/api/analys/samband",
    async (request, reply) => send(reply, await correlationAnalysis(store, correlationRequest(request.query)))
  );
}
export {
  analysisApi,
  analysisErrorHandler,
  jsonSafe
};
//# sourceMappingURL=analysis-api.plugin.js.map
