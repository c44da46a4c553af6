/**
 * Single sign-on through the municipality's IdP (OIDC; see src/accounts/oidc-sign-in.service.ts):
 *
 *   GET /logga-in/oidc?next=/plan        sets the sealed pending-sign-in cookie, 303 to the IdP
 *   GET /logga-in/oidc/svar?code&state   back from the IdP: a new session cookie and 303 onward, or a
 *                                        page saying why not (400 state/token, 403 not admitted)
 *
 * Registered only when ETABLERA_OIDC_ISSUER is set. Both are public routes (the sign-in itself).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OidcFailure } from '../../accounts/oidc-sign-in.service.js';
import { OIDC_PENDING_MINUTES, OidcSignInService } from '../../accounts/oidc-sign-in.service.js';
import type { Settings } from '../../config/settings.js';
import type { Store } from '../../store/database.js';
import { OidcFailedPage } from './account-pages.js';
import { SESSION_COOKIE, sessionCookieOptions, storeSecret } from './auth.js';
import { type PageTools, safeNext } from './page-tools.js';

export const OIDC_COOKIE = 'etablera_oidc';
const OIDC_PATH = '/logga-in/oidc';

export async function oidcRoutes(
  app: FastifyInstance,
  {
    store,
    settings,
    pages,
    clockSkewS,
  }: { store: Store; settings: Settings; pages: PageTools; clockSkewS?: number },
) {
  const oidc = settings.oidc;
  if (!oidc) return;
  const service = new OidcSignInService(
    store.repositories,
    oidc,
    { idleMinutes: settings.sessionIdleMinutes, maxHours: settings.sessionMaxHours },
    await storeSecret(store, 'oidc-cookie-key'),
    { clockSkewS },
  );
  const base = (request: FastifyRequest) => settings.publicBaseUrl || `${request.protocol}://${request.host}`;
  const cookieOptions = {
    path: OIDC_PATH,
    httpOnly: true,
    // Lax: the IdP sends the browser back with a top-level GET, which carries Lax cookies.
    sameSite: 'lax',
    secure: 'auto',
    maxAge: OIDC_PENDING_MINUTES * 60,
  } as const;

  function failed(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    failure: OidcFailure | 'unavailable',
  ) {
    reply.clearCookie(OIDC_COOKIE, { path: OIDC_PATH });
    const ctx = pages.context(request, reply, '/logga-in');
    return pages.page(reply, status, OidcFailedPage({ ctx, failure, idp: oidc?.name ?? '' }));
  }

  app.get<{ Querystring: { next?: string } }>(OIDC_PATH, async (request, reply) => {
    let started: { url: string; cookie: string };
    try {
      started = await service.begin(`${base(request)}${OIDC_PATH}/svar`, safeNext(request.query.next));
    } catch (error) {
      request.log.error({ err: error }, `The IdP ${oidc.issuer} cannot be reached for sign-in`);
      return failed(request, reply, 502, 'unavailable');
    }
    reply.setCookie(OIDC_COOKIE, started.cookie, cookieOptions);
    reply.header('cache-control', 'no-store');
    return reply.redirect(started.url, 303);
  });

  app.get(`${OIDC_PATH}/svar`, async (request, reply) => {
    const result = await service.complete({
      callbackUrl: new URL(request.url, `${base(request)}/`),
      cookie: request.cookies[OIDC_COOKIE],
      ip: request.ip,
      userAgent: request.headers['user-agent'],
      previousSessionId: request.cookies[SESSION_COOKIE],
    });
    if (!result.ok) {
      request.log.warn(`OIDC sign-in refused (${result.failure}): ${result.reason}`);
      return failed(request, reply, result.failure === 'not-admitted' ? 403 : 400, result.failure);
    }
    reply.clearCookie(OIDC_COOKIE, { path: OIDC_PATH });
    reply.setCookie(SESSION_COOKIE, result.sessionId, sessionCookieOptions(settings.sessionMaxHours));
    reply.header('cache-control', 'no-store');
    return reply.redirect(result.next, 303);
  });
}
