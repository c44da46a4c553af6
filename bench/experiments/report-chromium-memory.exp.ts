/**
 * Experiment (not part of `npm run bench`): which of chromium's processes holds the memory while it
 * prints the 300-indicator report, per variant (flags, HTML), each in a fresh chromium, one after the
 * other in one run so that they share the machine's load. Prints each process type's peak PSS and the
 * total's peak (the sum over all processes at one sample, as `npm run bench:report` measures).
 * Usage: tsx bench/experiments/report-chromium-memory.exp.ts <indicators> <variant,…>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../../src/documents/pdf-renderer.js';
import { documentSvg } from '../../src/documents/svg-chart.js';
import { buildReportContent } from '../../src/domain/plan/reports/report-content.js';
import { reportHtml } from '../../src/domain/plan/reports/report-html.js';
import { DEFAULT_TEMPLATE } from '../../src/domain/plan/reports/report-template.js';
import { descendants, pssKb } from '../lib/proc.js';
import { syntheticFollowup } from '../report/synthetic.js';

const [countArg = '300', variantsArg = 'base'] = process.argv.slice(2);
const goals = Math.max(1, Math.round(Number(countArg) / 10));

const kind = (pid: number) => {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const type = args.find((a) => a.startsWith('--type='))?.slice(7);
    const sub = args.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
    if (!type) return args[0]?.includes('chromium') ? 'browser' : (args[0]?.split('/').at(-1) ?? '?');
    return sub ? `${type}:${sub.split('.').at(-1)}` : type;
  } catch {
    return 'gone';
  }
};

const content = await buildReportContent(syntheticFollowup(goals, 10), {
  lang: 'sv',
  template: DEFAULT_TEMPLATE,
  scopeNodeId: null,
  generatedAt: new Date().toISOString(),
});
const html = reportHtml(content);

/** Each chart's SVG changed by `change`. */
function mapSvg(change: (svg: string) => string): string {
  return html.replace(
    /<img src="data:image\/svg\+xml;base64,([^"]+)"/g,
    (_m, b64: string) =>
      `<img src="data:image/svg+xml;base64,${Buffer.from(change(Buffer.from(b64, 'base64').toString('utf8'))).toString('base64')}"`,
  );
}

function leanSvg(svg: string): string {
  const stripped = svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>\n?/g, '')
    .replace(/<defs\s*>\s*<\/defs>\n?/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ pointer-events="[^"]*"/g, '')
    .replace(/ class="[^"]*"/g, '')
    .replace(/<(path|rect)\b[^>]*>\s*<\/\1>\n?/g, (element) => (invisible(element) ? '' : element));
  return mergeSymbols(stripped);
}

function invisible(element: string): boolean {
  const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
  const noFill = attr('fill') === 'none' || attr('fill-opacity') === '0';
  const noStroke = attr('stroke') === undefined || attr('stroke') === 'none' || attr('stroke-width') === '0';
  return noFill && noStroke;
}

const SYMBOL =
  /<path d="([^"]+)" transform="matrix\(([-\d.e]+),0,0,\2,([-\d.e]+),([-\d.e]+)\)"([^>]*)><\/path>\n?/g;

/** Runs of point symbols with the same shape and style become one path in page coordinates. */
function mergeSymbols(svg: string): string {
  const out: string[] = [];
  let last = 0;
  let run: { key: string; attrs: string; d: string[]; start: number; end: number } | undefined;
  const flush = () => {
    if (!run) return;
    out.push(svg.slice(last, run.start), `<path d="${run.d.join('')}"${run.attrs}></path>\n`);
    last = run.end;
    run = undefined;
  };
  for (const m of svg.matchAll(SYMBOL)) {
    const [whole, d, s, x, y, attrs] = m as unknown as [string, string, string, string, string, string];
    const placed = placePath(d, Number(s), Number(x), Number(y));
    const key = `${d}|${s}|${attrs}`;
    if (placed === null) {
      flush();
      continue;
    }
    if (run && (run.key !== key || run.end !== m.index)) flush();
    if (!run) run = { key, attrs, d: [], start: m.index, end: m.index };
    run.d.push(placed);
    run.end = m.index + whole.length;
  }
  flush();
  out.push(svg.slice(last));
  return out.join('');
}

