/**
 * The taxonomy as JSON: `GET /api/taxonomy/search?q=&type=&lang=&limit=` and
 * `GET /api/taxonomy/concepts/{id}?kommun=`. Transport only: check the query, call the service.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UnknownKommunError } from '../../../domain/process/taxonomy/demand.js';
import { TaxonomyService } from '../../../domain/process/taxonomy/taxonomy.service.js';
import { SEARCH_TYPES } from '../../../domain/process/taxonomy/taxonomy-search.js';
import type { Store } from '../../../store/database.js';

export const TAXONOMY_LANGS = ['sv', 'en', 'ar', 'prs', 'ti', 'so', 'uk'] as const;
const MAX_QUERY = 200;
const MAX_LIMIT = 50;

class TaxonomyQueryError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | string[] | undefined>;

function single(query: Query, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw new TaxonomyQueryError(400, `${name} may be given once`, name);
  return v;
}

export interface SearchParams {
  q: string;
  type?: string;
  lang: string;
  limit: number;
}

export function searchParams(query: Query): SearchParams {
  const q = single(query, 'q') ?? '';
  if (q.length > MAX_QUERY)
    throw new TaxonomyQueryError(400, `q must be at most ${MAX_QUERY} characters`, 'q');
  if (/\p{Cc}/u.test(q)) throw new TaxonomyQueryError(400, 'q must not contain control characters', 'q');
  if (q.trim() === '') throw new TaxonomyQueryError(400, 'q is required', 'q');
  const type = single(query, 'type') || undefined;
  if (type && !(SEARCH_TYPES as readonly string[]).includes(type))
    throw new TaxonomyQueryError(400, `type must be one of ${SEARCH_TYPES.join(', ')}`, 'type');
  const lang = single(query, 'lang') || 'sv';
  if (!(TAXONOMY_LANGS as readonly string[]).includes(lang))
    throw new TaxonomyQueryError(400, `lang must be one of ${TAXONOMY_LANGS.join(', ')}`, 'lang');
  const limitText = single(query, 'limit') ?? '10';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > MAX_LIMIT)
    throw new TaxonomyQueryError(400, `limit must be a whole number from 1 to ${MAX_LIMIT}`, 'limit');
  return { q, type, lang, limit };
}

function errorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof TaxonomyQueryError) {
    reply
      .code(error.statusCode)
      .send({ statusCode: error.statusCode, error: error.message, parameter: error.parameter });
    return;
  }
  if (error instanceof UnknownKommunError) {
    reply.code(400).send({ statusCode: 400, error: error.message, parameter: 'kommun' });
    return;
  }
  if (error.statusCode && error.statusCode < 500) {
    reply.code(error.statusCode).send({ statusCode: error.statusCode, error: error.message });
    return;
  }
  reply.log.error(error);
  reply.code(500).send({ statusCode: 500, error: 'internt fel / internal error' });
}

export async function taxonomyApi(app: FastifyInstance, { store }: { store: Store }): Promise<void> {
  const service = new TaxonomyService(store);
  app.setErrorHandler(errorHandler);

  app.get('/api/taxonomy/search', async (request) => {
    const params = searchParams(request.query as Query);
    return { query: params, results: await service.search(params) };
  });

  app.get('/api/taxonomy/concepts/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const kommun = single(request.query as Query, 'kommun') || undefined;
    if (kommun !== undefined && !/^\d{4}$/.test(kommun))
      throw new TaxonomyQueryError(400, 'kommun must be a 4-digit kommun code', 'kommun');
    const concept = /^[\w-]{1,100}$/.test(id) ? await service.concept(id, kommun) : null;
    if (!concept)
      return reply
        .code(404)
        .send({ statusCode: 404, error: `no taxonomy concept has id ${JSON.stringify(id)}` });
    return concept;
  });
}
