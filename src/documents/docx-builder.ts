/**
 * Accessible Word documents with the `docx` package: the document language on every run (Word's
 * default run properties and the core properties), headings as Word's built-in Heading 1–4 styles
 * (so the navigation pane, the table of contents and screen readers see them), tables whose header
 * row is marked as a header and repeated on every page, and pictures (an SVG with a PNG fallback)
 * that carry alt text. Callers build the content from these pieces and `docxBuffer` packs it.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { svgToPng } from './svg-raster.js';

export type DocxBlock = Paragraph | Table;

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
] as const;

/** A heading in Word's Heading `level` style (1–4; deeper levels are shown as 4). */
export function docxHeading(text: string, level: number): Paragraph {
  const heading = HEADINGS[Math.min(Math.max(level, 1), 4) - 1]!;
  return new Paragraph({ heading, children: [new TextRun(text)] });
}

/** The document's title in Word's Title style. */
export function docxTitle(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(text)] });
}

/** A body paragraph; line breaks in `text` become paragraphs of their own. */
export function docxParagraphs(
  text: string,
  options: { italic?: boolean; bold?: boolean } = {},
): Paragraph[] {
  return text
    .split(/\n+/)
    .filter((line) => line.trim() !== '')
    .map((line) => new Paragraph({ children: [new TextRun({ text: line, ...options })] }));
}

export interface DocxTableOptions {
  headers: string[];
  rows: string[][];
  /** Columns aligned right (numbers), by index. */
  numeric?: ReadonlySet<number>;
  /** Share of the page width per column (they are scaled to sum to 100). */
  widths?: number[];
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '888888' } as const;

/**
 * A table whose first row is its header row: marked as one (`w:tblHeader`, repeated at the top of
 * every page the table runs onto; screen readers announce it) and never split across pages.
 */
export function docxTable({ headers, rows, numeric, widths }: DocxTableOptions): Table {
  const total = (widths ?? headers.map(() => 1)).reduce((a, b) => a + b, 0);
  const widthOf = (i: number) => ({
    size: Math.round(((widths?.[i] ?? 1) / total) * 5000),
    type: WidthType.PERCENTAGE,
  });
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: widthOf(i),
      borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8E8E8' } : undefined,
      children: [
        new Paragraph({
          alignment: numeric?.has(i) ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: header })],
        }),
      ],
    });
  return new Table({
    width: { size: 5000, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: headers.map((h, i) => cell(h, i, true)),
      }),
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, i, false)) }),
      ),
    ],
  });
}

export interface DocxFigureOptions {
  svg: string;
  /** The size the SVG was drawn at, in pixels (96 to the inch). */
  width: number;
  height: number;
  /** Alt text: a short name and a description saying what the picture shows. */
  title: string;
  description: string;
  /** The PNG for older Word, if already drawn (see svgsToPngs); else drawn here. */
  png?: Buffer;
}

/**
 * A picture from an SVG (Word 2016 and later draw the SVG; older ones the PNG drawn from it here),
 * scaled to at most 16 cm wide, with its alt text.
 */
export function docxFigure({ svg, width, height, title, description, png }: DocxFigureOptions): Paragraph {
  const maxWidth = 605; // 16 cm at 96 px to the inch
  const scale = Math.min(1, maxWidth / width);
  const size = { width: Math.round(width * scale), height: Math.round(height * scale) };
  return new Paragraph({
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(svg, 'utf8'),
        fallback: { type: 'png', data: png ?? svgToPng(svg, width) },
        transformation: size,
        altText: { name: title, title, description },
      }),
    ],
  });
}

export interface DocxDocumentOptions {
  /** BCP 47 language of the text, e.g. `sv-SE`: set on every run and in the core properties. */
  language: string;
  title: string;
  creator?: string;
  description?: string;
  children: DocxBlock[];
}

/** The .docx file of `children`, with the language set document-wide. */
export async function docxBuffer(options: DocxDocumentOptions): Promise<Buffer> {
  const doc = new Document({
    title: options.title,
    creator: options.creator ?? 'Etablera',
    description: options.description,
    styles: {
      default: {
        document: {
          run: { language: { value: options.language }, font: 'Calibri', size: 22 },
        },
      },
    },
    sections: [{ children: options.children }],
  });
  return Packer.toBuffer(doc);
}
