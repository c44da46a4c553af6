/**
 * Issue 18's scenario in a real browser, on both databases: a case worker signs in (password and
 * code), records a person, gives the information, runs the interview in Swedish + Arabic (right to
 * left, side by side), adds an occupation found by an Arabic search, confirms suggested skills, records
 * a language, and downloads the skills profile (a tagged PDF); the person opens their one-time link on
 * a 360 px phone in Tigrinya and corrects a language level; the case worker sees the change as the
 * person's. A dropped connection mid-form loses nothing: the answer waits in the tab and is saved when
 * the connection is back. Without JavaScript, a save whose database connection dies (PostgreSQL) comes
 * back as the section with what was typed still in it, and saving again stores it. axe finds no WCAG 2.1
 * AA violation on any inventory page, in Swedish and in Arabic.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTIONS } from '../../src/domain/process/people/inventory-sections.js';
import { loadBundledTaxonomy } from '../../src/domain/process/taxonomy/taxonomy-loader.js';
import { PeopleRepository } from '../../src/store/repositories/people.repository.js';
import { PASSWORD, TOTP_SECRET } from '../support/accounts.js';
import { DIALECTS } from '../support/dialects.js';
import { keyLine, seedProcessUsers } from '../support/process.js';
import {
  accessibilityCheck,
  launchBrowser,
  SWEDISH_BROWSER,
  screenshot,
  signInOnPage,
  startEmptyServer,
  type TestServer,
} from './browser.js';

const FRISOR = 'tuoE_9Nj_fAS'; // Frisör; Arabic label "مصفف شعر" in the label pack
const PHONE = { width: 360, height: 740 };
const dir = mkdtempSync(join(tmpdir(), 'etablera-inventory-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const dialect of DIALECTS) {
  describe(`the competence inventory in the browser (${dialect})`, () => {
    const checkAccessible = accessibilityCheck(dialect);
    let server: TestServer;
    let browser: Browser;
    let caseworker: BrowserContext;
    let personId = '';
    let code = '';
    let arabicLanguage = '';
    const errors: string[] = [];

    beforeAll(async () => {
      server = await startEmptyServer(dialect, {
        LOG_LEVEL: 'silent',
        ETABLERA_RATE_LIMIT_MAX: '0',
        ETABLERA_PROCESS_KEYS: keyLine('k1'),
      });
      await loadBundledTaxonomy(server.store);
      await server.app.taxonomy.searchIndex();
      await seedProcessUsers(server.store);
      await new PeopleRepository(server.store.db).setLegalBasis('2580', 'allmänt intresse, art. 6.1 e');
      await server.store.db
        .updateTable('app_user')
        .set({ totp_secret: TOTP_SECRET, totp_enabled_at: new Date().toISOString() })
        .where('email', 'in', ['cw@lulea.se', 'padmin@lulea.se'])
        .execute();
      arabicLanguage =
        (await server.store.repositories.taxonomy.conceptsOfTypes(['language'])).find(
          (c) => c.label === 'Arabiska',
        )?.id ?? '';
      expect(arabicLanguage).not.toBe('');
      browser = await launchBrowser();
      caseworker = await context();
    }, 300_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    function context(options: { viewport?: { width: number; height: number } } = {}) {
      // bypassCSP only so axe-core can be injected; the pages run under their strict CSP.
      return browser.newContext({
        ...SWEDISH_BROWSER,
        bypassCSP: true,
        viewport: options.viewport ?? { width: 1280, height: 900 },
        acceptDownloads: true,
      });
    }
    function watch(page: Page, name: string): Page {
      page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
          errors.push(`${name}: ${m.text()}`);
      });
      return page;
    }
    const url = (path: string) => `${server.baseUrl}${path}`;
    /** Submits the form of `button` and waits for the page it leads to. */
    async function submit(page: Page, button: ReturnType<Page['locator']>) {
      await Promise.all([page.waitForNavigation(), button.click()]);
    }

    /** Signs in with password and code (case workers and Process admins need the second factor). */
    const signIn = (page: Page, email: string) =>
      signInOnPage(page, server, { email, password: PASSWORD, secret: TOTP_SECRET });

    it('a case worker records a person and interviews them in Swedish and Arabic', async () => {
      const page = watch(await caseworker.newPage(), 'caseworker');
      await signIn(page, 'cw@lulea.se');

      await page.goto(url('/personer/ny'));
      await page.getByLabel('Namn eller pseudonym').fill('Amal A.');
      await page.locator('#language').selectOption('ar');
      await submit(page, page.getByRole('button', { name: 'Registrera' }));
      personId = /\/personer\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
      expect(personId).not.toBe('');
      // The information in Arabic beside Swedish, acknowledged before anything is recorded.
      expect(await page.locator('[lang="ar"][dir="rtl"]').count()).toBeGreaterThan(0);
      await submit(page, page.getByRole('button', { name: 'Personen har tagit del av informationen' }));

      // Work: an occupation found by an Arabic search.
      await page.goto(url(`/personer/${personId}/inventering/work`));
      expect(await page.locator('.bi__second[lang="ar"][dir="rtl"]').count()).toBeGreaterThan(3);
      await page.locator('#q').fill('مصفف شعر');
      await submit(page, page.locator('button[name="op"][value="search"]'));
      const found = page.locator(`input[name="add_occupation"][value="${FRISOR}"]`);
      await found.check();
      await screenshot(page, `${dialect}-inventory-work-ar`);
      await submit(page, page.locator('button[name="op"][value="save"]'));
      expect(await page.locator(`input[name="work.0.occupation"]`).inputValue()).toBe(FRISOR);

      // Skills: the occupation's group suggests skills; two are confirmed.
      await page.goto(url(`/personer/${personId}/inventering/skills`));
      const suggestions = page.locator('input[name="skills"]');
      expect(await suggestions.count()).toBeGreaterThan(2);
      await suggestions.nth(0).check();
      await suggestions.nth(1).check();
      await submit(page, page.locator('button[name="op"][value="save"]'));
      expect(await page.locator('input[name="skills"]:checked').count()).toBe(2);

      // Languages: Arabic, with the four CEFR levels.
      await page.goto(url(`/personer/${personId}/inventering/languages`));
      await page.locator('#languages-0-language').selectOption(arabicLanguage);
      for (const skill of ['listening', 'reading', 'speaking', 'writing'])
        await page.locator(`#languages-0-${skill}`).selectOption('C2');
      await submit(page, page.locator('button[name="op"][value="save"]'));
      expect(await page.locator('#languages-0-speaking').inputValue()).toBe('C2');
      await screenshot(page, `${dialect}-inventory-languages-ar`);

      // The profile downloads as a tagged PDF.
      await page.goto(url(`/personer/${personId}`));
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Kompetensprofil (PDF)' }).click(),
      ]);
      const file = join(dir, `${dialect}-profile.pdf`);
      await download.saveAs(file);
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Kompetensprofil för Amal A.');
      expect(text).toContain('Frisör');
      expect(text).toContain('مصفف شعر');

      // A one-time code for the person's own view.
      await submit(page, page.getByRole('button', { name: 'Skapa engångskod' }));
      code =
        /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(await page.locator('.access-code').innerText())?.[0] ?? '';
      expect(code).not.toBe('');
      await page.close();
      expect(errors).toEqual([]);
    }, 180_000);

    it('the person opens the link on a phone in Tigrinya and corrects a language level', async () => {
      const phone = await context({ viewport: PHONE });
      const page = watch(await phone.newPage(), 'person');
      await page.goto(url(`/min/${code}?lang=ti`));
      expect(await page.locator('html').getAttribute('lang')).toBe('ti');
      await submit(page, page.locator('form button[type="submit"]').last());
      expect(new URL(page.url()).pathname).toBe('/min-sida');
      await page.goto(url('/min-sida/languages?lang=ti'));
      expect(await page.locator('html').getAttribute('lang')).toBe('ti');
      await page.locator('#languages-0-speaking').selectOption('B1');
      // The Tigrinya text is drawn with the font the server serves: this machine's chromium, like many
      // phones, has no Ethiopic font of its own and would show empty boxes.
      const ethiopic = await page.evaluate(async () => {
        await document.fonts.ready;
        return {
          faces: Array.from(document.fonts as unknown as Iterable<FontFace>)
            .filter((f) => f.family.replaceAll('"', '') === 'Noto Sans Ethiopic')
            .map((f) => f.status),
          drawn: document.fonts.check('16px "Noto Sans Ethiopic"', 'ቋንቋ'),
        };
      });
      expect(ethiopic.faces).toContain('loaded');
      expect(ethiopic.drawn).toBe(true);
      await screenshot(page, `${dialect}-inventory-own-ti-360`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await checkAccessible(page, 'own languages ti 360');
      await submit(page, page.locator('button[name="op"][value="save"]'));
      expect(await page.locator('#languages-0-speaking').inputValue()).toBe('B1');
      await phone.close();
      expect(errors).toEqual([]);
    }, 120_000);

    it('the case worker sees the change as the person’s', async () => {
      const page = watch(await caseworker.newPage(), 'caseworker again');
      await page.goto(url(`/personer/${personId}`));
      expect(await page.locator('.changed-by-person').innerText()).toContain('Språk');
      await page.goto(url(`/personer/${personId}/inventering/languages`));
      expect(await page.locator('#languages-0-speaking').inputValue()).toBe('B1');
      expect(await page.locator('#languages-0-listening').inputValue()).toBe('C2');
      await page.close();
      expect(errors).toEqual([]);
    }, 60_000);

    it('loses nothing when the connection drops mid-form: the answer waits in the tab and is saved once back', async () => {
      const page = watch(await caseworker.newPage(), 'caseworker offline');
      await page.goto(url(`/personer/${personId}/inventering/languages`));
      const status = page.locator('.autosave-status');
      const offline = (await status.getAttribute('data-offline')) ?? '';
      expect(offline).not.toBe('');
      expect(await page.locator('#languages-0-writing').inputValue()).not.toBe('A1');
      await caseworker.setOffline(true);
      try {
        await page.locator('#languages-0-writing').selectOption('A1');
        await expect.poll(() => status.innerText(), { timeout: 20_000 }).toBe(offline);
        // Nothing reached the server; the answer is kept in the tab.
        expect(
          await page.evaluate(() =>
            Object.keys(sessionStorage).filter((k) => k.startsWith('etablera-draft:')),
          ),
        ).toHaveLength(1);
      } finally {
        await caseworker.setOffline(false);
      }
      // Back online, the form sends what was typed by itself.
      await expect.poll(() => status.innerText(), { timeout: 20_000 }).not.toBe(offline);
      await expect
        .poll(
          () =>
            page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('etablera-draft:'))),
          {
            timeout: 20_000,
          },
        )
        .toEqual([]);
      await page.reload();
      expect(await page.locator('#languages-0-writing').inputValue()).toBe('A1');
      await page.close();
      expect(errors).toEqual([]);
    }, 120_000);

    // SQLite runs inside the process: it has no connection that could die under a write.
    it.skipIf(dialect !== 'postgres')(
      'keeps what was typed in a form posted without JavaScript when the connection dies as it saves',
      async () => {
        const noScript = await browser.newContext({
          ...SWEDISH_BROWSER,
          bypassCSP: true,
          javaScriptEnabled: false,
          viewport: { width: 1280, height: 900 },
        });
        try {
          const page = watch(await noScript.newPage(), 'caseworker without JavaScript');
          await signIn(page, 'cw@lulea.se');
          await page.goto(url(`/personer/${personId}/inventering/freeText`));
          const typed = 'Jag har arbetat som frisör i sex år och vill öppna en egen salong.';
          await page.locator('#freeText').fill(typed);
          // The backend that writes the save's audit entry is terminated before the commit.
          await sql`create function test_kill_own_backend() returns trigger language plpgsql as $$
              begin perform pg_terminate_backend(pg_backend_pid()); return new; end $$`.execute(
            server.store.db,
          );
          await sql`create trigger test_kill_writer before insert on audit_log for each row
              when (new.action = 'person.write') execute function test_kill_own_backend()`.execute(
            server.store.db,
          );
          let status = 0;
          try {
            const [response] = await Promise.all([
              page.waitForNavigation(),
              page.locator('#section-form button[name="op"]').first().click(),
            ]);
            status = response?.status() ?? 0;
          } finally {
            await sql`drop trigger test_kill_writer on audit_log`.execute(server.store.db);
            await sql`drop function test_kill_own_backend()`.execute(server.store.db);
          }
          expect(status).toBe(503);
          const alert = await page.getByRole('alert').innerText();
          expect(alert).toContain('Inget sparades');
          expect(alert).toContain('Det du skrev finns kvar i formuläret nedan');
          expect(await page.locator('#freeText').inputValue()).toBe(typed);
          // axe needs JavaScript, so this 503 page is not run through it; it is the interview page, which is.
          await screenshot(page, `inventory-503-kept-${dialect}`);
          // The last section has one button (save, no next section).
          await submit(page, page.locator('#section-form button[name="op"]').first());
          expect(new URL(page.url()).searchParams.get('klart')).toBe('saved');
          expect(await page.locator('#freeText').inputValue()).toBe(typed);
          await page.close();
        } finally {
          await noScript.close();
        }
        expect(errors).toEqual([]);
      },
      120_000,
    );

    it('has no WCAG 2.1 AA violation on any inventory page, in Swedish and in Arabic', async () => {
      const staff = [
        '/personer',
        '/personer/ny',
        `/personer/${personId}`,
        ...SECTIONS.map((s) => `/personer/${personId}/inventering/${s}`),
        `/personer/${personId}/inventering/work?sok=${encodeURIComponent('مصفف')}`,
      ];
      for (const lang of ['sv', 'ar'] as const)
        for (const path of staff) {
          const page = watch(await caseworker.newPage(), path);
          const res = await page.goto(url(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`));
          expect(res?.status(), path).toBe(200);
          if (lang === 'ar') expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
          await checkAccessible(page, `${lang} ${path}`);
          await page.close();
        }
      // The Process admin's settings page.
      const admin = await context();
      const adminPage = watch(await admin.newPage(), 'admin');
      await signIn(adminPage, 'padmin@lulea.se');
      for (const lang of ['sv', 'ar'] as const) {
        const res = await adminPage.goto(url(`/personer/installningar?lang=${lang}`));
        expect(res?.status()).toBe(200);
        await checkAccessible(adminPage, `${lang} /personer/installningar`);
      }
      await admin.close();
      // The person's own view, opened with a fresh code.
      const person = await context({ viewport: PHONE });
      for (const lang of ['sv', 'ar'] as const) {
        const page = watch(await person.newPage(), `own ${lang}`);
        await page.goto(url(`/min?lang=${lang}`));
        await checkAccessible(page, `${lang} /min`);
        await page.close();
      }
      const codePage = await caseworker.newPage();
      await codePage.goto(url(`/personer/${personId}`));
      await submit(codePage, codePage.getByRole('button', { name: 'Skapa engångskod' }));
      const fresh = /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(
        await codePage.locator('.access-code').innerText(),
      )?.[0];
      await codePage.close();
      const opener = await person.newPage();
      await opener.goto(url(`/min/${fresh}`));
      await submit(opener, opener.locator('form button[type="submit"]').last());
      await opener.close();
      for (const lang of ['sv', 'ar'] as const)
        for (const path of ['/min-sida', ...SECTIONS.map((s) => `/min-sida/${s}`)]) {
          const page = watch(await person.newPage(), path);
          const r = await page.goto(url(`${path}?lang=${lang}`));
          expect(r?.status(), path).toBe(200);
          await checkAccessible(page, `${lang} ${path}`);
          if (path === '/min-sida') await screenshot(page, `${dialect}-inventory-own-${lang}-360`);
          await page.close();
        }
      await person.close();
      expect(errors).toEqual([]);
    }, 300_000);
  });
}
