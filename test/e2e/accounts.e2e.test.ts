/**
 * The account pages in a real browser, with e-mail through a real SMTP server: sign-in (and its
 * second step), the account page, the organisation admin page, an invitation and a password reset
 * followed from the e-mail's link. axe-core (WCAG 2.1 A/AA) on every page and state; the reset also
 * without JavaScript.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import { Mailer } from '../../src/mail/mailer.js';
import { PASSWORD, seedAccounts, TOTP_SECRET } from '../support/accounts.js';
import { DIALECTS } from '../support/dialects.js';
import { TestSmtpServer, TRUST_TEST_CERT } from '../support/smtp.js';
import { createTempStore, type TempStore } from '../support/temp-store.js';
import { accessibilityCheck, launchBrowser, SWEDISH_BROWSER, screenshot } from './browser.js';

const NEW_PASSWORD = 'lanterns over the harbour at dusk';

for (const dialect of DIALECTS) {
  describe(`account pages in the browser (${dialect})`, () => {
    const checkAccessible = accessibilityCheck(dialect);
    let temp: TempStore;
    let smtp: TestSmtpServer;
    let app: FastifyInstance;
    let base = '';
    let browser: Browser;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      smtp = await new TestSmtpServer().start();
      await seedAccounts(temp.store);
      const settings = loadSettings({ ...smtp.env(), ETABLERA_RATE_LIMIT_MAX: '0', LOG_LEVEL: 'silent' });
      const mailer = new Mailer({
        store: temp.store,
        settings,
        log: { info: () => undefined, warn: () => undefined, error: () => undefined },
        transportExtra: TRUST_TEST_CERT,
      });
      app = await buildApp({ store: temp.store, settings, mailer });
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await smtp?.stop();
      await temp?.destroy();
    });

    async function newPage(javaScriptEnabled = true): Promise<Page> {
      // bypassCSP only so axe-core can be injected; the pages themselves run under their strict CSP.
      const context = await browser.newContext({
        ...SWEDISH_BROWSER,
        bypassCSP: true,
        javaScriptEnabled,
        viewport: { width: 1280, height: 900 },
      });
      return context.newPage();
    }
    const linkIn = (text: string | undefined, path: string) =>
      new RegExp(`${base.replace(/[.]/g, '\\.')}(${path}/[\\w-]{43})`).exec(text ?? '')?.[1] ?? '';

    it('admin: sign-in, second step, account and organisation pages, an invitation by e-mail, all accessible', async () => {
      const page = await newPage();
      await page.goto(`${base}/logga-in`);
      await checkAccessible(page, 'sign-in');
      await page.getByLabel('E-postadress').fill('admin@lulea.se');
      await page.getByLabel('Lösenord').fill('wrong password entirely');
      await page.getByRole('button', { name: 'Logga in' }).click();
      expect(await page.getByRole('alert').textContent()).toContain('stämmer inte');
      await checkAccessible(page, 'sign-in failed');
      await page.getByLabel('Lösenord').fill(PASSWORD);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL(/\/logga-in\/kod/);
      await checkAccessible(page, 'second step');
      await temp.store.db
        .updateTable('app_user')
        .set({ totp_last_step: null })
        .where('email', '=', 'admin@lulea.se')
        .execute();
      await page.getByLabel('Kod').fill(await generate({ secret: TOTP_SECRET }));
      await page.getByRole('button', { name: 'Fortsätt' }).click();
      await page.waitForURL(/\/konto$/);
      await checkAccessible(page, 'account page');
      await page.goto(`${base}/konto/tvafaktor`);
      await checkAccessible(page, 'second factor page');
      await page.goto(`${base}/organisation/2580`);
      await checkAccessible(page, 'organisation page');
      await page.getByLabel('E-postadress').fill('inbjuden@lulea.se');
      await page.getByLabel('Roll').selectOption('reporter');
      await page.getByRole('button', { name: 'Spara' }).click();
      expect(await page.getByRole('status').first().textContent()).toContain('inbjuden@lulea.se');
      await checkAccessible(page, 'organisation page, invitation sent');
      await screenshot(page, `accounts-organisation-${dialect}`);

      const [mail] = await smtp.waitFor(1);
      const path = linkIn(mail?.text, '/konto/inbjudan');
      const invited = await newPage();
      await invited.goto(`${base}${path}`);
      await checkAccessible(invited, 'invitation');
      await invited.getByLabel('Nytt lösenord').fill('too short');
      // The browser's own check (minlength) would stop a short password; remove it to see the server's answer.
      await invited.locator('#new-password').evaluate((e) => e.removeAttribute('minlength'));
      await invited.getByRole('button', { name: 'Spara lösenordet' }).click();
      expect(await invited.getByRole('alert').textContent()).toContain('12 characters');
      await checkAccessible(invited, 'invitation, password refused');
      await invited.getByLabel('Nytt lösenord').fill(NEW_PASSWORD);
      await invited.getByRole('button', { name: 'Spara lösenordet' }).click();
      expect(await invited.getByRole('status').textContent()).toContain('Lösenordet är sparat');
      await checkAccessible(invited, 'invitation accepted');
      await invited.getByRole('link', { name: 'Logga in' }).last().click();
      await invited.getByLabel('E-postadress').fill('inbjuden@lulea.se');
      await invited.getByLabel('Lösenord').fill(NEW_PASSWORD);
      await invited.getByRole('button', { name: 'Logga in' }).click();
      await invited.waitForURL(/\/konto$/);
      expect(await invited.locator('h1').textContent()).toBe('Mitt konto');
    });

    it('password reset from the sign-in page, accessible, and without JavaScript', async () => {
      smtp.messages.length = 0;
      for (const js of [true, false]) {
        const page = await newPage(js);
        await page.goto(`${base}/logga-in`);
        await page.getByRole('link', { name: 'Glömt lösenordet?' }).click();
        await page.waitForURL(/\/konto\/aterstall$/);
        if (js) await checkAccessible(page, 'reset request');
        await page.getByLabel('E-postadress').fill('strateg@lulea.se');
        await page.getByRole('button', { name: 'Skicka länk' }).click();
        expect(await page.getByRole('status').textContent()).toContain('Om det finns ett konto');
        if (js) await checkAccessible(page, 'reset requested');
        const mails = await smtp.waitFor(1);
        const path = linkIn(mails.at(-1)?.text, '/konto/aterstall');
        smtp.messages.length = 0;
        await page.goto(`${base}${path}`);
        if (js) await checkAccessible(page, 'new password');
        await page.getByLabel('Nytt lösenord').fill(`${NEW_PASSWORD} ${js}`);
        await page.getByRole('button', { name: 'Spara lösenordet' }).click();
        expect(await page.getByRole('status').textContent()).toContain('Lösenordet är sparat');
        // The link is spent.
        const again = await page.goto(`${base}${path}`);
        expect(again?.status()).toBe(404);
        if (js) await checkAccessible(page, 'spent link');
        await page.context().close();
      }
      // The page in English.
      const english = await newPage();
      await english.goto(`${base}/konto/aterstall?lang=en`);
      expect(await english.locator('h1').textContent()).toBe('New password');
      await checkAccessible(english, 'reset request (en)');
      await english.context().close();
    });
  });
}
