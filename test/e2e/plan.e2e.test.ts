/**
 * Plan in a real browser (Debian chromium) against a real server over a private copy of the fixture:
 * a strategist creates a goal and binds a Kolada indicator in the editor, assigns a reporter; the
 * reporter fills the follow-up and marks it ready; the strategist approves and publishes; anyone sees
 * it on the public site. axe-core checks every page (WCAG 2.1 AA); screenshots at desktop and phone
 * widths go to test-results/screenshots/.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountService } from '../../src/accounts/account.service.js';
import { importPlanFile } from '../../src/domain/plan/plan.service.js';
import { PlanRepository } from '../../src/store/repositories/plan.repository.js';
import { PASSWORD } from '../support/accounts.js';
import { DIALECTS } from '../support/dialects.js';
import { FIXTURE_PLAN_YAML } from '../support/plan-files.js';
import {
  accessibilityCheck,
  expectFitsWidth,
  launchBrowser,
  SWEDISH_BROWSER,
  screenshot,
  startWritableFixtureServer,
  type TestServer,
} from './browser.js';

const PHONE = { width: 375, height: 740 };

for (const dialect of DIALECTS) {
  describe(`Plan in the browser (${dialect})`, () => {
    const checkAccessible = accessibilityCheck(dialect);
    let server: TestServer;
    let browser: Awaited<ReturnType<typeof launchBrowser>>;
    let planId: number;
    const errors: string[] = [];

    beforeAll(async () => {
      server = await startWritableFixtureServer(dialect);
      planId = await importPlanFile(new PlanRepository(server.store.db), FIXTURE_PLAN_YAML, 'plan.yaml');
      const accounts = new AccountService(server.store.repositories);
      await accounts.addOrganisation(null, { id: '1282', name: 'Landskrona stad' });
      for (const [email, role] of [
        ['strateg@landskrona.se', 'strategist'],
        ['rapportor@landskrona.se', 'reporter'],
      ] as const)
        await accounts.addUser(null, { email, organisationId: '1282', role, password: PASSWORD });
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function context(email?: string, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
      // bypassCSP only so axe-core can be injected; the pages run under their strict CSP.
      const ctx = await browser.newContext({ ...SWEDISH_BROWSER, bypassCSP: true, viewport });
      if (email) {
        const page = await ctx.newPage();
        await page.goto(`${server.baseUrl}/logga-in`);
        await page.fill('#email', email);
        await page.fill('#password', PASSWORD);
        await Promise.all([
          page.waitForURL((u) => !u.pathname.startsWith('/logga-in')),
          page.click('form.account-form button[type=submit]'),
        ]);
        await page.close();
      }
      return ctx;
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

    /** Submits the form holding `button` and waits for the redirect back. */
    async function submit(page: Page, button: ReturnType<Page['locator']>) {
      await Promise.all([page.waitForURL(/(klart|fel)=/), button.click()]);
    }

    it('walks a follow-up round: goal, Kolada indicator, report, approve, publish, public site', async () => {
      const strategist = await context('strateg@landskrona.se');
      // The editor: a new goal under the goal area, with the keyboard-usable forms.
      const editor = await open(strategist, `/plan/${planId}/redigera`);
      await checkAccessible(editor, 'editor');
      await editor.selectOption('#new-parent', { label: '1 Arbete och egen försörjning' });
      await editor.fill('#new-code', '1.2');
      await editor.fill('#new-title', 'Fler kvinnor i arbete');
      await editor.fill('#new-responsible', 'Vuxenutbildningen');
      await submit(editor, editor.locator('form:has(#new-title) button[type=submit]'));
      await expect(editor.locator('.notice[role=status]').textContent()).resolves.toContain(
        'Målet är tillagt',
      );
      const node = editor
        .locator('.editor-node__head strong', { hasText: 'Fler kvinnor i arbete' })
        .locator('xpath=ancestor::li[1]');
      const nodeId = (await node.getAttribute('id'))!.replace('node-', '');
      // Bind a Kolada indicator (keyboard: open the disclosure with Enter).
      await editor.locator(`#node-${nodeId} > details > summary`, { hasText: 'Lägg till indikator' }).focus();
      await editor.keyboard.press('Enter');
      await editor.fill(`#ind-${nodeId}-title`, 'Andel nyanlända kvinnor i arbete eller studier');
      await editor.fill(`#ind-${nodeId}-kpi`, 'N00700');
      await editor.selectOption(`#ind-${nodeId}-gender`, 'K');
      await editor.fill(`#ind-${nodeId}-unit`, '%');
      await editor.selectOption(`#ind-${nodeId}-compare`, 'kommungrupp');
      await editor.fill(`#ind-${nodeId}-targets`, '2022=45; 2024=55');
      await submit(editor, editor.locator(`form:has(#ind-${nodeId}-kpi) button[type=submit]`));
      await expect(editor.locator('.notice[role=status]').textContent()).resolves.toContain(
        'Indikatorn är tillagd',
      );
      await editor.selectOption(`#assign-${nodeId}`, { label: 'rapportor@landskrona.se (reporter)' });
      await submit(editor, editor.locator(`form:has(#assign-${nodeId}) button[type=submit]`));
      await expect(editor.locator(`#node-${nodeId} .reporter-list`).textContent()).resolves.toContain(
        'rapportor@landskrona.se',
      );
      await checkAccessible(editor, 'editor after changes');
      await screenshot(editor, `plan-editor-${dialect}`);

      // The reporter sees what is due: only their goal, its indicator.
      const reporter = await context('rapportor@landskrona.se');
      const report = await open(reporter, `/plan/${planId}/rapportera?period=2022`);
      await checkAccessible(report, 'follow-up form');
      const due = await report.locator('.due-table tbody tr').allTextContents();
      expect(due).toHaveLength(2);
      expect(due[0]).toContain('Fler kvinnor i arbete');
      expect(due[1]).toContain('Andel nyanlända kvinnor');
      expect(await report.locator('.report-node').count()).toBe(1);
      await report.locator(`#verdict-${nodeId}-troligt`).check();
      await report.fill(`#comment-node-${nodeId}`, 'Fler kvinnor har börjat på yrkesutbildning.');
      await submit(report, report.locator(`#node-${nodeId} button[value=ready]`));
      await expect(report.locator('.notice[role=status]').textContent()).resolves.toContain('klarmarkerat');
      await expect(report.locator(`#node-${nodeId} .state`).textContent()).resolves.toBe('Klarmarkerad');
      await screenshot(report, `plan-report-${dialect}`);

      // The strategist approves and publishes.
      const approve = await open(strategist, `/plan/${planId}/rapportera?period=2022`);
      await submit(approve, approve.locator(`#node-${nodeId} button[value=approve]`));
      await expect(approve.locator(`#node-${nodeId} .state`).textContent()).resolves.toBe('Godkänd');
      const publish = await open(strategist, `/plan/${planId}/redigera`);
      await submit(publish, publish.locator('button', { hasText: 'Publicera' }));

      const overview = await open(strategist, `/plan/${planId}?period=2022`);
      await checkAccessible(overview, 'overview');
      await expect(overview.locator('.summary-quote').textContent()).resolves.toMatch(
        /av 3 indikatorer utvecklas positivt/,
      );
      await screenshot(overview, `plan-overview-${dialect}`);

      // Anyone, without signing in: the public site shows the approved verdict and the chart.
      const anonymous = await context();
      const pub = await open(anonymous, `/uppfoljning/${planId}?period=2022`);
      await expect(pub.locator(`[data-node="${nodeId}"] .verdict`).first().textContent()).resolves.toContain(
        'Troligt att målet nås',
      );
      await checkAccessible(pub, 'public overview');
      await screenshot(pub, `plan-public-${dialect}`);
      const goal = await open(anonymous, `/uppfoljning/${planId}/mal/${nodeId}?period=2022`);
      await goal.locator('.chart svg').first().waitFor();
      await expect(goal.locator('main').textContent()).resolves.toContain('Källa: Kolada');
      await expect(goal.locator('main').textContent()).resolves.toContain(
        'Fler kvinnor har börjat på yrkesutbildning.',
      );
      await checkAccessible(goal, 'public goal page');
      await screenshot(goal, `plan-public-goal-${dialect}`);

      // Small screens: nothing wider than the viewport.
      const phone = await context('rapportor@landskrona.se', PHONE);
      for (const [name, path] of [
        ['report', `/plan/${planId}/rapportera?period=2022`],
        ['overview', `/plan/${planId}?period=2022`],
        ['goal', `/plan/${planId}/mal/${nodeId}?period=2022`],
      ] as const) {
        const p = await open(phone, path);
        const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, name).toBeLessThanOrEqual(0);
        await screenshot(p, `plan-${name}-phone-${dialect}`);
      }
      expect(errors).toEqual([]);
    }, 180_000);

    it('runs a report to the nämnd on the reports page, without JavaScript: draft, activate, approve, freeze', async () => {
      // After the round above: 2022 has an approved verdict. JavaScript off: plain forms only.
      const strategist = await context('strateg@landskrona.se');
      const noScript = await browser.newContext({
        ...SWEDISH_BROWSER,
        bypassCSP: true,
        javaScriptEnabled: false,
      });
      await noScript.addCookies(await strategist.cookies());
      const page = await open(noScript, `/plan/${planId}/rapporter`);
      await expect(page.locator('h1').textContent()).resolves.toBe('Rapporter');
      await expect(page.locator('main').textContent()).resolves.toContain('Planen har inga rapporter än.');
      await page.selectOption('#report-period', '2022');
      // The part of the goal approved above (the whole plan's other goals are not ready: approving
      // that report would be refused, naming them).
      await page.selectOption('#report-scope', { label: '1.2 Fler kvinnor i arbete' });
      await submit(page, page.locator('form:has(#report-period) button[type=submit]'));
      await expect(page.locator('.notice[role=status]').textContent()).resolves.toContain(
        'Utkastet är skapat',
      );
      await expect(page.locator('tbody tr').first().textContent()).resolves.toContain('utkast');
      for (const [button, done] of [
        ['Aktivera (e-post till rapportörerna)', 'aktiverad'],
        ['Godkänn', 'godkänd'],
        ['Fastställ', 'fastställd'],
      ] as const) {
        await submit(page, page.locator('tbody button', { hasText: button }));
        await expect(page.locator('.error').count(), button).resolves.toBe(0);
        await expect(page.locator('tbody tr').first().textContent()).resolves.toContain(done);
      }
      const links = await page.locator('tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual(
        ['docx', 'html', 'pdf', 'xlsx'].map((f) => expect.stringMatching(new RegExp(`/rapport\\.${f}$`))),
      );
      // The whole plan for 2022: its other goals are not marked ready, and the page names them.
      await page.selectOption('#report-period', '2022');
      await submit(page, page.locator('form:has(#report-period) button[type=submit]'));
      await expect(page.locator('tbody tr').count()).resolves.toBe(2);
      await submit(page, page.locator('tbody button', { hasText: 'Aktivera' }));
      await expect(page.locator('tbody .hint', { hasText: 'Inte klarmarkerat än' }).count()).resolves.toBe(1);
      await submit(page, page.locator('tbody button', { hasText: 'Godkänn' }));
      await expect(page.locator('.error[role=alert]').textContent()).resolves.toContain(
        'Alla delar är inte klarmarkerade än.',
      );
      await screenshot(page, `plan-reports-${dialect}`);
      const withScript = await open(strategist, `/plan/${planId}/rapporter`);
      await checkAccessible(withScript, 'reports page');
      const phone = await open(await context('strateg@landskrona.se', PHONE), `/plan/${planId}/rapporter`);
      await checkAccessible(phone, 'reports page on a phone');
      await screenshot(phone, `plan-reports-phone-${dialect}`);
      // The overview links to it.
      const overview = await open(strategist, `/plan/${planId}`);
      await expect(overview.locator('a', { hasText: 'Rapporter till nämnden' }).count()).resolves.toBe(1);
      expect(errors).toEqual([]);
    }, 240_000);
    it('lists the frozen reports on the public site (not the draft), with their files; accessible', async () => {
      // After the test above: a frozen report for goal 1.2 and an activated one for the whole plan.
      const anyone = await context();
      const page = await open(anyone, `/uppfoljning/${planId}/rapporter`);
      await expect(page.locator('h1').textContent()).resolves.toBe('Fastställda rapporter');
      await expect(page.locator('tbody tr').count()).resolves.toBe(1);
      await expect(page.locator('tbody th').textContent()).resolves.toContain('2022');
      await expect(page.locator('tbody td').first().textContent()).resolves.toBe('1.2 Fler kvinnor i arbete');
      const links = await page.locator('tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual(
        ['html', 'pdf', 'docx', 'xlsx'].map((f) =>
          expect.stringMatching(new RegExp(`^/uppfoljning/${planId}/rapporter/\\d+/rapport\\.${f}$`)),
        ),
      );
      for (const link of links) {
        const res = await page.request.get(`${server.baseUrl}${link}`);
        expect(res.status(), link!).toBe(200);
      }
      await checkAccessible(page, 'public reports');
      const overview = await open(anyone, `/uppfoljning/${planId}`);
      await expect(
        overview.locator(`a[href="/uppfoljning/${planId}/rapporter"]`).textContent(),
      ).resolves.toBe('Fastställda rapporter till nämnden');
      const english = await open(anyone, `/uppfoljning/${planId}/rapporter?lang=en`);
      await expect(english.locator('h1').textContent()).resolves.toBe('Adopted reports');
      await checkAccessible(english, 'public reports in English');
      const phone = await open(
        await context(undefined, { width: 360, height: 740 }),
        `/uppfoljning/${planId}/rapporter`,
      );
      await expectFitsWidth(phone);
      await checkAccessible(phone, 'public reports on a phone');
      await screenshot(phone, `plan-public-reports-phone-${dialect}`);
      await screenshot(page, `plan-public-reports-${dialect}`);
      expect(errors).toEqual([]);
    }, 120_000);

    it('edits the report template without JavaScript and by keyboard: add a goal, move it up, errors located', async () => {
      const strategist = await context('strateg@landskrona.se');
      const noScript = await browser.newContext({
        ...SWEDISH_BROWSER,
        bypassCSP: true,
        javaScriptEnabled: false,
      });
      await noScript.addCookies(await strategist.cookies());
      const reports = await open(noScript, `/plan/${planId}/rapporter`);
      await Promise.all([
        reports.waitForURL(/\/rapporter\/mall$/),
        reports.locator('a', { hasText: 'Ändra rapportmallen' }).click(),
      ]);
      const page = reports;
      await expect(page.locator('h1').textContent()).resolves.toBe('Rapportmall');
      const names = () => page.locator('.template-section h3').allTextContents();
      await expect(names()).resolves.toEqual([
        'Avsnitt 1: Inledning',
        'Avsnitt 2: Sammanfattning',
        'Avsnitt 3: Ett avsnitt per målområde med mål, indikatorer, diagram och åtgärder',
      ]);
      // A goal section without choosing the goal: the error names the new section's form.
      await page.selectOption('#add-type', 'goal');
      await submit(page, page.locator('form:has(#add-type) button[type=submit]'));
      await expect(page.locator('.error[role=alert]').textContent()).resolves.toContain(
        'Nytt avsnitt: välj vilket mål avsnittet ska visa.',
      );
      await expect(page.locator('#add-node').getAttribute('aria-invalid')).resolves.toBe('true');
      await page.selectOption('#add-type', 'goal');
      await page.selectOption('#add-node', { label: '1.2 Fler kvinnor i arbete' });
      await Promise.all([
        page.waitForURL(/klart=template-add/),
        page.locator('form:has(#add-type) button[type=submit]').click(),
      ]);
      await expect(page.locator('.notice[role=status]').textContent()).resolves.toBe(
        'Avsnittet är tillagt sist i mallen.',
      );
      // By keyboard: focus the new section's "Flytta upp" and press Enter, twice.
      for (const at of [4, 3]) {
        await page.locator(`#avsnitt-${at} button`, { hasText: 'Flytta upp' }).focus();
        // The redirect points at the section's new place: a URL that differs from the one before.
        await Promise.all([
          page.waitForURL(new RegExp(`klart=template-move#avsnitt-${at - 1}$`)),
          page.keyboard.press('Enter'),
        ]);
      }
      await expect(names()).resolves.toEqual([
        'Avsnitt 1: Inledning',
        'Avsnitt 2: Ett mål: 1.2 Fler kvinnor i arbete',
        'Avsnitt 3: Sammanfattning',
        'Avsnitt 4: Ett avsnitt per målområde med mål, indikatorer, diagram och åtgärder',
      ]);
      // Leave out the goal's charts.
      await page.locator('#s2-charts').uncheck();
      await Promise.all([
        page.waitForURL(/klart=template-update/),
        page.locator('#avsnitt-2 button', { hasText: 'Spara avsnittet' }).click(),
      ]);
      await expect(page.locator('#s2-charts').isChecked()).resolves.toBe(false);
      await screenshot(page, `plan-report-template-${dialect}`);
      const withScript = await open(strategist, `/plan/${planId}/rapporter/mall`);
      await checkAccessible(withScript, 'report template');
      const english = await open(strategist, `/plan/${planId}/rapporter/mall?lang=en`);
      await expect(english.locator('h1').textContent()).resolves.toBe('Report template');
      await checkAccessible(english, 'report template in English');
      const phone = await open(
        await context('strateg@landskrona.se', { width: 360, height: 740 }),
        `/plan/${planId}/rapporter/mall`,
      );
      await expectFitsWidth(phone);
      await checkAccessible(phone, 'report template on a phone');
      await screenshot(phone, `plan-report-template-phone-${dialect}`);
      expect(errors).toEqual([]);
    }, 180_000);
  });
}
