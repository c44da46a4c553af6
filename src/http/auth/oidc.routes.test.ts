/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider) started here on a local port:
 * a good sign-in end to end (provisioned by the claim mapping; an existing user matched by e-mail,
 * without our second factor), and what must fail with a clear 4xx, nothing written but the audit
 * entry: a wrong state, a callback in a browser that did not start the sign-in, a replayed code, an
 * expired ID token, a user the mapping does not admit, a disabled user.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, seedAccounts } from '../../../test/support/accounts.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { IDP_CLIENT_ID, IDP_CLIENT_SECRET, TestIdp } from '../../../test/support/oidc.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { loadSettings } from '../../config/settings.js';
import { buildApp } from '../app.js';

const BASE = 'http://etablera.example';

for (const dialect of DIALECTS) {
  describe(`sign-in through the municipality's IdP (OIDC, ${dialect})`, () => {
    let temp: TempStore;
    let idp: TestIdp;
    let app: FastifyInstance;
    /** The same deployment with its clock two hours ahead: every ID token the IdP issues has expired. */
    let lateApp: FastifyInstance;

    const settingsEnv = () => ({
      ETABLERA_RATE_LIMIT_MAX: '0',
      ETABLERA_PUBLIC_URL: BASE,
      ETABLERA_OIDC_ISSUER: idp.issuer,
      ETABLERA_OIDC_CLIENT_ID: IDP_CLIENT_ID,
      ETABLERA_OIDC_CLIENT_SECRET: IDP_CLIENT_SECRET,
      ETABLERA_OIDC_NAME: 'Kommun-ID',
      ETABLERA_OIDC_ROLES: 'groups=etablera-admin:2580:admin; groups=etablera-plan:2580:strategist',
    });

    const counts = async () => {
      const n = async (table: 'app_user' | 'user_identity' | 'membership' | 'user_session') =>
        (await temp.store.db.selectFrom(table).selectAll().execute()).length;
      return {
        users: await n('app_user'),
        identities: await n('user_identity'),
        memberships: await n('membership'),
        sessions: await n('user_session'),
      };
    };
    const lastSignIn = async () => {
      const row = await temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'sign-in')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      return {
        actor: row.actor,
        outcome: row.outcome,
        detail: JSON.parse(row.detail) as Record<string, unknown>,
      };
    };

    /** Starts the sign-in in `browser`, passes the IdP as `subject`; returns the callback path. */
    async function throughIdp(browser: Browser, subject: string, next = '/konto') {
      const start = await browser.get(`/logga-in/oidc?next=${encodeURIComponent(next)}`);
      expect(start.statusCode).toBe(303);
      const callback = await idp.authorize(String(start.headers.location), subject);
      expect(callback.origin).toBe(BASE);
      return `${callback.pathname}${callback.search}`;
    }

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await seedAccounts(temp.store);
      idp = await new TestIdp().start(`${BASE}/logga-in/oidc/svar`);
      idp.users.set('sub-kalle', {
        email: 'Kalle@Lulea.se',
        email_verified: true,
        name: 'Kalle K',
        groups: ['etablera-plan'],
      });
      idp.users.set('sub-chef', {
        email: 'admin@lulea.se',
        email_verified: true,
        groups: ['staff', 'etablera-admin'],
      });
      idp.users.set('sub-olle', { email: 'olle@lulea.se', email_verified: true, groups: ['staff'] });
      idp.users.set('sub-gone', { email: 'gone@lulea.se', email_verified: true, groups: ['etablera-plan'] });
      app = await buildApp({ store: temp.store, settings: loadSettings(settingsEnv()) });
      lateApp = await buildApp({
        store: temp.store,
        settings: loadSettings(settingsEnv()),
        oidcClockSkewS: 2 * 3600,
      });
    });
    afterAll(async () => {
      await app?.close();
      await lateApp?.close();
      await idp?.stop();
      await temp?.destroy();
    });

    it('shows "Logga in med <IdP>" on the sign-in page, a plain link that works without JavaScript', async () => {
      const page = await new Browser(app).get('/logga-in?next=/konto');
      expect(page.body).toContain('href="/logga-in/oidc?next=%2Fkonto"');
      expect(page.body).toContain('Logga in med Kommun-ID');
      const en = await new Browser(app).get('/logga-in?lang=en');
      expect(en.body).toContain('Sign in with Kommun-ID');
    });

    it('sends the browser to the IdP with PKCE (S256), state and nonce, and a sealed short-lived cookie', async () => {
      const browser = new Browser(app);
      const start = await browser.get('/logga-in/oidc');
      const url = new URL(String(start.headers.location));
      expect(url.origin).toBe(idp.issuer);
      expect(url.searchParams.get('client_id')).toBe(IDP_CLIENT_ID);
      expect(url.searchParams.get('response_type')).toBe('code');
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(url.searchParams.get('state')).toMatch(/^[\w-]{40,}$/);
      expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{40,}$/);
      expect(url.searchParams.get('redirect_uri')).toBe(`${BASE}/logga-in/oidc/svar`);
      const cookie = start.cookies.find((c) => c.name === 'etablera_oidc');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/logga-in/oidc', maxAge: 600 });
      // Sealed: neither the state nor the verifier can be read from it.
      expect(Buffer.from(cookie?.value ?? '', 'base64url').toString('latin1')).not.toContain(
        url.searchParams.get('state') as string,
      );
    });

    it('signs a new user in end to end: provisioned by the claim mapping, a new session id, audited', async () => {
      const browser = new Browser(app);
      // A session id planted before sign-in (fixation) must not survive it.
      browser.jar.etablera_session = 'planted-by-an-attacker';
      const callback = await throughIdp(browser, 'sub-kalle');
      const done = await browser.get(callback);
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe('/konto');
      const session = done.cookies.find((c) => c.name === 'etablera_session');
      expect(session?.value).toMatch(/^[\w-]{43}$/);
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      expect(browser.jar.etablera_oidc).toBe('');
      const account = await browser.get('/konto');
      expect(account.statusCode).toBe(200);
      expect(account.body).toContain('kalle@lulea.se');
      const user = await temp.store.db
        .selectFrom('app_user')
        .selectAll()
        .where('email', '=', 'kalle@lulea.se')
        .executeTakeFirstOrThrow();
      expect(user).toMatchObject({ status: 'active', password_hash: null, display_name: 'Kalle K' });
      const identity = await temp.store.db
        .selectFrom('user_identity')
        .selectAll()
        .where('user_id', '=', user.id)
        .execute();
      expect(identity).toEqual([expect.objectContaining({ issuer: idp.issuer, subject: 'sub-kalle' })]);
      const roles = await temp.store.db
        .selectFrom('membership')
        .selectAll()
        .where('user_id', '=', user.id)
        .execute();
      expect(roles.map((r) => [r.organisation_id, r.role])).toEqual([['2580', 'strategist']]);
      const sessions = await temp.store.db
        .selectFrom('user_session')
        .selectAll()
        .where('user_id', '=', user.id)
        .execute();
      expect(sessions.map((s) => [s.method, s.stage])).toEqual([['oidc', 'full']]);
      expect(await lastSignIn()).toMatchObject({
        actor: 'kalle@lulea.se',
        outcome: 'ok',
        detail: { method: 'oidc', issuer: idp.issuer },
      });
      // A second sign-in finds the same user by issuer + subject.
      const again = new Browser(app);
      expect((await again.get(await throughIdp(again, 'sub-kalle'))).statusCode).toBe(303);
      expect((await counts()).identities).toBe(1);
    });

    it('matches an existing admin by e-mail and does not ask for our second factor', async () => {
      const browser = new Browser(app);
      const done = await browser.get(await throughIdp(browser, 'sub-chef', '/organisation/2580'));
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe('/organisation/2580');
      const admin = await browser.get('/organisation/2580');
      expect(admin.statusCode).toBe(200);
      const user = await temp.store.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'admin@lulea.se')
        .executeTakeFirstOrThrow();
      const identity = await temp.store.db
        .selectFrom('user_identity')
        .selectAll()
        .where('subject', '=', 'sub-chef')
        .execute();
      expect(identity.map((i) => i.user_id)).toEqual([user.id]);
    });

    it('refuses a wrong state: 400, no session, nothing written, an audit entry', async () => {
      const browser = new Browser(app);
      const callback = await throughIdp(browser, 'sub-kalle');
      const before = await counts();
      const forged = callback.replace(/state=[^&]+/, 'state=not-the-state-we-sent');
      const res = await browser.get(forged);
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(/Inloggningen startade inte i den här webbläsaren/);
      expect(res.cookies.find((c) => c.name === 'etablera_session')).toBeUndefined();
      expect(await counts()).toEqual(before);
      expect(await lastSignIn()).toMatchObject({
        outcome: 'failed',
        detail: { method: 'oidc', failure: 'state' },
      });
    });

    it('refuses a callback in a browser that did not start the sign-in (a link sent to someone else)', async () => {
      const callback = await throughIdp(new Browser(app), 'sub-kalle');
      const before = await counts();
      const victim = new Browser(app);
      const res = await victim.get(callback);
      expect(res.statusCode).toBe(400);
      expect(await counts()).toEqual(before);
      expect(await lastSignIn()).toMatchObject({ outcome: 'failed', detail: { failure: 'state' } });
    });

    it('refuses a replayed code: 400, nothing written, an audit entry', async () => {
      const browser = new Browser(app);
      const callback = await throughIdp(browser, 'sub-kalle');
      const pending = browser.jar.etablera_oidc as string;
      expect((await browser.get(callback)).statusCode).toBe(303);
      const before = await counts();
      // The same answer again, with the same pending cookie (captured by an attacker).
      const replay = new Browser(app);
      replay.jar.etablera_oidc = pending;
      const res = await replay.get(callback);
      expect(res.statusCode).toBe(400);
      expect(res.cookies.find((c) => c.name === 'etablera_session')).toBeUndefined();
      expect(await counts()).toEqual(before);
      const audit = await lastSignIn();
      expect(audit).toMatchObject({ outcome: 'failed', detail: { failure: 'token' } });
      expect(String(audit.detail.reason)).toMatch(/invalid_grant/);
    });

    it('refuses an expired ID token: 400, nothing written, an audit entry', async () => {
      const browser = new Browser(lateApp);
      const start = await browser.get('/logga-in/oidc');
      const callback = await idp.authorize(String(start.headers.location), 'sub-kalle');
      const before = await counts();
      const res = await browser.get(`${callback.pathname}${callback.search}`);
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(/kunde inte godtas/);
      expect(await counts()).toEqual(before);
      const audit = await lastSignIn();
      expect(audit).toMatchObject({ outcome: 'failed', detail: { failure: 'token' } });
      expect(String(audit.detail.reason)).toMatch(/"exp"/);
    });

    it('refuses a user the mapping does not admit: 403, no account made, an audit entry', async () => {
      const browser = new Browser(app);
      const before = await counts();
      const res = await browser.get(await throughIdp(browser, 'sub-olle'));
      expect(res.statusCode).toBe(403);
      expect(res.body).toMatch(/ger ingen behörighet i Etablera/);
      expect(res.cookies.find((c) => c.name === 'etablera_session')).toBeUndefined();
      expect(await counts()).toEqual(before);
      expect(await lastSignIn()).toMatchObject({
        actor: 'olle@lulea.se',
        outcome: 'refused',
        detail: { failure: 'not-admitted' },
      });
    });

    it('refuses a disabled user even when the IdP vouches for them', async () => {
      const browser = new Browser(app);
      const before = await counts();
      const res = await browser.get(await throughIdp(browser, 'sub-gone'));
      expect(res.statusCode).toBe(403);
      expect(await counts()).toEqual(before);
      expect(await lastSignIn()).toMatchObject({
        outcome: 'refused',
        detail: { reason: 'the account is disabled' },
      });
    });
  });
}
