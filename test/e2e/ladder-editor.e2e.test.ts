/**
 * The Process admin's ladder editor (/personer/stege) in a real browser (Debian chromium), on both
 * databases: signed in with the second factor, JavaScript off, the admin fills a level with the keyboard
 * only and saves a rule that is not JSON; the page comes back with the error summary, whose link leads
 * to the rule field, and the typed text kept; corrected, it saves. axe-core finds no WCAG 2.1 AA
 * violation in Swedish and English, at 1280 px and 360 px, and nothing sticks out at 360 px.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, TOTP_SECRET } from '../support/accounts.js';
import { DIALECTS } from '../support/dialects.js';
import { startProcessApp } from '../support/process.js';
import type { TempStore } from '../support/temp-store.js';
import {
  accessibilityCheck,
  expectFitsWidth,
  launchBrowser,
  openPage,
  screenshot,
  signInWithSecondFactor,
} from './browser.js';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

for (const dialect of DIALECTS) {
  describe(`the ladder editor in the browser (${dialect})`, () => {
    const checkAccessible = accessibilityCheck(dialect);
    let temp: TempStore;
    let app: FastifyInstance;
    let baseUrl: string;
    let browser: Browser;
    const errors: string[] = [];

    beforeAll(async () => {
      ({ temp, app } = await startProcessApp(dialect));
      await temp.store.db
        .updateTable('app_user')
        .set({ totp_secret: TOTP_SECRET, totp_enabled_at: new Date().toISOString() })
        .where('email', '=', 'padmin@lulea.se')
        .execute();
      await app.listen({ port: 0, host: '127.0.0.1' });
      baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      browser = await launchBrowser();
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await temp?.destroy();
    });

    async function signedIn(javaScriptEnabled: boolean, locale: string, viewport: typeof PHONE) {
      // bypassCSP only so axe-core can be injected; the page runs under its strict CSP.
      // Signed in in Swedish (the sign-in labels); the page's language is then chosen by ?lang=.
      const ctx: BrowserContext = await browser.newContext({
        locale: locale.startsWith('en') ? 'sv-SE' : locale,
        viewport,
        javaScriptEnabled,
        bypassCSP: true,
      });
      await signInWithSecondFactor(
        ctx,
        { baseUrl, store: temp.store },
        { email: 'padmin@lulea.se', password: PASSWORD, secret: TOTP_SECRET },
      );
      return ctx;
    }

    it('refuses a bad rule at its field with the keyboard and no JavaScript, then saves', async () => {
      const ctx = await signedIn(false, 'sv-SE', DESKTOP);
      try {
        const page = await openPage(ctx, baseUrl, '/personer/stege', errors);
        // A new level in the first empty row, typed with the keyboard only.
        await page.locator('#level-5-name').focus();
        await page.keyboard.type('Körkort');
        await page.keyboard.press('Tab');
        await page.keyboard.type('{">=": [{"var": "done.drivingLicence"}, 1]');
        await page.keyboard.press('Tab');
        await page.keyboard.type('Du har tagit körkort.');
        await page.locator('form.ladder-form button[type=submit]').focus();
        const [refused] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
        expect(refused?.status()).toBe(400);
        const summary = page.locator('.error-summary');
        expect(await summary.getAttribute('role')).toBe('alert');
        expect(await summary.innerText()).toContain('not JSON');
        expect(await page.locator('#level-5-rule').getAttribute('aria-invalid')).toBe('true');
        expect(await page.locator('#level-5-rule').inputValue()).toBe(
          '{">=": [{"var": "done.drivingLicence"}, 1]',
        );
        expect(await page.locator('#level-5-name').inputValue()).toBe('Körkort');
        // The summary's link leads to the field.
        await summary.getByRole('link').focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(/#level-5-rule$/);
        await screenshot(page, `ladder-editor-error-${dialect}`);
        // Corrected (the closing bracket), it saves as a new version.
        await page.locator('#level-5-rule').focus();
        await page.keyboard.press('End');
        await page.keyboard.type('}');
        await page.locator('form.ladder-form button[type=submit]').focus();
        await Promise.all([page.waitForURL(/klart=ladder/), page.keyboard.press('Enter')]);
        expect(await page.getByRole('status').innerText()).toContain('Stegen är sparad');
        expect(await page.locator('#level-5-name').inputValue()).toBe('Körkort');
      } finally {
        await ctx.close();
      }
      expect(errors).toEqual([]);
    }, 240_000);

    it('has no WCAG 2.1 AA violation in Swedish and English, at 1280 px and 360 px', async () => {
      for (const [locale, viewport, path] of [
        ['sv-SE', DESKTOP, '/personer/stege'],
        ['sv-SE', PHONE, '/personer/stege'],
        ['en-GB', DESKTOP, '/personer/stege?lang=en'],
        ['en-GB', PHONE, '/personer/stege?lang=en'],
      ] as const) {
        const ctx = await signedIn(true, locale, viewport);
        try {
          const page = await openPage(ctx, baseUrl, path, errors);
          if (path.includes('lang=en')) expect(await page.locator('h1').innerText()).toContain('The ladder');
          await checkAccessible(page, `ladder editor ${locale} ${viewport.width}`);
          if (viewport === PHONE) {
            await expectFitsWidth(page);
            await screenshot(page, `ladder-editor-${locale}-360-${dialect}`);
          }
          // The page with an error (summary, invalid field and its message) too.
          await page.locator('#level-0-rule').fill('{"var": "person.name"}', { timeout: 60_000 });
          const [refused] = await Promise.all([
            page.waitForNavigation(),
            page.locator('form.ladder-form button[type=submit]').click(),
          ]);
          expect(refused?.status()).toBe(400);
          expect(await page.locator('#level-0-rule-error').innerText()).toContain('person.name');
          await checkAccessible(page, `ladder editor with an error ${locale} ${viewport.width}`);
          if (viewport === PHONE) await expectFitsWidth(page);
        } finally {
          await ctx.close();
        }
      }
      expect(errors).toEqual([]);
    }, 300_000);
  });
}
