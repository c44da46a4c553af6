/**
 * Swagger UI at /v3/docs in a real browser (Debian chromium): the page loads its assets from under
 * /v3/docs, fetches /v3's document and shows the operations with the attribution.
 */
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { loadSettings } from '../../config/settings.js';
import { buildApp } from '../app.js';

const dialect = DIALECTS[0] ?? 'sqlite';

describe(`Swagger UI in a browser (${dialect})`, () => {
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

  for (const path of ['/v3/docs', '/v3/docs/']) {
    it(`renders the v3 operations at ${path}`, async () => {
      const page = await browser.newPage();
      const failed: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(`${base}${path}`);
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
