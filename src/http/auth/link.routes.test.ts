/**
 * Invitations and password resets by e-mail, through the pages and a real SMTP server started here:
 * the link arrives, works once, expires; a reset request answers the same for an unknown address and
 * sends nothing; throttling; CSRF; audit entries; and what the pages say when e-mail is off.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Browser, PASSWORD, seedAccounts } from '../../../test/support/accounts.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { TestSmtpServer, TRUST_TEST_CERT } from '../../../test/support/smtp.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { RESET_LIMITS } from '../../accounts/account-mail.service.js';
import { loadSettings } from '../../config/settings.js';
import { Mailer } from '../../mail/mailer.js';
import { buildApp } from '../app.js';

const NEW_PASSWORD = 'copper kettle on a windy pier';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const linkIn = (text: string | undefined, path: string) =>
  new RegExp(`https://etablera\\.example(${path}/[\\w-]{43})`).exec(text ?? '')?.[1] ?? '';

for (const dialect of DIALECTS) {
  describe(`invitation and reset by e-mail (${dialect})`, () => {
    let temp: TempStore;
    let smtp: TestSmtpServer;
    let app: FastifyInstance;
    let offApp: FastifyInstance;
    const env = () => ({
      ...smtp.env(),
      ETABLERA_RATE_LIMIT_MAX: '0',
      ETABLERA_PUBLIC_URL: 'https://etablera.example',
    });
    const audit = async (action: string) =>
      (await temp.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute()).map(
        (r) => ({ actor: r.actor, outcome: r.outcome, detail: JSON.parse(r.detail) as unknown }),
      );

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      smtp = await new TestSmtpServer().start();
      await seedAccounts(temp.store);
      const settings = loadSettings(env());
      const mailer = new Mailer({ store: temp.store, settings, log: quiet, transportExtra: TRUST_TEST_CERT });
      app = await buildApp({ store: temp.store, settings, mailer });
      offApp = await buildApp({
        store: temp.store,
        settings: loadSettings({
          ETABLERA_RATE_LIMIT_MAX: '0',
          ETABLERA_PUBLIC_URL: 'https://etablera.example',
        }),
      });
    });
    beforeEach(() => {
      smtp.messages.length = 0;
    });
    afterAll(async () => {
      await app?.close();
      await offApp?.close();
      await smtp?.stop();
      await temp?.destroy();
    });

    it('e-mails an invitation whose link sets a password once, and is audited', async () => {
      const admin = new Browser(app, temp.store);
      await admin.signIn('admin@lulea.se');
      await admin.get('/organisation/2580');
      const res = await admin.post('/organisation/2580/medlemmar', {
        email: 'Ny.Person@lulea.se',
        role: 'reporter',
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('En inbjudan har skickats med e-post till ny.person@lulea.se');
      // The link goes to the person only, not onto the admin's page.
      expect(res.body).not.toMatch(/\/konto\/inbjudan\/[\w-]{43}/);
      const [mail] = await smtp.waitFor(1);
      expect(mail?.to).toEqual(['ny.person@lulea.se']);
      expect(mail?.subject).toBe('Inbjudan till Etablera (Luleå kommun)');
      const path = linkIn(mail?.text, '/konto/inbjudan');
      expect(path).not.toBe('');
      expect(mail?.html).toContain(`href="https://etablera.example${path}"`);

      const person = new Browser(app);
      const form = await person.get(path);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('Aktivera ditt konto');
      expect(form.body).toContain('value="ny.person@lulea.se"');
      // Without the form's CSRF token: refused, nothing changes.
      expect((await person.post(path, { password: NEW_PASSWORD }, { csrf: false })).statusCode).toBe(403);
      // A password the rules refuse: the form again, with the reason; the link still works.
      const weak = await person.post(path, { password: 'short' });
      expect(weak.statusCode).toBe(422);
      expect(weak.body).toContain('at least 12 characters');
      const done = await person.post(path, { password: NEW_PASSWORD });
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('Lösenordet är sparat');
      // Once only.
      expect((await person.get(path)).statusCode).toBe(404);
      expect((await person.post(path, { password: `${NEW_PASSWORD} again` })).statusCode).toBe(404);
      const signedIn = await new Browser(app).signIn('ny.person@lulea.se', NEW_PASSWORD);
      expect(signedIn.statusCode).toBe(303);
      expect(await audit('link.invitation.use')).toEqual([
        { actor: 'ny.person@lulea.se', outcome: 'ok', detail: {} },
      ]);
    });

    it('refuses an expired invitation link', async () => {
      const admin = new Browser(app, temp.store);
      await admin.signIn('admin@lulea.se');
      await admin.get('/organisation/2580');
      await admin.post('/organisation/2580/medlemmar', { email: 'late@lulea.se', role: 'reader' });
      const [mail] = await smtp.waitFor(1);
      const path = linkIn(mail?.text, '/konto/inbjudan');
      await temp.store.db
        .updateTable('account_link')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('purpose', '=', 'invitation')
        .where('used_at', 'is', null)
        .execute();
      const res = await new Browser(app).get(path);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('Länken fungerar inte');
    });

    it('resets a password by e-mail: the link works once and ends the old sessions', async () => {
      const old = new Browser(app, temp.store);
      await old.signIn('strateg@lulea.se');
      expect((await old.get('/konto')).statusCode).toBe(200);

      const person = new Browser(app);
      expect((await person.get('/konto/aterstall')).body).toContain('Skicka länk');
      const res = await person.post('/konto/aterstall', { email: 'STRATEG@lulea.se' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Om det finns ett konto med den adressen');
      const [mail] = await smtp.waitFor(1);
      expect(mail?.to).toEqual(['strateg@lulea.se']);
      expect(mail?.subject).toBe('Återställ ditt lösenord i Etablera');
      expect(mail?.text).toContain('gäller i 60 minuter');
      const path = linkIn(mail?.text, '/konto/aterstall');
      expect((await person.get(path)).body).toContain('Välj ett nytt lösenord för strateg@lulea.se');
      expect((await person.post(path, { password: NEW_PASSWORD })).statusCode).toBe(200);
      expect((await person.post(path, { password: `${NEW_PASSWORD} 2` })).statusCode).toBe(404);
      // The old session is gone; the new password works, the old one does not.
      expect((await old.get('/konto')).statusCode).toBe(303);
      expect((await new Browser(app).signIn('strateg@lulea.se', PASSWORD)).statusCode).toBe(401);
      expect((await new Browser(app).signIn('strateg@lulea.se', NEW_PASSWORD)).statusCode).toBe(303);
      expect((await audit('link.reset.use')).map((a) => a.actor)).toEqual(['strateg@lulea.se']);
    });

    it('answers an unknown or disabled address exactly as a known one, and sends nothing', async () => {
      const answers: string[] = [];
      for (const email of ['nobody@lulea.se', 'gone@lulea.se', 'admin@malmo.se']) {
        const b = new Browser(app);
        await b.get('/konto/aterstall');
        const res = await b.post('/konto/aterstall', { email });
        expect(res.statusCode).toBe(200);
        answers.push(res.body.replace(/name="_csrf" value="[^"]+"/, ''));
      }
      expect(new Set(answers).size).toBe(1);
      await app.accountMail.settled();
      await app.mailer.deliverDue();
      expect(smtp.messages.map((m) => m.to)).toEqual([['admin@malmo.se']]);
      const refused = (await audit('password-reset.request')).filter((a) => a.outcome === 'refused');
      expect(refused).toEqual(
        expect.arrayContaining([
          { actor: 'nobody@lulea.se', outcome: 'refused', detail: { reason: 'no such account' } },
          { actor: 'gone@lulea.se', outcome: 'refused', detail: { reason: 'account disabled' } },
        ]),
      );
    });

    it('sends at most three reset e-mails an hour to one address, and refuses a flood from one IP', async () => {
      await temp.store.db.deleteFrom('sign_in_throttle').execute();
      const b = new Browser(app);
      await b.get('/konto/aterstall');
      for (let i = 0; i < RESET_LIMITS.perAddressPerHour + 2; i++)
        expect((await b.post('/konto/aterstall', { email: 'admin@malmo.se' })).statusCode).toBe(200);
      await app.accountMail.settled();
      await app.mailer.deliverDue();
      expect(smtp.messages).toHaveLength(RESET_LIMITS.perAddressPerHour);
      for (let i = RESET_LIMITS.perAddressPerHour + 2; i < RESET_LIMITS.perIpPerHour; i++)
        await b.post('/konto/aterstall', { email: `x${i}@lulea.se` });
      const flood = await b.post('/konto/aterstall', { email: 'admin@malmo.se' });
      expect(flood.statusCode).toBe(429);
      expect(flood.body).toContain('För många förfrågningar');
      // Only the newest reset link of an address works: each new one ends the ones before.
      const links = smtp.messages.map((m) => linkIn(m.text, '/konto/aterstall'));
      const statuses = [];
      for (const link of links) statuses.push((await new Browser(app).get(link)).statusCode);
      expect(statuses.sort()).toEqual([200, 404, 404]);
      await temp.store.db.deleteFrom('sign_in_throttle').execute();
    });

    it('refuses a reset request without the CSRF token', async () => {
      const b = new Browser(app);
      await b.get('/konto/aterstall');
      expect(
        (await b.post('/konto/aterstall', { email: 'admin@malmo.se' }, { csrf: false })).statusCode,
      ).toBe(403);
      await app.accountMail.settled();
      await app.mailer.deliverDue();
      expect(smtp.messages).toHaveLength(0);
    });

    it('with e-mail off: the reset page says so, the admin page shows the reason and the invitation link', async () => {
      const b = new Browser(offApp);
      const page = await b.get('/konto/aterstall');
      expect(page.body).toContain('E-post är inte inställd på den här servern');
      expect(page.body).not.toContain('Skicka länk');
      await b.get('/logga-in'); // a form's CSRF token (the reset page has no form when e-mail is off)
      expect((await b.post('/konto/aterstall', { email: 'admin@malmo.se' })).statusCode).toBe(503);
      const admin = new Browser(offApp, temp.store);
      await admin.signIn('admin@lulea.se');
      const orgPage = await admin.get('/organisation/2580');
      expect(orgPage.body).toContain(
        'E-post är avstängd på den här servern (ingen SMTP-server är inställd: ETABLERA_SMTP_URL eller ETABLERA_SMTP_HOST)',
      );
      const res = await admin.post('/organisation/2580/medlemmar', { email: 'off@lulea.se', role: 'reader' });
      expect(res.body).toMatch(/https:\/\/etablera\.example\/konto\/inbjudan\/[\w-]{43}/);
      expect(smtp.messages).toHaveLength(0);
      expect((await offApp.inject('/api/status')).json().mail).toMatchObject({
        enabled: false,
        reason: expect.stringMatching(/ETABLERA_SMTP_HOST/),
      });
      expect((await app.inject('/api/status')).json().mail).toEqual({
        enabled: true,
        reason: null,
        pending: 0,
        failed: 0,
      });
    });
  });
}
