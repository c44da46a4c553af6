/**
 * The analysis pages in a real browser (Debian chromium) against a real server over the real Kolada
 * data, both backends: forms, the figures shown against the JSON API, the link into the comparator,
 * downloads, no JavaScript, axe-core, and screenshots in test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import {
  accessibilityCheck,
  matchesRounded,
  parseShown,
  SWEDISH_BROWSER,
  screenshot,
  useRealServerPages,
} from './browser.js';

const LANDSKRONA = '1282';

for (const dialect of DIALECTS) {
  describe(`analysis pages in the browser (${dialect})`, () => {
    const checkAccessible = accessibilityCheck(dialect);
    const live = useRealServerPages(dialect);
    const open = (path: string) => live.session.open(path);

    async function api<T>(path: string): Promise<T> {
      const reply = await fetch(`${live.server.baseUrl}${path}`);
      expect(reply.status, path).toBe(200);
      return (await reply.json()) as T;
    }

    it('similar municipalities: the table equals the API, and one click makes them the reference group', async () => {
      const page = await open(`/analys/liknande?kommun=${LANDSKRONA}`);
      const report = await api<{
        similar: { id: string; title: string; index: number }[];
        comparatorUrl: string;
      }>(`/api/analys/liknande?kommun=${LANDSKRONA}`);
      const rows = page.locator('#similar-table tbody tr');
      expect(await rows.count()).toBe(10);
      for (let i = 0; i < 10; i++) {
        const cells = await rows.nth(i).locator('th, td').allInnerTexts();
        expect(cells[1]).toBe(report.similar[i]!.title);
        const shown = parseShown(cells[2]!);
        expect(
          shown && matchesRounded(shown, report.similar[i]!.index),
          `${cells[2]} vs ${report.similar[i]!.index}`,
        ).toBe(true);
      }
      await checkAccessible(page, 'liknande');
      await screenshot(page, `${dialect}-analys-liknande`);
      await Promise.all([
        page.waitForURL(/\/kommun\/1282\?ref=urval&urval=/),
        page.locator('#use-as-reference').click(),
      ]);
      expect(page.url()).toBe(`${live.server.baseUrl}${report.comparatorUrl}`);
      // The comparator lists the chosen kommuner as its reference group.
      const members = page.locator('.reference-members');
      expect(await members.locator('summary').innerText()).toContain('(10)');
      expect(await members.textContent()).toContain(report.similar[0]!.title);
      await screenshot(page, `${dialect}-analys-liknande-to-comparator`);
      await page.close();
    });

    it('similar municipalities: the form switches to an integration area and to own weighted KPIs', async () => {
      const page = await open(`/analys/liknande?kommun=${LANDSKRONA}`);
      await page.getByLabel('Nyckeltal', { exact: true }).selectOption('arbete-studier');
      await Promise.all([
        page.waitForURL(/urval=arbete-studier/),
        page.getByRole('button', { name: 'Visa' }).click(),
      ]);
      expect(await page.locator('#kpi-table tbody tr').count()).toBeGreaterThan(3);
      await page.getByLabel('Nyckeltal', { exact: true }).selectOption('egen');
      await page.getByLabel('Egna nyckeltal med vikt').fill('N01951:2:log, N02926');
      // The first answer's address already holds an empty `kpier=`: wait for the one with the ids.
      await Promise.all([
        page.waitForURL(/kpier=N01951/),
        page.getByRole('button', { name: 'Visa' }).click(),
      ]);
      expect(await page.locator('#kpi-table tbody tr').count()).toBe(2);
      expect(await page.locator('#kpi-table').innerText()).toContain('logaritmerat');
      await page.close();
    });

    it('expected value: the SKR model with R², coefficients, residuals and the chosen kommun', async () => {
      const page = await open(`/analys/forvantat?kpi=N00700&kommun=${LANDSKRONA}`);
      const report = await api<{
        n: number;
        rSquared: number;
        municipalities: { id: string; residual: number }[];
        leftOut: unknown[];
        published: { pearson: number } | null;
      }>('/api/analys/forvantat?kpi=N00700');
      const facts = await page.locator('#model-facts dd').allInnerTexts();
      expect(Number(facts[0])).toBe(report.n);
      expect(matchesRounded(parseShown(facts[1]!)!, report.rSquared)).toBe(true);
      expect(await page.locator('#coefficients tbody tr').count()).toBe(6);
      expect(await page.locator('#residual-table tbody tr').count()).toBe(report.n);
      const chosen = page.locator('#residual-table tr.is-chosen');
      expect(await chosen.locator('th').innerText()).toBe('Landskrona');
      const residual = report.municipalities.find((m) => m.id === LANDSKRONA)!.residual;
      expect(matchesRounded(parseShown(await chosen.locator('td').nth(2).innerText())!, residual)).toBe(true);
      expect(await page.locator('#published-comparison').innerText()).toContain('N00485');
      expect(await page.locator('#expected-scatter circle').count()).toBe(report.n - 1);
      await checkAccessible(page, 'forvantat');
      await screenshot(page, `${dialect}-analys-forvantat`);
      await page.close();
    });

    it('correlation: Pearson, Spearman and n follow a threshold filter set in the form', async () => {
      const page = await open(`/analys/samband?x=N00700&y=N00708&kommun=${LANDSKRONA}`);
      await page.locator('#fkpi-0').fill('N01951');
      await page.locator('#fop-0').selectOption('over');
      await page.locator('#fvarde-0').fill('20000');
      await Promise.all([
        page.waitForURL(/fvarde=20000/),
        page.getByRole('button', { name: 'Visa' }).click(),
      ]);
      const report = await api<{ n: number; pearson: number; spearman: number }>(
        '/api/analys/samband?x=N00700&y=N00708&fkpi=N01951&fop=over&fvarde=20000',
      );
      const facts = await page.locator('#correlation-facts dd').allInnerTexts();
      expect(Number(facts[0])).toBe(report.n);
      expect(matchesRounded(parseShown(facts[1]!)!, report.pearson)).toBe(true);
      expect(matchesRounded(parseShown(facts[2]!)!, report.spearman)).toBe(true);
      expect(await page.locator('#correlation-scatter rect').count()).toBe(1);
      expect(await page.locator('#correlation-scatter').innerHTML()).toContain('Landskrona');
      expect(await page.locator('#filtered-out summary').innerText()).toMatch(/Bortfiltrerade kommuner: \d+/);
      await checkAccessible(page, 'samband');
      await screenshot(page, `${dialect}-analys-samband`);
      await page.close();
    });

    it('statistics: the distribution and ranking of N00700 equal the precomputed figures', async () => {
      const page = await open('/analys/statistik?kpi=N00700&ar=2022');
      const report = await api<{ distribution: { n: number; median: number; q1: number; q3: number } }>(
        '/api/analys/statistik?kpi=N00700&ar=2022',
      );
      const facts = await page.locator('#statistics-facts dd').allInnerTexts();
      expect(Number(facts[0])).toBe(report.distribution.n);
      expect(matchesRounded(parseShown(facts[3]!)!, report.distribution.q1)).toBe(true);
      expect(matchesRounded(parseShown(facts[4]!)!, report.distribution.median)).toBe(true);
      expect(matchesRounded(parseShown(facts[6]!)!, report.distribution.q3)).toBe(true);
      expect(await page.locator('#statistics-table tbody tr').count()).toBe(report.distribution.n);
      expect(await page.locator('#statistics-table tbody tr').first().locator('td').first().innerText()).toBe(
        '1',
      );
      await checkAccessible(page, 'statistik');
      await screenshot(page, `${dialect}-analys-statistik`);
      await page.close();
    });

    it('downloads the similar municipalities as CSV with the header block and the same order', async () => {
      const page = await open(`/analys/liknande?kommun=${LANDSKRONA}&antal=5`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /CSV/ }).click(),
      ]);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv).toContain('Källa: Kolada');
      expect(csv).toContain('Etablera');
      const report = await api<{ similar: { id: string }[] }>(
        `/api/analys/liknande?kommun=${LANDSKRONA}&antal=5`,
      );
      const ids = csv
        .split('\n')
        .map((line) => /^\d+,(\d{4}),/.exec(line)?.[1])
        .filter((id): id is string => id !== undefined);
      expect(ids).toEqual(report.similar.map((s) => s.id));
      await page.close();
    });

    it('works without JavaScript: the scatter plot is plain SVG and the forms submit', async () => {
      const noJs = await live.session.browser.newContext({ ...SWEDISH_BROWSER, javaScriptEnabled: false });
      const page = await noJs.newPage();
      await page.goto(`${live.server.baseUrl}/analys/samband?x=N00700&y=N00708&kommun=${LANDSKRONA}`);
      expect(await page.locator('#correlation-scatter').isVisible()).toBe(true);
      await page.locator('#y').fill('N00704');
      await Promise.all([page.waitForURL(/y=N00704/), page.getByRole('button', { name: 'Visa' }).click()]);
      expect(await page.locator('h1').innerText()).toContain('N00704');
      await page.goto(`${live.server.baseUrl}/analys/liknande?kommun=${LANDSKRONA}&lang=en`);
      expect(await page.locator('h1').innerText()).toContain('Similar municipalities');
      await screenshot(page, `${dialect}-analys-liknande-en-nojs`);
      await noJs.close();
    });

    it('logged no script errors or CSP violations on any page', () => {
      expect(live.session.pageErrors).toEqual([]);
    });
  });
}
