/**
 * Follow-up reports on the real data: Luleå's Mål 2040 goal "Luleås invånare har arbete" over the
 * real Kolada values. The PDF read back with poppler (tagged, the goal, the indicator rows, "Källa:
 * Kolada"), the Word document from its XML (headings, repeated header row, alt text, language), the
 * HTML checked by axe-core in chromium, the Excel tables read back; the workflow up to a frozen
 * report whose files stay byte-identical after a comment and a Kolada value change; bad input.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, launchBrowser } from '../../../../test/e2e/browser.js';
import { cliResult } from '../../../../test/support/cli.js';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { LULEA_FILE, LULEA_KPIS } from '../../../../test/support/plan-files.js';
import { describeFullData, HAS_FULL_DATA, REPO_ROOT } from '../../../../test/support/real-data.js';
import { copyRealSubset } from '../../../../test/support/real-subset.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import type { Actor } from '../../../accounts/actor.js';
import { AuditLog } from '../../../accounts/audit-log.js';
import { docxParts } from '../../../documents/docx-reader.js';
import { PdfRenderer } from '../../../documents/pdf-renderer.js';
import { formatNumber } from '../../../i18n/format.js';
import { ComparisonRepository } from '../../../store/repositories/comparison.repository.js';
import { PlanRepository, type PlanRow } from '../../../store/repositories/plan.repository.js';
import { StoreMetaRepository } from '../../../store/repositories/store-meta.repository.js';
import { ComparisonService } from '../../comparison/comparison.service.js';
import { recordFollowup } from '../followup-entries.js';
import { importPlanFile, PlanNotFoundError } from '../plan.service.js';
import { ReportError, ReportService } from './report.service.js';
import { ReportTemplateError } from './report-template.js';

const OUT = join(REPO_ROOT, 'test-results/reports');
const lulea = HAS_FULL_DATA ? readFileSync(LULEA_FILE, 'utf8') : '';
const STRATEGIST: Actor = {
  userId: 'u-strateg',
  label: 'strateg@lulea.example',
  via: 'session',
  memberships: [{ organisationId: '2580', role: 'strategist' }],
  global: [],
} as unknown as Actor;

for (const dialect of DIALECTS) {
  describeFullData(`follow-up reports on Luleå's plan and the real data (${dialect})`, () => {
    let temp: TempStore;
    let pdf: PdfRenderer;
    let browser: Browser;
    let service: ReportService;
    let plan: PlanRow;
    let goalId: number;
    const service2 = () =>
      new ReportService({
        store: temp.store,
        comparison: new ComparisonService(
          new ComparisonRepository(temp.store.db),
          new StoreMetaRepository(temp.store.db),
        ),
        pdf: () => pdf,
        audit: new AuditLog(temp.store.repositories),
      });

    const population = async () =>
      (
        await temp.store.db
          .selectFrom('value')
          .select('value')
          .where('kpi_id', '=', 'N01951')
          .where('municipality_id', '=', '2580')
          .where('period', '=', 2020)
          .where('gender', '=', 'T')
          .executeTakeFirstOrThrow()
      ).value!;

    beforeAll(async () => {
      mkdirSync(OUT, { recursive: true });
      temp = await createTempStore(dialect);
      await copyRealSubset(dialect, temp.store, LULEA_KPIS);
      const repo = new PlanRepository(temp.store.db);
      const id = await importPlanFile(repo, lulea, 'lulea-mal2040-arbete.yaml');
      plan = (await repo.plan(id))!;
      goalId = (await repo.contents(id))!.nodes[0]!.id;
      pdf = new PdfRenderer();
      browser = await launchBrowser();
      service = service2();
    });
    afterAll(async () => {
      await browser?.close();
      await pdf?.close();
      await temp?.destroy();
    });

    it('renders a tagged PDF with the goal, the indicator rows and "Källa: Kolada"', async () => {
      const bytes = await service.render({ planId: plan.id, period: '2020' }, 'pdf');
      const file = join(OUT, `lulea-2020-${dialect}.pdf`);
      writeFileSync(file, bytes);
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Luleås invånare har arbete');
      expect(text).toContain('Källa: Kolada');
      expect(text).toContain('Bedömning 2020: Osäkert om målet kan nås');
      for (const row of ['ÖM.9.2 Antal invånare', 'ÖM.9.5 Andel elever i åk 9', 'ÖM.9.8 Andel som lämnat'])
        expect(text).toContain(row);
      // Luleå's population in 2020 from Kolada N01951, in Swedish format (a space between thousands).
      expect(text).toContain('ÖM.9.2 Antal');
      expect(text.replace(/[\u2009\u202f\u00a0]/g, ' ')).toContain(
        formatNumber(await population(), 'sv').replace('\u2009', ' '),
      );
      const raw = bytes.toString('latin1');
      expect(raw).toContain('/Lang (sv)');
      expect(raw).toContain('/Outlines');
    });

    it('writes Word with headings, a repeated table header row, alt text on the charts and the language', async () => {
      const bytes = await service.render({ planId: plan.id, period: '2020' }, 'docx');
      writeFileSync(join(OUT, `lulea-2020-${dialect}.docx`), bytes);
      const parts = docxParts(bytes);
      const body = parts.get('word/document.xml')!;
      expect(body).toMatch(/<w:pStyle w:val="Title"\/>.*Mål 2040/s);
      expect(body).toMatch(/<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>).)*Luleås invånare har arbete/s);
      expect(body).toMatch(/<w:tblHeader\/>(?:(?!<\/w:tr>).)*Indikator/s);
      const alts = [...body.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1]!);
      expect(alts.length).toBeGreaterThanOrEqual(6);
      const populationAlt = alts.find((a) => a.includes('ÖM.9.2 Antal invånare'))!;
      expect(populationAlt).toMatch(/Utvecklas (positivt|negativt)|Oförändrad|Trend saknas/);
      expect(populationAlt).toContain(`Senaste värdet ${formatNumber(await population(), 'sv')} (2020)`);
      expect(parts.get('word/styles.xml')).toMatch(/<w:lang w:val="sv-SE"/);
    });

    it('writes HTML that axe-core finds no WCAG 2.1 AA violation in, and English on request', async () => {
      const html = (await service.render({ planId: plan.id, period: '2020' }, 'html')).toString('utf8');
      writeFileSync(join(OUT, `lulea-2020-${dialect}.html`), html);
      const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
      await page.setContent(html);
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.locator('html').getAttribute('lang')).toBe('sv');
      expect(await page.locator('img[alt^="Linjediagram"]').count()).toBeGreaterThanOrEqual(6);
      await page.screenshot({ path: join(OUT, `lulea-2020-${dialect}.png`), fullPage: true });
      await page.setViewportSize({ width: 360, height: 800 });
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
      const english = (
        await service.render({ planId: plan.id, period: '2020', lang: 'en' }, 'html')
      ).toString();
      expect(english).toContain('<html lang="en">');
      expect(english).toContain('Source: Kolada');
      expect(english).toContain('Follow-up 2020');
    });

    it('writes the tables to Excel with numbers as numbers', async () => {
      const bytes = await service.render({ planId: plan.id, period: '2020' }, 'xlsx');
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      const sheet = workbook.worksheets.find((s) => s.name.startsWith('Indikatorer'))!;
      const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
      const populationRow = rows.find((r) => String(r[1]).startsWith('ÖM.9.2'))!;
      expect(typeof populationRow[2]).toBe('number');
      expect(populationRow[3]).toBe('2020');
      expect(populationRow[7]).toBe('Kolada');
    });

    it('goes draft → activated → approved → frozen, audited; the frozen files stay byte-identical', async () => {
      const created = await service.create(STRATEGIST, plan, { period: '2020' });
      expect(created).toMatchObject({ state: 'draft', version: 1, scope: 'plan', lang: 'sv' });
      await expect(service.approve(STRATEGIST, plan, created.id)).rejects.toThrow(
        /needs a report that is activated/,
      );
      const activated = await service.activate(STRATEGIST, plan, created.id);
      expect(activated.state).toBe('activated');
      // The goal's verdict for 2020 came approved with the plan file: its section is ready.
      expect(activated.sections_ready).toBe(true);
      await service.approve(STRATEGIST, plan, created.id);
      const frozen = await service.freeze(STRATEGIST, plan, created.id);
      expect(frozen.state).toBe('frozen');
      expect(frozen.files.map((f) => f.format)).toEqual(['docx', 'html', 'pdf', 'xlsx']);
      const before = await Promise.all(
        (['html', 'docx', 'pdf', 'xlsx'] as const).map(
          async (f) => (await service.file(plan, created.id, f)).bytes,
        ),
      );
      const frozenHtml = before[0]!.toString('utf8');
      expect(frozenHtml).toContain('Fastställd');
      // Change a comment and sync a Kolada value (Luleå's population, 2020).
      await recordFollowup(
        new PlanRepository(temp.store.db),
        plan.id,
        { kind: 'node', itemId: goalId, period: '2020', comment: 'Ändrad efter att rapporten frystes.' },
        'strateg@lulea.example',
      );
      await temp.store.db
        .updateTable('value')
        .set({ value: 12345 })
        .where('kpi_id', '=', 'N01951')
        .where('municipality_id', '=', '2580')
        .where('period', '=', 2020)
        .execute();
      const after = await Promise.all(
        (['html', 'docx', 'pdf', 'xlsx'] as const).map(
          async (f) => (await service2().file(plan, created.id, f)).bytes,
        ),
      );
      for (const [i, bytes] of after.entries()) expect(bytes.equals(before[i]!)).toBe(true);
      // …while a report made now shows both changes.
      const now = (await service2().render({ planId: plan.id, period: '2020' }, 'html')).toString('utf8');
      expect(now).toContain('Ändrad efter att rapporten frystes.');
      expect(now).toContain('12\u2009345');
      expect(frozenHtml).not.toContain('Ändrad efter att rapporten frystes.');
      // A new version is a new report.
      const next = await service.create(STRATEGIST, plan, { period: '2020' });
      expect(next.version).toBe(2);
      await expect(service.create(STRATEGIST, plan, { period: '2020' })).rejects.toThrow(/still draft/);
      await expect(service.activate(STRATEGIST, plan, created.id)).rejects.toThrow(/is frozen/);
      const audit = await temp.store.db
        .selectFrom('audit_log')
        .select(['action'])
        .where('action', 'like', 'plan.report.%')
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'plan.report.create',
        'plan.report.activate',
        'plan.report.approve',
        'plan.report.freeze',
        'plan.report.create',
      ]);
    });

    it('refuses bad input with a clear message', async () => {
      await expect(service.render({ planId: 999_999, period: '2020' }, 'html')).rejects.toThrow(
        PlanNotFoundError,
      );
      await expect(service.render({ planId: plan.id, period: '2031' }, 'html')).rejects.toThrow(
        /"2031" is not a period of plan \d+ \(its periods: 2015 … 2024\)/,
      );
      await expect(service.render({ planId: plan.id, period: '2019' }, 'html')).rejects.toThrow(ReportError);
      await expect(service.render({ planId: plan.id, period: '2019' }, 'html')).rejects.toThrow(
        /nothing has been followed up for period 2019/,
      );
      await expect(
        service.render(
          { planId: plan.id, period: '2020', template: { sections: [{ type: 'goal', node: 987654 }] } },
          'html',
        ),
      ).rejects.toThrow(ReportTemplateError);
      await expect(
        service.saveTemplate(STRATEGIST, plan, { sections: [{ type: 'chapter' }] }),
      ).rejects.toThrow(/section 1: type must be one of/);
    });

    it('the CLI writes the report, and writes nothing on bad input', async () => {
      const file = join(OUT, `cli-${dialect}.docx`);
      const ok = await cliResult(
        ['report', '--plan', String(plan.id), '--period', '2020', '--format', 'docx', '-o', file],
        { env: temp.env },
      );
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(docxParts(readFileSync(file)).get('word/document.xml')).toContain('Luleås invånare har arbete');
      const missing = join(OUT, `cli-missing-${dialect}.pdf`);
      for (const [args, message] of [
        [['--plan', '424242', '--period', '2020', '--format', 'pdf'], /plan 424242/],
        [['--plan', String(plan.id), '--period', '2019', '--format', 'pdf'], /nothing has been followed up/],
        [['--plan', String(plan.id), '--period', '2020', '--format', 'odt'], /--format must be one of/],
      ] as const) {
        const bad = await cliResult(['report', ...args, '-o', missing], { env: temp.env });
        expect(bad.code).not.toBe(0);
        expect(bad.stderr).toMatch(message);
        expect(existsSync(missing)).toBe(false);
      }
    });
  });
}
