/**
 * A person document (profile or readable export) as Word: each part's title in Heading 1, its sections
 * in Heading 2/3 (Word's built-in styles, so the navigation pane and screen readers see them), tables
 * with a header row marked and repeated, and every run carrying its part's language; a right-to-left
 * part (Arabic, Dari) has right-to-left paragraphs and runs. A page break separates the parts.
 */
import {
  BorderStyle,
  HeadingLevel,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { type DocxBlock, docxBuffer } from '../../../documents/docx-builder.js';
import type { DocBlock, DocPart, PersonDocument } from './person-document.js';

/** Word's language tags for the locales (a region where Word expects one). */
const WORD_LANGUAGE: Record<string, string> = {
  sv: 'sv-SE',
  en: 'en-GB',
  ar: 'ar-SA',
  prs: 'fa-AF',
  ti: 'ti-ER',
  so: 'so-SO',
  uk: 'uk-UA',
};
export const wordLanguage = (lang: string) => WORD_LANGUAGE[lang.split('-')[0] ?? ''] ?? lang;

const HEADING = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '888888' } as const;

function partBlocks(part: DocPart, first: boolean): DocxBlock[] {
  const rtl = part.dir === 'rtl';
  const language = wordLanguage(part.lang);
  const run = (text: string, options: { bold?: boolean; italics?: boolean } = {}) =>
    new TextRun({
      text,
      ...options,
      rightToLeft: rtl,
      language: rtl ? { value: language, bidirectional: language } : { value: language },
    });
  const paragraph = (text: string, options: { bold?: boolean; italics?: boolean } = {}) =>
    new Paragraph({ bidirectional: rtl, children: [run(text, options)] });
  const heading = (text: string, level: 1 | 2 | 3, pageBreakBefore = false) =>
    new Paragraph({ heading: HEADING[level], bidirectional: rtl, pageBreakBefore, children: [run(text)] });
  const cell = (text: string, header: boolean) =>
    new TableCell({
      borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8E8E8' } : undefined,
      children: [paragraph(text, { bold: header })],
    });
  const out: DocxBlock[] = [heading(part.title, 1, !first)];
  for (const b of part.blocks as DocBlock[]) {
    switch (b.kind) {
      case 'heading':
        out.push(heading(b.text, b.level));
        break;
      case 'paragraph':
        out.push(paragraph(b.text, { italics: b.note }));
        break;
      case 'list':
        for (const item of b.items)
          out.push(new Paragraph({ bidirectional: rtl, bullet: { level: 0 }, children: [run(item)] }));
        break;
      case 'table':
        out.push(paragraph(b.caption, { bold: true }));
        out.push(
          new Table({
            width: { size: 5000, type: WidthType.PERCENTAGE },
            visuallyRightToLeft: rtl,
            rows: [
              new TableRow({
                tableHeader: true,
                cantSplit: true,
                children: b.headers.map((h) => cell(h, true)),
              }),
              ...b.rows.map(
                (r) => new TableRow({ cantSplit: true, children: r.map((text) => cell(text, false)) }),
              ),
            ],
          }),
        );
        break;
    }
  }
  return out;
}

export function personDocx(doc: PersonDocument): Promise<Buffer> {
  return docxBuffer({
    language: wordLanguage(doc.parts[0]?.lang ?? 'sv'),
    title: doc.title,
    children: doc.parts.flatMap((part, i) => partBlocks(part, i === 0)),
  });
}
