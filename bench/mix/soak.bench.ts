/**
 * The mix soak (`npm run bench -- --only mix --soak`, or `--soak-minutes n`): the realistic mix
 * without pause against a server with all workers, for 10 minutes by default. Reported: each worker's
 * RSS once warm (after the first fifth of the run, at most a minute) and at the end, and whether it
 * grew. When a worker grew, the comparison of two heap snapshots of it (taken when warm and at the
 * end, through --heapsnapshot-signal): which kinds of object hold the added memory.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dialect } from '../../src/store/database.js';
import type { BenchStore } from '../lib/bench-stores.js';
import type { Report } from '../lib/report.js';
import { type ProcessMemory, startServer } from '../lib/server.js';
import { runMix } from './mix.bench.js';

/** Growth that counts: more than this share and more than GROWTH_MB. */
const GROWTH_SHARE = 0.1;
const GROWTH_MB = 10;

interface HeapSummary {
  totalBytes: number;
  /** Self size and count per kind of object (constructor name, or the node type in parentheses). */
  byKind: Map<string, { bytes: number; count: number }>;
}

/** Reads a V8 heap snapshot and sums its objects' self sizes by kind. */
export function summariseHeapSnapshot(file: string): HeapSummary {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const byKind = new Map<string, { bytes: number; count: number }>();
  let totalBytes = 0;
  const { nodes, strings } = snapshot;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt] as number] ?? '?';
    const size = nodes[i + sizeAt] as number;
    const kind =
      type === 'object' || type === 'closure' ? (strings[nodes[i + nameAt] as number] ?? '?') : `(${type})`;
    const entry = byKind.get(kind) ?? { bytes: 0, count: 0 };
    entry.bytes += size;
    entry.count += 1;
    byKind.set(kind, entry);
    totalBytes += size;
  }
  return { totalBytes, byKind };
}

/** The kinds whose memory grew most between two snapshots, largest first. */
export function heapGrowth(before: HeapSummary, after: HeapSummary, top = 12): string[] {
  const rows = [...after.byKind].map(([kind, a]) => {
    const b = before.byKind.get(kind) ?? { bytes: 0, count: 0 };
    return { kind, bytes: a.bytes - b.bytes, count: a.count - b.count };
  });
  rows.sort((x, y) => y.bytes - x.bytes);
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
  return [
    `heap (self sizes) ${mb(before.totalBytes)} → ${mb(after.totalBytes)}`,
    ...rows
      .slice(0, top)
      .map((r) => `  ${r.kind}: +${mb(r.bytes)} (${r.count >= 0 ? '+' : ''}${r.count} objects)`),
  ];
}

/** Asks `pid` for a heap snapshot (SIGUSR2) and waits until V8 has written it whole. */
export async function heapSnapshot(dir: string, pid: number): Promise<string> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 120_000;
  let file: string | undefined;
  let size = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    file ??= readdirSync(dir).find(
      (f) => !before.has(f) && f.includes(`.${pid}.`) && f.endsWith('.heapsnapshot'),
    );
    if (file && existsSync(join(dir, file))) {
      const now = statSync(join(dir, file)).size;
      // Written synchronously by the worker's main thread: done when the size stops changing.
      if (now > 0 && now === size) return join(dir, file);
      size = now;
    }
    if (Date.now() > deadline) throw new Error(`no heap snapshot from ${pid} within 120 s`);
  }
}

interface StatusMemory {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  nativeBytes: number;
  caches: Record<string, { usedBytes: number; entries: number }>;
}

/**
 * Each worker's memory as its /api/status says (V8's heap reserved and used, external, the native
 * rest, the caches), one line a worker. Each request on a fresh connection, so the workers answer in
 * turn; asked until all have answered, at most 30 times.
 */
export async function workerMemory(url: string, workers: number): Promise<string[]> {
  const seen = new Map<number, StatusMemory>();
  for (let i = 0; i < 30 && seen.size < workers; i++) {
    const reply = await fetch(`${url}/api/status`, { headers: { connection: 'close' } });
    const status = (await reply.json()) as { server: { pid: number; memory: StatusMemory } };
    seen.set(status.server.pid, status.server.memory);
  }
  const mb = (n: number) => (n / 2 ** 20).toFixed(0);
  return [...seen].map(
    ([pid, m]) =>
      `  pid ${pid}: RSS ${mb(m.rssBytes)} MB = heap ${mb(m.heapTotalBytes)} (used ${mb(m.heapUsedBytes)}) + external ${mb(m.externalBytes)} + native ${mb(m.nativeBytes)}; caches ${Object.entries(
        m.caches,
      )
        .map(([name, c]) => `${name} ${mb(c.usedBytes)} MB (${c.entries})`)
        .join(', ')}`,
  );
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);

