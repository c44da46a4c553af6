/**
 * The documents seam on its own: a tagged PDF with an outline from real chromium (read back with
 * poppler's pdfinfo/pdftotext), a Word document read back from its XML, a server-side ECharts SVG.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docxBuffer, docxFigure, docxHeading, docxParagraphs, docxTable } from './docx-builder.js';
import { docxParts } from './docx-reader.js';
import { PdfRenderer } from './pdf-renderer.js';
import { chartRenderer } from './svg-chart.js';
import { svgsToPngs, svgToPng } from './svg-raster.js';

const dir = mkdtempSync(join(tmpdir(), 'etablera-documents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chart = async () =>
  (await chartRenderer())(
    {
      xAxis: { type: 'category', data: ['2021', '2022', '2023'] },
      yAxis: { type: 'value' },
      series: [{ type: 'line', data: [1, 2, 3] }],
    },
    { width: 480, height: 240 },
  );

describe('documents', () => {
  it('draws an ECharts chart as SVG on the server, the same every time', async () => {
    const svg = await chart();
    expect(svg).toMatch(/^<svg[^>]*width="480"/);
    expect(svg).toContain('2022');
    expect(await chart()).toBe(svg);
  });

  it('renders HTML to a tagged PDF with the document language and bookmarks', async () => {
    const renderer = new PdfRenderer();
    try {
      const html = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Prov</title></head><body>
        <h1>Rubrik ett</h1><p>Åäö text</p><h2>Underrubrik</h2>
        <table><thead><tr><th scope="col">År</th><th scope="col">Värde</th></tr></thead><tbody><tr><td>2023</td><td>1,5</td></tr></tbody></table>
        <figure><div role="img" aria-label="Diagram">${await chart()}</div></figure></body></html>`;
      const pdf = await renderer.render(html, { footer: 'Prov' });
      const second = await renderer.render(html);
      expect(second.subarray(0, 5).toString()).toBe('%PDF-');
      const file = join(dir, 'prov.pdf');
      writeFileSync(file, pdf);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('Åäö text');
      const raw = pdf.toString('latin1');
      expect(raw).toContain('/Lang (sv)');
      expect(raw).toContain('/Outlines');
    } finally {
      await renderer.close();
    }
  }, 60_000);

  it('says clearly when chromium cannot be started', async () => {
    const renderer = new PdfRenderer('/nonexistent/chromium');
    await expect(renderer.render('<html></html>')).rejects.toThrow(
      /could not start chromium at \/nonexistent/,
    );
  });

  it('builds a Word document with its language, real headings, a repeated header row and alt text', async () => {
    const docx = await docxBuffer({
      language: 'sv-SE',
      title: 'Prov',
      children: [
        docxHeading('Rubrik ett', 1),
        ...docxParagraphs('Första\nAndra'),
        docxHeading('Rubrik två', 2),
        docxTable({ headers: ['År', 'Värde'], rows: [['2023', '1,5']], numeric: new Set([1]) }),
        docxFigure({
          svg: await chart(),
          width: 480,
          height: 240,
          title: 'Diagram',
          description: 'Ökar till 3',
        }),
      ],
    });
    const parts = docxParts(docx);
    const body = parts.get('word/document.xml')!;
    expect(body).toMatch(/<w:pStyle w:val="Heading1"\/>.*Rubrik ett/s);
    expect(body).toMatch(/<w:pStyle w:val="Heading2"\/>.*Rubrik två/s);
    expect(body).toMatch(/<w:trPr>(?:(?!<\/w:trPr>).)*<w:tblHeader\/>/s);
    expect(body).toMatch(/<wp:docPr [^>]*descr="Ökar till 3"/);
    expect(parts.get('word/styles.xml')).toMatch(/<w:docDefaults>.*<w:lang w:val="sv-SE"/s);
  });

  it('draws many SVGs to PNGs in worker threads, in order and as drawn here', async () => {
    const svg = await chart();
    const other = svg.replace('2022', '2032');
    const pictures = Array.from({ length: 23 }, (_, i) => ({ svg: i % 2 ? other : svg, width: 480 }));
    const pngs = await svgsToPngs(pictures);
    expect(pngs).toHaveLength(23);
    expect(pngs[0]!.subarray(1, 4).toString()).toBe('PNG');
    expect(pngs[22]).toEqual(svgToPng(svg, 480));
    expect(pngs[21]).toEqual(svgToPng(other, 480));
    expect(pngs[0]).not.toEqual(pngs[1]);
  });

  it('says what was wrong when an SVG cannot be drawn', async () => {
    await expect(svgsToPngs([{ svg: 'not an svg', width: 10 }])).rejects.toThrow(/SVG/i);
  });
});
