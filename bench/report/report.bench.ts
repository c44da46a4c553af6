/**
 * Follow-up report of a plan with 300 indicators (30 goals × 10, 15 years of values each, Riket as
 * comparison, targets): building the content (300 server-side SVG charts), Word, and PDF through
 * chromium, whose start is timed apart. Each step's wall time and this process's CPU time (its
 * worker threads included: under load the CPU time says more than the wall time). Memory: this
 * process's peak RSS (the kernel's high-water mark, VmHWM, worker threads included) and chromium's
 * processes while printing (PSS, which shares pages between them fairly, sampled every 0.25 s; each
 * PDF's chromium ends with it).
 * `npm run bench:report`.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { PdfRenderer } from '../../src/documents/pdf-renderer.js';
import { buildReportContent } from '../../src/domain/plan/reports/report-content.js';
import { reportDocx } from '../../src/domain/plan/reports/report-docx.js';
import { reportHtml } from '../../src/domain/plan/reports/report-html.js';
import { DEFAULT_TEMPLATE } from '../../src/domain/plan/reports/report-template.js';
import { chromiumBelow, pssKb, statusKb } from '../lib/proc.js';
import { syntheticFollowup } from './synthetic.js';

const peakMb = () => (statusKb('self', 'VmHWM') / 1e3).toFixed(0);
const time = async <T>(work: () => Promise<T> | T): Promise<[T, number, number]> => {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const out = await work();
  const used = process.cpuUsage(cpu);
  return [out, (performance.now() - start) / 1000, (used.user + used.system) / 1e6];
};
const secs = (wall: number, cpu: number) => `${wall.toFixed(2)} s (CPU ${cpu.toFixed(2)} s)`;

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
const [content, contentS, contentCpu] = await time(() => buildReportContent(followup, meta));
const peakAfterContent = peakMb();
const charts = content.blocks.filter((b) => b.kind === 'chart').length;
const [docx, docxS, docxCpu] = await time(() => reportDocx(content));
const [, docx2S, docx2Cpu] = await time(() => reportDocx(content));
const peakAfterDocx = peakMb();
const renderer = new PdfRenderer();
// Every PDF has a chromium of its own (PdfRenderer): its start is timed apart, before each PDF.
const [, startS] = await time(() => renderer.start());
// chromium's memory while it prints (PSS of this benchmark's chromium processes, sampled), and its
// processes' RSS summed at the sample with the highest PSS.
let chromiumPeakPssKb = 0;
let chromiumRssKb = 0;
const sampler = setInterval(() => {
  const chromium = chromiumBelow(process.pid);
  const pss = chromium.reduce((sum, pid) => sum + pssKb(pid), 0);
  if (pss > chromiumPeakPssKb) {
    chromiumPeakPssKb = pss;
    chromiumRssKb = chromium.reduce((sum, pid) => sum + statusKb(pid, 'VmRSS'), 0);
  }
}, 250);
const [pdf, pdfS, pdfCpu] = await time(() => renderer.render(reportHtml(content), { footer: content.title }));
const [, start2S] = await time(() => renderer.start());
const [, pdf2S, pdf2Cpu] = await time(() => renderer.render(reportHtml(content), { footer: content.title }));
clearInterval(sampler);
// Nothing of chromium should be left once the PDF is made.
const chromiumLeft = chromiumBelow(process.pid).length;
await renderer.close();
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
console.log(`content (with ${charts} SVG charts): ${secs(contentS, contentCpu)}`);
console.log(
  `DOCX from the content: ${secs(docxS, docxCpu)} first, ${secs(docx2S, docx2Cpu)} second (${(docx.length / 1e6).toFixed(1)} MB); content + DOCX ${(contentS + docxS).toFixed(2)} s`,
);
console.log(
  `chromium start: ${startS.toFixed(2)} s before the first PDF, ${start2S.toFixed(2)} s before the second`,
);
console.log(
  `PDF (content → HTML → chromium): ${secs(pdfS, pdfCpu)} first, ${secs(pdf2S, pdf2Cpu)} second (${(pdf.length / 1e6).toFixed(1)} MB; CPU is this process's, not chromium's)`,
);
console.log(
  `peak RSS of this process (VmHWM): ${peakAfterContent} MB after the content, ${peakAfterDocx} MB after DOCX, ${peakMb()} MB in all; chromium's processes: ${(chromiumPeakPssKb / 1e3).toFixed(0)} MB PSS at most while printing (${(chromiumRssKb / 1e3).toFixed(0)} MB RSS summed then, shared pages counted per process); ${chromiumLeft} chromium processes left after the PDFs`,
);
