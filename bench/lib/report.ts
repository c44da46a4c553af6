/** Collects figures as they are measured, prints them as tables, and keeps a JSON copy of the run. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './bench-stores.js';

export interface Figure {
  section: string;
  dialect: string;
  what: string;
  value: number;
  unit: string;
  /** The same-run baseline figure this one is compared with, if any. */
  baseline?: number;
  /** value / baseline. */
  ratio?: number;
  /** The target, as text (e.g. "≤ 60 s"), and whether it is met. */
  target?: string;
  met?: boolean;
  note?: string;
}

export class Report {
  readonly figures: Figure[] = [];
  readonly notes: string[] = [];

  add(figure: Figure): void {
    this.figures.push(figure);
    console.log(`  ${formatFigure(figure)}`);
  }

  note(text: string): void {
    this.notes.push(text);
    console.log(`  NOTE: ${text}`);
  }

  save(meta: Record<string, unknown>): string {
    mkdirSync(BENCH_DIR, { recursive: true });
    const file = join(BENCH_DIR, `run-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ meta, figures: this.figures, notes: this.notes }, null, 2));
    return file;
  }

  printSummary(): void {
    console.log('\n=== Summary ===');
    const rows = this.figures.map((f) => [
      f.section,
      f.dialect,
      f.what,
      `${fmt(f.value)} ${f.unit}`,
      f.baseline === undefined ? '' : `${fmt(f.baseline)} ${f.unit}`,
      f.ratio === undefined ? '' : `${fmt(f.ratio)}×`,
      f.target === undefined ? '' : `${f.target} ${f.met ? 'met' : 'MISSED'}`,
    ]);
    const header = ['section', 'dialect', 'what', 'value', 'baseline (same run)', 'ratio', 'target'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
    for (const r of rows) console.log(line(r));
    for (const n of this.notes) console.log(`NOTE: ${n}`);
  }
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function formatFigure(f: Figure): string {
  let s = `[${f.dialect}] ${f.what}: ${fmt(f.value)} ${f.unit}`;
  if (f.baseline !== undefined) s += ` (baseline ${fmt(f.baseline)} ${f.unit}`;
  if (f.ratio !== undefined) s += `, ratio ${fmt(f.ratio)}×`;
  if (f.baseline !== undefined) s += ')';
  if (f.target !== undefined) s += ` target ${f.target}: ${f.met ? 'met' : 'MISSED'}`;
  if (f.note) s += ` — ${f.note}`;
  return s;
}
