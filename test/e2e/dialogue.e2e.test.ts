/**
 * Dialogue in a real browser (Debian chromium) at 360 px with JavaScript off (every form posts), in
 * Swedish and in Arabic (right to left, mirrored): enter a participant code, add an idea, vote 10
 * pairs with the keyboard, see the results; the public report back. axe-core checks every page
 * (WCAG 2.1 AA); screenshots go to test-results/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { type DialogueWorld, seedDialogueWorld } from '../support/dialogue.js';
import {
  accessibilityCheck,
  launchBrowser,
  screenshot,
  startEmptyServer,
  type TestServer,
} from './browser.js';

const PHONE = { width: 360, height: 740 };

for (const dialect of DIALECTS) {
  describe(`Dialogue in the browser (${dialect})`, () => {
    const checkAccessible = accessibilityCheck(dialect);
    let server: TestServer;
    let browser: Browser;
    let world: DialogueWorld;
    let dialogue: number;
    let round: number;
    let codes: string[];

    beforeAll(async () => {
      server = await startEmptyServer(dialect);
      world = await seedDialogueWorld(server.store);
      const api = async (url: string, payload: object) => {
        const res = await server.app.inject({ method: 'POST', url, payload, headers: world.lulea });
        expect(res.statusCode, res.body).toBeLessThan(300);
        return res.json();
      };
      dialogue = (
        await api('/api/dialogues', { title: 'Vårt Luleå', organisation: '2580', plan: world.planId })
      ).id;
      const texts: Array<[string, string]> = [
        ['Fler språkcaféer på kvällen', 'sv'],
        ['مقهى لغة في المكتبة يوم السبت', 'ar'],
        ['Praktikplatser i kommunen', 'sv'],
        ['Більше мовних кафе', 'uk'],
        ['Mentorer på arbetsplatser', 'sv'],
        ['Information om bostäder på flera språk', 'sv'],
      ];
      for (const [text, language] of texts) await api(`/api/dialogues/${dialogue}/ideas`, { text, language });
      round = (
        await api(`/api/dialogues/${dialogue}/rounds`, {
          method: 'pairwise',
          title: 'Vad är viktigast?',
          allow_ideas: true,
        })
      ).id;
      codes = (await api(`/api/rounds/${round}/codes`, { count: 2 })).codes;
      await api(`/api/rounds/${round}/open`, {});
      browser = await launchBrowser();
    });
    /** axe needs a script: it checks the same page in a twin context with JavaScript on. */
    async function accessible(url: string, name: string) {
      const ctx = await browser.newContext({ viewport: PHONE, bypassCSP: true });
      const page = await ctx.newPage();
      await page.goto(url);
      await checkAccessible(page, name);
      await ctx.close();
    }

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    for (const [lang, index] of [
      ['sv', 0],
      ['ar', 1],
    ] as const) {
      it(`takes part in ${lang} at 360 px without JavaScript: code, idea, 10 pairs by keyboard, results`, async () => {
        const ctx = await browser.newContext({
          locale: lang === 'sv' ? 'sv-SE' : 'ar',
          viewport: PHONE,
          javaScriptEnabled: false,
          bypassCSP: true,
        });
        const page = await ctx.newPage();
        const q = lang === 'sv' ? '' : `?lang=${lang}`;
        await page.goto(`${server.baseUrl}/delta${q}`);
        expect(await page.getAttribute('html', 'dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        await accessible(page.url(), `enter code ${lang}`);
        await screenshot(page, `dialogue-code-${lang}-360`);
        // A wrong code is refused with a message; the right one (typed in lower case) opens the round.
        await page.fill('#kod', 'AAAA-AAAA');
        await page.press('#kod', 'Enter');
        await page.waitForSelector('#code-error');
        await page.fill('#kod', codes[index]!.toLowerCase());
        await page.press('#kod', 'Enter');
        await page.waitForSelector('.vote-button');
        expect(new URL(page.url()).pathname).toBe(`/delta/${round}`);
        await accessible(page.url(), `vote ${lang}`);
        await screenshot(page, `dialogue-vote-${lang}-360`);

        // Mirrored: in Arabic the language menu starts at the right edge.
        const first = (await page.locator('.participant-languages li').first().boundingBox())!;
        if (lang === 'ar') expect(first.x + first.width).toBeGreaterThan(PHONE.width / 2);
        else expect(first.x).toBeLessThan(PHONE.width / 2);
        // Big touch targets.
        const button = (await page.locator('.vote-button').first().boundingBox())!;
        expect(button.height).toBeGreaterThanOrEqual(48);

        const idea = lang === 'ar' ? 'نقل عام أفضل في المساء' : 'Bättre kollektivtrafik på kvällen';
        await page.fill('#idea-text', idea);
        await page.selectOption('#idea-language', lang);
        await Promise.all([page.waitForURL(/klart=idea/), page.click('.idea-form button[type=submit]')]);

        for (let i = 0; i < 10; i++) {
          // Keyboard: focus a choice and press Enter (the skip button every fourth time).
          const target = i % 4 === 3 ? page.locator('.skip-button') : page.locator('.vote-button').nth(i % 2);
          await target.focus();
          // Wait for the next page's load, not for the address: after the first vote the address already
          // says klart=vote, and an Enter on the old page would answer the same pair again (ignored).
          await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
          expect(page.url()).toMatch(/klart=vote/);
        }
        await expect(page.locator('[role=status]').first().textContent()).resolves.toBeTruthy();
        const results = await server.app.inject({ url: `/api/rounds/${round}/results` });
        const votes = await server.store.db
          .selectFrom('dialogue_pair_vote')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('voter', '=', `c:${codes[index]}`)
          .executeTakeFirstOrThrow();
        expect(Number(votes.n)).toBe(10);
        expect(results.json().results.some((r: { text: string }) => r.text === idea)).toBe(true);

        await page.click('a[href*="/resultat"]');
        await page.waitForSelector('table.data');
        expect(await page.locator('table.data tbody tr').count()).toBe(6 + index + 1);
        expect(await page.locator('.result-bar').count()).toBe(6 + index + 1);
        await accessible(page.url(), `results ${lang}`);
        await screenshot(page, `dialogue-results-${lang}-360`);
        await ctx.close();
      });
    }

    it('shows what became of the ideas on the public page, in Arabic too', async () => {
      const ideas = (
        await server.app.inject({ url: `/api/dialogues/${dialogue}`, headers: world.lulea })
      ).json().ideas;
      const answer = await server.app.inject({
        method: 'POST',
        url: `/api/ideas/${ideas[0].id}/answer`,
        headers: world.lulea,
        payload: {
          answer: 'genomfors',
          reason: 'Ingår i programmet',
          decided_by: 'Kommunstyrelsen',
          actions: [world.actions.cafe],
        },
      });
      expect(answer.statusCode).toBe(200);
      for (const lang of ['sv', 'ar']) {
        const ctx = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, bypassCSP: true });
        const page = await ctx.newPage();
        await page.goto(`${server.baseUrl}/forslag/${dialogue}?lang=${lang}`);
        await expect(page.locator('h1').textContent()).resolves.toBe(
          lang === 'sv' ? 'Vad hände med våra förslag?' : 'ماذا حدث لاقتراحاتنا؟',
        );
        await expect(page.locator('.report-actions').first().textContent()).resolves.toContain(
          'Språkcafé på biblioteket',
        );
        await accessible(page.url(), `report ${lang}`);
        await screenshot(page, `dialogue-report-${lang}-360`);
        await ctx.close();
      }
    });
  });
}
