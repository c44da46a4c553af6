/**
 * Follow-up report of a plan with 300 indicators (30 goals × 10, 15 years of values each, Riket as
 * comparison, targets): building the content (300 server-side SVG charts), Word, and PDF through
 * chromium, whose start is timed apart. Memory: this process's peak RSS and chromium's processes'
 * RSS after printing. `npm run bench:report`.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { PdfRenderer } from '../../src/documents/pdf-renderer.js';
import type {
  IndicatorFollowup,
  NodeFollowup,
  PlanFollowup,
} from '../../src/domain/plan/followup.service.js';
import { buildReportContent } from '../../src/domain/plan/reports/report-content.js';
import { reportDocx } from '../../src/domain/plan/reports/report-docx.js';
import { reportHtml } from '../../src/domain/plan/reports/report-html.js';
import { DEFAULT_TEMPLATE } from '../../src/domain/plan/reports/report-template.js';

function syntheticFollowup(goals: number, perGoal: number): PlanFollowup {
  const nodes: NodeFollowup[] = [];
  const indicators: IndicatorFollowup[] = [];
  const entry = {
    state: 'approved' as const,
    comment: 'Kommentar till målet.',
    updated_by: 'b',
    updated_at: '2024-01-01',
    ready_by: null,
    ready_at: null,
    approved_by: null,
    approved_at: null,
  };
  for (let g = 1; g <= goals; g++) {
    nodes.push({
      id: g,
      parent_id: null,
      depth: 0,
      code: `${g}`,
      type: 'mal',
      title: `Mål ${g} om arbete och egen försörjning`,
      responsible: 'Förvaltningen',
      deadline: '2025-02-14',
      verdict: { key: 'osakert', label: 'Osäkert om målet kan nås', icon: '', colour: null, missing: false },
      followup: entry,
    });
    for (let k = 1; k <= perGoal; k++) {
      const id = g * 100 + k;
      const values = Array.from({ length: 15 }, (_, y) => ({
        period: String(2010 + y),
        T: 40 + ((g * k + y * 3) % 25) + y * 0.4,
        K: null,
        M: null,
      }));
      indicators.push({
        id,
        node_id: g,
        code: `${g}.${k}`,
        title: `Indikator ${g}.${k}: andel invånare i arbete`,
        unit: '%',
        direction: 'higher',
        source: 'kolada',
        kolada: { kpi: 'N00000', municipality: '2580', gender: 'T' },
        source_note: 'Källa: Kolada',
        values,
        riket: values.map((v) => ({ ...v, T: v.T - 3 })),
        comparison: {
          kind: 'riket',
          title: 'Riket',
          group_id: '0000',
          computed_by: 'kolada',
          values: values.map((v) => ({ period: v.period, value: v.T - 3, n: null })),
        },
        baseline: null,
        targets: { '2026': 60 },
        trend_method: 'regression',
        trend: {
          method: 'regression',
          from: '2010',
          to: '2024',
          n: 15,
          change: 5,
          relative_change: 0.1,
          movement: 'up',
          direction: 'better',
        },
        trend_override: null,
        effective_direction: 'better',
        target_attainment: null,
        published: null,
        followup: null,
      });
    }
  }
  return {
    plan: {
      id: 1,
      title: 'Syntetisk plan med 300 indikatorer',
      period_kind: 'ar',
      organisation_id: '2580',
      municipality_id: '2580',
      status: 'adopted',
      version: 1,
    },
    period: '2024',
    approved_only: false,
    verdict_scale: [],
    nodes,
    indicators,
    actions: [],
    summary: undefined as never,
  };
}

/** Every process below `root` (from /proc: each process's parent is the 4th field of its stat). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const parent = Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

function rssKb(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 20);
const time = async <T>(work: () => Promise<T> | T): Promise<[T, number]> => {
  const start = performance.now();
  const out = await work();
  sample();
  return [out, (performance.now() - start) / 1000];
};

console.log(
  `load average at the start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const followup = syntheticFollowup(30, 10);
const meta = {
  lang: 'sv' as const,
  template: DEFAULT_TEMPLATE,
  scopeNodeId: null,
  generatedAt: new Date().toISOString(),
};
const [content, contentS] = await time(() => buildReportContent(followup, meta));
const peakAfterContent = peak;
const charts = content.blocks.filter((b) => b.kind === 'chart').length;
const [docx, docxS] = await time(() => reportDocx(content));
const peakAfterDocx = peak;
const renderer = new PdfRenderer();
const [, startS] = await time(() => renderer.start());
const [pdf, pdfS] = await time(() => renderer.render(reportHtml(content), { footer: content.title }));
const [, pdf2S] = await time(() => renderer.render(reportHtml(content), { footer: content.title }));
// Only this benchmark's chromium (the machine may run others): the processes descending from this one.
const chromiumKb = descendants(process.pid).reduce((sum, pid) => sum + rssKb(pid), 0);
await renderer.close();
clearInterval(timer);
const pages = execFileSync(
  'sh',
  ['-c', 'cat > /tmp/etablera-bench-report.pdf && pdfinfo /tmp/etablera-bench-report.pdf | grep Pages'],
  { input: pdf, encoding: 'utf8' },
).trim();
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(`indicators: ${followup.indicators.length}, charts: ${charts}, ${pages}`);
console.log(`content (with ${charts} SVG charts): ${contentS.toFixed(2)} s`);
console.log(`DOCX: ${docxS.toFixed(2)} s (${(docx.length / 1e6).toFixed(1)} MB)`);
console.log(`chromium start: ${startS.toFixed(2)} s`);
console.log(
  `PDF (content → HTML → chromium): ${pdfS.toFixed(2)} s first, ${pdf2S.toFixed(2)} s second (${(pdf.length / 1e6).toFixed(1)} MB)`,
);
console.log(
  `peak RSS of this process: ${(peakAfterContent / 1e6).toFixed(0)} MB after the content, ${(peakAfterDocx / 1e6).toFixed(0)} MB after DOCX, ${(peak / 1e6).toFixed(0)} MB in all; chromium processes after printing (shared pages counted per process): ${(Number(chromiumKb) / 1e3).toFixed(0)} MB`,
);
