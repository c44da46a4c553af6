/**
 * Section 1: the full real import through the real CLI (`node bin/etablera.js import …`) against the
 * minimal-loop baseline (baseline-import.ts), alternating the two so both see the same machine.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Dialect } from '../../src/store/database.js';
import {
  BENCH_DIR,
  benchStore,
  dropStore,
  freshStore,
  KOLADA_VALUES,
  META_FILES,
  REPO_ROOT,
  renameStore,
  writeMarker,
} from '../lib/bench-stores.js';
import { runMeasured } from '../lib/child.js';
import type { BenchOptions } from '../lib/options.js';
import type { Report } from '../lib/report.js';
import { median, ratio } from '../lib/stats.js';

/** The store the API, page and scale sections read: the last import's result. */
export const REAL_STORE = 'bench';
export const REAL_MARKER = 'bench-real-values';

/** The values file for this run: the real file, or (--quick) its first N lines. */
export async function valuesFile(options: BenchOptions): Promise<string> {
  if (!options.quickLines) return KOLADA_VALUES;
  const file = join(BENCH_DIR, `values-first-${options.quickLines}.ndjson.gz`);
  if (existsSync(file)) return file;
  mkdirSync(BENCH_DIR, { recursive: true });
  const limit = options.quickLines;
  async function* head() {
    let n = 0;
    const lines = createInterface({ input: createReadStream(KOLADA_VALUES).pipe(createGunzip()) });
    for await (const line of lines) {
      yield `${line}\n`;
      if (++n >= limit) break;
    }
    lines.close();
  }
  await pipeline(Readable.from(head()), createGzip(), createWriteStream(`${file}.part`));
  renameSync(`${file}.part`, file);
  return file;
}

interface ImportRun {
  seconds: number;
  valuesSeconds: number;
  values: number;
  peakRssMb: number;
}

async function etableraImport(dialect: Dialect, values: string): Promise<ImportRun> {
  const store = benchStore(dialect, 'import');
  await freshStore(store);
  const result = await runMeasured(
    process.execPath,
    [join(REPO_ROOT, 'bin/etablera.js'), 'import', ...META_FILES, values],
    store.env,
  );
  if (result.code !== 0)
    throw new Error(`etablera import failed on ${dialect}:\n${result.stderr.slice(-3000)}`);
  // "…values-2024-08.ndjson.gz: data, 4,549,673 items, 7,387,543 values (… unchanged) in 61.2 s"
  const match = /: data, [\d,]+ items, ([\d,]+) values \(.*\) in ([\d.]+) s/.exec(result.stdout);
  if (!match) throw new Error(`cannot read the import report:\n${result.stdout}`);
  return {
    seconds: result.seconds,
    values: Number((match[1] as string).replace(/,/g, '')),
    valuesSeconds: Number(match[2]),
    peakRssMb: result.peakRssMb,
  };
}

async function baselineImport(dialect: Dialect, values: string): Promise<ImportRun> {
  const store = benchStore(dialect, 'baseline');
  await freshStore(store);
  try {
    const result = await runMeasured(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'bench/import/baseline-import.ts'), values],
      store.env,
    );
    if (result.code !== 0)
      throw new Error(`baseline import failed on ${dialect}:\n${result.stderr.slice(-3000)}`);
    const out = JSON.parse(result.stdout.trim().split('\n').pop() as string) as {
      values: number;
      seconds: number;
    };
    return {
      seconds: result.seconds,
      valuesSeconds: out.seconds,
      values: out.values,
      peakRssMb: result.peakRssMb,
    };
  } finally {
    await dropStore(store);
  }
}

export async function importBench(dialect: Dialect, options: BenchOptions, report: Report): Promise<void> {
  const values = await valuesFile(options);
  const runs: ImportRun[] = [];
  const baselines: ImportRun[] = [];
  for (let i = 0; i < options.importRuns; i++) {
    console.log(`  [${dialect}] import run ${i + 1}/${options.importRuns}: baseline, then etablera import`);
    baselines.push(await baselineImport(dialect, values));
    runs.push(await etableraImport(dialect, values));
  }
  const rate = (r: ImportRun) => r.values / r.valuesSeconds;
  const etableraRate = median(runs.map(rate));
  const baselineRate = median(baselines.map(rate));
  const total = median(runs.map((r) => r.seconds));
  const limit = dialect === 'sqlite' ? 60 : 120;
  const full = !options.quickLines;
  const section = 'import';
  report.add({
    section,
    dialect,
    what: `values file (${runs[0]?.values.toLocaleString('en')} values), rate`,
    value: etableraRate,
    unit: 'values/s',
    baseline: baselineRate,
    ratio: ratio(etableraRate, baselineRate),
    target: '≥ 0.5× baseline',
    met: etableraRate >= 0.5 * baselineRate,
  });
  report.add({
    section,
    dialect,
    what: `values file, time`,
    value: median(runs.map((r) => r.valuesSeconds)),
    unit: 's',
    baseline: median(baselines.map((r) => r.valuesSeconds)),
  });
  report.add({
    section,
    dialect,
    what: 'whole import (metadata + values, process start to exit)',
    value: total,
    unit: 's',
    ...(full ? { target: `≤ ${limit} s`, met: total <= limit } : { note: 'quick subset, no target' }),
  });
  report.add({
    section,
    dialect,
    what: 'peak RSS of the import process',
    value: median(runs.map((r) => r.peakRssMb)),
    unit: 'MB',
    baseline: median(baselines.map((r) => r.peakRssMb)),
  });
  // The last import's store is what the API, page and scale sections read.
  const real = benchStore(dialect, REAL_STORE);
  await renameStore(benchStore(dialect, 'import'), real);
  await writeMarker(real, REAL_MARKER, String(runs.at(-1)?.values ?? 0));
}

/** Makes sure the real store exists for the read sections (imports it, unmeasured, if not). */
export async function ensureRealStore(dialect: Dialect, options: BenchOptions): Promise<void> {
  const { readMarker } = await import('../lib/bench-stores.js');
  const real = benchStore(dialect, REAL_STORE);
  const expected = options.quickLines ? undefined : '7387543';
  const marker = await readMarker(real, REAL_MARKER).catch(() => undefined);
  if (marker && (expected === undefined || marker === expected)) return;
  console.log(`  [${dialect}] loading the real data into the bench store (not measured)…`);
  const values = await valuesFile(options);
  await etableraImport(dialect, values);
  await renameStore(benchStore(dialect, 'import'), real);
  await writeMarker(real, REAL_MARKER, values === KOLADA_VALUES ? '7387543' : 'subset');
}
