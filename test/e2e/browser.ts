/**
 * Shared helpers for the browser tests: Debian's chromium through playwright-core (no browser
 * downloads), the app on a real port over the real data, axe-core, screenshots, number parsing.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { loadSettings } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import type { Dialect, Store } from '../../src/store/database.js';
import { openRealStore, REPO_ROOT, realStoreEnv, SHARED_DATA } from '../support/real-data.js';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
];
export const SCREENSHOTS = join(REPO_ROOT, 'test-results/screenshots');
export const BOUNDARIES = join(SHARED_DATA, 'geo/kommuner.geojson');
const AXE = join(REPO_ROOT, 'node_modules/axe-core/axe.min.js');

export interface RealServer {
  store: Store;
  app: FastifyInstance;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real app, listening on a free loopback port, over the shared real-data store. */
export async function startRealServer(
  dialect: Dialect,
  env: Record<string, string> = {},
): Promise<RealServer> {
  const store = await openRealStore(dialect);
  const settings = loadSettings({
    ...realStoreEnv(dialect),
    ETABLERA_BOUNDARIES_FILE: BOUNDARIES,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await buildApp({ store, settings });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    store,
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
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
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
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
