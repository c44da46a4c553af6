/**
 * A report as a Word document, from the same content as the HTML: Word's heading styles, tables with
 * a header row repeated on every page, each chart a picture with its alt text (the trend and the last
 * value), the document language set (sv-SE or en-GB).
 */
import {
  type DocxBlock,
  docxBuffer,
  docxFigure,
  docxHeading,
  docxParagraphs,
  docxTable,
  docxTitle,
} from '../../../documents/docx-builder.js';
import { svgsToPngs } from '../../../documents/svg-raster.js';
import type { ReportContent } from './report-content.js';
import { formatCell } from './report-html.js';

export const DOCX_LANGUAGE = { sv: 'sv-SE', en: 'en-GB' } as const;

export async function reportDocx(content: ReportContent): Promise<Buffer> {
  // Every chart's PNG (for Word before 2016), drawn in worker threads: with 300 charts this was
  // most of the document's time and memory when drawn here (svg-raster.ts says why).
  const charts = content.blocks.filter((b) => b.kind === 'chart');
  const drawn = await svgsToPngs(charts.map((b) => ({ svg: b.svg, width: b.width })));
  const pngs = new Map(charts.map((b, i) => [b.id, drawn[i]!]));
  const children: DocxBlock[] = [];
  for (const b of content.blocks) {
    switch (b.kind) {
      case 'heading':
        children.push(b.level === 1 ? docxTitle(b.text) : docxHeading(b.text, b.level - 1));
        break;
      case 'paragraph':
        children.push(...docxParagraphs(b.text, { italic: b.note }));
        break;
      case 'table':
        children.push(...docxParagraphs(b.caption, { bold: true }));
        children.push(
          docxTable({
            headers: b.columns.map((c) => c.header),
            rows: b.rows.map((r) => r.map((cell, i) => formatCell(cell, b.columns[i]!, content.lang))),
            numeric: new Set(b.columns.flatMap((c, i) => (c.numeric ? [i] : []))),
            widths: b.columns.map((_, i) => (i === 0 ? 4 : 1.3)),
          }),
        );
        break;
      case 'chart':
        children.push(
          docxFigure({
            svg: b.svg,
            width: b.width,
            height: b.height,
            title: b.caption,
            description: b.alt,
            png: pngs.get(b.id),
          }),
        );
        children.push(...docxParagraphs(`${b.caption}. ${b.source}`, { italic: true }));
        break;
    }
  }
  return docxBuffer({
    language: DOCX_LANGUAGE[content.lang],
    title: `${content.title} – ${content.subtitle}`,
    children,
  });
}
