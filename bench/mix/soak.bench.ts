/**
 * The mix soak (`npm run bench -- --only mix --soak`, or `--soak-minutes n`): the realistic mix
 * without pause against a server with all workers: first a warm-up (3 minutes, at most half the soak)
 * in which every worker's caches fill towards their byte budgets, then the soak itself, 10 minutes by
 * default. Reported: each worker's RSS minute by minute, and whether it grew from the end of the
 * warm-up (a 30-second window) to the last 30 seconds. Heap snapshots are taken of one worker only,
 * the last, whose RSS then also holds what V8 kept for the snapshots (250 MB of native memory in
 * session 32): the other workers' RSS is the verdict. When a worker grew, the comparison of the two
 * snapshots (end of warm-up, end) says which kinds of object hold the added memory.
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

/** The soak's warm-up: the caches fill in the first minutes (BENCHMARKS.md *Session 33*). */
const SOAK_WARMUP_S = 180;

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
  const soakS = minutes * 60;
  const warmS = Math.min(SOAK_WARMUP_S, soakS / 2);
  const section = `mix soak (${minutes} min after ${warmS / 60} min of warm-up, ${workers} workers)`;
  try {
    const windowS = Math.min(30, soakS / 5);
    const started = Date.now();
    const timeline: { atS: number; sample: ProcessMemory[] }[] = [];
    // Snapshots of the last worker only (with one process: itself); chosen before any is taken.
    const snapshotted = server.processes().at(-1)?.pid ?? server.pid;
    let warmSnapshot: Promise<string> | undefined;
    let warmBreakdown: Promise<string[]> | undefined;
    let snapshotAtS = Number.POSITIVE_INFINITY;
    await runMix(server, warmS + soakS, 5000, (sample) => {
      const atS = (Date.now() - started) / 1000;
      timeline.push({ atS, sample });
      if (!warmSnapshot && atS >= warmS + windowS) {
        snapshotAtS = atS;
        // Every worker's breakdown first, then the snapshot (which adds to its worker's memory).
        warmBreakdown = workerMemory(server.url, workers);
        warmSnapshot = warmBreakdown.catch(() => []).then(() => heapSnapshot(dir, snapshotted));
        warmSnapshot.catch(() => {});
      }
    });
    const pids = server.processes().map((p) => p.pid);
    // What each worker's RSS is made of, warm and at the end: whether growth is V8's heap or native.
    const endBreakdown = await workerMemory(server.url, workers).catch((e: Error) => [e.message]);
    report.note(
      `[${dialect}] soak: each worker's memory (/api/status) after the warm-up:\n${(await warmBreakdown?.catch((e: Error) => [e.message]))?.join('\n') ?? '(not taken)'}\nat the end:\n${endBreakdown.join('\n')}`,
    );
    const rssOf = (pid: number, from: number, to: number) =>
      mean(
        timeline
          .filter((t) => t.atS >= from && t.atS < to)
          .flatMap((t) => t.sample.filter((p) => p.pid === pid).map((p) => p.rssMb)),
      );
    const whoIs = (i: number) => (i === 0 && workers > 1 ? 'primary' : `worker ${workers > 1 ? i : 1}`);
    report.note(
      `[${dialect}] soak: RSS minute by minute (MB; the warm-up ends at ${(warmS / 60).toFixed(1)} min):\n${rssByMinute(timeline, pids, whoIs, snapshotted)}`,
    );
    const endS = timeline[timeline.length - 1]?.atS ?? warmS + soakS;
    let grew: number | undefined;
    for (const [i, pid] of pids.entries()) {
      const warm = rssOf(pid, warmS, warmS + windowS);
      const end = rssOf(pid, endS - windowS, endS + 1);
      const judged = pid !== snapshotted || workers === 1;
      // The snapshotted worker's peak before its first snapshot: afterwards it holds the snapshot's memory.
      const peak = Math.max(
        ...timeline
          .filter((t) => judged || t.atS < snapshotAtS)
          .flatMap((t) => t.sample.filter((p) => p.pid === pid).map((p) => p.rssMb)),
      );
      const grown = end > warm * (1 + GROWTH_SHARE) && end - warm > GROWTH_MB;
      report.add({
        section,
        dialect,
        what: `${whoIs(i)}: RSS after the warm-up (${warmS.toFixed(0)}–${(warmS + windowS).toFixed(0)} s) → last ${windowS.toFixed(0)} s; peak ${peak.toFixed(0)} MB${judged ? '' : ' (heap snapshots taken of it: not judged)'}`,
        value: end,
        unit: 'MB',
        baseline: warm,
        ratio: end / warm,
        ...(judged ? { target: `≤ ${1 + GROWTH_SHARE}× or +${GROWTH_MB} MB`, met: !grown } : {}),
      });
      if (i > 0 || workers === 1)
        report.add({
          section,
          dialect,
          what: `${whoIs(i)}: peak RSS over the soak, warm-up included${judged ? '' : ', before its first heap snapshot'}`,
          value: peak,
          unit: 'MB',
          target: '≤ 300 MB',
          met: peak <= 300,
        });
      if (grown && judged && (i > 0 || workers === 1)) grew ??= pid;
    }
    const warmFile = await warmSnapshot?.catch((e: Error) => {
      report.note(`[${dialect}] soak: the warm heap snapshot failed: ${e.message}`);
      return undefined;
    });
    if (grew !== undefined && warmFile) {
      const endFile = await heapSnapshot(dir, snapshotted);
      const lines = heapGrowth(summariseHeapSnapshot(warmFile), summariseHeapSnapshot(endFile));
      report.note(
        `[${dialect}] soak: a worker grew; heap snapshot comparison of pid ${snapshotted} (after the warm-up → end):\n${lines.join('\n')}`,
      );
    } else if (grew === undefined)
      report.note(
        `[${dialect}] soak: no worker grew by more than ${GROWTH_SHARE * 100}% and ${GROWTH_MB} MB after the warm-up`,
      );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line a process: its mean RSS in each minute of the run. */
function rssByMinute(
  timeline: readonly { atS: number; sample: ProcessMemory[] }[],
  pids: readonly number[],
  whoIs: (i: number) => string,
  snapshotted: number,
): string {
  const minutes = Math.ceil((timeline.at(-1)?.atS ?? 0) / 60);
  return pids
    .map((pid, i) => {
      const cells = Array.from({ length: minutes }, (_, m) =>
        mean(
          timeline
            .filter((t) => t.atS >= m * 60 && t.atS < (m + 1) * 60)
            .flatMap((t) => t.sample.filter((p) => p.pid === pid).map((p) => p.rssMb)),
        ).toFixed(0),
      );
      return `  ${whoIs(i)}${pid === snapshotted && pids.length > 1 ? ' (snapshots)' : ''}: ${cells.join(' ')}`;
    })
    .join('\n');
}
