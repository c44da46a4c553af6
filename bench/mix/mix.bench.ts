/**
 * Section "mix": a realistic load, not repeats of one request. Several connections at once ask for
 * pages and API reads across many kommuner and KPIs, drawn at random (seeded per connection): profile pages, KPI pages, comparisons, the similarity and expected-value analyses,
 * v3 and v2 data and KPI metadata. Reported per kind (p50, p99, count), as throughput, and the
 * server's RSS over time (start, peak, after the run) — the figures issue 24's budgets are about.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { INTEGRATION_KPI_IDS } from '../../src/domain/integration-set.js';
import type { Dialect } from '../../src/store/database.js';
import type { Report } from '../lib/report.js';
import type { ProcessMemory, RunningServer } from '../lib/server.js';
import { percentile } from '../lib/stats.js';
import { isSteady, WARMUP_MAX_S, WARMUP_WINDOW_S, type Warmup } from './warmup.js';

/**
 * Connections at once: what a handful of strategists and scripts do together. MIX_BENCH_CONNECTIONS
 * changes it for experiments (bench/experiments/mix-cpu.exp.ts); the bench's figures use 4.
 */
export const MIX_CONNECTIONS = Number(process.env.MIX_BENCH_CONNECTIONS) || 4;

interface Kind {
  name: string;
  /** Relative frequency in the mix. */
  weight: number;
  path(pick: Picker): string;
}

interface Picker {
  kommun(): string;
  kpi(): string;
  /** `n` different KPIs (an analysis refuses a KPI that explains itself). */
  distinctKpis(n: number): string[];
  kommuner(n: number): string[];
}

const KINDS: readonly Kind[] = [
  { name: 'profile page', weight: 20, path: (p) => `/kommun/${p.kommun()}` },
  { name: 'KPI page', weight: 20, path: (p) => `/nyckeltal/${p.kpi()}?kommun=${p.kommun()}` },
  {
    name: 'compare page',
    weight: 10,
    path: (p) => `/jamfor?kommun=${p.kommuner(3).join(',')}&kpi=${p.kpi()},${p.kpi()}`,
  },
  { name: 'similarity analysis', weight: 5, path: (p) => `/analys/liknande?kommun=${p.kommun()}` },
  {
    name: 'expected-value analysis',
    weight: 5,
    path: (p) => {
      const [outcome, predictor] = p.distinctKpis(2);
      return `/analys/forvantat?kpi=${outcome}&forklarande=${predictor}`;
    },
  },
  {
    name: 'v3 data',
    weight: 25,
    path: (p) => `/v3/data/kpi/${p.kpi()}/municipality/${p.kommun()}`,
  },
  { name: 'v2 data', weight: 10, path: (p) => `/v2/data/kpi/${p.kpi()}/municipality/${p.kommun()}` },
  { name: 'v3 KPI metadata', weight: 5, path: (p) => `/v3/kpi/${p.kpi()}` },
];

/** A small seeded generator (mulberry32): the same run asks for the same pages. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Draws kommuner and KPIs (the integration set) with `random`. */
export function picker(random: () => number, kommuner: readonly string[]): Picker {
  const one = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  return {
    kommun: () => one(kommuner),
    kpi: () => one(INTEGRATION_KPI_IDS),
    distinctKpis: (n) => {
      if (n > INTEGRATION_KPI_IDS.length)
        throw new RangeError(`only ${INTEGRATION_KPI_IDS.length} KPIs to draw from`);
      const chosen = new Set<string>();
      while (chosen.size < n) chosen.add(one(INTEGRATION_KPI_IDS));
      return [...chosen];
    },
    kommuner: (n) => Array.from({ length: n }, () => one(kommuner)),
  };
}

export function chooseKind(random: () => number): Kind {
  const total = KINDS.reduce((sum, k) => sum + k.weight, 0);
  let r = random() * total;
  for (const kind of KINDS) {
    r -= kind.weight;
    if (r < 0) return kind;
  }
  return KINDS[KINDS.length - 1] as Kind;
}

async function kommunIds(base: string): Promise<string[]> {
  const res = await fetch(`${base}/v3/municipality?type=K`);
  if (!res.ok) throw new Error(`GET /v3/municipality?type=K → ${res.status}`);
  const body = (await res.json()) as { values: { id: string }[] };
  return body.values.map((m) => m.id);
}

/** What runMix tells the client process (bench/mix/mix-client.ts). */
export interface MixClientOrder {
  url: string;
  seconds: number;
  connections: number;
  /** The first connection's seed; connection i uses seed + i. */
  seed: number;
  kommuner: string[];
}

