/**
 * Shared helpers for the browser tests: Debian's chromium through playwright-core (no browser
 * downloads), the app on a real port over the real-data fixture (test/support/fixture.ts) or an empty store, pages whose errors are
 * collected, axe-core, screenshots, number parsing.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadSettings, type Settings } from '../../src/config/settings.js';
import { CHROMIUM_FLAGS, chromiumPath } from '../../src/documents/pdf-renderer.js';
import { buildApp } from '../../src/http/app.js';
import type { Dialect, Store } from '../../src/store/database.js';
import { DIALECTS } from '../support/dialects.js';
import { createFixtureStore, fixtureStoreEnv, openFixtureStore } from '../support/fixture.js';
import { REPO_ROOT } from '../support/real-data.js';
import { createTempStore } from '../support/temp-store.js';

export const SCREENSHOTS = join(REPO_ROOT, 'test-results/screenshots');
const AXE = join(REPO_ROOT, 'node_modules/axe-core/axe.min.js');

export interface TestServer {
  store: Store;
  app: FastifyInstance;
  baseUrl: string;
  close(): Promise<void>;
}
export type RealServer = TestServer;

/** The app built over `store`, listening on a free loopback port; `close` also runs `release`. */
async function listen(store: Store, settings: Settings, release: () => Promise<void>): Promise<TestServer> {
  const app = await buildApp({ store, settings });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    store,
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await release();
    },
  };
}

/**
 * The real app, listening on a free loopback port, over the shared fixture store (the bundled map).
 */
export async function startRealServer(
  dialect: Dialect,
  env: Record<string, string> = {},
): Promise<RealServer> {
  const store = await openFixtureStore(dialect);
  const settings = loadSettings({
    ...fixtureStoreEnv(dialect),
    LOG_LEVEL: 'silent',
    ...env,
  });
  return listen(store, settings, () => store.close());
}

/** The real app over a private copy of the fixture store, for browser tests that write (Plan). */
export async function startWritableFixtureServer(dialect: Dialect): Promise<TestServer> {
  const temp = await createFixtureStore(dialect);
  return listen(temp.store, loadSettings({ LOG_LEVEL: 'silent', ETABLERA_RATE_LIMIT_MAX: '0' }), () =>
    temp.destroy(),
  );
}

/** The app with default settings (and `env`) over a fresh empty store, on a free loopback port. */
export async function startEmptyServer(
  dialect: Dialect,
  env: Record<string, string> = {},
): Promise<TestServer> {
  const temp = await createTempStore(dialect);
  return listen(temp.store, loadSettings(env), () => temp.destroy());
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
}

/** A browser set to Swedish, as the pages' users have (Accept-Language chooses the page language). */
export const SWEDISH_BROWSER = { locale: 'sv-SE' } as const;

