/**
 * The second factor over HTTP: an admin without one must set it up before anything else; a code works
 * once; recovery codes work once; wrong codes are throttled; every step is audited.
 */
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, cookieHeader, PASSWORD } from '../../test/support/accounts.js';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { loadSettings } from '../config/settings.js';
import { buildApp } from '../http/app.js';
import { AccountService } from './account.service.js';

for (const dialect of DIALECTS) {
  describe(`second factor (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const accounts = new AccountService(temp.store.repositories);
      await accounts.addOrganisation(null, { id: '0180', name: 'Stockholms stad' });
      await accounts.addUser(null, {
        email: 'hl@stockholm.se',
        organisationId: '0180',
        role: 'caseworker',
        password: PASSWORD,
      });
      await accounts.addUser(null, {
        email: 'las@stockholm.se',
        organisationId: '0180',
        role: 'reader',
        password: PASSWORD,
      });
      app = await buildApp({ store: temp.store, settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0' }) });
    });
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });
    const user = () =>
      temp.store.db
        .selectFrom('app_user')
        .selectAll()
        .where('email', '=', 'hl@stockholm.se')
        .executeTakeFirstOrThrow();
    const actions = async () =>
      (await temp.store.db.selectFrom('audit_log').select(['action', 'outcome']).orderBy('id').execute()).map(
        (r) => `${r.action}:${r.outcome}`,
      );

    it('lets a reader in with the password alone', async () => {
      const res = await new Browser(app).signIn('las@stockholm.se');
      expect(res.headers.location).toBe('/konto');
    });

    it('makes a case worker set up TOTP first: nothing else opens until then, then recovery codes once', async () => {
      const browser = new Browser(app);
      const res = await browser.signIn('hl@stockholm.se');
      expect(res.headers.location).toBe('/konto/tvafaktor');
      expect((await browser.get('/konto')).headers.location).toBe('/konto/tvafaktor');
      const api = await app.inject({ url: '/api/audit', headers: { cookie: cookieHeader(browser.jar) } });
      expect(api.statusCode).toBe(401);
      expect(api.json().error).toMatch(/second factor/);
      const page = await browser.get('/konto/tvafaktor');
      expect(page.statusCode).toBe(200);
      const secret = /name="secret" value="([A-Z2-7]+)"/.exec(page.body)?.[1] as string;
      expect(page.body).toContain('otpauth://totp/Etablera:hl%40stockholm.se?secret=');
      const wrong = await browser.post('/konto/tvafaktor', { secret, code: '000000' });
      expect(wrong.statusCode).toBe(400);
      expect((await user()).totp_enabled_at).toBeNull();
      const before = browser.jar.etablera_session;
      const done = await browser.post('/konto/tvafaktor', { secret, code: await generate({ secret }) });
      expect(done.statusCode).toBe(201);
      const codes = [...done.body.matchAll(/<code>([a-z0-9]{4}-[a-z0-9]{4})<\/code>/g)].map(
        (m) => m[1] as string,
      );
      expect(codes).toHaveLength(10);
      expect(browser.jar.etablera_session).not.toBe(before);
      expect((await browser.get('/konto')).statusCode).toBe(200);
      const stored = await temp.store.db.selectFrom('recovery_code').select('code_hash').execute();
      expect(stored.map((r) => r.code_hash)).not.toContain(codes[0]);
      expect(await actions()).toContain('second-factor.enable:ok');

      // Next sign-in: the password opens the second step only.
      const next = new Browser(app);
      expect((await next.signIn('hl@stockholm.se')).headers.location).toBe('/logga-in/kod?next=%2Fkonto');
      // A recovery code works once.
      const recovery = new Browser(app);
      await recovery.signIn('hl@stockholm.se');
      await recovery.get('/logga-in/kod');
      expect((await recovery.post('/logga-in/kod', { code: codes[0] as string })).statusCode).toBe(303);
      const again = new Browser(app);
      await again.signIn('hl@stockholm.se');
      await again.get('/logga-in/kod');
      expect((await again.post('/logga-in/kod', { code: codes[0] as string })).statusCode).toBe(401);
      expect(await actions()).toEqual(
        expect.arrayContaining(['sign-in.second-factor:failed', 'sign-in.second-factor:ok']),
      );
    });

    it('refuses a TOTP code that was used already', async () => {
      const secret = (await user()).totp_secret as string;
      const first = new Browser(app);
      await first.signIn('hl@stockholm.se');
      await first.get('/logga-in/kod');
      // Fresh step state, then the same code twice.
      await temp.store.db
        .updateTable('app_user')
        .set({ totp_last_step: null })
        .where('email', '=', 'hl@stockholm.se')
        .execute();
      const code = await generate({ secret });
      expect((await first.post('/logga-in/kod', { code })).statusCode).toBe(303);
      const second = new Browser(app);
      await second.signIn('hl@stockholm.se');
      await second.get('/logga-in/kod');
      const replay = await second.post('/logga-in/kod', { code });
      expect(replay.statusCode).toBe(401);
      expect(replay.cookies.find((c) => c.name === 'etablera_session')).toBeUndefined();
    });

    it('locks the second step after 5 wrong codes, even for the right one', async () => {
      await temp.store.db.deleteFrom('sign_in_throttle').execute();
      const browser = new Browser(app);
      await browser.signIn('hl@stockholm.se');
      await browser.get('/logga-in/kod');
      for (let i = 0; i < 5; i++)
        expect((await browser.post('/logga-in/kod', { code: `00000${i}` })).statusCode).toBe(401);
      await temp.store.db
        .updateTable('app_user')
        .set({ totp_last_step: null })
        .where('email', '=', 'hl@stockholm.se')
        .execute();
      const code = await generate({ secret: (await user()).totp_secret as string });
      const locked = await browser.post('/logga-in/kod', { code });
      expect(locked.statusCode).toBe(429);
      expect(locked.body).toMatch(/För många felaktiga koder/);
    });
  });
}
