/**
 * The Process pages (issue 18), served by the page runner, with their form posts:
 *
 *   /personer                          the case worker's people (audited per name shown)   process.read
 *   /personer/ny                       record a person                                      process.write
 *   /personer/{id}                     the person: information + acknowledgement, sections,
 *                                      one-time code, downloads, restriction                 read by need
 *   /personer/{id}/inventering/{s}     the interview, section s, two languages side by side write by need
 *   /min, /min/{code}                  the person opens their own view with a one-time code  public
 *   /min-sida, /min-sida/{s}           the person's own view, their language, a phone        process.own
 *
 * Access by need is decided by the people service (another organisation, an unassigned case worker,
 * an expired temporary access, another person → 404, the same as an unknown id). Every read of a
 * person's data is audited by the service. Forms post back and redirect (POST/redirect/GET); the
 * client's autosave posts the same forms with `x-etablera-autosave: 1` and gets JSON. A section form
 * the database could not save (503) is answered with the section itself, as typed, not a redirect
 * (`keepTyped`): a redirect would lose what a reader without JavaScript typed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, can, NotFoundError } from '../../../accounts/actor.js';
import type { Settings } from '../../../config/settings.js';
import { MatchingService } from '../../../domain/process/matching/matching.service.js';
import { ConceptNames } from '../../../domain/process/people/concept-names.js';
import { information } from '../../../domain/process/people/information.js';
import type { Inventory } from '../../../domain/process/people/inventory.js';
import { isSection, SECTIONS, type Section } from '../../../domain/process/people/inventory-sections.js';
import { PeopleService } from '../../../domain/process/people/people.service.js';
import type { AccessLevel, PersonAccess } from '../../../domain/process/people/person-access.js';
import type { Keyring } from '../../../domain/process/privacy/field-cipher.js';
import { TaxonomyService } from '../../../domain/process/taxonomy/taxonomy.service.js';
import { InputError } from '../../../errors/input-error.js';
import { isLocale, type Locale } from '../../../i18n/locales.js';
import { translator } from '../../../i18n/translator.js';
import type { Store } from '../../../store/database.js';
import { csrfBinding, SESSION_COOKIE, sessionCookieOptions } from '../../auth/auth.js';
import { describeInputError } from '../../errors.js';
import { notFoundPage, type PageRunner, type PageView, sendHtml } from '../page-runner.js';
import { type Form, sectionPatch } from './inventory-form.js';
import { KeptFormPage } from './kept-form-page.js';
import { matchPages } from './match-pages.plugin.js';
import {
  CodePage,
  InterviewPage,
  NewPersonPage,
  OwnPage,
  OwnSectionPage,
  PeopleListPage,
  PersonPage,
} from './process-pages.js';
import type { SectionFormData } from './section-form.js';
import { SettingsPage } from './settings-page.js';

export interface ProcessPagesOptions {
  app: FastifyInstance;
  store: Store;
  pages: PageRunner;
  settings: Settings;
  keyring: Keyring | null;
  /** The app's one matching service (its model is held once per taxonomy version). */
  matching?: MatchingService;
}

const personLocale = (language: string): Locale | null => {
  const primary = language.split('-')[0];
  return isLocale(primary) ? primary : null;
};

