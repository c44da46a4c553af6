/**
 * HTML → tagged PDF through Debian's chromium (playwright-core, no browser download), a chromium per
 * PDF (see PdfRenderer). The PDF is tagged (headings, tables, figures with their
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

/**
 * Flags for the printing chromium only (the browser tests keep CHROMIUM_FLAGS): printing the
 * 300-indicator report took chromium's processes to ≈ 780 MB PSS, ≈ 370 MB of it the fixed cost of
 * its processes (browser, zygote, GPU, network, storage, renderer, print compositor). Measured one at
 * a time in one run (bench/experiments/report-chromium-memory.exp.ts, BENCHMARKS.md): low-end device
 * mode (smaller caches and heaps in the renderer) saved ≈ 50 MB, no software rasteriser ≈ 13 MB (the
 * GPU process draws nothing for a PDF), one process for everything ≈ 60 MB (no renderer, GPU,
 * network, storage or compositor processes). The PDF stayed the same: identical text, tags and
 * pixels. One process has a price: once its page is closed it cannot open another (Chromium calls
 * `--single-process` unsupported), so every PDF gets a chromium of its own (see PdfRenderer).
 */
export const PRINT_FLAGS = [
  ...CHROMIUM_FLAGS,
  '--enable-low-end-device-mode',
  '--disable-software-rasterizer',
  '--single-process',
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

/**
 * Prints HTML to PDF, one PDF at a time, each in a chromium of its own that ends with it: a chromium
 * in one process cannot open a second page (PRINT_FLAGS), and ending it gives all its memory back
 * (220–290 MB PSS stayed with a reused chromium after the report). Each PDF so pays chromium's start
 * (≈ 1 s on a quiet machine; `start()` can start it beforehand). One at a time keeps the memory to
 * one chromium when several PDFs are asked for at once.
 */
export class PdfRenderer {
  /** A started chromium waiting for the next PDF. */
  private spare: Promise<Browser> | undefined;
  /** The PDFs in progress, one after the other. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly executablePath: string = chromiumPath()) {}

  /** Starts the next PDF's chromium now (a benchmark counts its start apart from the rendering). */
  async start(): Promise<void> {
    this.spare ??= this.launch();
    await this.spare;
  }

  /** The PDF of a complete HTML document (its `<html lang>` becomes the PDF's /Lang). */
  render(html: string, options: PdfOptions = {}): Promise<Buffer> {
    const done = this.queue.then(() => this.print(html, options));
    this.queue = done.catch(() => undefined);
    return done;
  }

  async close(): Promise<void> {
    const spare = this.spare;
    this.spare = undefined;
    if (spare) await (await spare.catch(() => undefined))?.close();
  }

  private async print(html: string, options: PdfOptions): Promise<Buffer> {
    const starting = this.spare ?? this.launch();
    this.spare = undefined;
    const browser = await starting;
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
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
      await browser.close().catch(() => undefined);
    }
  }

  private launch(): Promise<Browser> {
    return import('playwright-core').then(({ chromium }) =>
      chromium.launch({ executablePath: this.executablePath, args: PRINT_FLAGS }).catch((e: Error) => {
        throw new PdfRendererError(
          `could not start chromium at ${this.executablePath} (set ETABLERA_CHROMIUM): ${e.message.split('\n')[0]}`,
        );
      }),
    );
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
