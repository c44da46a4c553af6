/**
 * `etablera report --plan <id> --period <P> --format html|docx|pdf|xlsx -o <file>`: a plan's
 * follow-up report as of now (the plan's template, or the default one). The file is written under a
 * temporary name and renamed when complete: bad input or a failure leaves no half-written file.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openConfiguredStore } from './open-store.js';
import { UsageError } from './usage-error.js';

const FORMATS = ['html', 'docx', 'pdf', 'xlsx'] as const;
const LANGUAGES = ['sv', 'en'] as const;

interface ReportOptions {
  plan: string;
  period: string;
  format: string;
  output: string;
  lang: string;
  scope?: string;
}

const wholeNumber = (name: string, raw: string) => {
  if (!/^\d{1,9}$/.test(raw)) throw new UsageError(`${name} is a number, got "${raw}"`);
  return Number(raw);
};

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description("Write a plan's follow-up report for a period (Swedish unless --lang en).")
    .requiredOption('--plan <id>', 'plan id (see `etablera plan list`)')
    .requiredOption('--period <P>', 'the period: 2024, 2024-H1, 2024-T2, 2024-Q3 or 2024-07 by the plan')
    .requiredOption('--format <format>', `one of ${FORMATS.join(', ')}`)
    .requiredOption('-o, --output <file>', 'the file to write')
    .option('--lang <lang>', `the report's language: ${LANGUAGES.join(' or ')}`, 'sv')
    .option('--scope <goal>', "a goal's node id: only its part of the plan")
    .action(async (opts: ReportOptions) => {
      const planId = wholeNumber('--plan', opts.plan);
      const format = opts.format as (typeof FORMATS)[number];
      if (!FORMATS.includes(format))
        throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${opts.format}"`);
      const lang = opts.lang as (typeof LANGUAGES)[number];
      if (!LANGUAGES.includes(lang))
        throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}, got "${opts.lang}"`);
      const scopeNodeId = opts.scope === undefined ? null : wholeNumber('--scope', opts.scope);
      const [
        { ReportService, ReportError },
        { PlanNotFoundError },
        { ReportTemplateError },
        { ComparisonService },
      ] = await Promise.all([
        import('../domain/plan/reports/report.service.js'),
        import('../domain/plan/plan.service.js'),
        import('../domain/plan/reports/report-template.js'),
        import('../domain/comparison/comparison.service.js'),
      ]);
      const { PdfRenderer } = await import('../documents/pdf-renderer.js');
      const store = await openConfiguredStore();
      const pdf = new PdfRenderer();
      const temporary = `${opts.output}.${process.pid}.part`;
      try {
        const service = new ReportService({
          store,
          comparison: new ComparisonService(store.repositories.comparison, store.repositories.storeMeta),
          pdf: () => pdf,
        });
        const bytes = await service.render({ planId, period: opts.period, scopeNodeId, lang }, format);
        writeFileSync(temporary, bytes);
        renameSync(temporary, opts.output);
        console.log(`wrote ${opts.output} (${format}, ${bytes.length} bytes)`);
      } catch (error) {
        rmSync(temporary, { force: true });
        if (
          error instanceof ReportError ||
          error instanceof PlanNotFoundError ||
          error instanceof ReportTemplateError
        )
          throw new UsageError((error as Error).message);
        throw error;
      } finally {
        await pdf.close();
        await store.close();
      }
    });
}
