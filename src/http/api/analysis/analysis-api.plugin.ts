/**
 * The analyses as JSON under /api/analys/…: statistik, liknande, forvantat, samband, and the ready-made
 * sets (urval). Transport only: parse the query, call the use case, send what it returns.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AnalysisReads } from '../../../domain/analysis/analysis-reads.js';
import { correlationAnalysis } from '../../../domain/analysis/correlation.service.js';
import { expectedValues } from '../../../domain/analysis/expected-value.service.js';
import { MODEL_PRESETS, SIMILARITY_PRESETS } from '../../../domain/analysis/presets.js';
import { similarMunicipalities } from '../../../domain/analysis/similarity.service.js';
import { kpiStatistics } from '../../../domain/analysis/statistics.service.js';
import type { Store } from '../../../store/database.js';
import { requestTranslator } from '../../errors.js';
import {
  correlationRequest,
  expectedValueRequest,
  type Query,
  similarityRequest,
  statisticsRequest,
} from './analysis-query.js';
import { withAnalysisTexts } from './analysis-texts.js';

export interface AnalysisApiOptions {
  store: Store;
  /** What the similarity, expected-value and correlation analyses read: the store, or a cache in front of it. */
  reads: AnalysisReads;
}

/** JSON has no NaN or Infinity: such figures (e.g. R² when nothing varies) are sent as null. */
export function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

export async function analysisApi(app: FastifyInstance, { store, reads }: AnalysisApiOptions): Promise<void> {
  const send = (reply: FastifyReply, body: unknown) =>
    reply.type('application/json; charset=utf-8').send(JSON.stringify(body, jsonSafe));

  app.get('/api/analys/urval', async (_request, reply) =>
    send(reply, { similarity: SIMILARITY_PRESETS, models: MODEL_PRESETS }),
  );
  app.get('/api/analys/statistik', async (request, reply) =>
    send(
      reply,
      withAnalysisTexts(
        await kpiStatistics(store.repositories, statisticsRequest(request.query as Query)),
        requestTranslator(request),
      ),
    ),
  );
  app.get('/api/analys/liknande', async (request, reply) =>
    send(
      reply,
      withAnalysisTexts(
        await similarMunicipalities(reads, similarityRequest(request.query as Query)),
        requestTranslator(request),
      ),
    ),
  );
  app.get('/api/analys/forvantat', async (request, reply) =>
    send(
      reply,
      withAnalysisTexts(
        await expectedValues(reads, expectedValueRequest(request.query as Query)),
        requestTranslator(request),
      ),
    ),
  );
  app.get('/api/analys/samband', async (request, reply) =>
    send(
      reply,
      withAnalysisTexts(
        await correlationAnalysis(reads, correlationRequest(request.query as Query)),
        requestTranslator(request),
      ),
    ),
  );
}
