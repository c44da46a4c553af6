/**
 * The match pages and their form post (issue 19):
 *
 *   /personer/{id}/matchning          the case worker's match list (?typ=annons for job ads), in the
 *                                     person's language beside the case worker's     read by need
 *   POST /personer/{id}/matchning/beslut   pin / unpin / hide with a reason / show again  write by need
 *   /min-sida/matchning               the person's own view of the same list (their language; no
 *                                     controls, no hidden suggestions or reasons)      process.own
 *
 * Another organisation's person, or one the user has no need to see, is the same 404 as an unknown id.
 * Each page is one audited read of the person (MatchingService.matchPage).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../accounts/actor.js';
import type {
  MatchingService,
  MatchKind,
  MatchPageAnswer,
} from '../../../domain/process/matching/matching.service.js';
import type { ConceptNames } from '../../../domain/process/people/concept-names.js';
import type { PeopleService } from '../../../domain/process/people/people.service.js';
import type { AccessLevel, PersonAccess } from '../../../domain/process/people/person-access.js';
import { InputError } from '../../../errors/input-error.js';
import { isLocale, type Locale } from '../../../i18n/locales.js';
import { translator } from '../../../i18n/translator.js';
import { describeInputError } from '../../errors.js';
import type { TableDocument } from '../exports/table-document.js';
import type { PageContext } from '../page-context.js';
import { notFoundPage, type PageRunner } from '../page-runner.js';
import type { Form } from './inventory-form.js';
import { MatchPage, type MatchPageData } from './match-page.js';
import type { Texts } from './section-form.js';

export interface MatchPagesDeps {
  app: FastifyInstance;
  pages: PageRunner;
  people: PeopleService;
  names: ConceptNames;
  matching: MatchingService;
  accessOr404: (request: FastifyRequest, id: string, level: AccessLevel) => Promise<PersonAccess | null>;
  csrfOf: (reply: FastifyReply, request: FastifyRequest) => string;
}

/** How many suggestions a page shows. */
const PAGE_LIMIT = 20;

const personLocale = (language: string): Locale | null => {
  const primary = language.split('-')[0];
  return isLocale(primary) ? primary : null;
};

const kindOf = (request: FastifyRequest): MatchKind =>
  (request.query as Record<string, unknown>).typ === 'annons' ? 'ad' : 'occupation';

const RESTRICTED: MatchPageAnswer = {
  kind: 'occupation',
  matches: [],
  nothingToMatch: false,
  hidden: [],
  pinned: [],
  steps: new Map(),
  pinnedMatches: [],
};

/** The match list as data (.json, .csv, .xlsx): one row per match with every factor's value. */
function matchDocument(ctx: PageContext, answer: MatchPageAnswer): TableDocument {
  const { t } = ctx;
  const factors = ['skills', 'experience', 'education', 'demand', 'interests'] as const;
  return {
    title: t(answer.kind === 'ad' ? 'matching.titleAds' : 'matching.title'),
    filename: answer.kind === 'ad' ? 'etablera-matchning-annonser' : 'etablera-matchning-yrken',
    meta: [],
    columns: [
      { key: 'rank', header: '#', type: 'integer' },
      { key: 'id', header: 'id', type: 'text' },
      { key: 'label', header: t('matching.kind.occupation'), type: 'text' },
      { key: 'score', header: t('matching.sum'), type: 'number' },
      ...factors.map((f) => ({ key: f, header: t(`matching.factor.${f}`), type: 'number' as const })),
      { key: 'gateFactor', header: t('matching.gates'), type: 'number' },
      { key: 'matched', header: t('matching.matchedSkills'), type: 'text' },
      { key: 'missing', header: t('matching.missingSkills'), type: 'text' },
    ],
    rows: answer.matches.map((m, i) => ({
      rank: i + 1,
      id: m.id,
      label: m.label,
      score: m.score,
      ...Object.fromEntries(factors.map((f) => [f, m.breakdown.find((b) => b.factor === f)?.value ?? null])),
      gateFactor: m.gateFactor,
      matched: m.matchedSkills.map((s) => s.label).join('; '),
      missing: m.missingSkills.map((s) => s.label).join('; '),
    })),
  };
}

