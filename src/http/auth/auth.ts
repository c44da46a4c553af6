/**
 * The authorisation seam of the HTTP app. A route declares what it needs in its config:
 *
 *   app.get('/api/plan/:id', { config: { permission: 'plan.read' } }, async (request) =>
 *     plans.get(request.actor!, request.params.id));   // the service checks the record's organisation
 *
 * This file then, for every request to such a route: finds the actor (an API token or the operator's
 * ETABLERA_ADMIN_TOKEN as `Authorization: Bearer`, otherwise the session cookie), answers 401 when there
 * is none, 403 when the actor holds the permission in no organisation, and sets `request.actor`.
 * Every write (POST, PUT, PATCH, DELETE) not authenticated by a Bearer token must carry the CSRF token
 * of the form (`_csrf` field or `x-csrf-token` header), whatever the route.
 */
import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, canSomewhere } from '../../accounts/actor.js';
import { AuditLog } from '../../accounts/audit-log.js';
import type { Permission } from '../../accounts/roles.js';
import { hashSecret, newSecret } from '../../accounts/secrets.js';
import { type SessionActor, SignInService } from '../../accounts/sign-in.service.js';
import { TOKEN_PREFIX } from '../../accounts/token.service.js';
import type { Settings } from '../../config/settings.js';
import type { Store } from '../../store/database.js';

/** What a route may require: a permission, or only that someone is signed in (their own account). */
export type RouteAccess = Permission | 'signed-in';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RouteAccess;
    /** Open to a signed-in user who has yet to set up the second factor their role requires. */
    enrolment?: boolean;
    /**
     * A public route whose only credential is in the request body (a dialogue participant code): it
     * ignores cookies, so a cross-site post gains nothing and the CSRF check is not needed.
     */
    ownCredential?: boolean;
  }
  interface FastifyRequest {
    /** Set for routes that declare a permission; null elsewhere (see `optionalActor`). */
    actor: Actor | null;
  }
  interface FastifyInstance {
    signIn: SignInService;
    audit: AuditLog;
    /** Every route registered after the seam, with what it declared (walked by auth-seam.test.ts). */
    routeAccess: RouteRecord[];
  }
}

export interface RouteRecord {
  method: string;
  url: string;
  permission: RouteAccess | undefined;
  /** The route's JSON schemas (body, querystring, params), when it declares them. */
  schema: Record<string, unknown> | undefined;
}

export const SESSION_COOKIE = 'etablera_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The operator's token as an actor: the mirror's sync and import, nothing of any organisation. */
const OPERATOR: Actor = {
  userId: null,
  label: 'admin-token',
  via: 'admin-token',
  memberships: [],
  global: ['mirror.admin'],
};

export class AuthError extends Error {
  constructor(
    message: string,
    readonly statusCode: 401 | 403,
  ) {
    super(message);
  }
}

/** Session cookie options: HttpOnly, SameSite=Lax, Secure when the request came over HTTPS. */
export const sessionCookieOptions = (maxHours: number) =>
  ({ path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: maxHours * 3600 }) as const;

const equalSecrets = (a: string, b: string) =>
  timingSafeEqual(Buffer.from(hashSecret(a)), Buffer.from(hashSecret(b)));

function bearer(request: FastifyRequest): string | null | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  return /^Bearer[ ]+(\S+)\s*$/i.exec(header)?.[1] ?? null;
}

/** Wants an HTML page (a browser following a link) rather than JSON. */
const wantsHtml = (request: FastifyRequest) =>
  request.method === 'GET' &&
  !request.url.startsWith('/api/') &&
  // Stryker disable next-line StringLiteral: any text without "text/html" in it reads alike
  /text\/html/.test(request.headers.accept ?? '');