/** What the client process answers. */
export interface MixClientResult {
  samples: Record<string, number[]>;
  failures: Record<string, number>;
  elapsedS: number;
  /** The client's own CPU time (user + system) while it asked. */
  cpuS: number;
}

/** Runs the load generator in its own process and waits for its figures. */
function runClient(order: MixClientOrder): Promise<MixClientResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./mix-client.ts', import.meta.url)), JSON.stringify(order)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the mix client exited with ${code}:\n${err}`));
      resolveRun(JSON.parse(out) as MixClientResult);
    });
  });
}

export interface MixFigures {
  requests: number;
  perSecond: number;
  /** RSS of all the server's processes together. */
  /** idle: after the server started, before any request; start: when the measured run began (warm). */
  rss: { idleMb: number; startMb: number; peakMb: number; endMb: number };
  /** Each process's own peak RSS (the primary, then the workers; one process: itself). */
  peakPerProcessMb: number[];
}

export interface MixRun {
  samples: Map<string, number[]>;
  failures: Map<string, number>;
  elapsedS: number;
  /**
   * Memory of every process, sampled every `sampleMs`: first after the server started (idle), then
   * once warm (before the measured load), then during it, last after it.
   */
  timeline: ProcessMemory[][];
  /** The load generator's CPU time during the measured run, in seconds. */
  clientCpuS: number;
  /** The warm-up: how long it took and each window's throughput (req/s; one window when fixed). */
  warmup: { seconds: number; windows: number[] };
}

const throughputOf = (result: MixClientResult) =>
  Object.values(result.samples).reduce((sum, list) => sum + list.length, 0) / result.elapsedS;

/**
 * Unmeasured mix before the measured run, each window from its own seeds (a repeated sequence
 * would find its replies cached and look warmer than it is): `seconds` at once, or 'steady' —
 * windows until throughput levels off (bench/mix/warmup.ts).
 */
async function warm(
  order: Omit<MixClientOrder, 'seconds' | 'seed'>,
  warmup: Warmup,
): Promise<MixRun['warmup']> {
  if (warmup !== 'steady') {
    if (warmup <= 0) return { seconds: 0, windows: [] };
    const result = await runClient({ ...order, seconds: warmup, seed: 1000 });
    return { seconds: result.elapsedS, windows: [throughputOf(result)] };
  }
  const windows: number[] = [];
  let seconds = 0;
  while (!isSteady(windows) && seconds < WARMUP_MAX_S) {
    const result = await runClient({
      ...order,
      seconds: WARMUP_WINDOW_S,
      seed: 1000 + 100 * windows.length,
    });
    windows.push(throughputOf(result));
    seconds += result.elapsedS;
  }
  return { seconds, windows };
}

/**
 * Runs the mix against `server`: first a warm-up, unmeasured, from other seeds (so that both a
 * single process and every worker have compiled their routes and filled their caches with other
 * requests than the measured ones), then `seconds` measured. `onSample` sees each memory sample of
 * the measured run as it is taken.
 */
export async function runMix(
  server: RunningServer,
  seconds: number,
  sampleMs = 500,
  onSample: (sample: ProcessMemory[]) => void = () => {},
  warmup: Warmup = 0,
  /** Called just before the measured run starts (after the warm-up). */
  onMeasuredStart: () => void = () => {},
): Promise<MixRun> {
  const kommuner = await kommunIds(server.url);
  if (kommuner.length === 0) throw new Error('the store has no kommuner: the mix needs the real data');
  const timeline: ProcessMemory[][] = [server.processes()];
  const order = { url: server.url, connections: MIX_CONNECTIONS, kommuner };
  const warmed = await warm(order, warmup);
  if (warmed.seconds > 0) timeline.push(server.processes());
  const sampler = setInterval(() => {
    const sample = server.processes();
    timeline.push(sample);
    onSample(sample);
  }, sampleMs);
  let result: MixClientResult;
  try {
    onMeasuredStart();
    result = await runClient({ ...order, seconds, seed: 24 });
  } finally {
    clearInterval(sampler);
  }
  timeline.push(server.processes());
  return {
    samples: new Map(KINDS.map((k) => [k.name, result.samples[k.name] ?? []])),
    failures: new Map(Object.entries(result.failures)),
    elapsedS: result.elapsedS,
    timeline,
    clientCpuS: result.cpuS,
    warmup: warmed,
  };
}

const total = (sample: ProcessMemory[]) => sample.reduce((sum, p) => sum + p.rssMb, 0);

