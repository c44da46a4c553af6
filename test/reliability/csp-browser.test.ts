/**
 * The Content-Security-Policy in a real browser (Debian chromium): Swagger UI at /v3/docs renders its
 * operations with no CSP violation, and an injected inline script is blocked (the policy bites).
 */
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS } from '../support/dialects.js';
import { createTempStore, type TempStore } from '../support/temp-store.js';

const dialect = DIALECTS[0] ?? 'sqlite';

/** Collects CSP violations the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return async () => [
    ...console,
    ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)),
  ];
}

describe(`CSP in a browser (${dialect})`, () => {
  let temp: TempStore;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    temp = await createTempStore(dialect);
    app = await buildApp({ store: temp.store, settings: loadSettings({}) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    base = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await temp?.destroy();
  });

  it('renders Swagger UI at /v3/docs without CSP violations', async () => {
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    const response = await page.goto(`${base}/v3/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    // Open one operation: its parameters and "Try it out" render too.
    await page.locator('.opblock-summary').first().click();
    await page.locator('.parameters-container, .opblock-description-wrapper').first().waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it('blocks an inline script on the same page (the policy is enforced, not only sent)', async () => {
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    await page.goto(`${base}/v3/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    expect((await violations()).some((v) => v.includes('script-src'))).toBe(true);
    await page.close();
  });
});
