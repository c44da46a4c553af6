/**
 * The analysis pages /analys/… (HTML with the shared layout, and the same content as .json/.csv/.xlsx).
 * Transport only: the query is read by the same parser as the JSON API, the use cases compute.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Settings } from '../../../config/settings.js';
import { AnalysisInputError } from '../../../domain/analysis/analysis-input.js';
import { correlationAnalysis } from '../../../domain/analysis/correlation.service.js';
import { expectedValues } from '../../../domain/analysis/expected-value.service.js';
import { similarMunicipalities } from '../../../domain/analysis/similarity.service.js';
import { kpiStatistics } from '../../../domain/analysis/statistics.service.js';
import { ComparisonService } from '../../../domain/comparison/comparison.service.js';
import type { Store } from '../../../store/database.js';
import { AnalysisRepository } from '../../../store/repositories/analysis.repository.js';
import { ComparisonRepository } from '../../../store/repositories/comparison.repository.js';
import { StoreMetaRepository } from '../../../store/repositories/store-meta.repository.js';
import {
  correlationRequest,
  expectedValueRequest,
  type Query,
  similarityRequest,
  statisticsRequest,
} from '../../api/analysis/analysis-query.js';
import { prepareAssets } from '../assets.js';
import { type DataFormat, type Format, sendDocument } from '../exports/respond.js';
import type { TableDocument } from '../exports/table-document.js';
import type { PageContext } from '../page-context.js';
import { requestContext, sendHtml } from '../page-request.js';
import { AnalysisErrorPage } from './analysis-error.page.js';
import { AnalysisIndexPage } from './analysis-index.page.js';
import { CorrelationPage, correlationDocument } from './correlation.page.js';
import { ExpectedValuePage, expectedValueDocument } from './expected-value.page.js';
import { type Pickers, pickers } from './pickers.js';
import { SimilarityPage, similarityDocument } from './similarity.page.js';
import { StatisticsPage, statisticsDocument } from './statistics.page.js';

export interface AnalysisPagesOptions {
  store: Store;
  settings: Settings;
}

interface Built {
  html: (ctx: PageContext) => VNode;
  doc: (ctx: PageContext) => TableDocument;
}

export async function analysisPages(app: FastifyInstance, { store, settings }: AnalysisPagesOptions) {
  const assets = await prepareAssets(settings.boundariesFile);
  const comparison = new ComparisonService(
    new ComparisonRepository(store.db),
    new StoreMetaRepository(store.db),
  );
  const analysis = new AnalysisRepository(store.db);
  let pickerCache: { at: number; value: Promise<Pickers> } | undefined;
  const pickerLists = () => {
    // Pickers (kommuner, KPIs) change only with the data; a minute's cache keeps pages cheap.
    if (!pickerCache || Date.now() - pickerCache.at > 60_000)
      pickerCache = { at: Date.now(), value: pickers(analysis) };
    return pickerCache.value;
  };
  const publicBase = (request: FastifyRequest) =>
    settings.publicBaseUrl || `${request.protocol}://${request.host}`;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    format: Format,
    build: (ctx: PageContext, lists: Pickers) => Promise<Built | null>,
  ): Promise<unknown> {
    const ctx = await requestContext(
      request,
      reply,
      path,
      { app, comparison, assets },
      { repeatedParams: true },
    );
    const lists = await pickerLists();
    let built: Built | null;
    let status = 200;
    let html: (c: PageContext) => VNode;
    try {
      built = await build(ctx, lists);
      html = built ? built.html : (c) => AnalysisIndexPage({ ctx: c });
    } catch (error) {
      if (!(error instanceof AnalysisInputError)) throw error;
      if (format !== 'html')
        return reply.code(error.statusCode).send({ statusCode: error.statusCode, error: error.message });
      status = error.statusCode;
      built = null;
      html = (c) => AnalysisErrorPage({ ctx: c, message: error.message, path, lists });
    }
    if (format !== 'html') {
      if (!built) return reply.code(404).send({ statusCode: 404, error: 'ingen data här / no data here' });
      const doc = built.doc(ctx);
      doc.meta = doc.meta.map((m) =>
        m.key === 'url' ? { ...m, value: `${publicBase(request)}${m.value}` } : m,
      );
      return sendDocument(reply, doc, format as DataFormat);
    }
    return sendHtml(reply, status, html(ctx));
  }

  const q = (request: FastifyRequest) => (request.query ?? {}) as Query;
  const has = (request: FastifyRequest, ...names: string[]) => names.some((n) => q(request)[n] !== undefined);

  for (const format of ['html', 'json', 'csv', 'xlsx'] as const) {
    const suffix = format === 'html' ? '' : `.${format}`;
    app.get(`/analys${suffix}`, (request, reply) =>
      page(request, reply, '/analys', format === 'html' ? 'html' : format, async () => null),
    );
    app.get(`/analys/liknande${suffix}`, (request, reply) =>
      page(request, reply, '/analys/liknande', format, async (_ctx, lists) => {
        const input = has(request, 'kommun') ? similarityRequest(q(request)) : null;
        const report = input ? await similarMunicipalities(store, input) : null;
        return {
          html: (c) => SimilarityPage({ ctx: c, report, lists }),
          doc: (c) => similarityDocument(c, report),
        };
      }),
    );
    app.get(`/analys/forvantat${suffix}`, (request, reply) =>
      page(request, reply, '/analys/forvantat', format, async (_ctx, lists) => {
        const query = has(request, 'kpi') ? q(request) : { ...q(request), kpi: 'N00700' };
        const report = await expectedValues(store, expectedValueRequest(query));
        const highlight = typeof q(request).kommun === 'string' ? (q(request).kommun as string) : null;
        return {
          html: (c) => ExpectedValuePage({ ctx: c, report, lists, highlight }),
          doc: (c) => expectedValueDocument(c, report),
        };
      }),
    );
    app.get(`/analys/statistik${suffix}`, (request, reply) =>
      page(request, reply, '/analys/statistik', format, async (_ctx, lists) => {
        const query = has(request, 'kpi') ? q(request) : { ...q(request), kpi: 'N00700' };
        const report = await kpiStatistics(store, statisticsRequest(query));
        return {
          html: (c) => StatisticsPage({ ctx: c, report, lists }),
          doc: (c) => statisticsDocument(c, report),
        };
      }),
    );
    app.get(`/analys/samband${suffix}`, (request, reply) =>
      page(request, reply, '/analys/samband', format, async (_ctx, lists) => {
        const query = has(request, 'x', 'y') ? q(request) : { x: 'N00700', y: 'N00708', ...q(request) };
        const report = await correlationAnalysis(store, correlationRequest(query));
        return {
          html: (c) => CorrelationPage({ ctx: c, report, lists }),
          doc: (c) => correlationDocument(c, report),
        };
      }),
    );
  }
}
