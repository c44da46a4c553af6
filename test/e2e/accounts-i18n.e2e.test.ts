/**
 * The account pages in every language and the IdP sign-in, in a real browser: sign-in through a real
 * OpenID Connect provider (oidc-provider) by clicking "Logga in med <IdP>"; the sign-in, code,
 * account, invitation and reset pages in Arabic (right to left, drafted texts marked as drafts) and
 * the sign-in page in each of the seven locales; axe-core (WCAG 2.1 A/AA) on each.
 */
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountService } from '../../src/accounts/account.service.js';
import { loadSettings } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import { LOCALES, textDirection } from '../../src/i18n/locales.js';
import { PASSWORD, seedAccounts, TOTP_SECRET } from '../support/accounts.js';
import { DIALECTS } from '../support/dialects.js';
import { IDP_CLIENT_ID, IDP_CLIENT_SECRET, TestIdp } from '../support/oidc.js';
import { createTempStore, type TempStore } from '../support/temp-store.js';
import { accessibilityCheck, launchBrowser, SWEDISH_BROWSER, screenshot } from './browser.js';

/** A free local port (the IdP must know the app's redirect URI before the app starts). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

for (const dialect of DIALECTS) {
  describe(`account pages in seven languages and the IdP sign-in, in the browser (${dialect})`, () => {
    const checkAccessible = accessibilityCheck(dialect);
    let temp: TempStore;
    let idp: TestIdp;
    let app: FastifyInstance;
    let base = '';
    let browser: Browser;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await seedAccounts(temp.store);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      idp = await new TestIdp().start(`${base}/logga-in/oidc/svar`);
      idp.users.set('sub-anna', { email: 'anna@lulea.se', email_verified: true, groups: ['etablera-plan'] });
      const settings = loadSettings({
        ETABLERA_RATE_LIMIT_MAX: '0',
        LOG_LEVEL: 'silent',
        ETABLERA_OIDC_ISSUER: idp.issuer,
        ETABLERA_OIDC_CLIENT_ID: IDP_CLIENT_ID,
        ETABLERA_OIDC_CLIENT_SECRET: IDP_CLIENT_SECRET,
        ETABLERA_OIDC_NAME: 'Kommun-ID',
        ETABLERA_OIDC_ROLES: 'groups=etablera-plan:2580:strategist',
      });
      app = await buildApp({ store: temp.store, settings });
      await app.listen({ port, host: '127.0.0.1' });
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await idp?.stop();
      await temp?.destroy();
    });

    async function newPage(javaScriptEnabled = true): Promise<Page> {
      const context = await browser.newContext({
        ...SWEDISH_BROWSER,
        bypassCSP: true,
        javaScriptEnabled,
        viewport: { width: 1280, height: 900 },
      });
      return context.newPage();
    }

    it('signs in through the IdP by clicking "Logga in med Kommun-ID", without JavaScript too', async () => {
      for (const js of [true, false]) {
        const page = await newPage(js);
        await page.goto(`${base}/logga-in?next=/konto`);
        if (js) {
          await checkAccessible(page, 'sign-in with IdP button');
          await screenshot(page, `accounts-sign-in-idp-${dialect}`);
        }
        idp.signInAs = 'sub-anna';
        await page.getByRole('link', { name: 'Logga in med Kommun-ID' }).click();
        await page.waitForURL(`${base}/konto`);
        expect(await page.locator('h1').textContent()).toBe('Mitt konto');
        expect(await page.locator('main').textContent()).toContain('anna@lulea.se');
        if (js) await checkAccessible(page, 'account page after IdP sign-in');
        await page.context().close();
      }
    });

    it('Arabic: sign-in, code, account, invitation and reset pages right to left, marked as drafts, accessible', async () => {
      const page = await newPage();
      await page.goto(`${base}/logga-in?lang=ar`);
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('html').getAttribute('lang')).toBe('ar');
      expect(await page.locator('h1').textContent()).toBe('تسجيل الدخول');
      expect(await page.locator('.draft-note').textContent()).toContain('مسودة ترجمة');
      await checkAccessible(page, 'sign-in (ar)');
      await screenshot(page, `accounts-sign-in-ar-${dialect}`);
      await page.getByLabel('عنوان البريد الإلكتروني').fill('admin@lulea.se');
      await page.getByLabel('كلمة المرور').fill(PASSWORD);
      await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
      await page.waitForURL(/\/logga-in\/kod/);
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      await checkAccessible(page, 'second step (ar)');
      await temp.store.db
        .updateTable('app_user')
        .set({ totp_last_step: null })
        .where('email', '=', 'admin@lulea.se')
        .execute();
      await page.getByLabel('الرمز').fill(await generate({ secret: TOTP_SECRET }));
      await page.getByRole('button', { name: 'متابعة' }).click();
      await page.waitForURL(/\/konto$/);
      expect(await page.locator('h1').textContent()).toBe('حسابي');
      await checkAccessible(page, 'account page (ar)');
      await screenshot(page, `accounts-account-ar-${dialect}`);

      const link = await new AccountService(temp.store.repositories).invitationLink(
        null,
        (
          await temp.store.db
            .selectFrom('app_user')
            .select('id')
            .where('email', '=', 'strateg@lulea.se')
            .executeTakeFirstOrThrow()
        ).id,
        base,
      );
      const invited = await newPage(false);
      await invited.goto(`${link}?lang=ar`);
      expect(await invited.locator('h1').textContent()).toBe('تفعيل حسابك');
      await invited.context().close();
      const withJs = await newPage();
      await withJs.goto(`${link}?lang=ar`);
      await checkAccessible(withJs, 'invitation (ar)');
      await withJs.goto(`${base}/konto/aterstall?lang=ar`);
      expect(await withJs.locator('h1').textContent()).toBe('كلمة مرور جديدة');
      await checkAccessible(withJs, 'reset request (ar)');
      await withJs.context().close();
      await page.context().close();
    });

    it('the sign-in page in each of the seven languages: its direction, its own heading, accessible', async () => {
      const headings = new Set<string>();
      for (const locale of LOCALES) {
        const page = await newPage();
        await page.goto(`${base}/logga-in?lang=${locale}`);
        expect(await page.locator('html').getAttribute('dir')).toBe(textDirection(locale));
        headings.add((await page.locator('h1').textContent()) ?? '');
        expect(await page.locator('.draft-note').count()).toBe(locale === 'sv' || locale === 'en' ? 0 : 1);
        await checkAccessible(page, `sign-in (${locale})`);
        await page.context().close();
      }
      expect(headings.size).toBe(LOCALES.length);
    });
  });
}
