/**
 * HTML → tagged PDF through Debian's chromium (playwright-core, no browser download). One chromium per
 * renderer, started on the first PDF and reused for the next ones (starting it costs about a second;
 * a page costs little), closed by `close()`. The PDF is tagged (headings, tables, figures with their
 * alt text, the document language from `<html lang>`) and has an outline (bookmarks from the headings),
 * which is what DOS-lagen / WCAG ask of a published document. The HTML must be self-contained: the
 * page is offline (every request is refused), so images are inline SVG or data: URLs.
 */
import type { Browser } from 'playwright-core';

/** Debian's chromium flags for running headless in a container. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
];

/** The chromium to start: `ETABLERA_CHROMIUM` or Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.ETABLERA_CHROMIUM || '/usr/bin/chromium';
}

export class PdfRendererError extends Error {
  override name = 'PdfRendererError';
}

export interface PdfOptions {
  /** Page size; A4 unless told. */
  format?: 'A4' | 'Letter';
  /** Printed at the foot of every page, e.g. the document's title; the page number follows it. */
  footer?: string;
}

export class PdfRenderer {
  private browser: Promise<Browser> | undefined;

  constructor(private readonly executablePath: string = chromiumPath()) {}

  /** Starts chromium now (a benchmark counts its start apart from the rendering). */
  async start(): Promise<void> {
    await this.launch();
  }

  /** The PDF of a complete HTML document (its `<html lang>` becomes the PDF's /Lang). */
  async render(html: string, options: PdfOptions = {}): Promise<Buffer> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      // Documents are self-contained; nothing may be fetched while printing.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      // Embedded web fonts (data: URLs) may still be loading at "load": text laid out before then would
      // print in a fallback font (empty boxes for a script the system fonts lack). The page's scripts
      // stay off; this runs in Playwright's own world.
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const footer = options.footer
        ? `<div style="font-size:8px;width:100%;padding:0 15mm;font-family:sans-serif;color:#444">${escapeHtml(options.footer)} · <span class="pageNumber"></span>/<span class="totalPages"></span></div>`
        : undefined;
      const pdf = await page.pdf({
        format: options.format ?? 'A4',
        printBackground: true,
        tagged: true,
        outline: true,
        margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
        displayHeaderFooter: footer !== undefined,
        headerTemplate: '<span></span>',
        footerTemplate: footer ?? '<span></span>',
      });
      return Buffer.from(pdf);
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const starting = this.browser;
    this.browser = undefined;
    if (starting) await (await starting.catch(() => undefined))?.close();
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const starting = import('playwright-core').then(({ chromium }) =>
        chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_FLAGS }).catch((e: Error) => {
          throw new PdfRendererError(
            `could not start chromium at ${this.executablePath} (set ETABLERA_CHROMIUM): ${e.message.split('\n')[0]}`,
          );
        }),
      );
      // A failed start is not kept: the next PDF tries again.
      starting.catch(() => {
        if (this.browser === starting) this.browser = undefined;
      });
      this.browser = starting;
    }
    return this.browser;
  }
}

/** Runs `work` with a renderer and closes its chromium afterwards (CLI commands, tests). */
export async function withPdfRenderer<T>(work: (renderer: PdfRenderer) => Promise<T>): Promise<T> {
  const renderer = new PdfRenderer();
  try {
    return await work(renderer);
  } finally {
    await renderer.close();
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
