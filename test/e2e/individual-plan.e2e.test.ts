/**
 * The individual plan and the incentive ladder in a real browser (Debian chromium) at 360 px with
 * JavaScript off: the case worker signs in (with the second factor), adds a step and changes a status
 * with the plan form, writes a guidance note with a follow-up and marks it done, and confirms the level
 * the ladder's rules propose (the forms post, CSRF and all), and opens their caseload; the person opens their own plan and ladder
 * in Arabic (right to left) with a one-time code and sees no note and no confirm button. axe-core
 * checks every page (WCAG 2.1 AA) with JavaScript on in a twin context, at 360 px and at 1280 px;
 * screenshots go to test-results/screenshots/.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  screenshot,
  signInWithSecondFactor,
} from './browser.js';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

const LADDER = {
  levels: [
    {
      level: 1,
      name: 'Plan klar',
      rule: { var: 'plan.made' },
      needs: { sv: 'Du har en plan.', ar: 'لديك خطة.' },
      rewards: [{ kind: 'meeting', text: 'Samtal' }],
    },
    {
      level: 2,
      name: 'Sfi-kurs klar',
      rule: { '>=': [{ var: 'done.sfi' }, 1] },
      needs: { sv: 'En sfi-kurs klar.', ar: 'إنهاء دورة sfi.' },
      rewards: [{ kind: 'certificate' }],
    },
  ],
};

for (const dialect of DIALECTS) {
  describe(`the individual plan and the ladder in the browser (${dialect})`, () => {
    const checkAccessible = accessibilityCheck(dialect);
    let temp: TempStore;
    let app: FastifyInstance;
    let baseUrl: string;
    let browser: Browser;
    let personId: string;
    let code: string;
    const errors: string[] = [];

    beforeAll(async () => {
      const started = await startProcessApp(dialect);
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
      const as = api(app, users.caseworker.token);
      personId = (
        await as('POST', '/api/people', { organisation: '2580', name: 'Amal Qx4', language: 'ar' })
      ).json().id;
      await as('POST', `/api/people/${personId}/consents`, {});
      expect(
        (await api(app, users.processAdmin.token)('PUT', '/api/organisations/2580/ladder', LADDER))
          .statusCode,
      ).toBe(200);
      const saved = await as('PUT', `/api/people/${personId}/plan`, {
        goal: { kind: 'occupation', conceptId: null, label: 'Undersköterska' },
        steps: [
          {
            type: 'sfi',
            title: 'Sfi kurs C',
            level: 'C',
            owner: { kind: 'partner', name: 'Komvux' },
            start: '2026-09-01',
            due: '2027-01-31',
            status: 'started',
          },
          { type: 'jobSearch', title: 'CV och personligt brev', owner: { kind: 'person' } },
        ],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      code = (await as('POST', `/api/people/${personId}/access-codes`)).json().code;
      browser = await launchBrowser();
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await temp?.destroy();
    });

    function context(javaScriptEnabled: boolean, locale = 'sv-SE', viewport = PHONE) {
      // bypassCSP only so axe-core can be injected; the pages run under their strict CSP.
      return browser.newContext({ locale, viewport, javaScriptEnabled, bypassCSP: true });
    }
    const signIn = (ctx: BrowserContext) =>
      signInWithSecondFactor(
        ctx,
        { baseUrl, store: temp.store },
        { email: 'cw@lulea.se', password: PASSWORD, secret: TOTP_SECRET },
      );
    const open = (ctx: BrowserContext, path: string) => openPage(ctx, baseUrl, path, errors);

    const submit = (page: Page, form: string, outcome: RegExp) =>
      Promise.all([page.waitForURL(outcome), page.locator(`${form} button[type=submit]`).click()]);

    it('the case worker changes the plan, writes a note, follows it up and confirms a level without JavaScript', async () => {
      const ctx = await context(false);
      await signIn(ctx);
      const page = await open(ctx, `/personer/${personId}/plan`);
      expect(await page.locator('h1').textContent()).toBe('Individuell plan: Amal Qx4');
      expect(await page.locator('table.plan-steps tbody tr').count()).toBe(2);
      // The ladder proposes level 1 (a plan is made): nothing changes until the case worker confirms.
      expect(await page.locator('#ladder-title').textContent()).toBe('Stegen');
      expect(await page.locator('section[aria-labelledby=ladder-title]').textContent()).toContain(
        'Ingen nivå ännu.',
      );
      await screenshot(page, `iplan-caseworker-360-${dialect}`);
      await expectFitsWidth(page);

      // The plan form: the sfi step done, a new praktik step (a version each save).
      await page.selectOption('#status-0', 'done');
      await page.selectOption('#new-type', 'praktik');
      await page.fill('#new-title', 'Praktik på äldreboende');
      await page.fill('#new-due', '2027-03-31');
      await submit(page, 'form.plan-form', /klart=plan/);
      expect(await page.locator('p.notice[role=status]').first().textContent()).toContain('sparad');
      const rows = page.locator('table.plan-steps tbody tr');
      expect(await rows.count()).toBe(3);
      expect(await rows.nth(2).textContent()).toContain('Praktik på äldreboende');
      expect(await page.locator('#history-title + ol li').count()).toBe(2);

      // A guidance note with a follow-up, then the follow-up done.
      await page.fill('#note-text', 'Vi gick igenom praktiken. Nästa möte i januari.');
      await page.fill('#note-follow', '2027-01-15');
      await submit(page, `form[action$="/anteckningar"]`, /klart=note/);
      expect(await page.locator('ul.notes').textContent()).toContain('Vi gick igenom praktiken.');
      await submit(page, 'form[action$="/uppfoljd"]', /klart=followUp/);
      expect(await page.locator('ul.notes').textContent()).toContain('Uppföljd');
      expect(await page.locator('form[action$="/uppfoljd"]').count()).toBe(0);

      // The ladder: level 1 proposed, confirmed by the case worker; then level 2 (the sfi step is done).
      await submit(page, 'section[aria-labelledby=ladder-title] form', /klart=ladder/);
      expect(await page.locator('section[aria-labelledby=ladder-title]').textContent()).toContain(
        'Nivå 1: Plan klar',
      );
      await submit(page, 'section[aria-labelledby=ladder-title] form', /klart=ladder/);
      const ladder = page.locator('section[aria-labelledby=ladder-title]');
      expect(await ladder.locator('li[aria-current=step]').textContent()).toContain('Sfi-kurs klar');
      expect(await ladder.locator('a[href*="certificate.pdf?level=2"]').count()).toBe(1);
      expect(await ladder.locator('form').count()).toBe(0);
      await screenshot(page, `iplan-caseworker-done-360-${dialect}`);
      await expectFitsWidth(page);
      // The caseload: the person with the praktik step due, linked to the plan.
      const caseload = await open(ctx, '/personer/arenden');
      expect(await caseload.locator('h1').textContent()).toBe('Mina ärenden');
      const row = caseload.locator('table.caseload tbody tr');
      expect(await row.count()).toBe(1);
      expect(await row.locator('th a').getAttribute('href')).toBe(`/personer/${personId}/plan`);
      await screenshot(caseload, `iplan-caseload-360-${dialect}`);
      await expectFitsWidth(caseload);
      await ctx.close();

      // axe with JavaScript on, at a phone's width and at a desktop's.
      for (const viewport of [PHONE, DESKTOP]) {
        const axeCtx = await context(true, 'sv-SE', viewport);
        await signIn(axeCtx);
        const checked = await open(axeCtx, `/personer/${personId}/plan`);
        await checkAccessible(checked, `plan page (case worker, ${viewport.width} px)`);
        const old = await open(axeCtx, `/personer/${personId}/plan?version=1`);
        await checkAccessible(old, `plan page, version 1 (case worker, ${viewport.width} px)`);
        const caseloadPage = await open(axeCtx, '/personer/arenden');
        await checkAccessible(caseloadPage, `caseload (case worker, ${viewport.width} px)`);
        if (viewport === DESKTOP) await screenshot(checked, `iplan-caseworker-1280-${dialect}`);
        await axeCtx.close();
      }
      expect(errors).toEqual([]);
    });

    it('the person opens their own plan and ladder in Arabic, right to left, at 360 px', async () => {
      const ctx = await context(false, 'ar');
      const start = await ctx.newPage();
      await start.goto(`${baseUrl}/min/${code}`);
      await Promise.all([
        start.waitForURL((u) => u.pathname === '/min-sida'),
        start.locator('form button[type=submit]').last().click(),
      ]);
      const page = await open(ctx, '/min-sida/plan?lang=ar');
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('html').getAttribute('lang')).toBe('ar');
      expect(await page.locator('h1').textContent()).toBe('خطتي');
      // The draft is marked as a draft; the plan's steps are there, the notes and the forms are not.
      expect(await page.locator('.draft-note').count()).toBe(1);
      const steps = page.locator('ol.plan-step-list > li');
      expect(await steps.count()).toBe(3);
      expect(await steps.first().locator('dd').first().textContent()).toMatch(/^منجز/);
      const body = (await page.locator('main').textContent()) ?? '';
      expect(body).not.toContain('Vi gick igenom praktiken.');
      expect(await page.locator('form[method=post]').count()).toBe(0);
      // Their ladder: level 2 reached, its certificate to download.
      expect(await page.locator('ol.ladder li[aria-current=step]').textContent()).toContain('Sfi-kurs klar');
      expect(await page.locator('ol.ladder a[href*="certificate.pdf?level=2"]').count()).toBe(1);
      // A step's facts start at the right edge (right to left).
      const term = await steps.first().locator('dt').first().boundingBox();
      const card = await steps.first().boundingBox();
      expect((term?.x ?? 0) + (term?.width ?? 0)).toBeGreaterThan((card?.x ?? 0) + (card?.width ?? 0) - 40);
      await screenshot(page, `iplan-own-ar-360-${dialect}`);
      await expectFitsWidth(page);
      // axe with JavaScript on, in a twin context holding the same session.
      const axeCtx = await browser.newContext({
        storageState: await ctx.storageState(),
        locale: 'ar',
        viewport: PHONE,
        bypassCSP: true,
      });
      await ctx.close();
      const checked = await open(axeCtx, '/min-sida/plan?lang=ar');
      await checkAccessible(checked, 'own plan page (Arabic)');
      const swedish = await open(axeCtx, '/min-sida/plan?lang=sv');
      await checkAccessible(swedish, 'own plan page (Swedish)');
      await axeCtx.close();
      expect(errors).toEqual([]);
    });
  });
}
