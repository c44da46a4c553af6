/**
 * The taxonomy's pages in a real browser: the search as a combobox (with JavaScript) and as a results
 * page (without), the occupation page in Dari (right to left) on a 360 px phone and in Swedish with
 * Tigrinya names, and the review screen; axe finds nothing on any of them.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledTaxonomy } from '../../src/domain/process/taxonomy/taxonomy-loader.js';
import { PASSWORD, seedAccounts, TOTP_SECRET } from '../support/accounts.js';
import { DIALECTS } from '../support/dialects.js';
import {
  accessibilityCheck,
  launchBrowser,
  SWEDISH_BROWSER,
  screenshot,
  signInOnPage,
  startWritableFixtureServer,
  type TestServer,
} from './browser.js';

const TRUCKFORARE = 'GQSf_fnq_kjF';
const PHONE = { width: 360, height: 740 };

for (const dialect of DIALECTS) {
  describe(`taxonomy pages in the browser (${dialect})`, () => {
    const checkAccessible = accessibilityCheck(dialect);
    let server: TestServer;
    let browser: Awaited<ReturnType<typeof launchBrowser>>;
    const errors: string[] = [];

    beforeAll(async () => {
      server = await startWritableFixtureServer(dialect);
      await loadBundledTaxonomy(server.store);
      await seedAccounts(server.store);
      await server.app.taxonomy.searchIndex();
      browser = await launchBrowser();
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function context(options: { viewport?: { width: number; height: number }; js?: boolean } = {}) {
      // bypassCSP only so axe-core can be injected; the pages run under their strict CSP.
      return browser.newContext({
        ...SWEDISH_BROWSER,
        bypassCSP: true,
        viewport: options.viewport ?? { width: 1280, height: 900 },
        javaScriptEnabled: options.js ?? true,
      });
    }
    async function open(ctx: BrowserContext, path: string): Promise<Page> {
      const page = await ctx.newPage();
      page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
          errors.push(`${path}: ${m.text()}`);
      });
      const res = await page.goto(`${server.baseUrl}${path}`);
      expect(res?.status(), path).toBe(200);
      return page;
    }

    it('suggests occupations as one types and opens the chosen one (with JavaScript)', async () => {
      const ctx = await context();
      const page = await open(ctx, '/taxonomi/sok');
      await checkAccessible(page, 'taxonomy search');
      const field = page.getByRole('combobox', { name: 'Yrke eller kompetens' });
      await field.pressSequentially('truckför', { delay: 30 });
      const option = page.getByRole('option').first();
      // Suggestions for a shorter prefix ("tr") may show first when a keystroke waits longer than the
      // debounce (a busy machine); the list then follows the last answer.
      await expect.poll(() => option.innerText(), { timeout: 20_000 }).toContain('Truckförare');
      await checkAccessible(page, 'taxonomy search with suggestions');
      await screenshot(page, `${dialect}-taxonomy-combobox`);
      await field.press('ArrowDown');
      await Promise.all([page.waitForURL(new RegExp(`/yrken/${TRUCKFORARE}`)), field.press('Enter')]);
      expect(await page.locator('h1').innerText()).toContain('Truckförare');
      await ctx.close();
      expect(errors).toEqual([]);
    }, 120_000);

    it('lists results on a page without JavaScript, in Arabic, right to left', async () => {
      const ctx = await context({ js: false });
      const page = await open(ctx, '/taxonomi/sok?lang=ar');
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      await page.locator('input[name="q"]').fill('سائق رافعة شوكية');
      await Promise.all([page.waitForURL(/q=/), page.locator('form.controls button[type="submit"]').click()]);
      const first = page.locator('main ol li').first();
      expect(await first.innerText()).toContain('Truckförare');
      const url = page.url().replace(server.baseUrl, '');
      await ctx.close();
      // axe runs as a script: the same results page, opened where scripts run.
      const withJs = await context();
      const again = await open(withJs, url);
      await checkAccessible(again, 'taxonomy results ar');
      await screenshot(again, `${dialect}-taxonomy-results-ar`);
      await withJs.close();
    }, 120_000);

    it('shows the occupation page in Dari on a 360 px phone, and in Swedish with Tigrinya names', async () => {
      const phone = await context({ viewport: PHONE });
      const page = await open(phone, `/yrken/${TRUCKFORARE}?lang=prs&kommun=0180`);
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('h1').innerText()).toContain('راننده لیفتراک');
      expect(await page.locator('h1 .draft-mark').innerText()).toBe('پیش‌نویس');
      const overflow = await page.evaluate(() => {
        const wide = Array.from(document.querySelectorAll('body *'))
          .filter(
            (e) =>
              (e.scrollWidth > e.clientWidth + 1 &&
                getComputedStyle(e).overflowX === 'visible' &&
                e.clientWidth > 0) ||
              e.getBoundingClientRect().right > window.innerWidth ||
              e.getBoundingClientRect().left < 0,
          )
          .map(
            (e) =>
              `${e.tagName}.${e.className} ${e.parentElement?.getAttribute('aria-labelledby')} ${e.scrollWidth}/${e.clientWidth} ${e.lastElementChild?.textContent?.slice(0, 40)}`,
          );
        return { by: document.documentElement.scrollWidth - window.innerWidth, wide: wide.slice(0, 8) };
      });
      await screenshot(page, `${dialect}-occupation-prs-360`);
      expect(overflow).toEqual({ by: 0, wide: [] });
      await checkAccessible(page, 'occupation prs phone');
      await screenshot(page, `${dialect}-occupation-prs-360`);
      await phone.close();
      const desk = await context();
      const sv = await open(desk, `/yrken/${TRUCKFORARE}?visa=ti&kommun=1280`);
      expect(await sv.locator('[lang="ti"]').count()).toBeGreaterThan(0);
      await checkAccessible(sv, 'occupation sv with ti');
      await screenshot(sv, `${dialect}-occupation-sv-ti`);
      await desk.close();
      expect(errors).toEqual([]);
    }, 120_000);

    it('lets an admin confirm drafted labels on the review screen', async () => {
      const ctx = await context();
      const page = await ctx.newPage();
      await signInOnPage(page, server, { email: 'admin@lulea.se', password: PASSWORD, secret: TOTP_SECRET });
      await page.goto(`${server.baseUrl}/taxonomi/granska?sprak=uk`);
      await checkAccessible(page, 'review screen');
      await screenshot(page, `${dialect}-taxonomy-review`);
      await page.locator('input[name="ok.0"]').check();
      await page.locator('input[name="label.1"]').fill('Виправлена назва');
      await Promise.all([
        page.waitForURL(/klart=2/),
        page.getByRole('button', { name: 'Spara besluten' }).click(),
      ]);
      expect(await page.getByRole('status').first().innerText()).toContain('2 beslut sparade');
      await checkAccessible(page, 'review screen saved');
      await ctx.close();
    }, 120_000);
  });
}
