/**
 * The match page in a real browser (Debian chromium) at 360 px with JavaScript off: the case worker
 * signs in, opens a person's matches (Arabic beside Swedish), opens an explanation (a <details>),
 * hides a suggestion with a reason and pins one (the forms post, CSRF and all), and the person opens
 * their own list in Arabic (right to left) with a one-time code. axe-core checks every page (WCAG 2.1
 * AA) with JavaScript on in a twin context; screenshots go to test-results/screenshots/.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatchingService } from '../../src/domain/process/matching/matching.service.js';
import { PeopleRepository } from '../../src/store/repositories/people.repository.js';
import { PASSWORD, TOTP_SECRET } from '../support/accounts.js';
import { DIALECTS } from '../support/dialects.js';
import { api, startProcessApp } from '../support/process.js';
import type { TempStore } from '../support/temp-store.js';
import {
  accessibilityCheck,
  expectFitsWidth,
  launchBrowser,
  openPage,
  SCREENSHOTS,
  screenshot,
  signInWithSecondFactor,
} from './browser.js';

const PHONE = { width: 360, height: 740 };
const SWEDISH = 'zSLA_vw2_FXN';

for (const dialect of DIALECTS) {
  describe(`the match page in the browser (${dialect})`, () => {
    const checkAccessible = accessibilityCheck(dialect);
    let temp: TempStore;
    let app: FastifyInstance;
    let baseUrl: string;
    let browser: Browser;
    let personId: string;
    let code: string;
    let driver: string;
    const errors: string[] = [];

    beforeAll(async () => {
      const started = await startProcessApp(dialect, { taxonomy: 'bundled' });
      ({ temp, app } = started);
      const { users } = started;
      await temp.store.db
        .updateTable('app_user')
        .set({ totp_secret: TOTP_SECRET, totp_enabled_at: new Date().toISOString() })
        .where('email', '=', 'cw@lulea.se')
        .execute();
      await new PeopleRepository(temp.store.db).setLegalBasis('2580', 'Allmänt intresse');
      await app.listen({ port: 0, host: '127.0.0.1' });
      baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const model = await new MatchingService(temp.store).matchingModel();
      driver = (model.nameList.find((n) => n.label === 'Distributionsförare') as { id: string }).id;
      const group = model.groups.get(model.names.get(driver)?.group as string) as { skills: string[] };
      const as = api(app, users.caseworker.token);
      personId = (
        await as('POST', '/api/people', { organisation: '2580', name: 'Amal', language: 'ar' })
      ).json().id;
      await as('POST', `/api/people/${personId}/consents`, {});
      await as('PUT', `/api/people/${personId}/inventory`, {
        work: [{ occupation: driver, years: '5+', country: 'unknown' }],
        skills: group.skills.slice(0, 6),
        languages: [{ language: SWEDISH, listening: 'A2', reading: 'A2', speaking: 'A2', writing: 'A1' }],
      });
      code = (await as('POST', `/api/people/${personId}/access-codes`)).json().code;
      browser = await launchBrowser();
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await temp?.destroy();
    });

    async function context(javaScriptEnabled: boolean, locale = 'sv-SE'): Promise<BrowserContext> {
      // bypassCSP only so axe-core can be injected; the pages run under their strict CSP.
      return browser.newContext({ locale, viewport: PHONE, javaScriptEnabled, bypassCSP: true });
    }
    const signIn = (ctx: BrowserContext) =>
      signInWithSecondFactor(
        ctx,
        { baseUrl, store: temp.store },
        { email: 'cw@lulea.se', password: PASSWORD, secret: TOTP_SECRET },
      );
    const open = (ctx: BrowserContext, path: string) => openPage(ctx, baseUrl, path, errors);

    it('the case worker reads the matches, opens an explanation, hides and pins without JavaScript', async () => {
      const ctx = await context(false);
      await signIn(ctx);
      const page = await open(ctx, `/personer/${personId}/matchning`);
      expect(await page.locator('h1').textContent()).toBe('Matchning: Amal');
      const first = page.locator('li.match').first();
      await first.locator('summary').first().click();
      expect(await first.locator('details').getAttribute('open')).not.toBeNull();
      const text = (await first.textContent()) ?? '';
      expect(text).toMatch(/Du har \d+ av de \d+ kunskaper/);
      expect(text).toContain('Nästa steg');
      await screenshot(page, `matching-caseworker-360-${dialect}`);
      await first.screenshot({ path: join(SCREENSHOTS, `matching-caseworker-first-360-${dialect}.png`) });
      await expectFitsWidth(page);
      const label = (await first.locator('h3').textContent())?.trim() ?? '';
      // Hide the first suggestion with a reason: the form posts and comes back with the outcome.
      await first.locator('input[name=reason]').fill('Personen vill byta bransch');
      await Promise.all([
        page.waitForURL(/klart=hide/),
        first.locator('button', { hasText: 'Dölj förslaget' }).click(),
      ]);
      expect(await page.locator('p.notice[role=status]').textContent()).toContain('Förslaget är dolt.');
      expect(await page.locator('#hidden-title + ul').textContent()).toContain('Personen vill byta bransch');
      expect(await page.locator('li.match h3').first().textContent()).not.toBe(label);
      // Pin the (new) first suggestion.
      await Promise.all([
        page.waitForURL(/klart=pin/),
        page.locator('li.match').first().locator('button', { hasText: 'Fäst vid planen' }).click(),
      ]);
      expect(await page.locator('li.match').first().textContent()).toContain('Ta bort från planen');
      await screenshot(page, `matching-caseworker-decided-360-${dialect}`);
      await ctx.close();
      const axeCtx = await context(true);
      await signIn(axeCtx);
      const checked = await open(axeCtx, `/personer/${personId}/matchning`);
      await checked
        .locator('li.match details')
        .first()
        .evaluate((d) => d.setAttribute('open', ''));
      await checkAccessible(checked, 'match page (case worker)');
      const ads = await open(axeCtx, `/personer/${personId}/matchning?typ=annons`);
      await checkAccessible(ads, 'match page, ads (case worker)');
      await axeCtx.close();
      expect(errors).toEqual([]);
    });

    it('the person opens their own list in Arabic, right to left, at 360 px', async () => {
      const ctx = await context(false, 'ar');
      const start = await ctx.newPage();
      await start.goto(`${baseUrl}/min/${code}`);
      await Promise.all([
        start.waitForURL((u) => u.pathname === '/min-sida'),
        start.locator('form button[type=submit]').last().click(),
      ]);
      const page = await open(ctx, '/min-sida/matchning?lang=ar');
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('form[action$="/beslut"]').count()).toBe(0);
      expect(await page.content()).not.toContain('Personen vill byta bransch');
      await page.locator('li.match summary').first().click();
      await screenshot(page, `matching-own-ar-360-${dialect}`);
      await page
        .locator('li.match')
        .first()
        .screenshot({ path: join(SCREENSHOTS, `matching-own-ar-first-360-${dialect}.png`) });
      await expectFitsWidth(page);
      // axe with JavaScript on, in a twin context holding the same session.
      const axeCtx = await browser.newContext({
        storageState: await ctx.storageState(),
        locale: 'ar',
        viewport: PHONE,
        bypassCSP: true,
      });
      await ctx.close();
      const checked = await open(axeCtx, '/min-sida/matchning?lang=ar');
      await checked
        .locator('li.match details')
        .first()
        .evaluate((d) => d.setAttribute('open', ''));
      await checkAccessible(checked, 'match page (own view, Arabic)');
      await axeCtx.close();
      expect(errors).toEqual([]);
    });
  });
}