const round = (n: number) => String(Math.round(n * 100) / 100);

/**
 * A symbol's path (ECharts draws circles, squares and diamonds with M, L, l, A and Z) scaled by `s`
 * and moved to (x, y); null for a command it does not know (the symbol is then left as it was).
 */
function placePath(d: string, s: number, x: number, y: number): string | null {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g) ?? [];
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const c = tokens[i++]!;
    const args = (n: number) => {
      const a = tokens.slice(i, i + n).map(Number);
      i += n;
      return a.length === n && a.every(Number.isFinite) ? a : null;
    };
    const n = c === 'A' ? 7 : c === 'Z' || c === 'z' ? 0 : 2;
    const a = args(n);
    if (!a) return null;
    switch (c) {
      case 'M':
      case 'L':
        out.push(`${c}${round(a[0]! * s + x)} ${round(a[1]! * s + y)}`);
        break;
      case 'l':
        out.push(`l${round(a[0]! * s)} ${round(a[1]! * s)}`);
        break;
      case 'A':
        out.push(
          `A${round(a[0]! * s)} ${round(a[1]! * s)} ${a[2]} ${a[3]} ${a[4]} ${round(a[5]! * s + x)} ${round(a[6]! * s + y)}`,
        );
        break;
      case 'Z':
      case 'z':
        out.push('Z');
        break;
      default:
        return null;
    }
  }
  return out.join('');
}

/** Only the symbols merged (the rest of leanSvg left out). */
function mergedOnly(svg: string): string {
  return mergeSymbols(svg);
}

interface Variant {
  html?: () => string;
  args?: string[];
  purge?: boolean;
}
const variants: Record<string, Variant> = {
  base: {},
  nocharts: { html: () => html.replace(/<figure>[\s\S]*?<\/figure>/g, '') },
  notables: { html: () => html.replace(/<div class="table"[\s\S]*?<\/div>/g, '') },
  empty: { html: () => '<!doctype html><html lang="sv"><body><h1>x</h1></body></html>' },
  limit: { args: ['--renderer-process-limit=1', '--disable-features=site-per-process'] },
  single: { args: ['--single-process'] },
  js: { args: ['--js-flags=--max-old-space-size=64'] },
  shm: { args: ['--disable-dev-shm-usage'] },
  nosoft: { args: ['--disable-software-rasterizer'] },
  inproc: { args: ['--in-process-gpu'] },
  lowend: { args: ['--enable-low-end-device-mode'] },
  lowsingle: { args: ['--enable-low-end-device-mode', '--single-process'] },
  lowsemi: { args: ['--enable-low-end-device-mode', '--js-flags=--max-semi-space-size=1 --max-lazy'] },
  lownosoft: { args: ['--enable-low-end-device-mode', '--disable-software-rasterizer'] },
  purge: { purge: true },
  lowpurge: { args: ['--enable-low-end-device-mode', '--disable-software-rasterizer'], purge: true },
  all: { args: ['--enable-low-end-device-mode', '--disable-software-rasterizer', '--single-process'] },
  jitless: { args: ['--js-flags=--jitless'] },
  nozygote: { args: ['--no-zygote'] },
  netin: { args: ['--enable-features=NetworkServiceInProcess'] },
  combo: {
    args: [
      '--no-zygote',
      '--in-process-gpu',
      '--enable-features=NetworkServiceInProcess',
      '--renderer-process-limit=1',
      '--disable-features=site-per-process',
      '--js-flags=--max-old-space-size=64',
    ],
  },
  tiny: {
    html: () =>
      html.replace(
        /<img src="data:image\/svg\+xml;base64,([^"]+)"/g,
        () =>
          `<img src="data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="260"><path d="M0 0L640 260" stroke="#000"/></svg>').toString('base64')}"`,
      ),
  },
  notext: { html: () => mapSvg((svg) => svg.replace(/<text[\s\S]*?<\/text>\n?/g, '')) },
  nopath: { html: () => mapSvg((svg) => svg.replace(/<path[\s\S]*?<\/path>\n?/g, '')) },
  nostyle: {
    html: () =>
      mapSvg((svg) =>
        svg
          .replace(/<style\b[^>]*>[\s\S]*?<\/style>\n?/g, '')
          .replace(/ class="[^"]*"/g, '')
          .replace(/ pointer-events="[^"]*"/g, '')
          .replace(/ ecmeta_[a-z_]+="[^"]*"/g, ''),
      ),
  },
  doc: { html: () => mapSvg(documentSvg) },
  lean: { html: () => mapSvg((svg) => leanSvg(documentSvg(svg))) },
  merged: { html: () => mapSvg((svg) => mergedOnly(documentSvg(svg))) },
  inline: {
    html: () =>
      html.replace(
        /<img src="data:image\/svg\+xml;base64,([^"]+)" width="\d+" height="\d+" alt="([^"]*)">/g,
        (_m, b64: string, alt: string) =>
          Buffer.from(b64, 'base64')
            .toString('utf8')
            .replace('<svg ', `<svg role="img" aria-label="${alt}" `),
      ),
  },
};

