/**
 * Signing in and out, and the account page (memberships, API tokens, password, sign-out everywhere).
 *
 *   GET  /logga-in                   the sign-in form          POST /logga-in  → session cookie, 303
 *   POST /logga-ut                   ends this session         POST /konto/logga-ut-overallt  ends all
 *   GET  /konto                      the account page          POST /konto/nycklar  creates a token
 *   POST /konto/nycklar/:id/aterkalla  revokes a token         POST /konto/losenord  changes the password
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { AccountError, AccountService } from '../../accounts/account.service.js';
import type { Actor } from '../../accounts/actor.js';
import { verifyPassword } from '../../accounts/password.js';
import { SecondFactorService } from '../../accounts/second-factor.service.js';
import type { SessionActor, SessionStage } from '../../accounts/sign-in.service.js';
import { parseLifetime, TokenService } from '../../accounts/token.service.js';
import type { Settings } from '../../config/settings.js';
import { localeCookie, negotiateLocale } from '../../i18n/negotiate.js';
import type { Store } from '../../store/database.js';
import { prepareAssets } from '../ui/assets.js';
import { createContext, type PageContext } from '../ui/page-context.js';
import { sendHtml } from '../ui/page-runner.js';
import { AccountPage, EnrolPage, type FormState, SecondFactorPage, SignInPage } from './account-pages.js';
import { csrfBinding, SESSION_COOKIE, sessionCookieOptions } from './auth.js';
import { linkRoutes } from './link.routes.js';
import { oidcRoutes } from './oidc.routes.js';
import { organisationRoutes } from './organisation.routes.js';
import { safeNext } from './page-tools.js';
import { accountTexts } from './texts.js';

type Form = Record<string, string | undefined>;

export async function accountRoutes(
  app: FastifyInstance,
  { store, settings, oidcClockSkewS }: { store: Store; settings: Settings; oidcClockSkewS?: number },
) {
  const assets = await prepareAssets(settings.boundariesFile);
  const accounts = new AccountService(store.repositories);
  const tokens = new TokenService(store.repositories);
  const repository = store.repositories.accounts;
  const secondFactor = new SecondFactorService(store.repositories);
  /** The IdP's name for the "Logga in med …" button, when single sign-on is set up. */
  const idp = settings.oidc?.name;

  /** Where a sign-in goes on from each stage. */
  const onward = (stage: SessionStage, next: string) =>
    stage === 'full'
      ? next
      : stage === 'second-factor'
        ? `/logga-in/kod?next=${encodeURIComponent(next)}`
        : '/konto/tvafaktor';

  function setSession(reply: FastifyReply, sessionId: string) {
    reply.setCookie(SESSION_COOKIE, sessionId, sessionCookieOptions(settings.sessionMaxHours));
  }

  function context(request: FastifyRequest, reply: FastifyReply, path: string): PageContext {
    const body = (request.body ?? {}) as Form;
    const { locale: lang, source } = negotiateLocale({
      query: body.lang ? body : request.query,
      cookieHeader: request.headers.cookie,
      userLocale: request.userLocale,
      acceptLanguage: request.headers['accept-language'],
    });
    if (source === 'query') reply.header('set-cookie', localeCookie(lang));
    return createContext({
      lang,
      path,
      params: new URLSearchParams(),
      dataset: 'kolada',
      lastLoadedAt: null,
      syncRunning: false,
      assets: assets.urls,
      now: new Date().toISOString(),
      publicBase: settings.publicBaseUrl || `${request.protocol}://${request.host}`,
    });
  }

  const csrfFor = (request: FastifyRequest, reply: FastifyReply) =>
    reply.generateCsrf({ userInfo: csrfBinding(request) });

  function page(reply: FastifyReply, status: number, view: VNode) {
    reply.header('cache-control', 'no-store');
    return sendHtml(reply, status, view);
  }

  app.get<{ Querystring: { next?: string } }>('/logga-in', async (request, reply) => {
    const ctx = context(request, reply, '/logga-in');
    const form = { csrf: csrfFor(request, reply) };
    return page(reply, 200, SignInPage({ ctx, form, email: '', next: safeNext(request.query.next), idp }));
  });

  app.post<{ Body: Form }>('/logga-in', async (request, reply) => {
    const ctx = context(request, reply, '/logga-in');
    const t = accountTexts(ctx.lang);
    const { email = '', password = '' } = request.body ?? {};
    const next = safeNext(request.body?.next);
    const result = await app.signIn.signInWithPassword({
      email,
      password,
      ip: request.ip,
      userAgent: request.headers['user-agent'],
      previousSessionId: request.cookies[SESSION_COOKIE],
    });
    if (result.ok) {
      setSession(reply, result.sessionId);
      return reply.redirect(onward(result.stage, next), 303);
    }
    // The old session (if any) was not ended; the form's token stays bound to it.
    const form: FormState = { csrf: csrfFor(request, reply) };
    if (result.reason === 'throttled') {
      reply.header('retry-after', String(result.retryAfterS));
      form.error = t.throttled(Math.ceil(result.retryAfterS / 60));
      return page(reply, 429, SignInPage({ ctx, form, email, next, idp }));
    }
    form.error = t.signInFailed;
    return page(reply, 401, SignInPage({ ctx, form, email, next, idp }));
  });

  /** The session waiting for its second factor, or null. */
  async function pendingSession(request: FastifyRequest): Promise<SessionActor | null> {
    const sid = request.cookies[SESSION_COOKIE];
    const actor = sid ? await app.signIn.sessionActor(sid) : null;
    return actor?.stage === 'second-factor' ? actor : null;
  }

  app.get<{ Querystring: { next?: string } }>('/logga-in/kod', async (request, reply) => {
    if (!(await pendingSession(request))) return reply.redirect('/logga-in', 303);
    const ctx = context(request, reply, '/logga-in/kod');
    return page(
      reply,
      200,
      SecondFactorPage({ ctx, form: { csrf: csrfFor(request, reply) }, next: safeNext(request.query.next) }),
    );
  });

  app.post<{ Body: Form }>('/logga-in/kod', async (request, reply) => {
    const actor = await pendingSession(request);
    if (!actor) return reply.redirect('/logga-in', 303);
    const ctx = context(request, reply, '/logga-in/kod');
    const t = accountTexts(ctx.lang);
    const next = safeNext(request.body?.next);
    const outcome = await secondFactor.check(actor.userId as string, request.body?.code ?? '', request.ip);
    if (outcome === 'ok') {
      setSession(reply, await app.signIn.promote(actor, 'full', request.ip, request.headers['user-agent']));
      return reply.redirect(next, 303);
    }
    const form = { csrf: csrfFor(request, reply), error: outcome === 'locked' ? t.codeLocked : t.codeWrong };
    return page(reply, outcome === 'locked' ? 429 : 401, SecondFactorPage({ ctx, form, next }));
  });

  const enrolment = { config: { permission: 'signed-in' as const, enrolment: true } };

  app.get('/konto/tvafaktor', enrolment, async (request, reply) => {
    const actor = request.actor as SessionActor;
    const ctx = context(request, reply, '/konto/tvafaktor');
    const user = await repository.user(actor.userId as string);
    const form = { csrf: csrfFor(request, reply) };
    if (user?.totp_enabled_at)
      return page(reply, 200, EnrolPage({ ctx, form, enabledAt: user.totp_enabled_at }));
    return page(reply, 200, EnrolPage({ ctx, form, proposal: secondFactor.proposal(actor.label) }));
  });

  app.post<{ Body: Form }>('/konto/tvafaktor', enrolment, async (request, reply) => {
    const actor = request.actor as SessionActor & { userId: string };
    const ctx = context(request, reply, '/konto/tvafaktor');
    const t = accountTexts(ctx.lang);
    const user = await repository.user(actor.userId);
    if (user?.totp_enabled_at) return reply.redirect('/konto/tvafaktor', 303);
    const secret = request.body?.secret ?? '';
    const codes = await secondFactor.enable(actor, secret, request.body?.code ?? '');
    if (!codes) {
      const proposal = /^[A-Z2-7]{16,64}$/.test(secret)
        ? {
            secret,
            uri: secondFactor.proposal(actor.label).uri.replace(/secret=[A-Z2-7]+/, `secret=${secret}`),
          }
        : secondFactor.proposal(actor.label);
      return page(
        reply,
        400,
        EnrolPage({ ctx, form: { csrf: csrfFor(request, reply), error: t.codeWrong }, proposal }),
      );
    }
    // Setting up the factor completes this sign-in (with a new session id); the new CSRF token follows it.
    if (actor.via === 'session' && actor.stage === 'enrol') {
      const sid = await app.signIn.promote(actor, 'full', request.ip, request.headers['user-agent']);
      setSession(reply, sid);
      request.cookies[SESSION_COOKIE] = sid;
    }
    return page(
      reply,
      201,
      EnrolPage({ ctx, form: { csrf: csrfFor(request, reply) }, recoveryCodes: codes }),
    );
  });

  app.post('/logga-ut', async (request, reply) => {
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) await app.signIn.signOut(sid, await app.signIn.sessionActor(sid), request.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  async function accountPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: Partial<FormState> & { newToken?: string } = {},
  ) {
    const actor = request.actor as Actor & { userId: string };
    const ctx = context(request, reply, '/konto');
    const organisations = new Map((await repository.organisations()).map((o) => [o.id, o.name]));
    return page(
      reply,
      status,
      AccountPage({
        ctx,
        form: { csrf: csrfFor(request, reply), error: extra.error, notice: extra.notice },
        email: actor.label,
        memberships: actor.memberships,
        organisationNames: organisations,
        tokens: await tokens.list(actor.userId),
        newToken: extra.newToken,
      }),
    );
  }

  const signedIn = { config: { permission: 'signed-in' as const } };

  app.get('/konto', signedIn, async (request, reply) => {
    if (!request.actor?.userId) return reply.redirect('/logga-in', 303);
    return accountPage(request, reply, 200);
  });

  app.post<{ Body: Form }>('/konto/nycklar', signedIn, async (request, reply) => {
    const actor = request.actor as Actor;
    if (!actor.userId) throw new AccountError('Only a user has an account page', 400);
    const expires = request.body?.expires ?? '90d';
    if (!['30d', '90d', '365d', 'never'].includes(expires)) throw new AccountError('Unknown validity', 400);
    const { token } = await tokens.create(actor, {
      email: actor.label,
      name: request.body?.name,
      lifetimeMs: parseLifetime(expires),
    });
    return accountPage(request, reply, 201, { newToken: token });
  });

  app.post<{ Params: { id: string } }>('/konto/nycklar/:id/aterkalla', signedIn, async (request, reply) => {
    const actor = request.actor as Actor & { userId: string };
    await tokens.revoke(actor, actor.userId, request.params.id);
    return reply.redirect('/konto', 303);
  });

  app.post<{ Body: Form }>('/konto/losenord', signedIn, async (request, reply) => {
    const actor = request.actor as Actor & { userId: string };
    const t = accountTexts(context(request, reply, '/konto').lang);
    const user = await repository.user(actor.userId);
    if (!user?.password_hash || !(await verifyPassword(user.password_hash, request.body?.current ?? '')))
      return accountPage(request, reply, 400, { error: t.wrongPassword });
    try {
      await accounts.setPassword(actor, actor.userId, request.body?.password ?? '');
    } catch (error) {
      if (error instanceof AccountError)
        return accountPage(request, reply, error.statusCode, { error: error.message });
      throw error;
    }
    return accountPage(request, reply, 200, { notice: t.passwordChanged });
  });

  app.post('/konto/logga-ut-overallt', signedIn, async (request, reply) => {
    const actor = request.actor as Actor & { userId: string };
    await accounts.signOutEverywhere(actor, actor.userId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/logga-in', 303);
  });

  await organisationRoutes(app, { store, settings, pages: { context, page, csrf: csrfFor } });
  await oidcRoutes(app, {
    store,
    settings,
    pages: { context, page, csrf: csrfFor },
    clockSkewS: oidcClockSkewS,
  });
  await linkRoutes(app, { store, settings, mailer: app.mailer, pages: { context, page, csrf: csrfFor } });
}
