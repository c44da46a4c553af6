/**
 * The Content-Security-Policy in a real browser (Debian chromium): Swagger UI at /v3/docs renders its
 * operations with no CSP violation, and an injected inline script is blocked (the policy bites).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useEmptyServerBrowser } from '../e2e/browser.js';
import { DIALECTS } from '../support/dialects.js';

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
  const live = useEmptyServerBrowser(dialect);

  it('renders Swagger UI at /v3/docs without CSP violations', async () => {
    const page = await live.browser.newPage();
    const violations = await watchViolations(page);
    const response = await page.goto(`${live.server.baseUrl}/v3/docs`);
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
    const page = await live.browser.newPage();
    const violations = await watchViolations(page);
    await page.goto(`${live.server.baseUrl}/v3/docs`);
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