/** Runs the mix for `seconds` against `server` and adds its figures to `report`. */
export async function mixBench(
  dialect: Dialect,
  server: RunningServer,
  seconds: number,
  report: Report,
  label = '',
  warmup: Warmup = 0,
): Promise<MixFigures> {
  const {
    samples,
    failures,
    elapsedS,
    timeline,
    clientCpuS,
    warmup: warmed,
  } = await runMix(server, seconds, 500, () => {}, warmup);
  const section = `mix${label}`;
  let requests = 0;
  for (const kind of KINDS) {
    const list = samples.get(kind.name) ?? [];
    requests += list.length;
    if (list.length === 0) continue;
    for (const p of [50, 99] as const)
      report.add({
        section,
        dialect,
        what: `${kind.name} (${MIX_CONNECTIONS} connections, ${list.length} requests): p${p}`,
        value: percentile(list, p),
        unit: 'ms',
        ...(p === 99 && kind.name.endsWith('page')
          ? { target: '≤ 200 ms', met: percentile(list, p) <= 200 }
          : {}),
      });
  }
  const perSecond = requests / elapsedS;
  const windows = warmed.windows.map((w) => w.toFixed(0)).join(', ');
  if (warmed.seconds > 0)
    report.add({
      section,
      dialect,
      what:
        warmup === 'steady'
          ? `warm-up before the measured run, ${WARMUP_WINDOW_S}-s windows until throughput levels off${isSteady(warmed.windows) ? '' : ` (not steady after ${WARMUP_MAX_S} s)`}: ${windows} req/s`
          : `warm-up before the measured run (fixed): ${windows} req/s`,
      value: warmed.seconds,
      unit: 's',
    });
  report.add({
    section,
    dialect,
    what: `throughput (${MIX_CONNECTIONS} connections)`,
    value: perSecond,
    unit: 'req/s',
  });
  report.add({
    section,
    dialect,
    what: `load generator's CPU (its own process; share of one core over the ${elapsedS.toFixed(0)} s)`,
    value: (100 * clientCpuS) / elapsedS,
    unit: '%',
  });
  const totals = timeline.map(total);
  // With a warm-up, the second sample is the server once warm: the measured run starts there.
  const measured = warmed.seconds > 0 ? timeline.slice(1) : timeline;
  const last = timeline[timeline.length - 1] ?? [];
  // Each process's peak as the kernel recorded it (VmHWM), not only at the samples.
  const peakPerProcessMb = last.map((p) => p.peakRssMb);
  const figures: MixFigures = {
    requests,
    perSecond,
    rss: {
      idleMb: totals[0] ?? Number.NaN,
      startMb: total(measured[0] ?? []),
      peakMb: Math.max(...measured.map(total)),
      endMb: totals[totals.length - 1] ?? Number.NaN,
    },
    peakPerProcessMb,
  };
  const processes = server.workers > 1 ? `all ${last.length} processes` : 'the server process';
  report.add({
    section,
    dialect,
    what: `RSS once started, before any request (${processes})`,
    value: figures.rss.idleMb,
    unit: 'MB',
  });
  report.add({
    section,
    dialect,
    what: `RSS at the start of the measured run (${processes}${warmed.seconds > 0 ? `, after ${warmed.seconds.toFixed(0)} s of warm-up` : ''})`,
    value: figures.rss.startMb,
    unit: 'MB',
  });
  report.add({
    section,
    dialect,
    what: `RSS, peak during the mix (${processes}, sampled every 0.5 s)`,
    value: figures.rss.peakMb,
    unit: 'MB',
    ...(server.workers === 1 ? { target: '≤ 300 MB', met: figures.rss.peakMb <= 300 } : {}),
  });
  report.add({
    section,
    dialect,
    what: `RSS after the mix (${processes})`,
    value: figures.rss.endMb,
    unit: 'MB',
  });
  if (server.workers > 1) {
    // The primary only supervises; the budget is per worker.
    const workerPeaks = peakPerProcessMb.slice(1);
    const largest = Math.max(...workerPeaks);
    report.add({
      section,
      dialect,
      what: `largest worker's peak RSS (VmHWM; workers: ${workerPeaks.map((m) => m.toFixed(0)).join(', ')} MB; primary ${peakPerProcessMb[0]?.toFixed(0)} MB)`,
      value: largest,
      unit: 'MB',
      target: '≤ 300 MB',
      met: largest <= 300,
    });
  }
  for (const [what, count] of failures) report.note(`[${dialect}] mix${label}: ${count} × ${what}`);
  return figures;
}