export interface PageSession {
  browser: Browser;
  context: BrowserContext;
  /** Script errors, console errors and failed requests of every page `open` opened, with its path. */
  pageErrors: string[];
  /** Opens the app's page at `path` and expects it to answer 200. */
  open(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** A browser and one context on the server at `baseUrl`, for checking the app's pages. */
export async function startPageSession(baseUrl: string): Promise<PageSession> {
  const browser = await launchBrowser();
  // bypassCSP only so axe-core can be injected; the app's own pages run under its strict CSP.
  const context = await browser.newContext({
    ...SWEDISH_BROWSER,
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const pageErrors: string[] = [];
  return {
    browser,
    context,
    pageErrors,
    async open(path) {
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`));
      page.on('console', (m) => {
        // Failed loads are reported with their URL below.
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
          pageErrors.push(`${path}: ${m.text()}`);
      });
      page.on('response', (r) => {
        // /api/status belongs to the sync feature; the progress line must cope with its absence.
        if (r.status() >= 400 && !r.url().endsWith('/api/status'))
          pageErrors.push(`${path}: ${r.status()} ${r.url()}`);
      });
      const response = await page.goto(`${baseUrl}${path}`);
      expect(response?.status(), path).toBe(200);
      return page;
    },
    async close() {
      await context.close();
      await browser.close();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[]; passes: unknown[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      // Every violation is still reported with all its nodes; passes and incomplete results keep only
      // their first node, which saves about 40 % of axe's time (the e2e files run hundreds of checks).
      resultTypes: ['violations'],
    });
    // A run that checked nothing would also report no violations.
    if (result.passes.length < 10) throw new Error(`axe-core checked only ${result.passes.length} rules`);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
}

/** Expects axe-core to find no violation on the page; the message lists them, named `name`. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/**
 * The accessibility check of a file that runs on every backend. axe judges the HTML, which the two
 * backends render alike, and it is the slowest part of the browser tests (a few seconds a page); so
 * the flows and their assertions run on every backend, and axe on the first of the run (SQLite,
 * which every run has, also a clone without PostgreSQL). On the others this check does nothing.
 */
export function accessibilityCheck(dialect: Dialect): (page: Page, name: string) => Promise<void> {
  return dialect === DIALECTS[0] ? expectAccessible : async () => {};
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * A number as the page shows it (Swedish or English) and how precise it is: "1 234,5" → 1234.5
 * with 1 decimal; "−0,25" → -0.25 with 2. Null for Kolada's symbols.
 */
export function parseShown(
  text: string,
  lang: 'sv' | 'en' = 'sv',
): { value: number; decimals: number } | null {
  let t = text
    .trim()
    .replace(/[\u2009\u00a0\u202f\s]/g, '')
    .replace(/\u2212/g, '-');
  if (lang === 'sv') t = t.replace(/\./g, '').replace(',', '.');
  else t = t.replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return { value: Number(t), decimals: t.includes('.') ? t.split('.')[1]!.length : 0 };
}

/** True when `shown` is `expected` rounded to the shown number of decimals. */
export function matchesRounded(shown: { value: number; decimals: number }, expected: number): boolean {
  return Math.abs(shown.value - expected) <= 0.5 * 10 ** -shown.decimals + 1e-9;
}

/**
 * For the calling describe: the real server and a page session on it, started before its tests and
 * stopped after them. Read `server` and `session` inside the tests.
 */
export function useRealServerPages(dialect: Dialect): { server: RealServer; session: PageSession } {
  const live = {} as { server: RealServer; session: PageSession };
  beforeAll(async () => {
    live.server = await startRealServer(dialect);
    live.session = await startPageSession(live.server.baseUrl);
  });
  afterAll(async () => {
    await live.session?.close();
    await live.server?.close();
  });
  return live;
}

/**
 * For the calling describe: the app over an empty store and a browser, started before its tests and
 * stopped after them. Read `server` and `browser` inside the tests.
 */
export function useEmptyServerBrowser(dialect: Dialect): { server: TestServer; browser: Browser } {
  const live = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    live.server = await startEmptyServer(dialect);
    live.browser = await launchBrowser();
  });
  afterAll(async () => {
    await live.browser?.close();
    await live.server?.close();
  });
  return live;
}

/**
 * Signs `email` in on `page`: password, then the current code of `secret` (Process roles need the
 * second factor). The user's last used code step is forgotten first: a code is accepted once per 30 s
 * step, and a test that signs the same user in twice within a step would otherwise be refused as a
 * replay (the refusal itself is tested in second-factor.test.ts).
 */
export async function signInOnPage(
  page: Page,
  { baseUrl, store }: { baseUrl: string; store: Store },
  { email, password, secret }: { email: string; password: string; secret: string },
): Promise<void> {
  await page.goto(`${baseUrl}/logga-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await store.db.updateTable('app_user').set({ totp_last_step: null }).where('email', '=', email).execute();
  await Promise.all([
    page.waitForURL(/\/logga-in\/kod/),
    page.click('form.account-form button[type=submit]'),
  ]);
  await page.getByLabel('Kod').fill(await generate({ secret }));
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/logga-in')),
    page.getByRole('button', { name: 'Fortsätt' }).click(),
  ]);
}

/** Signs in on a new page of `ctx` (see `signInOnPage`); the session cookie stays in `ctx`. */
export async function signInWithSecondFactor(
  ctx: BrowserContext,
  server: { baseUrl: string; store: Store },
  user: { email: string; password: string; secret: string },
): Promise<void> {
  const page = await ctx.newPage();
  await signInOnPage(page, server, user);
  await page.close();
}

/** Opens `path` on a new page of `ctx` and expects 200; script errors go to `errors`, named by the path. */
export async function openPage(
  ctx: BrowserContext,
  baseUrl: string,
  path: string,
  errors: string[],
): Promise<Page> {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  const res = await page.goto(`${baseUrl}${path}`);
  expect(res?.status(), path).toBe(200);
  return page;
}

/** Expects no horizontal scroll at the page's width, naming the elements that stick out. */
export async function expectFitsWidth(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((e) => {
        // Inside a scrolling table wrapper, a wide table is the wrapper's business.
        if (e.closest('.table-scroll') && !e.classList.contains('table-scroll')) return false;
        // An SVG clips what it draws to its own box, and that box is checked as an element.
        if (e.closest('svg') && e.tagName.toLowerCase() !== 'svg') return false;
        const box = e.getBoundingClientRect();
        return (
          (e.scrollWidth > e.clientWidth + 1 &&
            getComputedStyle(e).overflowX === 'visible' &&
            e.clientWidth > 0) ||
          box.right > window.innerWidth + 0.5 ||
          box.left < -0.5
        );
      })
      .map(
        (e) => `${e.tagName}.${e.className} ${e.scrollWidth}/${e.clientWidth} ${e.textContent?.slice(0, 40)}`,
      );
    return { by: document.documentElement.scrollWidth - window.innerWidth, wide: wide.slice(0, 8) };
  });
  expect(overflow).toEqual({ by: 0, wide: [] });
}