export function processPages({ app, store, pages, settings, keyring, matching }: ProcessPagesOptions): void {
  if (!keyring) return; // Process off: the API answers 503 and says why; no pages.
  const people = new PeopleService(store, keyring);
  const names = new ConceptNames(store);
  const taxonomy = new TaxonomyService(store);
  const actorOf = (request: FastifyRequest) => request.actor as Actor;
  const csrfOf = (reply: FastifyReply, request: FastifyRequest) =>
    reply.generateCsrf({ userInfo: csrfBinding(request) });

  async function accessOr404(request: FastifyRequest, id: string, level: AccessLevel) {
    try {
      return await people.access(actorOf(request), id, level);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }
  // The same page for a person who does not exist and one the user may not see; it names no id.
  const noPerson = (_request: FastifyRequest): PageView => notFoundPage('/personer');

  /** Everything a section form needs, names in `lang`. */
  async function formData(
    section: Section,
    inventory: Inventory,
    lang: string,
    query: string,
    healthBasis: string | null,
  ): Promise<SectionFormData> {
    const { country, language, educationLevel, educationField, drivingLicence } = await names.choiceLists(
      ['country', 'language', 'educationLevel', 'educationField', 'drivingLicence'],
      lang,
    );
    const occupations = inventory.work
      .map((w) => w.occupation)
      .filter((o) => o !== 'unknown' && o !== 'declined');
    const suggested = section === 'skills' ? await names.suggestedSkills(occupations) : [];
    let results = null;
    if (query.trim() && (section === 'work' || section === 'skills')) {
      const hits = await taxonomy.search({
        q: query.slice(0, 200),
        type: section === 'work' ? 'occupation-name' : 'skill',
        lang: isLocale(lang) ? lang : 'sv',
        limit: 10,
      });
      const found = await names.names(
        hits.map((h) => h.id),
        lang,
      );
      results = hits.map((h) => found.get(h.id)).filter((c) => c !== undefined);
    }
    const ids = [
      ...occupations,
      ...inventory.skills,
      ...suggested,
      ...inventory.languages.map((l) => l.language),
    ];
    return {
      section,
      inventory,
      names: await names.names(ids, lang),
      choices: { country, language, educationLevel, educationField, drivingLicence },
      results,
      query,
      suggested,
      healthBasis,
    };
  }

  const nextOf = (section: Section, hidden: Section[]): Section | null => {
    const open = SECTIONS.filter((s) => !hidden.includes(s));
    return open[open.indexOf(section) + 1] ?? null;
  };
  const query = (request: FastifyRequest) => {
    const q = (request.query as Record<string, unknown>).sok;
    return typeof q === 'string' ? q : '';
  };

  // --- the case worker's pages -------------------------------------------------------------

  pages.get(
    '/personer',
    async ({ request }) => {
      const list = await people.list(actorOf(request), request.ip);
      const settings = adminOrgs(actorOf(request)).length > 0;
      return { html: (ctx) => PeopleListPage({ ctx, people: list, settings }) };
    },
    { permission: 'process.read' },
  );

  const writableOrgs = (actor: Actor) =>
    actor.memberships
      .filter((m) => can(actor, 'process.write', m.organisationId))
      .map((m) => m.organisationId);

  pages.get(
    '/personer/ny',
    async ({ request, reply }) => {
      const csrf = csrfOf(reply, request);
      const orgs = [...new Set(writableOrgs(actorOf(request)))];
      const error = (request.query as Record<string, string>).fel;
      return { html: (ctx) => NewPersonPage({ ctx, csrf, organisations: orgs, error }) };
    },
    { permission: 'process.write' },
  );

  app.post<{ Body: Form }>(
    '/personer/ny',
    { config: { permission: 'process.write' } },
    async (request, reply) => {
      const form = request.body ?? {};
      const one = (k: string) => {
        const v = form[k];
        return Array.isArray(v) ? v[0] : v;
      };
      const lang = one('lang');
      try {
        const contact = one('contact')?.trim();
        const gender = one('gender');
        const { id } = await people.create(
          actorOf(request),
          {
            organisation: one('organisation') ?? '',
            name: one('name') ?? '',
            language: one('language') ?? '',
            contact: contact ? contact : null,
            gender: gender ? gender : null,
          },
          request.ip,
        );
        return reply.redirect(`/personer/${id}${lang ? `?lang=${lang}` : ''}`, 303);
      } catch (error) {
        if (!(error instanceof InputError) && !(error instanceof NotFoundError)) throw error;
        const message =
          error instanceof InputError
            ? describeInputError(error, translator(isLocale(lang) ? lang : 'sv'))
            : 'organisation';
        return reply.redirect(
          `/personer/ny?${new URLSearchParams({ fel: message, ...(lang ? { lang } : {}) })}`,
          303,
        );
      }
    },
  );

  // --- the Process admin's settings --------------------------------------------------------

  const adminOrgs = (actor: Actor) => [
    ...new Set(
      actor.memberships
        .filter((m) => can(actor, 'process.admin', m.organisationId))
        .map((m) => m.organisationId),
    ),
  ];

  pages.get(
    '/personer/installningar',
    async ({ request, reply }) => {
      const orgs = adminOrgs(actorOf(request));
      const asked = (request.query as Record<string, unknown>).organisation;
      const organisation = typeof asked === 'string' && orgs.includes(asked) ? asked : orgs[0];
      if (!organisation) return noPerson(request);
      const config = await people.settings(organisation);
      const csrf = csrfOf(reply, request);
      return {
        html: (ctx) =>
          SettingsPage({
            ctx,
            csrf,
            organisation,
            organisations: orgs,
            hidden: config.hiddenSections,
            healthBasis: config.healthBasis,
          }),
      };
    },
    { permission: 'process.admin' },
  );

  app.post<{ Body: Form }>(
    '/personer/installningar',
    { config: { permission: 'process.admin' } },
    async (request, reply) => {
      const form = request.body ?? {};
      const organisation = typeof form.organisation === 'string' ? form.organisation : '';
      const ask = [form.ask ?? []].flat();
      const lang = typeof form.lang === 'string' && isLocale(form.lang) ? form.lang : 'sv';
      const path = '/personer/installningar';
      try {
        await people.saveSettings(
          actorOf(request),
          organisation,
          {
            hiddenSections: SECTIONS.filter((s) => !ask.includes(s)),
            healthBasis: typeof form.healthBasis === 'string' ? form.healthBasis : null,
          },
          request.ip,
        );
      } catch (error) {
        if (error instanceof NotFoundError) return notFound(reply);
        if (!(error instanceof InputError)) throw error;
        return back(reply, path, form, { organisation, fel: describeInputError(error, translator(lang)) });
      }
      return back(reply, path, form, { organisation, klart: 'settings' });
    },
  );

  /**
   * A one-time code just created goes to the person page after the redirect in a cookie sealed with the
   * data key and bound to the person and the case worker (not in this process's memory: with several
   * workers the redirect may reach another process). Shown once, for a minute.
   */
  const FRESH_CODE_COOKIE = 'etablera_fresh_code';
  type FreshCode = { code: string; url: string; expiresAt: string; at: number };
  const freshCodePlace = (personId: string, request: FastifyRequest) =>
    `fresh-code:${personId}:${actorOf(request).userId}`;
  const freshCodeCookie = (personId: string) =>
    ({ path: `/personer/${personId}`, httpOnly: true, sameSite: 'lax', secure: 'auto' }) as const;
  const takeFreshCode = (request: FastifyRequest, reply: FastifyReply, personId: string) => {
    const sealed = request.cookies[FRESH_CODE_COOKIE];
    if (!sealed) return null;
    reply.clearCookie(FRESH_CODE_COOKIE, freshCodeCookie(personId));
    try {
      const fresh = JSON.parse(keyring.open(sealed, freshCodePlace(personId, request))) as FreshCode;
      return Date.now() - fresh.at < 60_000 ? fresh : null;
    } catch {
      return null; // another person's or user's cookie, or one sealed under a retired key
    }
  };

  pages.get<{ id: string }>(
    '/personer/:id',
    async ({ request, reply, params }) => {
      const access = await accessOr404(request, params.id, 'read');
      if (!access) return noPerson(request);
      const person = await people.get(access, request.ip);
      const org = access.person.organisation_id;
      const [legal, meta, settingsOf] = await Promise.all([
        store.db
          .selectFrom('process_setting')
          .selectAll()
          .where('organisation_id', '=', org)
          .executeTakeFirst(),
        people.sectionMeta(person.id),
        people.settings(org),
      ]);
      const legalBasis = legal?.legal_basis ?? null;
      const days = legal?.retention_days ?? 730;
      const action = legal?.retention_action ?? 'erase';
      const info = information(person.language, legalBasis, days, action);
      const csrf = csrfOf(reply, request);
      const code = takeFreshCode(request, reply, access.person.id);
      return {
        html: (ctx) =>
          PersonPage({
            ctx,
            person,
            info,
            infoSv: information(ctx.lang, legalBasis, days, action),
            meta,
            hidden: settingsOf.hiddenSections,
            csrf,
            code,
          }),
      };
    },
    { permission: 'signed-in' },
  );

  const back = (reply: FastifyReply, path: string, form: Form, outcome: Record<string, string> = {}) => {
    const q = new URLSearchParams(outcome);
    const lang = Array.isArray(form.lang) ? form.lang[0] : form.lang;
    if (lang && /^[a-z]{2,3}$/.test(lang)) q.set('lang', lang);
    const s = q.toString();
    return reply.redirect(`${path}${s ? `?${s}` : ''}`, 303);
  };
  const notFound = (reply: FastifyReply) =>
    reply.code(404).type('text/plain; charset=utf-8').send('Not found');

  app.post<{ Params: { id: string }; Body: Form }>(
    '/personer/:id/information',
    { config: { permission: 'signed-in' } },
    async (request, reply) => {
      const access = await accessOr404(request, request.params.id, 'write');
      if (!access) return notFound(reply);
      const form = request.body ?? {};
      const textVersion = typeof form.textVersion === 'string' ? form.textVersion : undefined;
      const language = typeof form.language === 'string' ? form.language : undefined;
      try {
        await people.recordConsent(access, { textVersion, language }, request.ip);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        return back(reply, `/personer/${access.person.id}`, form, {
          fel: describeInputError(error, translator('sv')),
        });
      }
      return back(reply, `/personer/${access.person.id}`, form, { klart: 'consent' });
    },
  );

  app.post<{ Params: { id: string }; Body: Form }>(
    '/personer/:id/atkomstkod',
    { config: { permission: 'signed-in' } },
    async (request, reply) => {
      const access = await accessOr404(request, request.params.id, 'write');
      if (!access) return notFound(reply);
      const { code, expiresAt } = await people.createAccessCode(access, request.ip);
      const base = settings.publicBaseUrl || `${request.protocol}://${request.host}`;
      const fresh: FreshCode = { code, expiresAt, url: `${base}/min/${code}`, at: Date.now() };
      reply.setCookie(
        FRESH_CODE_COOKIE,
        keyring.seal(JSON.stringify(fresh), freshCodePlace(access.person.id, request)),
        { ...freshCodeCookie(access.person.id), maxAge: 60 },
      );
      return back(reply, `/personer/${access.person.id}`, request.body ?? {});
    },
  );

  app.post<{ Params: { id: string }; Body: Form }>(
    '/personer/:id/begransning',
    { config: { permission: 'signed-in' } },
    async (request, reply) => {
      const access = await accessOr404(request, request.params.id, 'write');
      if (!access) return notFound(reply);
      const form = request.body ?? {};
      await people.setRestriction(access, form.restricted === '1', request.ip);
      return back(reply, `/personer/${access.person.id}`, form, { klart: 'restriction' });
    },
  );

  /**
   * The interview page of a section. `typed`: the answers of a post that could not be saved, shown in
   * the form instead of the stored ones, so that nothing typed is lost (status 503).
   */
  async function interviewView(
    request: FastifyRequest,
    reply: FastifyReply,
    access: PersonAccess,
    section: Section,
    typed?: Partial<Inventory>,
  ): Promise<PageView> {
    // One read of the person (record and inventory), so one audit entry.
    const [person, stored, config] = await Promise.all([
      people.view(access.person),
      people.openInventory(access.person.id),
      people.settings(access.person.organisation_id),
    ]);
    if (person.consents.length === 0)
      return {
        status: 409,
        html: (c) => notFoundPage(c.t('process.error.consentFirst'), 409).html(c),
      };
    await people.recordRead(access, 'inventory', request.ip, { section });
    const inventory = typed ? { ...stored, ...typed } : stored;
    const pl = personLocale(person.language);
    const data = await formData(section, inventory, pl ?? 'sv', query(request), config.healthBasis);
    const meta = await people.sectionMeta(person.id);
    const csrf = csrfOf(reply, request);
    return {
      ...(typed ? { status: 503 } : {}),
      html: (c) =>
        InterviewPage({
          ctx: c,
          person,
          texts: {
            t: c.t,
            lang: c.lang,
            ...(pl && pl !== c.lang ? { second: { t: translator(pl), lang: pl } } : {}),
          },
          data,
          meta,
          hidden: config.hiddenSections,
          csrf,
          next: nextOf(section, config.hiddenSections),
          updatedAt: stored.updatedAt,
        }),
    };
  }

  pages.get<{ id: string; section: string }>(
    '/personer/:id/inventering/:section',
    async ({ request, reply, params }) => {
      const access = await accessOr404(request, params.id, 'write');
      if (!access || !isSection(params.section)) return noPerson(request);
      return interviewView(request, reply, access, params.section);
    },
    { permission: 'signed-in' },
  );

  /** Saves a section from its form; answers the autosave with JSON, a form post with a redirect. */
  async function saveSection(
    request: FastifyRequest<{ Body: Form }>,
    reply: FastifyReply,
    access: PersonAccess,
    section: Section,
    path: string,
  ) {
    const form = request.body ?? {};
    const autosave = request.headers['x-etablera-autosave'] === '1';
    const lang = typeof form.lang === 'string' && isLocale(form.lang) ? form.lang : 'sv';
    try {
      const saved = await people.saveSection(access, section, sectionPatch(section, form), request.ip);
      if (autosave) return reply.send({ savedAt: saved.updatedAt });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const message = describeInputError(error, translator(lang));
      if (autosave) return reply.code(error.status).send({ error: message, parameter: error.parameter });
      if (error.reason === 'storeUnavailable')
        return keepTyped(request, reply, access, section, path, form, lang, message);
      return back(reply, `${path}/${section}`, form, { fel: message });
    }
    const op = Array.isArray(form.op) ? form.op[0] : form.op;
    if (op === 'search') {
      const q = Array.isArray(form.q) ? form.q[0] : form.q;
      return back(reply, `${path}/${section}`, form, { sok: q ?? '' });
    }
    // The autosave has answered above; only a form post needs the next section.
    const config = await people.settings(access.person.organisation_id);
    const next = nextOf(section, config.hiddenSections);
    if (op === 'next' && next) return back(reply, `${path}/${next}`, form, { klart: 'saved' });
    return back(reply, `${path}/${section}`, form, { klart: 'saved' });
  }

  /**
   * A form posted without JavaScript whose save the database could not take (503): a redirect would
   * drop what was typed, so the section comes back with the typed answers in its fields and the reason
   * above them; saving again sends them anew. If even that page cannot be built (the database is
   * still away), a plain page keeps the answers in hidden fields behind a "try again" button.
   */
  async function keepTyped(
    request: FastifyRequest,
    reply: FastifyReply,
    access: PersonAccess,
    section: Section,
    path: string,
    form: Form,
    lang: Locale,
    reason: string,
  ) {
    const t = translator(lang);
    const message = `${reason} ${t('process.interview.keptTyped')}`;
    const action = `${path}/${section}`;
    try {
      const typed = sectionPatch(section, form);
      const view =
        path === '/min-sida'
          ? await ownSectionView(request, reply, access, section, lang, typed)
          : await interviewView(request, reply, access, section, typed);
      return await pages.send(
        request,
        reply,
        action,
        { ...view, status: 503 },
        {
          ...(typeof form.lang === 'string' ? { lang: form.lang } : {}),
          params: { fel: message },
        },
      );
    } catch (error) {
      request.log.warn(`The section could not be shown again after a failed save: ${String(error)}`);
      return sendHtml(reply, 503, KeptFormPage({ lang, action, form, message, t }));
    }
  }

  app.post<{ Params: { id: string; section: string }; Body: Form }>(
    '/personer/:id/inventering/:section',
    { config: { permission: 'signed-in' } },
    async (request, reply) => {
      const access = await accessOr404(request, request.params.id, 'write');
      if (!access || !isSection(request.params.section)) return notFound(reply);
      return saveSection(
        request,
        reply,
        access,
        request.params.section,
        `/personer/${access.person.id}/inventering`,
      );
    },
  );

  matchPages({
    app,
    pages,
    people,
    names,
    matching: matching ?? new MatchingService(store, keyring),
    accessOr404,
    csrfOf,
  });

  // --- the person's own view ---------------------------------------------------------------

  pages.get('/min', async ({ request, reply }) => {
    const csrf = csrfOf(reply, request);
    const invalid = (request.query as Record<string, string>).fel === 'kod';
    return { html: (ctx) => CodePage({ ctx, csrf, code: '', invalid }) };
  });
  pages.get<{ code: string }>('/min/:code', async ({ request, reply, params }) => {
    const csrf = csrfOf(reply, request);
    return { html: (ctx) => CodePage({ ctx, csrf, code: params.code.slice(0, 20), invalid: false }) };
  });

  // The code is used by a POST (not the link's GET), so a link preview or a mail scanner cannot use it up.
  app.post<{ Body: Form }>('/min', async (request, reply) => {
    const form = request.body ?? {};
    const code = typeof form.code === 'string' ? form.code.slice(0, 40) : '';
    const used = code ? await people.redeemAccessCode(code, request.ip) : null;
    if (!used) return back(reply, '/min', form, { fel: 'kod' });
    const sid = await app.signIn.startSession(
      used.userId,
      'full',
      'password',
      request.ip,
      request.headers['user-agent'],
    );
    reply.setCookie(SESSION_COOKIE, sid, sessionCookieOptions(settings.sessionMaxHours));
    const person = await store.db
      .selectFrom('person')
      .select('language')
      .where('id', '=', used.personId)
      .executeTakeFirst();
    const pl = person ? personLocale(person.language) : null;
    return reply.redirect(`/min-sida${pl ? `?lang=${pl}` : ''}`, 303);
  });

  async function ownAccess(request: FastifyRequest, level: 'read' | 'own') {
    const id = await people.ownPerson(actorOf(request));
    return id ? accessOr404(request, id, level) : null;
  }

  pages.get(
    '/min-sida',
    async ({ request, ctx }) => {
      const access = await ownAccess(request, 'read');
      if (!access) return noPerson(request);
      const person = await people.view(access.person);
      const inventory = await people.openInventory(person.id);
      const config = await people.settings(access.person.organisation_id);
      const ids = [
        ...inventory.education.flatMap((e) => [e.level, e.field, e.country]),
        ...inventory.work.flatMap((w) => [w.occupation, w.country]),
        ...inventory.skills,
        ...inventory.languages.map((l) => l.language),
        ...inventory.drivingLicences,
      ];
      const found = await names.names(ids, ctx.lang);
      return {
        html: (c) => OwnPage({ ctx: c, person, inventory, names: found, hidden: config.hiddenSections }),
      };
    },
    { permission: 'process.own' },
  );

  /** A section of the person's own view; `typed` as in `interviewView`. */
  async function ownSectionView(
    request: FastifyRequest,
    reply: FastifyReply,
    access: PersonAccess,
    section: Section,
    lang: string,
    typed?: Partial<Inventory>,
  ): Promise<PageView> {
    const config = await people.settings(access.person.organisation_id);
    if (config.hiddenSections.includes(section)) return noPerson(request);
    const stored = await people.openInventory(access.person.id);
    const inventory = typed ? { ...stored, ...typed } : stored;
    const data = await formData(section, inventory, lang, query(request), config.healthBasis);
    const csrf = csrfOf(reply, request);
    const next = nextOf(section, config.hiddenSections);
    return {
      ...(typed ? { status: 503 } : {}),
      html: (c) =>
        OwnSectionPage({
          ctx: c,
          texts: { t: c.t, lang: c.lang },
          data,
          csrf,
          next,
          updatedAt: stored.updatedAt,
        }),
    };
  }

  pages.get<{ section: string }>(
    '/min-sida/:section',
    async ({ request, reply, params, ctx }) => {
      const access = await ownAccess(request, 'own');
      if (!access || !isSection(params.section)) return noPerson(request);
      return ownSectionView(request, reply, access, params.section, ctx.lang);
    },
    { permission: 'process.own' },
  );

  app.post<{ Params: { section: string }; Body: Form }>(
    '/min-sida/:section',
    { config: { permission: 'process.own' } },
    async (request, reply) => {
      const access = await ownAccess(request, 'own');
      if (!access || !isSection(request.params.section)) return notFound(reply);
      return saveSection(request, reply, access, request.params.section, '/min-sida');
    },
  );
}
