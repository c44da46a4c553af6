/** One report content → the file of a format (HTML, Word, PDF through chromium, Excel). */
import type { PdfRenderer } from '../../../documents/pdf-renderer.js';
import type { ReportContent } from './report-content.js';
import { reportDocx } from './report-docx.js';
import { reportHtml } from './report-html.js';
import { reportXlsx } from './report-xlsx.js';

export const REPORT_FORMATS = ['html', 'docx', 'pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function isReportFormat(value: unknown): value is ReportFormat {
  return (REPORT_FORMATS as readonly unknown[]).includes(value);
}

export async function renderReport(
  content: ReportContent,
  format: ReportFormat,
  pdf: () => PdfRenderer,
): Promise<Buffer> {
  switch (format) {
    case 'html':
      return Buffer.from(reportHtml(content), 'utf8');
    case 'docx':
      return reportDocx(content);
    case 'xlsx':
      return reportXlsx(content);
    case 'pdf':
      return pdf().render(reportHtml(content), { footer: `${content.title} – ${content.subtitle}` });
  }
}

/** Every format of one content, the HTML built once (the PDF prints the same document). */
export async function renderAll(
  content: ReportContent,
  pdf: () => PdfRenderer,
): Promise<Map<ReportFormat, Buffer>> {
  const html = reportHtml(content);
  const files = new Map<ReportFormat, Buffer>();
  for (const format of REPORT_FORMATS)
    files.set(
      format,
      format === 'html'
        ? Buffer.from(html, 'utf8')
        : format === 'pdf'
          ? await pdf().render(html, { footer: `${content.title} – ${content.subtitle}` })
          : await renderReport(content, format, pdf),
    );
  return files;
}
