/**
 * The analysis pages /analys/… (HTML with the shared layout, and the same content as .json/.csv/.xlsx).
 * Transport only: the query is read by the same parser as the JSON API, the use cases compute.
 */
import type { FastifyRequest } from 'fastify';
import type { AnalysisReads } from '../../../domain/analysis/analysis-reads.js';
import { correlationAnalysis } from '../../../domain/analysis/correlation.service.js';
import { expectedValues } from '../../../domain/analysis/expected-value.service.js';
import { similarMunicipalities } from '../../../domain/analysis/similarity.service.js';
import { kpiStatistics } from '../../../domain/analysis/statistics.service.js';
import type { Store } from '../../../store/database.js';
import {
  correlationRequest,
  expectedValueRequest,
  type Query,
  similarityRequest,
  statisticsRequest,
} from '../../api/analysis/analysis-query.js';
import type { PageGroupOptions, PageRunner } from '../page-runner.js';
import { AnalysisErrorPage } from './analysis-error.page.js';
import { AnalysisIndexPage } from './analysis-index.page.js';
import { CorrelationPage, correlationDocument } from './correlation.page.js';
import { ExpectedValuePage, expectedValueDocument } from './expected-value.page.js';
import { type Pickers, pickers } from './pickers.js';
import { SimilarityPage, similarityDocument } from './similarity.page.js';
import { StatisticsPage, statisticsDocument } from './statistics.page.js';

export interface AnalysisPagesOptions {
  store: Store;
  pages: PageRunner;
  /** What the similarity, expected-value and correlation analyses read: the store, or a cache in front of it. */
  reads: AnalysisReads;
}

export function analysisPages({ store, pages, reads }: AnalysisPagesOptions): void {
  let pickerCache: { at: number; value: Promise<Pickers> } | undefined;
  const pickerLists = () => {
    // Pickers (kommuner, KPIs) change only with the data; a minute's cache keeps pages cheap.
    if (!pickerCache || Date.now() - pickerCache.at > 60_000)
      pickerCache = { at: Date.now(), value: pickers(reads) };
    return pickerCache.value;
  };
  const q = (request: FastifyRequest) => (request.query ?? {}) as Query;
  const has = (request: FastifyRequest, ...names: string[]) => names.some((n) => q(request)[n] !== undefined);
  const options = (path: string): PageGroupOptions => ({
    repeatedParams: true,
    errorPage: (ctx, message) => AnalysisErrorPage({ ctx, message, path }),
  });

  pages.get('/analys', async () => ({ html: (c) => AnalysisIndexPage({ ctx: c }) }), options('/analys'));
  pages.get(
    '/analys/liknande',
    async ({ request }) => {
      const lists = await pickerLists();
      const input = has(request, 'kommun') ? similarityRequest(q(request)) : null;
      const report = input ? await similarMunicipalities(reads, input) : null;
      return {
        html: (c) => SimilarityPage({ ctx: c, report, lists }),
        doc: (c) => similarityDocument(c, report),
      };
    },
    options('/analys/liknande'),
  );
  pages.get(
    '/analys/forvantat',
    async ({ request }) => {
      const lists = await pickerLists();
      const query = has(request, 'kpi') ? q(request) : { ...q(request), kpi: 'N00700' };
      const report = await expectedValues(reads, expectedValueRequest(query));
      const highlight = typeof q(request).kommun === 'string' ? (q(request).kommun as string) : null;
      return {
        html: (c) => ExpectedValuePage({ ctx: c, report, lists, highlight }),
        doc: (c) => expectedValueDocument(c, report),
      };
    },
    options('/analys/forvantat'),
  );
  pages.get(
    '/analys/statistik',
    async ({ request }) => {
      const lists = await pickerLists();
      const query = has(request, 'kpi') ? q(request) : { ...q(request), kpi: 'N00700' };
      const report = await kpiStatistics(store.repositories, statisticsRequest(query));
      return {
        html: (c) => StatisticsPage({ ctx: c, report, lists }),
        doc: (c) => statisticsDocument(c, report),
      };
    },
    options('/analys/statistik'),
  );
  pages.get(
    '/analys/samband',
    async ({ request }) => {
      const lists = await pickerLists();
      const query = has(request, 'x', 'y') ? q(request) : { x: 'N00700', y: 'N00708', ...q(request) };
      const report = await correlationAnalysis(reads, correlationRequest(query));
      return {
        html: (c) => CorrelationPage({ ctx: c, report, lists }),
        doc: (c) => correlationDocument(c, report),
      };
    },
    options('/analys/samband'),
  );
}
