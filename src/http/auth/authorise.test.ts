/**
 * The authorisation seam (auth.ts) on a bare Fastify app with a few routes, over a store set up on
 * the repositories (no password hashing, no full app): who the actor is for each credential, each
 * refusal's status, message and header, the redirects of a browser, the audit rows written, and the
 * CSRF rule for writes. Cheap per test, so that each mutant of auth.ts runs in seconds (TESTING.md).
 */
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addOrganisationRow,
  addSessionRow,
  addTokenRow,
  addUserRow,
} from '../../../test/support/account-rows.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { AuditLog } from '../../accounts/audit-log.js';
import { hashSecret } from '../../accounts/secrets.js';
import { SignInService } from '../../accounts/sign-in.service.js';
import { loadSettings } from '../../config/settings.js';
import { csrfBinding, registerAuth, SESSION_COOKIE, sessionCookieOptions, storeSecret } from './auth.js';

const ADMIN_TOKEN = 'operator-token-for-seam-tests-7c2e1f';

for (const dialect of DIALECTS) {
  describe(`the authorisation seam, route by route (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    const sessions: Record<string, string> = {};
    let token = '';
    let tokenId = '';
    let readerToken = '';

    /** The audit log is append-only: each test reads the rows written after it began. */
    let since = 0;
    const audit = () =>
      temp.store.db
        .selectFrom('audit_log')
        .select(['actor', 'actor_user_id', 'action', 'outcome', 'target_type', 'target_id', 'ip', 'detail'])
        .where('id', '>', since)
        .orderBy('id')
        .execute();

    async function makeApp(settings = loadSettings({ LOG_LEVEL: 'silent' }, { adminToken: ADMIN_TOKEN })) {
      const made = Fastify({ logger: false });
      await registerAuth(made, { store: temp.store, settings });
      const actor = async (request: { actor: unknown }) => ({ actor: request.actor });
      made.get('/api/plans', { config: { permission: 'plan.read' } }, actor);
      made.post('/api/plans', { config: { permission: 'plan.edit' } }, actor);
      made.put('/api/plans', { config: { permission: 'plan.edit' } }, actor);
      made.patch('/api/plans', { config: { permission: 'plan.edit' } }, actor);
      made.delete('/api/plans', { config: { permission: 'plan.edit' } }, actor);
      made.get('/api/sync', { config: { permission: 'mirror.admin' } }, actor);
      made.get('/plan/:id', { config: { permission: 'plan.read' } }, actor);
      made.get('/konto', { config: { permission: 'signed-in' } }, actor);
      made.get('/konto/tvafaktor', { config: { permission: 'signed-in', enrolment: true } }, actor);
      made.get('/open', actor);
      made.post('/open', actor);
      made.post('/vote', { config: { ownCredential: true } }, actor);
      made.post('/own-but-guarded', { config: { ownCredential: true, permission: 'plan.read' } }, actor);
      made.get('/form', async (request, reply) => ({
        csrf: reply.generateCsrf({ userInfo: csrfBinding(request) }),
      }));
      return made;
    }

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await addOrganisationRow(temp.store, '2580');
      await addOrganisationRow(temp.store, '1280');
      await addUserRow(temp.store, 'strateg@lulea.se', [['2580', 'strategist']]);
      await addUserRow(temp.store, 'reader@malmo.se', [['1280', 'reader']]);
      await addUserRow(temp.store, 'nobody@lulea.se');
      await addUserRow(temp.store, 'admin@lulea.se', [['2580', 'admin']]);
      sessions.strategist = await addSessionRow(temp.store, 'strateg');
      sessions.reader = await addSessionRow(temp.store, 'reader');
      sessions.nobody = await addSessionRow(temp.store, 'nobody');
      sessions.secondFactor = await addSessionRow(temp.store, 'admin', { stage: 'second-factor' });
      sessions.enrol = await addSessionRow(temp.store, 'admin', { stage: 'enrol' });
      ({ token, id: tokenId } = await addTokenRow(temp.store, 'strateg', { id: 'tok-strateg' }));
      ({ token: readerToken } = await addTokenRow(temp.store, 'reader', { id: 'tok-reader' }));
      app = await makeApp();
    });
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });
    beforeEach(async () => {
      const last = await temp.store.db
        .selectFrom('audit_log')
        .select('id')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      since = Number(last?.id ?? 0);
    });

    const get = (url: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url, headers: { accept: 'application/json', ...headers } });
    // The cookie's name written out: renaming it signs every browser out.
    const cookie = (sid: string | undefined) => ({ cookie: `etablera_session=${sid}` });
    const refusal = (res: LightMyRequestResponse) => ({
      status: res.statusCode,
      message: res.json().message as string,
      challenge: res.headers['www-authenticate'],
    });
    const SIGN_IN_FIRST = 'Sign in first: a session cookie or "Authorization: Bearer <API token>"';
    const NOT_VALID = 'The token is not valid (unknown, revoked or expired)';
    const BEARER_FORM = 'Send the token as "Authorization: Bearer <token>"';
    const CHALLENGE = 'Bearer realm="etablera"';

    it('gives a route the actor of a session cookie, writing no audit row for it', async () => {
      const res = await get('/api/plans', cookie(sessions.strategist));
      expect(res.statusCode).toBe(200);
      expect(res.json().actor).toEqual({
        userId: 'strateg',
        label: 'strateg@lulea.se',
        via: 'session',
        memberships: [{ organisationId: '2580', role: 'strategist' }],
        global: [],
        stage: 'full',
        sessionHash: hashSecret(sessions.strategist as string),
      });
      expect(await audit()).toEqual([]);
    });

    it('refuses a request without credentials with 401, the challenge and no audit row', async () => {
      expect(refusal(await get('/api/plans'))).toEqual({
        status: 401,
        message: SIGN_IN_FIRST,
        challenge: CHALLENGE,
      });
      expect(refusal(await get('/api/plans', cookie('not-a-session')))).toEqual({
        status: 401,
        message: SIGN_IN_FIRST,
        challenge: CHALLENGE,
      });
      expect(refusal(await get('/api/plans', { cookie: `${SESSION_COOKIE}=` }))).toMatchObject({
        status: 401,
      });
      expect(await audit()).toEqual([]);
    });

    it('sends a browser without a session to the sign-in page, and back to where it was going', async () => {
      const html = { accept: 'text/html,application/xhtml+xml' };
      const res = await get('/plan/7?tab=a', html);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/logga-in?next=%2Fplan%2F7%3Ftab%3Da');
      // A session still owing its second factor is sent to the code step.
      const owing = await get('/plan/7', { ...html, ...cookie(sessions.secondFactor) });
      expect(owing.statusCode).toBe(303);
      expect(owing.headers.location).toBe('/logga-in/kod?next=%2Fplan%2F7');
      // JSON callers, /api/ paths and writes get the 401 instead of a redirect.
      expect(refusal(await get('/plan/7'))).toEqual({
        status: 401,
        message: SIGN_IN_FIRST,
        challenge: CHALLENGE,
      });
      expect(refusal(await get('/plan/7', { accept: '' }))).toMatchObject({ status: 401 });
      expect(refusal(await get('/api/plans', html))).toMatchObject({ status: 401, message: SIGN_IN_FIRST });
      expect(refusal(await get('/api/plans', { ...html, ...cookie(sessions.secondFactor) }))).toEqual({
        status: 401,
        message: SIGN_IN_FIRST,
        challenge: CHALLENGE,
      });
      const post = await app.inject({
        method: 'POST',
        url: '/own-but-guarded',
        headers: { ...html, authorization: 'Bearer etb_unknown' },
      });
      expect(post.statusCode).toBe(401);
      // A browser's form post without a session: the 401, not a redirect (the post would be lost).
      const form = await app.inject({ method: 'POST', url: '/own-but-guarded', headers: html });
      expect(refusal(form)).toEqual({ status: 401, message: SIGN_IN_FIRST, challenge: CHALLENGE });
      const enrolPost = await app.inject({
        method: 'POST',
        url: '/own-but-guarded',
        headers: { ...html, ...cookie(sessions.enrol) },
      });
      expect(enrolPost.statusCode).toBe(401);
    });

    it('passes a failure of the session lookup on as it is, without a challenge', async () => {
      const made = await makeApp();
      try {
        made.signIn.sessionActor = async () => {
          throw new Error('the database is gone');
        };
        const res = await made.inject({ url: '/api/plans', headers: cookie(sessions.strategist) });
        expect(res.statusCode).toBe(500);
        expect(res.headers['www-authenticate']).toBeUndefined();
      } finally {
        await made.close();
      }
    });

    it('refuses a write to an unknown path without the form token like any other', async () => {
      const res = await app.inject({ method: 'POST', url: '/nowhere', headers: cookie(sessions.strategist) });
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toBe('Missing csrf secret');
    });

    it('opens only the enrolment page to a user who has yet to set up the second factor', async () => {
      const html = { accept: 'text/html' };
      const page = await get('/konto', { ...html, ...cookie(sessions.enrol) });
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toBe('/konto/tvafaktor');
      expect(refusal(await get('/konto', cookie(sessions.enrol)))).toEqual({
        status: 401,
        message: 'Set up the second factor your role requires first, at /konto/tvafaktor',
        challenge: undefined,
      });
      const enrolment = await get('/konto/tvafaktor', cookie(sessions.enrol));
      expect(enrolment.statusCode).toBe(200);
      expect(enrolment.json().actor).toMatchObject({ userId: 'admin', stage: 'enrol' });
      // A session owing its code does not get the enrolment page either.
      expect(refusal(await get('/konto/tvafaktor', cookie(sessions.secondFactor)))).toMatchObject({
        status: 401,
        message: SIGN_IN_FIRST,
      });
    });

    it('lets "signed-in" routes through for a user without any role', async () => {
      const res = await get('/konto', cookie(sessions.nobody));
      expect(res.statusCode).toBe(200);
      expect(res.json().actor).toMatchObject({ userId: 'nobody', memberships: [] });
      expect(await audit()).toEqual([]);
    });

    it('refuses a permission the roles do not give with 403, naming it, and audits the refusal', async () => {
      const res = await get('/api/plans', cookie(sessions.nobody));
      expect(refusal(res)).toEqual({
        status: 403,
        message: 'This needs the permission plan.read, which your roles do not give',
        challenge: undefined,
      });
      const edit = await app.inject({
        method: 'POST',
        url: '/api/plans',
        headers: { authorization: `Bearer ${readerToken}` },
      });
      expect(refusal(edit)).toMatchObject({
        status: 403,
        message: 'This needs the permission plan.edit, which your roles do not give',
      });
      const rows = await audit();
      expect(rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) }))).toEqual([
        {
          actor: 'nobody@lulea.se',
          actor_user_id: 'nobody',
          action: 'access',
          outcome: 'refused',
          target_type: null,
          target_id: null,
          ip: '127.0.0.1',
          detail: { method: 'GET', path: '/api/plans', permission: 'plan.read' },
        },
        {
          actor: 'reader@malmo.se',
          actor_user_id: 'reader',
          action: 'access',
          outcome: 'refused',
          target_type: null,
          target_id: null,
          ip: '127.0.0.1',
          detail: { method: 'POST', path: '/api/plans', permission: 'plan.edit' },
        },
      ]);
    });

    it('takes an API token as Bearer, audits each use with the route pattern, and marks it used', async () => {
      const res = await get('/plan/42', { authorization: `Bearer ${token}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().actor).toEqual({
        userId: 'strateg',
        label: 'strateg@lulea.se',
        via: 'api-token',
        tokenId,
        memberships: [{ organisationId: '2580', role: 'strategist' }],
        global: [],
      });
      const rows = await audit();
      expect(rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) }))).toEqual([
        {
          actor: 'strateg@lulea.se',
          actor_user_id: 'strateg',
          action: 'token.use',
          outcome: 'ok',
          target_type: 'api-token',
          target_id: tokenId,
          ip: '127.0.0.1',
          detail: { method: 'GET', path: '/plan/:id' },
        },
      ]);
      const row = await temp.store.db
        .selectFrom('api_token')
        .select('last_used_at')
        .where('id', '=', tokenId)
        .executeTakeFirstOrThrow();
      expect(row.last_used_at).not.toBeNull();
    });

    it('reads the Authorization header strictly: Bearer, spaces, one token, nothing after', async () => {
      for (const header of [`Bearer ${token}`, `bearer ${token}`, `BEARER   ${token}`, `Bearer ${token}  `]) {
        const res = await get('/api/plans', { authorization: header });
        expect(res.statusCode, header).toBe(200);
      }
      for (const header of [
        `Basic ${token}`,
        'Bearer',
        'Bearer ',
        `Bearer ${token} extra`,
        `xBearer ${token}`,
        `Bearer\t${token}`,
        `Bearer${token}`,
      ]) {
        expect(refusal(await get('/api/plans', { authorization: header })), header).toEqual({
          status: 401,
          message: BEARER_FORM,
          challenge: CHALLENGE,
        });
      }
      // A malformed header is refused even beside a good session cookie.
      expect(
        refusal(await get('/api/plans', { authorization: 'Token abc', ...cookie(sessions.strategist) })),
      ).toMatchObject({ status: 401, message: BEARER_FORM });
      // Only the successful uses were audited; a malformed header is refused before any lookup.
      expect((await audit()).map((r) => r.action)).toEqual([
        'token.use',
        'token.use',
        'token.use',
        'token.use',
      ]);
    });

    it('refuses an unknown, revoked or expired token, and a token of a disabled user, with 401', async () => {
      await addUserRow(temp.store, 'gone@lulea.se', [['2580', 'strategist']], { status: 'disabled' });
      const revoked = await addTokenRow(temp.store, 'strateg', { revoked: '2026-01-02T00:00:00.000Z' });
      const expired = await addTokenRow(temp.store, 'strateg', { expires: '2026-01-02T00:00:00.000Z' });
      const disabled = await addTokenRow(temp.store, 'gone');
      for (const t of ['etb_unknown', revoked.token, expired.token, disabled.token])
        expect(refusal(await get('/api/plans', { authorization: `Bearer ${t}` })), t).toEqual({
          status: 401,
          message: NOT_VALID,
          challenge: CHALLENGE,
        });
      expect((await audit()).map((r) => [r.action, r.outcome, JSON.parse(r.detail).reason])).toEqual([
        ['token.use', 'refused', 'unknown'],
        ['token.use', 'refused', 'revoked'],
        ['token.use', 'refused', 'expired'],
        ['token.use', 'refused', 'disabled'],
      ]);
      // A token without the prefix is not looked up at all (nothing to audit: it cannot be a token).
      expect(refusal(await get('/api/plans', { authorization: 'Bearer ghp_someone-elses' }))).toEqual({
        status: 401,
        message: NOT_VALID,
        challenge: CHALLENGE,
      });
      expect(await audit()).toHaveLength(4);
    });

    it("takes the operator's token as the mirror's admin, and nothing of any organisation", async () => {
      const res = await get('/api/sync', { authorization: `Bearer ${ADMIN_TOKEN}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().actor).toEqual({
        userId: null,
        label: 'admin-token',
        via: 'admin-token',
        memberships: [],
        global: ['mirror.admin'],
      });
      expect(await audit()).toEqual([]);
      expect(refusal(await get('/api/plans', { authorization: `Bearer ${ADMIN_TOKEN}` }))).toMatchObject({
        status: 403,
        message: 'This needs the permission plan.read, which your roles do not give',
      });
      expect((await audit()).map((r) => [r.actor, r.actor_user_id, r.action, r.outcome])).toEqual([
        ['admin-token', null, 'access', 'refused'],
      ]);
      // Another value of the same length, or the token with a character more, is not the operator.
      for (const wrong of [`${ADMIN_TOKEN.slice(0, -1)}x`, `${ADMIN_TOKEN}x`])
        expect((await get('/api/sync', { authorization: `Bearer ${wrong}` })).statusCode, wrong).toBe(401);
      // Without ETABLERA_ADMIN_TOKEN no bearer value is the operator.
      const without = await makeApp(loadSettings({ LOG_LEVEL: 'silent' }));
      try {
        const res2 = await without.inject({
          url: '/api/sync',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        });
        expect(res2.statusCode).toBe(401);
      } finally {
        await without.close();
      }
    });

    it("runs a route's own onRequest hooks after the check, with the actor set", async () => {
      const made = Fastify({ logger: false });
      await registerAuth(made, { store: temp.store, settings: loadSettings({ LOG_LEVEL: 'silent' }) });
      const seen: unknown[] = [];
      made.get(
        '/hooked',
        {
          config: { permission: 'plan.read' },
          onRequest: [
            async (request) => void seen.push((request.actor as { userId: string } | null)?.userId),
          ],
        },
        async () => 'ok',
      );
      try {
        expect((await made.inject({ url: '/hooked' })).statusCode).toBe(401);
        expect(seen).toEqual([]);
        expect((await made.inject({ url: '/hooked', headers: cookie(sessions.strategist) })).statusCode).toBe(
          200,
        );
        expect(seen).toEqual(['strateg']);
      } finally {
        await made.close();
      }
    });

    it('records every route with its methods, permission and schema, and checks only guarded ones', async () => {
      const made = Fastify({ logger: false });
      await registerAuth(made, { store: temp.store, settings: loadSettings({ LOG_LEVEL: 'silent' }) });
      const schema = { querystring: { type: 'object', properties: { q: { type: 'string' } } } };
      made.route({
        method: ['GET', 'POST'],
        url: '/both',
        schema,
        handler: async (r) => ({ actor: r.actor }),
      });
      made.get('/guarded', { config: { permission: 'audit.read' } }, async () => 'ok');
      try {
        expect(made.routeAccess.filter((r) => r.url !== '/guarded')).toEqual([
          { method: 'GET', url: '/both', permission: undefined, schema },
          { method: 'POST', url: '/both', permission: undefined, schema },
          { method: 'HEAD', url: '/both', permission: undefined, schema },
        ]);
        expect(made.routeAccess.find((r) => r.url === '/guarded')).toMatchObject({
          method: 'GET',
          permission: 'audit.read',
        });
        // A public route does not look at the credentials at all: the actor stays null.
        const open = await made.inject({ url: '/both', headers: cookie(sessions.strategist) });
        expect(open.json()).toEqual({ actor: null });
        expect((await made.inject({ url: '/both', headers: { authorization: 'Basic x' } })).statusCode).toBe(
          200,
        );
      } finally {
        await made.close();
      }
    });

    describe('CSRF', () => {
      /** A form token for the session (or none), with the cookies the browser then holds. */
      async function form(sid?: string) {
        const res = await app.inject({ url: '/form', headers: sid ? cookie(sid) : {} });
        const secret = res.cookies.find((c) => c.name === 'etablera_csrf');
        expect(secret).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
        const jar = [`etablera_csrf=${secret?.value}`, ...(sid ? [`${SESSION_COOKIE}=${sid}`] : [])].join(
          '; ',
        );
        return { token: res.json().csrf as string, jar };
      }
      const write = (
        method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
        url: string,
        headers: Record<string, string>,
      ) => app.inject({ method, url, headers });

      it('refuses every kind of write with a session but without the form token', async () => {
        const { jar, token: csrf } = await form(sessions.strategist);
        for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
          const res = await write(method, '/api/plans', { cookie: jar });
          expect(res.statusCode, method).toBe(403);
          expect(res.json().message, method).toBe('Invalid csrf token');
          const good = await write(method, '/api/plans', { cookie: jar, 'x-csrf-token': csrf });
          expect(good.statusCode, method).toBe(200);
        }
        // Reads need none.
        expect((await get('/api/plans', cookie(sessions.strategist))).statusCode).toBe(200);
      });

      it('binds the token to the session: one from before sign-in or another session is refused', async () => {
        const anonymous = await form();
        const mine = await form(sessions.strategist);
        const theirs = await form(sessions.reader);
        const withSession = `${anonymous.jar}; ${SESSION_COOKIE}=${sessions.strategist}`;
        expect(
          (await write('POST', '/api/plans', { cookie: withSession, 'x-csrf-token': anonymous.token }))
            .statusCode,
        ).toBe(403);
        expect(
          (await write('POST', '/api/plans', { cookie: mine.jar, 'x-csrf-token': theirs.token })).statusCode,
        ).toBe(403);
        expect(
          (await write('POST', '/api/plans', { cookie: mine.jar, 'x-csrf-token': mine.token })).statusCode,
        ).toBe(200);
        // A public form without a session takes the anonymous token.
        expect(
          (await write('POST', '/open', { cookie: anonymous.jar, 'x-csrf-token': anonymous.token }))
            .statusCode,
        ).toBe(200);
        expect((await write('POST', '/open', { cookie: anonymous.jar })).statusCode).toBe(403);
      });

      it('needs no form token with a Bearer header, nor on a public route that takes its own credential', async () => {
        const res = await write('POST', '/api/plans', { authorization: `Bearer ${token}` });
        expect(res.statusCode).toBe(200);
        // Even a malformed header skips CSRF: the seam refuses it itself.
        expect((await write('POST', '/own-but-guarded', { authorization: 'Basic x' })).statusCode).toBe(401);
        expect(
          (await write('POST', '/vote', { cookie: cookie(sessions.strategist).cookie })).statusCode,
        ).toBe(200);
        // ownCredential does not lift the check from a guarded route.
        const { jar } = await form(sessions.strategist);
        const guarded = await write('POST', '/own-but-guarded', { cookie: jar });
        expect(guarded.statusCode).toBe(403);
        expect(guarded.json().message).toBe('Invalid csrf token');
      });

      it('keeps one CSRF key in the store for every instance', async () => {
        const { jar, token: csrf } = await form(sessions.strategist);
        const twin = await makeApp();
        try {
          const res = await twin.inject({
            method: 'POST',
            url: '/api/plans',
            headers: { cookie: jar, 'x-csrf-token': csrf },
          });
          expect(res.statusCode).toBe(200);
        } finally {
          await twin.close();
        }
      });
    });

    it('decorates the app with the sign-in service and the audit log, and keeps the CSRF key under its name', async () => {
      expect(app.signIn).toBeInstanceOf(SignInService);
      expect(app.audit).toBeInstanceOf(AuditLog);
      expect(SESSION_COOKIE).toBe('etablera_session');
      // A renamed key would give every instance a new key at the upgrade: every open form refused.
      expect(await temp.store.repositories.storeMeta.get('csrf-hmac-key')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('sets the CSRF cookie Secure when the request came over HTTPS', async () => {
      const made = Fastify({ logger: false, trustProxy: true });
      await registerAuth(made, { store: temp.store, settings: loadSettings({ LOG_LEVEL: 'silent' }) });
      made.get('/form', async (request, reply) => ({
        csrf: reply.generateCsrf({ userInfo: csrfBinding(request) }),
      }));
      try {
        const over = async (proto: string) =>
          (await made.inject({ url: '/form', headers: { 'x-forwarded-proto': proto } })).cookies.find(
            (c) => c.name === 'etablera_csrf',
          )?.secure;
        expect(await over('https')).toBe(true);
        expect(await over('http')).toBeUndefined();
      } finally {
        await made.close();
      }
    });

    it('makes a store secret once, the same for concurrent first uses', async () => {
      const [a, b] = await Promise.all([
        storeSecret(temp.store, 'seam-test'),
        storeSecret(temp.store, 'seam-test'),
      ]);
      expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(b).toBe(a);
      expect(await storeSecret(temp.store, 'seam-test')).toBe(a);
      expect(await temp.store.repositories.storeMeta.get('seam-test')).toBe(a);
      expect(await storeSecret(temp.store, 'seam-test-2')).not.toBe(a);
    });
  });
}

describe('session cookie and CSRF binding', () => {
  it('sets the session cookie HttpOnly, SameSite=Lax, Secure over HTTPS, for the session at most', () => {
    expect(sessionCookieOptions(8)).toEqual({
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: 'auto',
      maxAge: 28_800,
    });
  });

  it('binds CSRF tokens to the hash of the session id, or to "anonymous"', () => {
    const request = (cookies: Record<string, string> | undefined) => ({ cookies }) as never;
    expect(csrfBinding(request({ [SESSION_COOKIE]: 'abc' }))).toBe(hashSecret('abc'));
    expect(csrfBinding(request({}))).toBe('anonymous');
    expect(csrfBinding(request({ [SESSION_COOKIE]: '' }))).toBe('anonymous');
    expect(csrfBinding(request(undefined))).toBe('anonymous');
  });
});
