/**
 * The taxonomy as JSON: `GET /api/taxonomy/search?q=&type=&lang=&limit=` and
 * `GET /api/taxonomy/concepts/{id}?kommun=`. Transport only: check the query, call the service.
 */
import type { FastifyInstance } from 'fastify';
import { UnknownKommunError } from '../../../domain/process/taxonomy/demand.js';
import { TaxonomyService } from '../../../domain/process/taxonomy/taxonomy.service.js';
import { SEARCH_TYPES } from '../../../domain/process/taxonomy/taxonomy-search.js';
import { InputError } from '../../../errors/input-error.js';
import type { Store } from '../../../store/database.js';
import { ownErrorHandler } from '../../errors.js';

export const TAXONOMY_LANGS = ['sv', 'en', 'ar', 'prs', 'ti', 'so', 'uk'] as const;
const MAX_QUERY = 200;
const MAX_LIMIT = 50;

type Query = Record<string, string | string[] | undefined>;

function single(query: Query, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw new InputError('giveOnce', { parameter: name });
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
  if (q.length > MAX_QUERY) throw new InputError('tooLong', { parameter: 'q', values: { max: MAX_QUERY } });
  if (/\p{Cc}/u.test(q)) throw new InputError('textOnly', { parameter: 'q' });
  if (q.trim() === '') throw new InputError('required', { parameter: 'q' });
  const type = single(query, 'type') || undefined;
  if (type && !(SEARCH_TYPES as readonly string[]).includes(type))
    throw new InputError('invalidChoice', {
      parameter: 'type',
      values: { allowed: SEARCH_TYPES.join(', '), value: type },
    });
  const lang = single(query, 'lang') || 'sv';
  if (!(TAXONOMY_LANGS as readonly string[]).includes(lang))
    throw new InputError('invalidChoice', {
      parameter: 'lang',
      values: { allowed: TAXONOMY_LANGS.join(', '), value: lang },
    });
  const limitText = single(query, 'limit') ?? '10';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText))
    throw new InputError('invalidCount', { parameter: 'limit', values: { value: limitText } });
  if (limit < 1 || limit > MAX_LIMIT)
    throw new InputError('countOutOfRange', { parameter: 'limit', values: { max: MAX_LIMIT } });
  return { q, type, lang, limit };
}

/** A concept with its demand in `kommun`; a well-formed code outside Arbetsförmedlingen's table is bad input. */
async function conceptIn(service: TaxonomyService, id: string, kommun: string | undefined) {
  try {
    return await service.concept(id, kommun);
  } catch (error) {
    if (error instanceof UnknownKommunError)
      throw new InputError('unknownKommun', { parameter: 'kommun', values: { id: error.kommun } });
    throw error;
  }
}

export async function taxonomyApi(app: FastifyInstance, { store }: { store: Store }): Promise<void> {
  const service = new TaxonomyService(store);
  app.setErrorHandler(ownErrorHandler);

  app.get('/api/taxonomy/search', async (request) => {
    const params = searchParams(request.query as Query);
    return { query: params, results: await service.search(params) };
  });

  app.get('/api/taxonomy/concepts/:id', async (request) => {
    const { id } = request.params as { id: string };
    const kommun = single(request.query as Query, 'kommun') || undefined;
    if (kommun !== undefined && !/^\d{4}$/.test(kommun))
      throw new InputError('invalidKommunCode', { parameter: 'kommun', values: { value: kommun } });
    const concept = /^[\w-]{1,100}$/.test(id) ? await conceptIn(service, id, kommun) : null;
    if (!concept)
      throw new InputError('unknownConcept', {
        status: 404,
        parameter: 'id',
        values: { value: id.slice(0, 100) },
      });
    return concept;
  });
}
