/**
 * Swagger UI at /v3/docs in a real browser (Debian chromium): the page loads its assets from under
 * /v3/docs, fetches /v3's document and shows the operations with the attribution.
 */
import { describe, expect, it } from 'vitest';
import { useEmptyServerBrowser } from '../../../test/e2e/browser.js';
import { DIALECTS } from '../../../test/support/dialects.js';

const dialect = DIALECTS[0] ?? 'sqlite';

describe(`Swagger UI in a browser (${dialect})`, () => {
  const live = useEmptyServerBrowser(dialect);

  for (const path of ['/v3/docs', '/v3/docs/']) {
    it(`renders the v3 operations at ${path}`, async () => {
      const page = await live.browser.newPage();
      const failed: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(`${live.server.baseUrl}${path}`);
      await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
      const operations = await page.locator('.opblock-summary-path').allTextContents();
      expect(operations.some((p) => p.includes('/v3/data/kpi/{kpi}/year/{year}'))).toBe(true);
      expect(operations.length).toBe(20);
      expect(await page.locator('.info').textContent()).toContain('Källa: Kolada');
      expect(failed).toEqual([]);
      await page.close();
    });
  }
});
