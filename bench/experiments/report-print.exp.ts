/**
 * Experiment (not part of `npm run bench`): where chromium's time and memory go when it prints a
 * follow-up report, variants interleaved in one run so that they share the machine's load. Each
 * variant gets a fresh chromium (its start timed apart) and reports: loading the HTML (setContent
 * and fonts: parsing, decoding the charts, layout), printing (page.pdf), and chromium's peak PSS
 * (its processes sampled every 0.25 s).
 * Usage: tsx bench/experiments/report-print.exp.ts <indicators> <variant,…>
 *   variants: img (as the product before), lean (leaner SVG in <img>), inline (SVG in the page),
 *   untagged (img, tagged: false), flags (img, chromium with --renderer-process-limit=1 and others),
 *   file (img, loaded from a file: URL instead of setContent)
 */
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../../src/documents/pdf-renderer.js';
import { buildReportContent } from '../../src/domain/plan/reports/report-content.js';
import { reportHtml } from '../../src/domain/plan/reports/report-html.js';
import { DEFAULT_TEMPLATE } from '../../src/domain/plan/reports/report-template.js';
import { descendants, pssKb } from '../lib/proc.js';
import { syntheticFollowup } from '../report/synthetic.js';

const [countArg = '100', variantsArg = 'img,inline'] = process.argv.slice(2);
const goals = Math.max(1, Math.round(Number(countArg) / 10));

const content = await buildReportContent(syntheticFollowup(goals, 10), {
  lang: 'sv',
  template: DEFAULT_TEMPLATE,
  scopeNodeId: null,
  generatedAt: new Date().toISOString(),
});
const html = reportHtml(content);

/** The charts as inline SVG (role img, the alt text as its name) instead of <img> documents. */
function inlined(doc: string): string {
  return doc.replace(
    /<img src="data:image\/svg\+xml;base64,([^"]+)" width="\d+" height="\d+" alt="([^"]*)">/g,
    (_m, b64: string, alt: string) =>
      Buffer.from(b64, 'base64').toString('utf8').replace('<svg ', `<svg role="img" aria-label="${alt}" `),
  );
}

const variants: Record<string, { html: () => string; tagged?: boolean; args?: string[]; file?: boolean }> = {
  img: { html: () => html },
  lean: { html: () => reportHtml(content) },
  inline: { html: () => inlined(html) },
  untagged: { html: () => html, tagged: false },
  flags: {
    html: () => html,
    args: [
      '--renderer-process-limit=1',
      '--js-flags=--max-old-space-size=128',
      '--disable-extensions',
      '--disable-features=Translate,MediaRouter,OptimizationHints,site-per-process',
      '--disable-dev-shm-usage',
    ],
  },
  file: { html: () => html, file: true },
};

console.log(
  `load average at the start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(`indicators: ${goals * 10}, HTML ${(html.length / 1e6).toFixed(1)} MB`);
for (const name of variantsArg.split(',')) {
  const v = variants[name];
  if (!v) throw new Error(`unknown variant ${name}`);
  const doc = v.html();
  const t0 = performance.now();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_FLAGS, ...(v.args ?? [])],
  });
  const t1 = performance.now();
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(
      peak,
      descendants(process.pid).reduce((s, p) => s + pssKb(p), 0),
    );
  }, 250);
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  const page = await context.newPage();
  let file: string | undefined;
  if (v.file) {
    file = join(tmpdir(), `etablera-print-${process.pid}.html`);
    writeFileSync(file, doc);
    await page.goto(`file://${file}`, { waitUntil: 'load' });
  } else {
    await page.route('**/*', (route) => route.abort());
    await page.setContent(doc, { waitUntil: 'load' });
  }
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const t2 = performance.now();
  const pdf = await page.pdf({
    format: 'A4',
    printBackground: true,
    tagged: v.tagged ?? true,
    outline: true,
    margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: '<div style="font-size:8px"><span class="pageNumber"></span></div>',
  });
  const t3 = performance.now();
  clearInterval(sampler);
  await context.close();
  await browser.close();
  if (file) rmSync(file);
  writeFileSync(join(tmpdir(), `etablera-print-${name}.pdf`), pdf);
  console.log(
    `${name}: start ${((t1 - t0) / 1e3).toFixed(2)} s, load+layout ${((t2 - t1) / 1e3).toFixed(2)} s, print ${((t3 - t2) / 1e3).toFixed(2)} s, chromium peak ${(peak / 1e3).toFixed(0)} MB PSS, PDF ${(pdf.length / 1e6).toFixed(2)} MB, load ${loadavg()[0]!.toFixed(2)}`,
  );
}
