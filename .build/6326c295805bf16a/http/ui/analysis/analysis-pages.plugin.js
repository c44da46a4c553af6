import { AnalysisInputError } from "../../../domain/analysis/analysis-input.js";
import { correlationAnalysis } from "../../../domain/analysis/correlation.service.js";
import { expectedValues } from "../../../domain/analysis/expected-value.service.js";
import { similarMunicipalities } from "../../../domain/analysis/similarity.service.js";
import { kpiStatistics } from "../../../domain/analysis/statistics.service.js";
import { ComparisonService } from "../../../domain/comparison/comparison.service.js";
import { AnalysisRepository } from "../../../store/repositories/analysis.repository.js";
import { ComparisonRepository } from "../../../store/repositories/comparison.repository.js";
import { StoreMetaRepository } from "../../../store/repositories/store-meta.repository.js";
import {
  correlationRequest,
  expectedValueRequest,
  similarityRequest,
  statisticsRequest
} from "../../api/analysis/analysis-query.js";
import { prepareAssets } from "../assets.js";
import { sendDocument } from "../exports/respond.js";
import { requestContext, sendHtml } from "../page-request.js";
import { AnalysisErrorPage } from "./analysis-error.page.js";
import { AnalysisIndexPage } from "./analysis-index.page.js";
import { CorrelationPage, correlationDocument } from "./correlation.page.js";
import { ExpectedValuePage, expectedValueDocument } from "./expected-value.page.js";
import { pickers } from "./pickers.js";
import { SimilarityPage, similarityDocument } from "./similarity.page.js";
import { StatisticsPage, statisticsDocument } from "./statistics.page.js";
async function analysisPages(app, { store, settings }) {
  const assets = await prepareAssets(settings.boundariesFile);
  const comparison = new ComparisonService(
    new ComparisonRepository(store.db),
    new StoreMetaRepository(store.db)
  );
  const analysis = new AnalysisRepository(store.db);
  let pickerCache;
  const pickerLists = () => {
    if (!pickerCache || Date.now() - pickerCache.at > 6e4)
      pickerCache = { at: Date.now(), value: pickers(analysis) };
    return pickerCache.value;
  };
  const publicBase = (request) => settings.publicBaseUrl || `${request.protocol}://${request.host}`;
  async function page(request, reply, path, format, build) {
    const ctx = await requestContext(
      request,
      reply,
      path,
      { app, comparison, assets },
      { repeatedParams: true }
    );
    const lists = await pickerLists();
    let built;
    let status = 200;
    let html;
    try {
      built = await build(ctx, lists);
      html = built ? built.html : (c) => AnalysisIndexPage({ ctx: c });
    } catch (error) {
      if (!(error instanceof AnalysisInputError)) throw error;
      if (format !== "html")
        return reply.code(error.statusCode).send({ statusCode: error.statusCode, error: error.message });
      status = error.statusCode;
      built = null;
      html = (c) => AnalysisErrorPage({ ctx: c, message: error.message, path, lists });
    }
    if (format !== "html") {
      if (!built) return reply.code(404).send({ statusCode: 404, error: "ingen data h\xE4r / no data here" });
      const doc = built.doc(ctx);
      doc.meta = doc.meta.map(
        (m) => m.key === "url" ? { ...m, value: `${publicBase(request)}${m.value}` } : m
      );
      return sendDocument(reply, doc, format);
    }
    return sendHtml(reply, status, html(ctx));
  }
  const q = (request) => request.query ?? {};
  const has = (request, ...names) => names.some((n) => q(request)[n] !== void 0);
  for (const format of ["html", "json", "csv", "xlsx"]) {
    const suffix = format === "html" ? "" : `.${format}`;
    app.get(
      `/analys${suffix}`,
      (request, reply) => page(request, reply, "/analys", format === "html" ? "html" : format, async () => null)
    );
    app.get(
      `/analys/liknande${suffix}`,
      (request, reply) => page(request, reply, "/analys/liknande", format, async (_ctx, lists) => {
        const input = has(request, "kommun") ? similarityRequest(q(request)) : null;
        const report = input ? await similarMunicipalities(store, input) : null;
        return {
          html: (c) => SimilarityPage({ ctx: c, report, lists }),
          doc: (c) => similarityDocument(c, report)
        };
      })
    );
    app.get(
      `/analys/forvantat${suffix}`,
      (request, reply) => page(request, reply, "/analys/forvantat", format, async (_ctx, lists) => {
        const query = has(request, "kpi") ? q(request) : { ...q(request), kpi: "N00700" };
        const report = await expectedValues(store, expectedValueRequest(query));
        const highlight = typeof q(request).kommun === "string" ? q(request).kommun : null;
        return {
          html: (c) => ExpectedValuePage({ ctx: c, report, lists, highlight }),
          doc: (c) => expectedValueDocument(c, report)
        };
      })
    );
    app.get(
      `/analys/statistik${suffix}`,
      (request, reply) => page(request, reply, "/analys/statistik", format, async (_ctx, lists) => {
        const query = has(request, "kpi") ? q(request) : { ...q(request), kpi: "N00700" };
        const report = await kpiStatistics(store, statisticsRequest(query));
        return {
          html: (c) => StatisticsPage({ ctx: c, report, lists }),
          doc: (c) => statisticsDocument(c, report)
        };
      })
    );
    app.get(
      `/analys/samband${suffix}`,
      (request, reply) => page(request, reply, "/analys/samband", format, async (_ctx, lists) => {
        const query = has(request, "x", "y") ? q(request) : { x: "N00700", y: "N00708", ...q(request) };
        const report = await correlationAnalysis(store, correlationRequest(query));
        return {
          html: (c) => CorrelationPage({ ctx: c, report, lists }),
          doc: (c) => correlationDocument(c, report)
        };
      })
    );
  }
}
export {
  analysisPages
};
//# sourceMappingURL=analysis-pages.plugin.js.map
