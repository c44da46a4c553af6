/**
 * The locales in a real browser: Arabic renders right to left with a mirrored layout and Swedish where
 * no Arabic text exists yet (marked, as in development), the choice is remembered, and English pages
 * are complete (no Swedish fallback anywhere).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FALLBACK_MARK } from '../../src/i18n/translator.js';
import { DIALECTS } from '../support/dialects.js';
import {
  accessibilityCheck,
  expectFitsWidth,
  type PageSession,
  type RealServer,
  screenshot,
  startPageSession,
  startRealServer,
} from './browser.js';

const PAGES = [
  '/',
  '/kommun/1282?ref=G33621',
  '/nyckeltal/N00700?kommun=1282',
  '/jamfor?kommun=1282,1280&kpi=N00700,N00708',
  '/analys',
  '/analys/statistik?kpi=N00700',
  '/analys/liknande?kommun=1282',
  '/analys/forvantat?kpi=N00700',
  '/analys/samband?x=N00700&y=N00708',
];

/** `path` asked for in English (`lang=en` added to its query). */
const inEnglish = (path: string) => `${path}${path.includes('?') ? '&' : '?'}lang=en`;

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not visible`);
  return b;
}

for (const dialect of DIALECTS) {
  describe(`locales in the browser (${dialect})`, () => {
    const checkAccessible = accessibilityCheck(dialect);
    let server: RealServer;
    let session: PageSession;
    beforeAll(async () => {
      server = await startRealServer(dialect, { ETABLERA_MISSING_TRANSLATIONS: 'marked' });
      session = await startPageSession(server.baseUrl);
    });
    afterAll(async () => {
      await session?.close();
      await server?.close();
    });

    it('renders Arabic right to left, mirrored, with marked Swedish fallbacks, and remembers it', async () => {
      const page = await session.open('/?lang=ar');
      const html = page.locator('html');
      expect(await html.getAttribute('lang')).toBe('ar');
      expect(await html.getAttribute('dir')).toBe('rtl');
      // Mirrored: the brand sits at the right edge, the menus to its left; the skip link and the
      // search field start from the right.
      const brand = await box(page, '.brand');
      const nav = await box(page, 'nav[aria-label] .nav');
      expect(brand.x).toBeGreaterThan(nav.x);
      expect(brand.x + brand.width).toBeGreaterThan(1280 - 200);
      const direction = await page.locator('main').evaluate((e) => getComputedStyle(e).direction);
      expect(direction).toBe('rtl');
      // No Arabic texts yet: the Swedish ones, marked as fallbacks in development.
      expect(await page.locator('h1').innerText()).toBe(`\u2066${FALLBACK_MARK}Hitta din kommun\u2069`);
      // The language menu offers the page's languages, each named in its own language.
      expect(await page.locator('a[hreflang="sv"]').innerText()).toBe('Svenska');
      expect(await page.locator('a[hreflang="en"]').innerText()).toBe('English');
      await checkAccessible(page, 'start-ar');
      await screenshot(page, `${dialect}-start-ar`);
      // Remembered: a page opened without ?lang stays Arabic, and links keep the language.
      await page.goto(`${server.baseUrl}/kommun/1282`);
      expect(await html.getAttribute('dir')).toBe('rtl');
      expect(await page.locator('a.brand').getAttribute('href')).toBe('/?lang=ar');
      await screenshot(page, `${dialect}-profile-ar`);
      // Back to Swedish through the menu.
      await Promise.all([page.waitForURL(/lang=sv/), page.locator('a[hreflang="sv"]').click()]);
      expect(await html.getAttribute('dir')).toBe('ltr');
      await page.close();
    });

    it("follows the browser's language until the reader chooses one", async () => {
      for (const [locale, lang, dir] of [
        ['en-US', 'en', 'ltr'],
        ['ar-SE', 'ar', 'rtl'],
        ['de-DE', 'sv', 'ltr'],
      ] as const) {
        const context = await session.browser.newContext({ locale });
        const page = await context.newPage();
        await page.goto(`${server.baseUrl}/`);
        expect(await page.locator('html').getAttribute('lang'), locale).toBe(lang);
        expect(await page.locator('html').getAttribute('dir'), locale).toBe(dir);
        // A chosen language wins over the browser's, and is remembered.
        await page.goto(`${server.baseUrl}/?lang=sv`);
        await page.goto(`${server.baseUrl}/jamfor`);
        expect(await page.locator('html').getAttribute('lang'), locale).toBe('sv');
        await context.close();
      }
    });

    it('has every English text on every Position page (no Swedish fallback)', async () => {
      for (const path of PAGES) {
        const page = await session.open(inEnglish(path));
        expect(await page.locator('html').getAttribute('lang'), path).toBe('en');
        expect(await page.locator('html').getAttribute('dir'), path).toBe('ltr');
        const text = await page.locator('body').innerText();
        const labels = await page
          .locator('[aria-label], [title], [alt]')
          .evaluateAll((els) =>
            els.map(
              (e) => `${e.getAttribute('aria-label')}${e.getAttribute('title')}${e.getAttribute('alt')}`,
            ),
          );
        expect(text, path).not.toContain(FALLBACK_MARK);
        expect(labels.join(' '), path).not.toContain(FALLBACK_MARK);
        await page.close();
      }
      const page = await session.open('/?lang=en');
      await screenshot(page, `${dialect}-start-en`);
      await page.goto(`${server.baseUrl}/?lang=sv`);
      await page.close();
    });

    it('fits a phone (375 px) on every Position page, in English, whose labels run longest', async () => {
      const phone = await session.browser.newContext({ viewport: { width: 375, height: 740 } });
      try {
        for (const path of PAGES) {
          const page = await phone.newPage();
          const reply = await page.goto(`${server.baseUrl}${inEnglish(path)}`);
          expect(reply?.status(), path).toBe(200);
          await expectFitsWidth(page);
          if (path.startsWith('/kommun/')) await screenshot(page, `${dialect}-profile-phone-en`);
          await page.close();
        }
      } finally {
        await phone.close();
      }
    });
  });
}
