/**
 * The analyses as JSON under /api/analys/…: statistik, liknande, forvantat, samband, and the ready-made
 * sets (urval). Transport only: parse the query, call the use case, send what it returns.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AnalysisInputError } from '../../../domain/analysis/analysis-input.js';
import { correlationAnalysis } from '../../../domain/analysis/correlation.service.js';
import { expectedValues } from '../../../domain/analysis/expected-value.service.js';
import { MODEL_PRESETS, SIMILARITY_PRESETS } from '../../../domain/analysis/presets.js';
import { similarMunicipalities } from '../../../domain/analysis/similarity.service.js';
import { kpiStatistics } from '../../../domain/analysis/statistics.service.js';
import type { Store } from '../../../store/database.js';
import {
  correlationRequest,
  expectedValueRequest,
  type Query,
  similarityRequest,
  statisticsRequest,
} from './analysis-query.js';

export interface AnalysisApiOptions {
  store: Store;
}

/** JSON has no NaN or Infinity: such figures (e.g. R² when nothing varies) are sent as null. */
export function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

export function analysisErrorHandler(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof AnalysisInputError) {
    reply.code(error.statusCode).send({ statusCode: error.statusCode, error: error.message });
    return;
  }
  if (error.validation || (error.statusCode && error.statusCode < 500)) {
    reply.code(error.statusCode ?? 400).send({ statusCode: error.statusCode ?? 400, error: error.message });
    return;
  }
  reply.log.error(error);
  reply.code(500).send({ statusCode: 500, error: 'internt fel / internal error' });
}

export async function analysisApi(app: FastifyInstance, { store }: AnalysisApiOptions): Promise<void> {
  app.setErrorHandler(analysisErrorHandler);
  const send = (reply: FastifyReply, body: unknown) =>
    reply.type('application/json; charset=utf-8').send(JSON.stringify(body, jsonSafe));

  app.get('/api/analys/urval', async (_request, reply) =>
    send(reply, { similarity: SIMILARITY_PRESETS, models: MODEL_PRESETS }),
  );
  app.get('/api/analys/statistik', async (request, reply) =>
    send(reply, await kpiStatistics(store, statisticsRequest(request.query as Query))),
  );
  app.get('/api/analys/liknande', async (request, reply) =>
    send(reply, await similarMunicipalities(store, similarityRequest(request.query as Query))),
  );
  app.get('/api/analys/forvantat', async (request, reply) =>
    send(reply, await expectedValues(store, expectedValueRequest(request.query as Query))),
  );
  app.get('/api/analys/samband', async (request, reply) =>
    send(reply, await correlationAnalysis(store, correlationRequest(request.query as Query))),
  );
}