export function matchPages({
  app,
  pages,
  people,
  names,
  matching,
  accessOr404,
  csrfOf,
}: MatchPagesDeps): void {
  /** The ranked list and the names it shows in `lang` (Swedish beside). */
  async function load(
    access: PersonAccess,
    kind: MatchKind,
    lang: string,
    ip: string,
  ): Promise<{ answer: MatchPageAnswer; names: MatchPageData['names'] } | null> {
    if (access.person.restricted === 1) return null;
    const answer = await matching.matchPage(people, access, kind, PAGE_LIMIT, ip);
    const ids = new Set<string>();
    for (const m of [...answer.matches, ...answer.pinnedMatches]) {
      ids.add(m.id);
      ids.add(m.group.id);
      for (const s of [...m.matchedSkills, ...m.missingSkills]) ids.add(s.id);
      const from = m.breakdown.find((b) => b.factor === 'experience')?.detail.from as { id: string } | null;
      if (from) ids.add(from.id);
    }
    for (const steps of answer.steps.values())
      for (const s of steps) for (const k of s.closes.skills) ids.add(k.id);
    for (const h of answer.hidden) ids.add(h.id);
    return { answer, names: await names.names([...ids], lang) };
  }

  pages.get<{ id: string }>(
    '/personer/:id/matchning',
    async ({ request, reply, params, ctx }) => {
      const access = await accessOr404(request, params.id, 'read');
      if (!access) return notFoundPage('/personer');
      const person = await people.view(access.person);
      const pl = personLocale(person.language);
      const texts: Texts = {
        t: ctx.t,
        lang: ctx.lang,
        ...(pl && pl !== ctx.lang ? { second: { t: translator(pl), lang: pl } } : {}),
      };
      const loaded = await load(access, kindOf(request), pl ?? 'sv', request.ip);
      const csrf = csrfOf(reply, request);
      const base = `/personer/${access.person.id}/matchning`;
      return {
        html: (c) =>
          MatchPage({
            ctx: c,
            data: { answer: loaded?.answer ?? RESTRICTED, names: loaded?.names ?? new Map(), texts },
            person,
            restricted: loaded === null,
            csrf,
            base,
          }),
        doc: (c) => matchDocument(c, loaded?.answer ?? RESTRICTED),
      };
    },
    { permission: 'signed-in' },
  );

  app.post<{ Params: { id: string }; Body: Form }>(
    '/personer/:id/matchning/beslut',
    { config: { permission: 'signed-in' } },
    async (request, reply) => {
      const access = await accessOr404(request, request.params.id, 'write');
      if (!access) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      const form = request.body ?? {};
      const one = (k: string) => {
        const v = form[k];
        return Array.isArray(v) ? v[0] : v;
      };
      const kind: MatchKind = one('kind') === 'ad' ? 'ad' : 'occupation';
      const action = one('action') === 'hide' ? 'hide' : 'pin';
      const undo = one('undo') === '1';
      const lang = one('lang');
      const q = new URLSearchParams();
      if (kind === 'ad') q.set('typ', 'annons');
      if (lang && isLocale(lang) && lang !== 'sv') q.set('lang', lang);
      try {
        await matching.decide(
          access,
          { kind, target: one('target') ?? '', action, reason: one('reason') ?? null, undo },
          request.ip,
        );
        q.set('klart', undo ? `un${action}` : action);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        q.set('fel', describeInputError(error, translator(lang && isLocale(lang) ? lang : 'sv')));
      }
      return reply.redirect(`/personer/${access.person.id}/matchning?${q}`, 303);
    },
  );

  pages.get(
    '/min-sida/matchning',
    async ({ request, ctx }) => {
      const id = await people.ownPerson(request.actor as Actor);
      const access = id ? await accessOr404(request, id, 'read') : null;
      if (!access) return notFoundPage('/min-sida');
      const loaded = await load(access, kindOf(request), ctx.lang, request.ip);
      return {
        html: (c) =>
          MatchPage({
            ctx: c,
            data: {
              // The person sees neither the hidden suggestions nor the case worker's reasons.
              answer: loaded ? { ...loaded.answer, hidden: [] } : RESTRICTED,
              names: loaded?.names ?? new Map(),
              texts: { t: c.t, lang: c.lang },
            },
            person: null,
            restricted: loaded === null,
            csrf: null,
            base: '/min-sida/matchning',
          }),
        doc: (c) => matchDocument(c, loaded?.answer ?? RESTRICTED),
      };
    },
    { permission: 'process.own' },
  );
}
