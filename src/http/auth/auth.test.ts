/**
 * Signing in, sessions, CSRF, throttling, API tokens and the audit API over HTTP, with the attacks of
 * issue 13: each gets a clear 4xx, writes nothing, and leaves an audit entry where it matters.
 */
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  Browser,
  cookieHeader,
  PASSWORD,
  seedAccounts,
  TOTP_SECRET,
} from '../../../test/support/accounts.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { TokenService } from '../../accounts/token.service.js';
import { loadSettings } from '../../config/settings.js';
import { openStore, type Store } from '../../store/database.js';
import { buildApp } from '../app.js';

const ADMIN_TOKEN = 'operator-token-for-tests-4b1d9e';

for (const dialect of DIALECTS) {
  describe(`accounts over HTTP (${dialect})`, () => {
    let temp: TempStore;
    let second: Store;
    let app: FastifyInstance;
    let other: FastifyInstance;

    const settings = loadSettings(
      { ETABLERA_RATE_LIMIT_MAX: '0', LOG_LEVEL: 'silent' },
      { adminToken: ADMIN_TOKEN },
    );
    const count = async (table: 'user_session' | 'api_token' | 'audit_log') =>
      Number(
        (
          await temp.store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const lastAudit = () =>
      temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await seedAccounts(temp.store);
      app = await buildApp({ store: temp.store, settings });
      // A second instance on the same database, with its own connections.
      second = await openStore({ databaseUrl: temp.env.DATABASE_URL, dataDir: temp.env.ETABLERA_DATA_DIR });
      other = await buildApp({ store: second, settings });
    });
    afterAll(async () => {
      await app?.close();
      await other?.close();
      await second?.close();
      await temp?.destroy();
    });
    beforeEach(async () => {
      await temp.store.db.deleteFrom('sign_in_throttle').execute();
    });

    it('signs in with a new session id, an HttpOnly SameSite=Lax cookie, and the account page answers', async () => {
      const browser = new Browser(app, temp.store);
      // A session fixation attempt: a cookie the attacker planted before the victim signs in.
      browser.jar.etablera_session = 'chosen-by-the-attacker';
      const form = await browser.get('/logga-in');
      expect(form.statusCode).toBe(200);
      expect(form.headers['cache-control']).toBe('no-store');
      const res = await browser.post('/logga-in', {
        email: 'Admin@Lulea.se',
        password: PASSWORD,
        next: '/konto',
      });
      expect(res.statusCode).toBe(303);
      // An admin's password opens only the second step.
      expect(res.headers.location).toBe('/logga-in/kod?next=%2Fkonto');
      const cookie = res.cookies.find((c) => c.name === 'etablera_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie?.value).not.toBe('chosen-by-the-attacker');
      expect(cookie?.value.length).toBeGreaterThanOrEqual(40);
      expect((await browser.get('/konto')).headers.location).toBe('/logga-in/kod?next=%2Fkonto');
      expect(
        (await app.inject({ url: '/api/audit', headers: { cookie: cookieHeader(browser.jar) } })).statusCode,
      ).toBe(401);
      await browser.get('/logga-in/kod');
      const second = await browser.post('/logga-in/kod', {
        code: await generate({ secret: TOTP_SECRET }),
        next: '/konto',
      });
      expect(second.statusCode).toBe(303);
      expect(second.headers.location).toBe('/konto');
      // The second step gives the session a new id again.
      expect(browser.jar.etablera_session).not.toBe(cookie?.value);
      const page = await browser.get('/konto');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('admin@lulea.se');
      // The attacker's cookie is worth nothing.
      const fixed = await app.inject({
        url: '/konto',
        headers: { cookie: 'etablera_session=chosen-by-the-attacker' },
      });
      expect(fixed.statusCode).toBe(401);
      expect((await lastAudit()).action).not.toBe('error');
    });

    it('sets Secure on the cookie when the request came over HTTPS through a trusted proxy', async () => {
      const proxied = await buildApp({ store: temp.store, settings: { ...settings, trustProxy: true } });
      try {
        const browser = new Browser(proxied, temp.store);
        await browser.get('/logga-in');
        const res = await proxied.inject({
          method: 'POST',
          url: '/logga-in',
          headers: {
            cookie: cookieHeader(browser.jar),
            'content-type': 'application/x-www-form-urlencoded',
            'x-forwarded-proto': 'https',
          },
          payload: new URLSearchParams({
            _csrf: browser.csrf,
            email: 'admin@lulea.se',
            password: PASSWORD,
          }).toString(),
        });
        expect(res.statusCode).toBe(303);
        expect(res.cookies.find((c) => c.name === 'etablera_session')?.secure).toBe(true);
      } finally {
        await proxied.close();
      }
    });

    it('answers a wrong password, an unknown e-mail and a disabled user alike, writes no session, audits each', async () => {
      const sessions = await count('user_session');
      const bodies: string[] = [];
      for (const [email, password] of [
        ['admin@lulea.se', 'not the right password'],
        ['nobody@lulea.se', PASSWORD],
        ['gone@lulea.se', PASSWORD],
      ] as const) {
        const browser = new Browser(app, temp.store);
        const res = await browser.signIn(email, password);
        expect(res.statusCode, email).toBe(401);
        expect(res.cookies.find((c) => c.name === 'etablera_session')).toBeUndefined();
        bodies.push(/<p class="error" role="alert">([^<]+)/.exec(res.body)?.[1] ?? '');
        expect(await lastAudit()).toMatchObject({ action: 'sign-in', outcome: 'failed', actor: email });
      }
      expect(new Set(bodies).size).toBe(1);
      expect(bodies[0]).toMatch(/stämmer inte/);
      expect(await count('user_session')).toBe(sessions);
    });

    it('refuses a sign-in with a missing or forged CSRF token, or one from another browser', async () => {
      const sessions = await count('user_session');
      const browser = new Browser(app, temp.store);
      await browser.get('/logga-in');
      const missing = await browser.post(
        '/logga-in',
        { email: 'admin@lulea.se', password: PASSWORD },
        { csrf: false },
      );
      expect(missing.statusCode).toBe(403);
      const forged = await browser.post(
        '/logga-in',
        { _csrf: 'forged', email: 'admin@lulea.se', password: PASSWORD },
        { csrf: false },
      );
      expect(forged.statusCode).toBe(403);
      const elsewhere = new Browser(app, temp.store);
      await elsewhere.get('/logga-in');
      const stolen = await browser.post(
        '/logga-in',
        { _csrf: elsewhere.csrf, email: 'admin@lulea.se', password: PASSWORD },
        { csrf: false },
      );
      expect(stolen.statusCode).toBe(403);
      expect(await count('user_session')).toBe(sessions);
    });

    it('refuses a cookie-authenticated write without the session-bound CSRF token', async () => {
      const browser = new Browser(app, temp.store);
      await browser.signIn('admin@lulea.se');
      const before = await browser.get('/logga-in');
      expect(before.statusCode).toBe(200);
      const tokens = await count('api_token');
      const anonymousToken = new Browser(app, temp.store);
      await anonymousToken.get('/logga-in');
      const res = await browser.post(
        '/konto/nycklar',
        { _csrf: anonymousToken.csrf, name: 'x' },
        { csrf: false },
      );
      expect(res.statusCode).toBe(403);
      const none = await browser.post('/konto/nycklar', { name: 'x' }, { csrf: false });
      expect(none.statusCode).toBe(403);
      expect(await count('api_token')).toBe(tokens);
      await browser.get('/konto');
      const ok = await browser.post('/konto/nycklar', { name: 'my script', expires: '30d' });
      expect(ok.statusCode).toBe(201);
      expect(ok.body).toMatch(/<code>etb_[\w-]{40,}<\/code>/);
      expect(await count('api_token')).toBe(tokens + 1);
    });

    it("refuses another user's token (404, still live) and ignores crafted fields in the token form", async () => {
      const tokens = new TokenService(temp.store.repositories);
      const theirs = await tokens.create(null, { email: 'admin@malmo.se', lifetimeMs: 86_400_000 });
      const browser = new Browser(app, temp.store);
      await browser.signIn('strateg@lulea.se');
      await browser.get('/konto');
      const before = await count('audit_log');
      // IDOR: revoking a token id of another user (another organisation's admin).
      const idor = await browser.post(`/konto/nycklar/${theirs.info.id}/aterkalla`, {});
      expect(idor.statusCode).toBe(404);
      const live = await app.inject({
        url: '/api/audit?organisation=1280',
        headers: { authorization: `Bearer ${theirs.token}` },
      });
      expect(live.statusCode).toBe(200);
      expect(
        await temp.store.db
          .selectFrom('api_token')
          .select('revoked_at')
          .where('id', '=', theirs.info.id)
          .executeTakeFirst(),
      ).toEqual({ revoked_at: null });
      expect(await count('audit_log')).toBe(before + 1); // only the admin token's own use above
      // Escalation: fields naming another user, a role or an organisation are ignored.
      await browser.get('/konto');
      const crafted = await browser.post('/konto/nycklar', {
        name: 'crafted',
        email: 'admin@malmo.se',
        user_id: 'someone-else',
        role: 'admin',
        organisation: '1280',
      });
      expect(crafted.statusCode).toBe(201);
      const token = /<code>(etb_[\w-]{40,})<\/code>/.exec(crafted.body)?.[1] as string;
      const row = await temp.store.db
        .selectFrom('api_token')
        .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
        .select('app_user.email')
        .where('api_token.name', '=', 'crafted')
        .executeTakeFirstOrThrow();
      expect(row.email).toBe('strateg@lulea.se');
      // The strategist's token carries the strategist's roles only: no audit log, no other organisation.
      for (const url of ['/api/audit?organisation=2580', '/api/audit?organisation=1280'])
        expect((await app.inject({ url, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
          403,
        );
    });

    it('throttles an account after 10 failures with the same answer for known and unknown e-mails', async () => {
      for (const email of ['strateg@lulea.se', 'nobody-at-all@lulea.se']) {
        const browser = new Browser(app, temp.store);
        for (let i = 0; i < 10; i++)
          expect((await browser.signIn(email, `wrong password ${i}!`)).statusCode).toBe(401);
        // Now even the right password is refused, with a time to wait and no hint whether the account exists.
        const res = await browser.signIn(email, PASSWORD);
        expect(res.statusCode, email).toBe(429);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(800);
        expect(res.body).toMatch(/För många misslyckade inloggningar\. Försök igen om 15 minuter/);
        expect(await lastAudit()).toMatchObject({ action: 'sign-in', outcome: 'refused', actor: email });
      }
      // Another account from the same IP is not locked by these 20 failures.
      expect((await new Browser(app, temp.store).signIn('admin@malmo.se')).statusCode).toBe(303);
    });

    it('ends every session of a user on all instances with "sign out everywhere"', async () => {
      const a = new Browser(app, temp.store);
      const b = new Browser(app, temp.store);
      await a.signIn('admin@malmo.se');
      await b.signIn('admin@malmo.se');
      const onOther = await other.inject({ url: '/konto', headers: { cookie: cookieHeader(b.jar) } });
      expect(onOther.statusCode).toBe(200);
      await a.get('/konto');
      const out = await a.post('/konto/logga-ut-overallt', {});
      expect(out.statusCode).toBe(303);
      const after = await other.inject({ url: '/api/audit', headers: { cookie: cookieHeader(b.jar) } });
      expect(after.statusCode).toBe(401);
    });

    it('ends a session after the idle timeout and after the absolute timeout', async () => {
      for (const column of ['last_seen_at', 'expires_at'] as const) {
        const browser = new Browser(app, temp.store);
        await browser.signIn('admin@lulea.se');
        expect((await browser.get('/konto')).statusCode).toBe(200);
        const past = new Date(Date.now() - (column === 'last_seen_at' ? 31 * 60_000 : 1000)).toISOString();
        await temp.store.db
          .updateTable('user_session')
          .set({ [column]: past })
          .execute();
        const res = await app.inject({ url: '/api/audit', headers: { cookie: cookieHeader(browser.jar) } });
        expect(res.statusCode, column).toBe(401);
      }
    });

    it("serves GET /api/audit to an organisation's admin; another organisation's log is a 404", async () => {
      const browser = new Browser(app, temp.store);
      await browser.signIn('admin@lulea.se');
      const own = await app.inject({ url: '/api/audit', headers: { cookie: cookieHeader(browser.jar) } });
      expect(own.statusCode).toBe(200);
      const body = own.json();
      expect(body.organisation).toBe('2580');
      expect(body.entries.length).toBeGreaterThan(0);
      expect(
        body.entries.every(
          (e: { organisation: string | null }) => e.organisation === '2580' || e.organisation === null,
        ),
      ).toBe(true);
      // Its members' sign-ins are there; Malmö's admin's are not.
      expect(body.entries.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['role.set', 'sign-in']),
      );
      expect(body.entries.map((e: { actor: string }) => e.actor)).not.toContain('admin@malmo.se');
      const otherOrg = await app.inject({
        url: '/api/audit?organisation=1280',
        headers: { cookie: cookieHeader(browser.jar) },
      });
      expect(otherOrg.statusCode).toBe(404);
      const strategist = new Browser(app, temp.store);
      await strategist.signIn('strateg@lulea.se');
      const refused = await app.inject({
        url: '/api/audit',
        headers: { cookie: cookieHeader(strategist.jar) },
      });
      expect(refused.statusCode).toBe(403);
      expect(await lastAudit()).toMatchObject({
        action: 'access',
        outcome: 'refused',
        actor: 'strateg@lulea.se',
      });
      expect((await app.inject({ url: '/api/audit' })).statusCode).toBe(401);
      const bad = await app.inject({
        url: '/api/audit?limit=0',
        headers: { cookie: cookieHeader(browser.jar) },
      });
      expect(bad.statusCode).toBe(400);
      // Etablera's one error shape: the sentence in `error`.
      expect(bad.json()).toMatchObject({ statusCode: 400, error: expect.stringMatching(/limit/) });
    });

    it('takes API tokens as Bearer; revoked, expired and unknown ones get a 401 and an audit entry', async () => {
      const tokens = new TokenService(temp.store.repositories);
      const live = await tokens.create(null, { email: 'admin@lulea.se', lifetimeMs: 86_400_000 });
      const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
      const ok = await app.inject({ url: '/api/audit', headers: bearer(live.token) });
      expect(ok.statusCode).toBe(200);
      expect(await lastAudit()).toMatchObject({
        action: 'token.use',
        outcome: 'ok',
        target_id: live.info.id,
      });
      const user = await temp.store.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'admin@lulea.se')
        .executeTakeFirstOrThrow();
      await tokens.revoke(null, user.id, live.info.id);
      const expired = await tokens.create(null, { email: 'admin@lulea.se', lifetimeMs: 86_400_000 });
      await temp.store.db
        .updateTable('api_token')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', expired.info.id)
        .execute();
      for (const [token, reason] of [
        [live.token, 'revoked'],
        [expired.token, 'expired'],
        ['etb_not-a-token-at-all', 'unknown'],
      ] as const) {
        const res = await app.inject({ url: '/api/audit', headers: bearer(token) });
        expect(res.statusCode, reason).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
        const entry = await lastAudit();
        expect(entry).toMatchObject({ action: 'token.use', outcome: 'refused' });
        expect(JSON.parse(entry.detail).reason).toBe(reason);
      }
      // A token of a disabled user stops at once.
      const gone = await tokens.create(null, { email: 'strateg@lulea.se', lifetimeMs: null });
      await temp.store.db
        .updateTable('app_user')
        .set({ status: 'disabled' })
        .where('email', '=', 'strateg@lulea.se')
        .execute();
      expect((await app.inject({ url: '/api/admin/sync', headers: bearer(gone.token) })).statusCode).toBe(
        401,
      );
      await temp.store.db
        .updateTable('app_user')
        .set({ status: 'active' })
        .where('email', '=', 'strateg@lulea.se')
        .execute();
    });

    it("lets the operator's token and an organisation admin, not a strategist, use /api/admin/*", async () => {
      const tokens = new TokenService(temp.store.repositories);
      const admin = await tokens.create(null, { email: 'admin@malmo.se', lifetimeMs: null });
      const strategist = await tokens.create(null, { email: 'strateg@lulea.se', lifetimeMs: null });
      const get = (token: string) =>
        app.inject({ url: '/api/admin/sync', headers: { authorization: `Bearer ${token}` } });
      expect((await get(ADMIN_TOKEN)).statusCode).toBe(200);
      expect((await get(admin.token)).statusCode).toBe(200);
      expect((await get(strategist.token)).statusCode).toBe(403);
      // The operator's token reads no organisation's data.
      expect(
        (await app.inject({ url: '/api/audit', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }))
          .statusCode,
      ).toBe(403);
    });

    it('signs out: the cookie is cleared and the session row removed', async () => {
      const browser = new Browser(app, temp.store);
      await browser.signIn('admin@lulea.se');
      const sid = browser.jar.etablera_session as string;
      await browser.get('/konto');
      const out = await browser.post('/logga-ut', {});
      expect(out.statusCode).toBe(303);
      expect(browser.jar.etablera_session).toBe('');
      expect(
        (await app.inject({ url: '/konto', headers: { cookie: `etablera_session=${sid}` } })).statusCode,
      ).toBe(401);
    });

    it('keeps the audit log append-only: the database refuses UPDATE and DELETE', async () => {
      const entries = await count('audit_log');
      await expect(
        temp.store.db.updateTable('audit_log').set({ actor: 'someone else' }).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(temp.store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      expect(await count('audit_log')).toBe(entries);
    });
  });
}