export async function soakBench(
  dialect: Dialect,
  store: BenchStore,
  minutes: number,
  report: Report,
): Promise<void> {
  const workers = availableParallelism();
  const dir = mkdtempSync(join(tmpdir(), 'etablera-soak-'));
  const server = await startServer(store, { ETABLERA_WORKERS: String(workers) }, [
    '--heapsnapshot-signal=SIGUSR2',
    `--diagnostic-dir=${dir}`,
  ]);
  const section = `mix soak (${minutes} min, ${workers} workers)`;
  try {
    const seconds = minutes * 60;
    const warmS = Math.min(60, seconds / 5);
    const windowS = Math.min(30, seconds / 5);
    const started = Date.now();
    const timeline: { atS: number; sample: ProcessMemory[] }[] = [];
    let warmSnapshot: Promise<{ pid: number; file: string }> | undefined;
    let warmBreakdown: Promise<string[]> | undefined;
    await runMix(server, seconds, 5000, (sample) => {
      const atS = (Date.now() - started) / 1000;
      timeline.push({ atS, sample });
      if (!warmSnapshot && atS >= warmS) {
        // The largest worker, once warm: the one a leak would show in first.
        const largest = sample.slice(1).sort((a, b) => b.rssMb - a.rssMb)[0] ?? sample[0]!;
        // Every worker's breakdown first: the snapshot itself adds memory to the worker it is taken of.
        warmBreakdown = workerMemory(server.url, workers);
        warmSnapshot = warmBreakdown
          .catch(() => [])
          .then(() => heapSnapshot(dir, largest.pid))
          .then((file) => ({ pid: largest.pid, file }));
        warmSnapshot.catch(() => {});
      }
    });
    const pids = server.processes().map((p) => p.pid);
    // What each worker's RSS is made of, warm and at the end: whether growth is V8's heap or native.
    const endBreakdown = await workerMemory(server.url, workers).catch((e: Error) => [e.message]);
    report.note(
      `[${dialect}] soak: each worker's memory (/api/status), warm:\n${(await warmBreakdown?.catch((e: Error) => [e.message]))?.join('\n') ?? '(not taken)'}\nat the end:\n${endBreakdown.join('\n')}`,
    );
    const rssOf = (pid: number, from: number, to: number) =>
      mean(
        timeline
          .filter((t) => t.atS >= from && t.atS < to)
          .flatMap((t) => t.sample.filter((p) => p.pid === pid).map((p) => p.rssMb)),
      );
    const endS = timeline[timeline.length - 1]?.atS ?? seconds;
    let grew: number | undefined;
    for (const [i, pid] of pids.entries()) {
      const warm = rssOf(pid, warmS, warmS + windowS);
      const end = rssOf(pid, endS - windowS, endS + 1);
      const who = i === 0 ? 'primary' : `worker ${i}`;
      report.add({
        section,
        dialect,
        what: `${who}: RSS warm (${warmS.toFixed(0)}–${(warmS + windowS).toFixed(0)} s) → last ${windowS.toFixed(0)} s`,
        value: end,
        unit: 'MB',
        baseline: warm,
        ratio: end / warm,
        target: `≤ ${1 + GROWTH_SHARE}× or +${GROWTH_MB} MB`,
        met: !(end > warm * (1 + GROWTH_SHARE) && end - warm > GROWTH_MB),
      });
      if (end > warm * (1 + GROWTH_SHARE) && end - warm > GROWTH_MB && i > 0) grew ??= pid;
    }
    const warmFile = await warmSnapshot?.catch((e: Error) => {
      report.note(`[${dialect}] soak: the warm heap snapshot failed: ${e.message}`);
      return undefined;
    });
    if (grew !== undefined && warmFile && warmFile.pid === grew) {
      const endFile = await heapSnapshot(dir, grew);
      const lines = heapGrowth(summariseHeapSnapshot(warmFile.file), summariseHeapSnapshot(endFile));
      report.note(
        `[${dialect}] soak: worker ${grew} grew; heap snapshot comparison (warm → end):\n${lines.join('\n')}`,
      );
    } else if (grew !== undefined)
      report.note(`[${dialect}] soak: worker ${grew} grew, but the warm snapshot was of another worker`);
    else
      report.note(
        `[${dialect}] soak: no worker grew by more than ${GROWTH_SHARE * 100}% and ${GROWTH_MB} MB`,
      );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
