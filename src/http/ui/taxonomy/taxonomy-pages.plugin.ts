/**
 * The taxonomy's pages, served by the page runner:
 *
 *   /yrken/{id}?kommun=&visa=        an occupation (or any concept) for a newcomer        public
 *   /taxonomi/sok?q=&typ=&visa=      the search as a page (the autocomplete without JS)    public
 *   /taxonomi/granska?sprak=&alla=   the review screen of drafted labels                  taxonomy.review
 *
 * The taxonomy is CC0 data with nothing personal in it: the first two need no sign-in.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../../accounts/actor.js';
import { UnknownKommunError } from '../../../domain/process/taxonomy/demand.js';
import {
  isPackLang,
  type LabelDecision,
  PACK_LANGS,
  type PackLang,
  packEntries,
  reviewLabels,
  reviewOrganisation,
} from '../../../domain/process/taxonomy/label-review.js';
import type { TaxonomyService } from '../../../domain/process/taxonomy/taxonomy.service.js';
import { InputError } from '../../../errors/input-error.js';
import { translator } from '../../../i18n/translator.js';
import type { Store } from '../../../store/database.js';
import { searchParams } from '../../api/taxonomy/taxonomy-api.plugin.js';
import { csrfBinding } from '../../auth/auth.js';
import { describeInputError } from '../../errors.js';
import { notFoundPage, type PageRunner } from '../page-runner.js';
import { OccupationPage } from './occupation.page.js';
import { REVIEW_PAGE_SIZE, ReviewPage } from './review.page.js';
import { PAGE_TYPES, SearchPage } from './search.page.js';
import { shownLanguage } from './taxonomy-components.js';

export interface TaxonomyPagesOptions {
  app: FastifyInstance;
  store: Store;
  pages: PageRunner;
  service: TaxonomyService;
}

type Form = Record<string, string | undefined>;
const CONCEPT_ID = /^[\w-]{1,100}$/;

export function taxonomyPages({ app, store, pages, service }: TaxonomyPagesOptions): void {
  pages.get<{ id: string }>('/yrken/:id', async ({ params, ctx }) => {
    const kommun = ctx.params.get('kommun') ?? '';
    if (kommun !== '' && !/^\d{4}$/.test(kommun))
      throw new InputError('invalidKommunCode', {
        parameter: 'kommun',
        values: { value: kommun.slice(0, 20) },
      });
    let concept = null;
    try {
      concept = CONCEPT_ID.test(params.id) ? await service.concept(params.id, kommun || undefined) : null;
    } catch (error) {
      if (error instanceof UnknownKommunError)
        throw new InputError('unknownKommun', { parameter: 'kommun', values: { id: error.kommun } });
      throw error;
    }
    if (!concept) return notFoundPage(ctx.t('taxonomy.notFound', { id: params.id.slice(0, 100) }));
    const shown = shownLanguage(ctx);
    const ids = [
      concept.id,
      ...(concept.ssykGroup ? [concept.ssykGroup.id] : []),
      ...concept.skills.map((s) => s.id),
      ...concept.substitutes.map((s) => s.id),
    ];
    const labels = new Map((await service.labels(ids, shown)).map((l) => [l.id, l]));
    const found = concept;
    return { html: (c) => OccupationPage({ ctx: c, view: { concept: found, labels, shown, kommun } }) };
  });

  pages.get('/taxonomi/sok', async ({ request, ctx }) => {
    const shown = shownLanguage(ctx);
    const q = ctx.params.get('q') ?? '';
    const typ = ctx.params.get('typ') ?? '';
    const type = (PAGE_TYPES as readonly string[]).includes(typ) ? typ : '';
    if (q === '' && !Array.isArray((request.query as Record<string, unknown>).q))
      return { html: (c) => SearchPage({ ctx: c, view: { q, type, shown, results: null } }) };
    const params = searchParams({
      ...(request.query as Record<string, string>),
      type: type || undefined,
      lang: shown,
      limit: '20',
    });
    const results = await service.search(params);
    return { html: (c) => SearchPage({ ctx: c, view: { q, type, shown, results } }) };
  });

  const reviewLang = (text: string | undefined | null): PackLang => (text && isPackLang(text) ? text : 'prs');

  pages.get(
    '/taxonomi/granska',
    async ({ request, reply, ctx }) => {
      const lang = reviewLang(ctx.params.get('sprak'));
      const all = ctx.params.get('alla') === '1';
      const entries = await packEntries(store, lang);
      const listed = all ? entries : entries.filter((e) => e.draft);
      const pagesCount = Math.max(1, Math.ceil(listed.length / REVIEW_PAGE_SIZE));
      const page = Math.min(pagesCount, Math.max(1, Number(ctx.params.get('sida')) || 1));
      const saved = ctx.params.get('klart');
      const csrf = reply.generateCsrf({ userInfo: csrfBinding(request) });
      return {
        html: (c) =>
          ReviewPage({
            ctx: c,
            view: {
              lang,
              langs: PACK_LANGS,
              all,
              page,
              pages: pagesCount,
              entries: listed.slice((page - 1) * REVIEW_PAGE_SIZE, page * REVIEW_PAGE_SIZE),
              total: entries.length,
              reviewed: entries.length - entries.filter((e) => e.draft).length,
              csrf,
              saved: saved !== null && /^\d{1,4}$/.test(saved) ? Number(saved) : null,
              error: ctx.params.get('fel'),
            },
          }),
      };
    },
    { permission: 'taxonomy.review' },
  );

  // The review form: POST/redirect/GET, with `klart=<n>` or `fel=<why>` (nothing saved then).
  app.post<{ Body: Form }>(
    '/taxonomi/granska',
    { config: { permission: 'taxonomy.review' } },
    async (request: FastifyRequest<{ Body: Form }>, reply) => {
      const form = request.body ?? {};
      const lang = reviewLang(form.sprak);
      const decisions: LabelDecision[] = [];
      for (let i = 0; i < REVIEW_PAGE_SIZE; i++) {
        const id = form[`id.${i}`];
        if (!id) continue;
        const label = (form[`label.${i}`] ?? '').trim();
        if (label !== '') decisions.push({ conceptId: id, decision: 'correct', label });
        else if (form[`ok.${i}`] === '1') decisions.push({ conceptId: id, decision: 'confirm' });
      }
      const q = new URLSearchParams({ sprak: lang });
      if (form.alla === '1') q.set('alla', '1');
      if (form.sida && /^\d{1,4}$/.test(form.sida)) q.set('sida', form.sida);
      if (form.lang && /^[a-z]{2,3}$/.test(form.lang)) q.set('lang', form.lang);
      const actor = request.actor as Actor;
      try {
        await reviewLabels(store, actor, reviewOrganisation(actor), lang, decisions);
        q.set('klart', String(decisions.length));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        q.set('fel', describeInputError(error, translator(form.lang === 'en' ? 'en' : 'sv')).slice(0, 300));
      }
      return reply.redirect(`/taxonomi/granska?${q}`, 303);
    },
  );
}