console.log(
  `load average at the start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(`indicators: ${goals * 10}, HTML ${(html.length / 1e6).toFixed(2)} MB`);
for (const name of variantsArg.split(',')) {
  const [base, mod] = name.split('+') as [string, string | undefined];
  const v: Variant = { ...variants[base], ...(mod ? { html: variants[mod]?.html } : {}) };
  if (!variants[base]) throw new Error(`unknown variant ${name}`);
  const doc = v.html?.() ?? html;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_FLAGS, ...(v.args ?? [])],
  });
  let peak = 0;
  const peaks = new Map<string, number>();
  let atPeak = '';
  const sample = () => {
    let sum = 0;
    const parts = new Map<string, number>();
    for (const pid of descendants(process.pid)) {
      const p = pssKb(pid);
      const k = kind(pid);
      sum += p;
      parts.set(k, (parts.get(k) ?? 0) + p);
    }
    for (const [k, p] of parts) peaks.set(k, Math.max(peaks.get(k) ?? 0, p));
    if (sum > peak) {
      peak = sum;
      atPeak = [...parts].map(([k, p]) => `${k} ${(p / 1e3).toFixed(0)}`).join(', ');
    }
  };
  const sampler = setInterval(sample, 250);
  const t0 = performance.now();
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  const page = await context.newPage();
  await page.route('**/*', (route) => route.abort());
  await page.setContent(doc, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  if (v.purge) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Memory.simulatePressureNotification', { level: 'critical' });
    await cdp.detach();
  }
  sample();
  const loaded = peak;
  const t1 = performance.now();
  const pdf = await page.pdf({
    format: 'A4',
    printBackground: true,
    tagged: true,
    outline: true,
    margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate:
      '<div style="font-size:8px"><span class="pageNumber"></span>/<span class="totalPages"></span></div>',
  });
  const t2 = performance.now();
  clearInterval(sampler);
  await context.close();
  await browser.close();
  writeFileSync(join(tmpdir(), `etablera-mem-${name}.pdf`), pdf);
  console.log(
    `${name}: load ${((t1 - t0) / 1e3).toFixed(1)} s, print ${((t2 - t1) / 1e3).toFixed(1)} s, PSS after load ${(loaded / 1e3).toFixed(0)} MB, peak ${(peak / 1e3).toFixed(0)} MB (${atPeak}); per kind peak: ${[...peaks].map(([k, p]) => `${k} ${(p / 1e3).toFixed(0)}`).join(', ')}; PDF ${(pdf.length / 1e6).toFixed(2)} MB; load ${loadavg()[0]!.toFixed(2)}`,
  );
}
