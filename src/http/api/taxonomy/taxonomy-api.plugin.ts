/**
 * The taxonomy as JSON: `GET /api/taxonomy/search?q=&type=&lang=&limit=` and
 * `GET /api/taxonomy/concepts/{id}?kommun=`. Transport only: check the query, call the service.
 */
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../accounts/actor.js';
import { UnknownKommunError } from '../../../domain/process/taxonomy/demand.js';
import {
  isPackLang,
  type LabelDecision,
  PACK_LANGS,
  packEntries,
  reviewLabels,
  reviewOrganisation,
} from '../../../domain/process/taxonomy/label-review.js';
import { TaxonomyService } from '../../../domain/process/taxonomy/taxonomy.service.js';
import { SEARCH_TYPES } from '../../../domain/process/taxonomy/taxonomy-search.js';
import { InputError } from '../../../errors/input-error.js';
import type { Store } from '../../../store/database.js';
import { ownErrorHandler } from '../../errors.js';

export const TAXONOMY_LANGS = ['sv', 'en', 'ar', 'prs', 'ti', 'so', 'uk'] as const;
const MAX_QUERY = 200;
const MAX_LIMIT = 50;
const MAX_IDS = 200;
const CONCEPT_ID = /^[\w-]{1,100}$/;

type Query = Record<string, string | string[] | undefined>;

function single(query: Query, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw new InputError('giveOnce', { parameter: name });
  return v;
}

function langParam(query: Query): string {
  const lang = single(query, 'lang') || 'sv';
  if (!(TAXONOMY_LANGS as readonly string[]).includes(lang))
    throw new InputError('invalidChoice', {
      parameter: 'lang',
      values: { allowed: TAXONOMY_LANGS.join(', '), value: lang.slice(0, 20) },
    });
  return lang;
}

/** Per pack language: how many labels it has and how many a person has decided. */
async function packSummaries(store: Store) {
  return Promise.all(
    PACK_LANGS.map(async (lang) => {
      const entries = await packEntries(store, lang);
      const reviewed = entries.filter((e) => !e.draft).length;
      return { lang, labels: entries.length, reviewed, draft: entries.length - reviewed };
    }),
  );
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
  const lang = langParam(query);
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

declare module 'fastify' {
  interface FastifyInstance {
    /** The one taxonomy service (and search index) of the app: the API, the pages and start-up share it. */
    taxonomy: TaxonomyService;
  }
}

export async function taxonomyApi(
  app: FastifyInstance,
  { store, service = new TaxonomyService(store) }: { store: Store; service?: TaxonomyService },
): Promise<void> {
  app.setErrorHandler(ownErrorHandler);

  app.get('/api/taxonomy/search', async (request) => {
    const params = searchParams(request.query as Query);
    return { query: params, results: await service.search(params) };
  });

  app.get('/api/taxonomy/labels', async (request) => {
    const query = request.query as Query;
    const lang = langParam(query);
    const idsText = single(query, 'ids') ?? '';
    const ids = idsText.split(',').filter((i) => i !== '');
    if (ids.length === 0) throw new InputError('required', { parameter: 'ids' });
    if (ids.length > MAX_IDS)
      throw new InputError('tooManyItems', { parameter: 'ids', values: { max: MAX_IDS } });
    const bad = ids.find((i) => !CONCEPT_ID.test(i));
    if (bad)
      throw new InputError('invalidConceptId', { parameter: 'ids', values: { value: bad.slice(0, 100) } });
    const labels = await service.labels(ids, lang);
    const found = new Set(labels.map((l) => l.id));
    return { lang, labels, unknown: ids.filter((i) => !found.has(i)) };
  });

  app.get('/api/taxonomy/label-packs', async () => ({ packs: await packSummaries(store) }));

  app.get('/api/taxonomy/label-packs/:lang', async (request) => {
    const { lang } = request.params as { lang: string };
    if (!isPackLang(lang))
      throw new InputError('invalidChoice', {
        status: 404,
        parameter: 'lang',
        values: { allowed: PACK_LANGS.join(', '), value: lang.slice(0, 20) },
      });
    const entries = await packEntries(store, lang);
    return { lang, reviewed: entries.every((e) => !e.draft), entries };
  });

  // Decisions on drafted labels: {decisions: [{id, decision: confirm|correct, label?}]}, all or nothing.
  app.post('/api/taxonomy/reviews/:lang', { config: { permission: 'taxonomy.review' } }, async (request) => {
    const { lang } = request.params as { lang: string };
    if (!isPackLang(lang))
      throw new InputError('invalidChoice', {
        parameter: 'lang',
        values: { allowed: PACK_LANGS.join(', '), value: lang.slice(0, 20) },
      });
    const actor = request.actor as Actor;
    const body = (request.body ?? {}) as { decisions?: unknown };
    if (!Array.isArray(body.decisions) || body.decisions.length === 0)
      throw new InputError('required', { parameter: 'decisions' });
    if (body.decisions.length > MAX_IDS)
      throw new InputError('tooManyItems', { parameter: 'decisions', values: { max: MAX_IDS } });
    const decisions: LabelDecision[] = body.decisions.map((d: unknown, i: number) => {
      const item = (d ?? {}) as Record<string, unknown>;
      if (typeof item.id !== 'string' || !CONCEPT_ID.test(item.id))
        throw new InputError('invalidConceptId', {
          parameter: `decisions[${i}].id`,
          values: { value: String(item.id).slice(0, 100) },
        });
      if (item.decision !== 'confirm' && item.decision !== 'correct')
        throw new InputError('invalidChoice', {
          parameter: `decisions[${i}].decision`,
          values: { allowed: 'confirm, correct', value: String(item.decision).slice(0, 20) },
        });
      if (item.label !== undefined && typeof item.label !== 'string')
        throw new InputError('textOnly', { parameter: `decisions[${i}].label` });
      return { conceptId: item.id, decision: item.decision, label: item.label as string | undefined };
    });
    const rows = await reviewLabels(store, actor, reviewOrganisation(actor), lang, decisions);
    return { lang, reviewed: rows.map((r) => ({ id: r.concept_id, label: r.label, decision: r.decision })) };
  });

  app.get('/api/taxonomy/concepts/:id', async (request) => {
    const { id } = request.params as { id: string };
    const kommun = single(request.query as Query, 'kommun') || undefined;
    if (kommun !== undefined && !/^\d{4}$/.test(kommun))
      throw new InputError('invalidKommunCode', { parameter: 'kommun', values: { value: kommun } });
    const concept = CONCEPT_ID.test(id) ? await conceptIn(service, id, kommun) : null;
    if (!concept)
      throw new InputError('unknownConcept', {
        status: 404,
        parameter: 'id',
        values: { value: id.slice(0, 100) },
      });
    return concept;
  });
}
