/**
 * The comparator in a real browser (Debian chromium) against a real server over the real Kolada
 * data, on both backends. Values read from the pages and downloads are compared with figures the
 * test computes itself with SQL, independently of the app's repositories and services.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { integrationKpi } from '../../src/domain/integration-set.js';
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
const SKANE = 'G33621';

interface Expected {
  year: number | null;
  value: number | null;
  women: number | null;
  men: number | null;
  rank: number | null;
  of: number;
  reference: number | null;
  riket: number | null;
}

for (const dialect of DIALECTS) {
  describe(`comparator in the browser (${dialect})`, () => {
    const checkAccessible = accessibilityCheck(dialect);
    const live = useRealServerPages(dialect);
    const open = (path: string) => live.session.open(path);

    /** One value of the store, read with SQL written for this test. */
    async function storeValue(
      kpi: string,
      m: string,
      period: number,
      gender: string,
    ): Promise<number | null> {
      const r = await sql<{ value: number | null }>`
        select value from value where kpi_id = ${kpi} and municipality_id = ${m}
        and period = ${period} and gender = ${gender} and is_deleted = 0`.execute(live.server.store.db);
      const v = r.rows[0]?.value;
      return v === undefined || v === null ? null : Number(v);
    }

    async function expected(kpi: string, group: string | null): Promise<Expected> {
      const db = live.server.store.db;
      const latest = await sql<{ y: number | null }>`
        select max(period) as y from value where kpi_id = ${kpi} and municipality_id in (${LANDSKRONA}, '0000')
        and gender = 'T' and is_deleted = 0 and value is not null`.execute(db);
      const year =
        latest.rows[0]?.y === null || latest.rows[0]?.y === undefined ? null : Number(latest.rows[0].y);
      if (year === null)
        return { year, value: null, women: null, men: null, rank: null, of: 0, reference: null, riket: null };
      const all = await sql<{ id: string; value: number }>`
        select v.municipality_id as id, v.value from value v join municipality m on m.id = v.municipality_id
        where m.type = 'K' and v.kpi_id = ${kpi} and v.period = ${year} and v.gender = 'T'
        and v.is_deleted = 0 and v.value is not null`.execute(db);
      const value = await storeValue(kpi, LANDSKRONA, year, 'T');
      const direction = integrationKpi(kpi)?.direction ?? 'neither';
      const better = (v: number) => (direction === 'lower' ? v < value! : v > value!);
      const rank = value === null ? null : 1 + all.rows.filter((r) => better(Number(r.value))).length;
      let reference: number | null;
      if (group) {
        const mean = await sql<{ mean: number | null }>`
          select avg(v.value) as mean from value v
          join municipality_group_member g on g.municipality_id = v.municipality_id
          join municipality m on m.id = v.municipality_id
          where g.group_id = ${group} and m.type = 'K' and v.kpi_id = ${kpi} and v.period = ${year}
          and v.gender = 'T' and v.is_deleted = 0 and v.value is not null`.execute(db);
        reference =
          mean.rows[0]?.mean === null || mean.rows[0]?.mean === undefined ? null : Number(mean.rows[0].mean);
      } else {
        reference = all.rows.length
          ? all.rows.reduce((s, r) => s + Number(r.value), 0) / all.rows.length
          : null;
      }
      return {
        year,
        value,
        women: await storeValue(kpi, LANDSKRONA, year, 'K'),
        men: await storeValue(kpi, LANDSKRONA, year, 'M'),
        rank,
        of: all.rows.length,
        reference,
        riket: await storeValue(kpi, '0000', year, 'T'),
      };
    }

    function expectShown(text: string, value: number | null, what: string): void {
      const shown = parseShown(text);
      if (value === null) {
        expect(shown, `${what}: "${text}" should be a symbol`).toBeNull();
        return;
      }
      expect(shown, `${what}: "${text}" should be a number`).not.toBeNull();
      expect(matchesRounded(shown!, value), `${what}: shown "${text}", store ${value}`).toBe(true);
    }

    it('finds a municipality from the start page with the keyboard, diacritics ignored', async () => {
      const page = await open('/');
      await page.getByLabel('Kommunens namn eller kod').fill('landskr');
      await expect.poll(() => page.locator('[role="option"]').count()).toBeGreaterThan(0);
      expect(await page.locator('[role="option"]').first().textContent()).toContain('Landskrona');
      await screenshot(page, `${dialect}-start`);
      await page.keyboard.press('ArrowDown');
      await Promise.all([page.waitForURL(/\/kommun\/1282/), page.keyboard.press('Enter')]);
      expect(await page.locator('h1').textContent()).toContain('Landskrona');
      // The start page now lists it among the recent choices.
      await page.goto(`${live.server.baseUrl}/`);
      await expect.poll(() => page.locator('#recent').isVisible()).toBe(true);
      expect(await page.locator('#recent a').first().textContent()).toBe('Landskrona');
      // "malmo" finds Malmö (diacritics-insensitive), as a form without the combobox too.
      await page.goto(`${live.server.baseUrl}/?q=malmo`);
      expect(await page.locator('.results a').allTextContents()).toContain('Malmö');
      await checkAccessible(page, 'start');
      await page.close();
    });

    it("shows Landskrona's profile against Skåne läns kommuner with the store's values", async () => {
      const page = await open(`/kommun/${LANDSKRONA}`);
      await page.getByLabel('Jämför med').selectOption({ label: 'Skåne läns kommuner' });
      await Promise.all([page.waitForURL(/ref=G33621/), page.getByRole('button', { name: 'Visa' }).click()]);
      expect(await page.locator('th.ref-col').first().textContent()).toContain('Skåne läns kommuner');

      const rows = page.locator('tr[data-kpi]');
      const count = await rows.count();
      expect(count).toBeGreaterThanOrEqual(5);
      let compared = 0;
      for (let i = 0; i < count; i++) {
        const row = rows.nth(i);
        const kpi = (await row.getAttribute('data-kpi'))!;
        const e = await expected(kpi, SKANE);
        const cell = (field: string) => row.locator(`[data-field="${field}"]`).innerText();
        const yearText = await row.locator('td').first().innerText();
        expect(yearText, `${kpi} year`).toBe(e.year === null ? '–' : String(e.year));
        if (e.year === null) continue;
        expectShown(await cell('value'), e.value, `${kpi} value`);
        expectShown((await cell('reference')).split('\n')[0]!, e.reference, `${kpi} Skåne mean`);
        expectShown(await cell('riket'), e.riket, `${kpi} Riket`);
        const kpiRow = await sql<{
          g: number;
        }>`select is_divided_by_gender as g from kpi where id = ${kpi}`.execute(live.server.store.db);
        if (Number(kpiRow.rows[0]?.g) === 1) {
          expectShown(await cell('women'), e.women, `${kpi} women`);
          expectShown(await cell('men'), e.men, `${kpi} men`);
        } else expect(await cell('women')).toContain('.');
        const rankText = await cell('rank');
        if (e.rank !== null) expect(rankText, `${kpi} rank`).toContain(`${e.rank} av ${e.of}`);
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(5);
      // The colour legend says the colour is relative, not a verdict; symbols are explained.
      expect(await page.locator('.legend').innerText()).toContain('inte om resultatet är bra eller dåligt');
      expect(await page.locator('.legend').innerText()).toContain('sekretess');
      await screenshot(page, `${dialect}-profile`);
      await checkAccessible(page, 'profile');
      await page.close();
    });

    it('downloads the profile as CSV and XLSX with the header block and exact values', async () => {
      const page = await open(`/kommun/${LANDSKRONA}?ref=${SKANE}`);
      const e = await expected('N00700', SKANE);

      const [csvDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'CSV' }).click(),
      ]);
      expect(csvDownload.suggestedFilename()).toMatch(/landskrona-1282\.csv$/);
      const csvText = readFileSync((await csvDownload.path())!, 'utf8').replace(/^\uFEFF/, '');
      const records = parse(csvText, { relax_column_count: true, skip_empty_lines: true }) as string[][];
      expect(records[0]![0]).toContain('Landskrona');
      const meta = new Map(records.slice(1, 8).map((r) => [r[0], r[1]]));
      expect(meta.get('Källa')).toBe('Källa: Kolada');
      expect(meta.get('Jämförelsegrupp')).toContain('Skåne läns kommuner');
      expect(meta.get('År')).toBe('Senaste år för varje nyckeltal');
      expect(meta.get('Skapad')).toMatch(/^\d{4}-\d\d-\d\dT/);
      const headerIndex = records.findIndex((r) => r[0] === 'Område');
      const header = records[headerIndex]!;
      const col = (name: string) => header.findIndex((h) => h.startsWith(name));
      const n00700 = records.slice(headerIndex + 1).find((r) => r[col('Nyckeltals-id')] === 'N00700')!;
      expect(Number(n00700[col('År')])).toBe(e.year);
      expect(Number(n00700[col('Värde')])).toBe(e.value);
      expect(Number(n00700[col('Rang')])).toBe(e.rank);
      expect(Number(n00700[col('Skåne läns kommuner')])).toBeCloseTo(e.reference!, 9);
      expect(Number(n00700[col('Riket')])).toBe(e.riket);

      const [xlsxDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Excel' }).click(),
      ]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await xlsxDownload.path())!);
      const sheet = workbook.worksheets[0]!;
      expect(String(sheet.getCell('A1').value)).toContain('Landskrona');
      expect(sheet.getCell('A2').value).toBe('Källa');
      expect(sheet.getCell('B2').value).toBe('Källa: Kolada');
      let headerRow = 0;
      sheet.eachRow((row, i) => {
        if (row.getCell(1).value === 'Område') headerRow = i;
      });
      expect(headerRow).toBeGreaterThan(2);
      const names = Array.from(sheet.getRow(headerRow).values as unknown[], (v) => String(v ?? ''));
      const xcol = (name: string) => names.findIndex((h) => h.startsWith(name));
      let found = false;
      sheet.eachRow((row, i) => {
        if (i <= headerRow || row.getCell(xcol('Nyckeltals-id')).value !== 'N00700') return;
        found = true;
        expect(row.getCell(xcol('Värde')).value).toBe(e.value);
        expect(row.getCell(xcol('Rang')).value).toBe(e.rank);
        expect(row.getCell(xcol('Skåne läns kommuner')).value as number).toBeCloseTo(e.reference!, 9);
        expect(typeof row.getCell(xcol('Riket')).value).toBe('number');
      });
      expect(found).toBe(true);
      await page.close();
    });

    it('renders the KPI page with ranking, map, distribution and trends', async () => {
      const page = await open(`/nyckeltal/N00700?kommun=${LANDSKRONA}&ref=${SKANE}&jmf=Malmö,Helsingborg`);
      // The map draws one path per kommun (and more for islands).
      await expect
        .poll(() => page.locator('#map-chart svg path').count(), { timeout: 20_000 })
        .toBeGreaterThanOrEqual(290);
      await expect.poll(() => page.locator('#ranking-chart svg path').count()).toBeGreaterThan(250);
      await expect.poll(() => page.locator('#trend-chart svg path').count()).toBeGreaterThan(3);
      const rows = page.locator('#ranking-table tbody tr');
      expect(await rows.count()).toBe(290);
      const chosen = page.locator('#ranking-table tr.is-chosen');
      expect(await chosen.count()).toBe(1);
      expect(await chosen.getAttribute('data-kommun')).toBe(LANDSKRONA);
      expect(await page.locator('#ranking-table tr.is-reference').count()).toBe(33);
      const e = await expected('N00700', SKANE);
      expect((await chosen.locator('td').first().innerText()).trim()).toBe(String(e.rank));
      expectShown(await chosen.locator('td').nth(1).innerText(), e.value, 'N00700 Landskrona in ranking');
      // The table sorts by name through a permalink.
      await Promise.all([
        page.waitForURL(/sort=name/),
        page.locator('#ranking-table th a', { hasText: 'Kommun' }).click(),
      ]);
      expect(await page.locator('#ranking-table tbody tr th a').first().textContent()).toBe('Ale');
      expect(await page.locator('.about').innerText()).toContain('SCB');
      await page.goBack();
      await expect
        .poll(() => page.locator('#map-chart svg path').count(), { timeout: 20_000 })
        .toBeGreaterThanOrEqual(290);
      await screenshot(page, `${dialect}-kpi`);
      await checkAccessible(page, 'kpi');
      await page.close();
    });

    it('compares municipalities × KPIs in a table and trend lines', async () => {
      const page = await open('/jamfor?kommun=1282,1280,0180&kpi=N00700,N00708');
      const table = page.locator('#compare-table');
      expect(await table.locator('thead th').allInnerTexts()).toEqual(
        expect.arrayContaining(['Landskrona', 'Malmö', 'Stockholm', 'Riket']),
      );
      const year = Number(await table.locator('tr[data-kpi="N00700"] td').first().innerText());
      const malmo = await table.locator('tr[data-kpi="N00700"] td[data-kommun="1280"] .num').innerText();
      expectShown(malmo, await storeValue('N00700', '1280', year, 'T'), 'Malmö N00700');
      await expect.poll(() => page.locator('.small-multiple svg').count()).toBe(2);
      expect(await page.locator('#kpi-N00700').isChecked()).toBe(true);
      await screenshot(page, `${dialect}-compare`);
      await checkAccessible(page, 'compare');
      await page.close();
    });

    it('speaks English with English number formatting', async () => {
      const page = await open(`/kommun/${LANDSKRONA}?lang=en&ref=${SKANE}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('.eyebrow').first().innerText()).toMatch(/integration profile/i);
      const e = await expected('N00700', SKANE);
      const shown = parseShown(
        await page.locator('tr[data-kpi="N00700"] [data-field="value"]').innerText(),
        'en',
      );
      expect(shown && matchesRounded(shown, e.value!)).toBe(true);
      // The choice sticks (cookie) when following a link without ?lang.
      await page.goto(`${live.server.baseUrl}/jamfor`);
      expect(await page.locator('h1').innerText()).toBe('Compare municipalities');
      await checkAccessible(page, 'jamfor-en');
      await screenshot(page, `${dialect}-profile-en`);
      await page.goto(`${live.server.baseUrl}/?lang=sv`);
      await page.close();
    });

    it('works without JavaScript: tables and the search form', async () => {
      const noJs = await live.session.browser.newContext({ ...SWEDISH_BROWSER, javaScriptEnabled: false });
      const page = await noJs.newPage();
      await page.goto(`${live.server.baseUrl}/`);
      await page.getByLabel('Kommunens namn eller kod').fill('ANGE');
      await Promise.all([page.waitForURL(/q=ANGE/), page.getByRole('button', { name: 'Sök' }).click()]);
      expect(await page.locator('.results a').allTextContents()).toContain('Ånge');
      await page.goto(`${live.server.baseUrl}/nyckeltal/N00700?kommun=${LANDSKRONA}`);
      expect(await page.locator('#ranking-table tbody tr').count()).toBe(290);
      expect(await page.locator('.chart-figure').first().isVisible()).toBe(false);
      await page.goto(`${live.server.baseUrl}/kommun/${LANDSKRONA}`);
      expect(await page.locator('tr[data-kpi] svg.sparkline').count()).toBeGreaterThan(0);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('form.controls').isVisible()).toBe(false);
      await screenshot(page, `${dialect}-profile-print`);
      await noJs.close();
    });

    it('shows a progress line while a sync runs (polling /api/status)', async () => {
      const progress = live.server.app.syncProgress;
      progress.begin('Synkroniserar');
      progress.phase('values', 200, 'Hämtar värden');
      progress.advance(50);
      try {
        const page = await open('/jamfor');
        const line = page.locator('#sync-status');
        await expect.poll(() => line.isVisible()).toBe(true);
        await expect.poll(() => line.innerText()).toContain('Hämtar värden');
        expect(await line.locator('progress').getAttribute('value')).toBe('50');
        expect(await line.getAttribute('role')).toBe('status');
        await page.close();
      } finally {
        progress.end('done', 'klart');
      }
    });

    it('logged no script errors or CSP violations on any page', () => {
      expect(live.session.pageErrors).toEqual([]);
    });
  });
}