export async function registerAuth(
  app: FastifyInstance,
  { store, settings }: { store: Store; settings: Settings },
) {
  const signIn = new SignInService(store.repositories, {
    idleMinutes: settings.sessionIdleMinutes,
    maxHours: settings.sessionMaxHours,
  });
  const audit = new AuditLog(store.repositories);
  app.decorate('signIn', signIn);
  app.decorate('audit', audit);
  app.decorateRequest('actor', null);
  const routes: RouteRecord[] = [];
  app.decorate('routeAccess', routes);
  app.addHook('onRoute', (route) => {
    const permission = (route.config as { permission?: RouteAccess } | undefined)?.permission;
    for (const method of [route.method].flat())
      routes.push({
        method,
        url: route.url,
        permission,
        schema: route.schema as Record<string, unknown> | undefined,
      });
    // Only the routes that declare a permission get the check, as a hook of their own: a public route
    // (a participant's vote, 300 at once) runs no authorisation code at all.
    if (permission) route.onRequest = [authorise(permission), ...[route.onRequest ?? []].flat()];
  });

  await app.register(cookie);
  await app.register(formbody);
  await app.register(csrf, {
    cookieKey: 'etablera_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' },
    // Tokens are bound to the session, so a token from before sign-in (or another session) is refused.
    getUserInfo: csrfBinding,
    csrfOpts: { hmacKey: await csrfKey(store) },
  });

  /** The actor of any request (also on public routes), or null; cached on the request. */
  async function resolveActor(request: FastifyRequest): Promise<Actor | SessionActor | null> {
    const token = bearer(request);
    if (token === null) throw new AuthError('Send the token as "Authorization: Bearer <token>"', 401);
    if (token !== undefined) {
      if (settings.adminToken && equalSecrets(token, settings.adminToken)) return OPERATOR;
      const actor = token.startsWith(TOKEN_PREFIX) ? await signIn.tokenActor(token, request.ip) : null;
      if (!actor) throw new AuthError('The token is not valid (unknown, revoked or expired)', 401);
      return actor;
    }
    const sid = request.cookies[SESSION_COOKIE];
    return sid ? signIn.sessionActor(sid) : null;
  }

  /** Finds the actor of a route that declares `permission`, or refuses the request (see the top). */
  const authorise = (permission: RouteAccess) =>
    async function authorise(request: FastifyRequest, reply: FastifyReply) {
      const actor = await resolveActor(request).catch((error) => {
        if (error instanceof AuthError) reply.header('www-authenticate', 'Bearer realm="etablera"');
        throw error;
      });
      if (actor && 'stage' in actor && actor.stage === 'enrol' && !request.routeOptions.config.enrolment) {
        if (wantsHtml(request)) return reply.redirect('/konto/tvafaktor', 303);
        throw new AuthError('Set up the second factor your role requires first, at /konto/tvafaktor', 401);
      }
      if (!actor || ('stage' in actor && actor.stage === 'second-factor')) {
        if (wantsHtml(request))
          return reply.redirect(
            `/logga-in${actor ? '/kod' : ''}?next=${encodeURIComponent(request.url)}`,
            303,
          );
        reply.header('www-authenticate', 'Bearer realm="etablera"');
        throw new AuthError('Sign in first: a session cookie or "Authorization: Bearer <API token>"', 401);
      }
      if (permission !== 'signed-in' && !canSomewhere(actor, permission)) {
        await audit.record({
          actor,
          action: 'access',
          outcome: 'refused',
          ip: request.ip,
          detail: { method: request.method, path: request.routeOptions.url, permission },
        });
        throw new AuthError(`This needs the permission ${permission}, which your roles do not give`, 403);
      }
      if (actor.via === 'api-token')
        await audit.record({
          actor,
          action: 'token.use',
          ip: request.ip,
          // Stryker disable next-line StringLiteral: an api-token actor always has its tokenId
          target: { type: 'api-token', id: actor.tokenId ?? '' },
          detail: { method: request.method, path: request.routeOptions.url },
        });
      request.actor = actor;
    };

  // CSRF after the body is parsed (the token may be a form field). Bearer requests carry no ambient
  // credentials, so they need none.
  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE.has(request.method) || request.headers.authorization !== undefined) return done();
    const config = request.routeOptions.config;
    // Stryker disable next-line OptionalChaining: Fastify gives every request a config, the 404's too
    if (config?.ownCredential && !config.permission) return done();
    // Refuses with reply.send(403 error), which ends the request here.
    app.csrfProtection(request, reply, done);
  });
}

/** What CSRF tokens are bound to: the hash of the request's session id, or "anonymous" without one. */
export function csrfBinding(request: FastifyRequest): string {
  const sid = request.cookies?.[SESSION_COOKIE];
  return sid ? hashSecret(sid) : 'anonymous';
}

/** One HMAC key for CSRF tokens shared by every instance on the store, made at first start. */
const csrfKey = (store: Store) => storeSecret(store, 'csrf-hmac-key');

/** A random secret kept in the store under `key`, made at first use; the same for every instance. */
export async function storeSecret(store: Store, key: string): Promise<string> {
  const meta = store.repositories.storeMeta;
  const existing = await meta.get(key);
  // Stryker disable next-line ConditionalExpression: without it the insert does nothing and the read gives the same
  if (existing) return existing;
  await store.db
    .insertInto('store_meta')
    .values({ key, value: newSecret() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await meta.get(key)) as string;
}
