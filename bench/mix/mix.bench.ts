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
import { cpuSecondsOf, machineTicks } from '../lib/proc.js';
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

/** One measured run of the mix against a (warm) server. */
interface Measured {
  result: MixClientResult;
  /** Memory of every process at the start, every `sampleMs` during the run, and after it. */
  timeline: ProcessMemory[][];
  /** Each of the server's processes' CPU during the run, in cores (the primary first). */
  cores: number[];
  /** Share of the whole machine's CPU time that was busy during the run (everything on it). */
  machineBusy: number;
}

/** The measured seeds (below the warm-up's, 1000 on): the same seed asks for the same requests. */
const MEASURED_SEED = 24;

async function measure(
  server: RunningServer,
  order: Omit<MixClientOrder, 'seconds' | 'seed'>,
  seconds: number,
  seed: number,
  sampleMs: number,
  onSample: (sample: ProcessMemory[]) => void,
): Promise<Measured> {
  const timeline: ProcessMemory[][] = [server.processes()];
  const pids = (timeline[0] ?? []).map((p) => p.pid);
  const cpu0 = pids.map(cpuSecondsOf);
  const machine0 = machineTicks();
  const sampler = setInterval(() => {
    const sample = server.processes();
    timeline.push(sample);
    onSample(sample);
  }, sampleMs);
  let result: MixClientResult;
  try {
    result = await runClient({ ...order, seconds, seed });
  } finally {
    clearInterval(sampler);
  }
  const machine1 = machineTicks();
  timeline.push(server.processes());
  return {
    result,
    timeline,
    cores: pids.map((pid, i) => (cpuSecondsOf(pid) - (cpu0[i] ?? 0)) / result.elapsedS),
    machineBusy: (machine1.busy - machine0.busy) / (machine1.total - machine0.total || 1),
  };
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
  const idle = server.processes();
  const order = { url: server.url, connections: MIX_CONNECTIONS, kommuner };
  const warmed = await warm(order, warmup);
  onMeasuredStart();
  const run = await measure(server, order, seconds, MEASURED_SEED, sampleMs, onSample);
  // The measured run's first sample is the server once warm; without a warm-up, the idle one.
  const timeline = warmed.seconds > 0 ? [idle, ...run.timeline] : [idle, ...run.timeline.slice(1)];
  return {
    samples: new Map(KINDS.map((k) => [k.name, run.result.samples[k.name] ?? []])),
    failures: new Map(Object.entries(run.result.failures)),
    elapsedS: run.result.elapsedS,
    timeline,
    clientCpuS: run.result.cpuS,
    warmup: warmed,
  };
}

const total = (sample: ProcessMemory[]) => sample.reduce((sum, p) => sum + p.rssMb, 0);

export interface MixFigures {
  requests: number;
  /** Over all measured rounds: their requests over their seconds. */
  perSecond: number;
  /** Each round's throughput, in the order measured. */
  roundsPerSecond: number[];
  /** RSS of all the server's processes together. */
  /** idle: after the server started, before any request; start: when the measured run began (warm). */
  rss: { idleMb: number; startMb: number; peakMb: number; endMb: number };
  /** Each process's own peak RSS (the primary, then the workers; one process: itself). */
  peakPerProcessMb: number[];
}

/** A server to measure, and how its figures are labelled (e.g. " (2 workers)"). */
export interface MixServer {
  server: RunningServer;
  label: string;
}

/**
 * The mix against each of `servers`, all started beforehand: each warms (unmeasured, see `warm`),
 * then they are measured in turn, `rounds` times `seconds` each, the order reversed every other
 * round, so that a machine whose speed drifts during the minutes of a run (BENCHMARKS.md, *Quiet-
 * machine figures, 2026-12-04*: two workers 441 then 321 req/s twelve minutes apart) weighs on each
 * server alike. Round r asks every server for the same requests (seed), and another round for others.
 * Adds each server's figures (over all its rounds) to `report`.
 */
export async function mixBench(
  dialect: Dialect,
  servers: readonly MixServer[],
  seconds: number,
  rounds: number,
  report: Report,
  warmup: Warmup = 0,
): Promise<MixFigures[]> {
  const first = servers[0];
  if (!first) return [];
  const kommuner = await kommunIds(first.server.url);
  if (kommuner.length === 0) throw new Error('the store has no kommuner: the mix needs the real data');
  const orderOf = (server: RunningServer) => ({ url: server.url, connections: MIX_CONNECTIONS, kommuner });
  const states: { idle: ProcessMemory[]; warmed: MixRun['warmup']; runs: Measured[] }[] = [];
  for (const { server, label } of servers) {
    console.log(`   warming${label}…`);
    const idle = server.processes();
    states.push({ idle, warmed: await warm(orderOf(server), warmup), runs: [] });
  }
  const indices = servers.map((_, i) => i);
  for (let round = 0; round < rounds; round++) {
    for (const i of round % 2 === 0 ? indices : [...indices].reverse()) {
      const { server, label } = servers[i] as MixServer;
      const run = await measure(server, orderOf(server), seconds, MEASURED_SEED + round, 500, () => {});
      (states[i] as (typeof states)[number]).runs.push(run);
      console.log(`   round ${round + 1}/${rounds}${label}: ${throughputOf(run.result).toFixed(0)} req/s`);
    }
  }
  return servers.map(({ server, label }, i) =>
    reportServer(dialect, server, label, states[i] as (typeof states)[number], report, warmup),
  );
}

/** Adds one server's figures, over all its measured rounds, to `report`. */
function reportServer(
  dialect: Dialect,
  server: RunningServer,
  label: string,
  state: { idle: ProcessMemory[]; warmed: MixRun['warmup']; runs: Measured[] },
  report: Report,
  warmup: Warmup,
): MixFigures {
  const { idle, warmed, runs } = state;
  const section = `mix${label}`;
  const elapsedS = runs.reduce((sum, r) => sum + r.result.elapsedS, 0);
  const roundsPerSecond = runs.map((r) => throughputOf(r.result));
  let requests = 0;
  for (const kind of KINDS) {
    const list = runs.flatMap((r) => r.result.samples[kind.name] ?? []);
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
          ? `warm-up before the measured runs, ${WARMUP_WINDOW_S}-s windows until throughput levels off${isSteady(warmed.windows) ? '' : ` (not steady after ${WARMUP_MAX_S} s)`}: ${windows} req/s`
          : `warm-up before the measured runs (fixed): ${windows} req/s`,
      value: warmed.seconds,
      unit: 's',
    });
  const roundsText =
    runs.length > 1
      ? `, ${runs.length} rounds of ${(elapsedS / runs.length).toFixed(0)} s: ${roundsPerSecond.map((r) => r.toFixed(0)).join(', ')} req/s`
      : '';
  report.add({
    section,
    dialect,
    what: `throughput (${MIX_CONNECTIONS} connections${roundsText})`,
    value: perSecond,
    unit: 'req/s',
  });
  const clientCpuS = runs.reduce((sum, r) => sum + r.result.cpuS, 0);
  report.add({
    section,
    dialect,
    what: `load generator's CPU (its own process; share of one core over the ${elapsedS.toFixed(0)} s)`,
    value: (100 * clientCpuS) / elapsedS,
    unit: '%',
  });
  // Each process's CPU over the measured rounds, weighted by their lengths: with workers, whether
  // both were busy (a core left idle is a limit other than CPU) and what the primary takes.
  const cores = (runs[0]?.cores ?? []).map(
    (_, p) => runs.reduce((sum, r) => sum + (r.cores[p] ?? 0) * r.result.elapsedS, 0) / elapsedS,
  );
  const busy = runs.reduce((sum, r) => sum + r.machineBusy * r.result.elapsedS, 0) / elapsedS;
  report.add({
    section,
    dialect,
    what: `server's CPU during the measured runs, in cores (${
      server.workers > 1
        ? `primary ${cores[0]?.toFixed(2)}, workers ${cores
            .slice(1)
            .map((c) => c.toFixed(2))
            .join(' + ')}`
        : 'one process'
    }; the whole machine ${(100 * busy).toFixed(0)} % busy)`,
    value: cores.reduce((sum, c) => sum + c, 0),
    unit: 'cores',
  });
  const measured = runs.flatMap((r) => r.timeline);
  const last = measured[measured.length - 1] ?? [];
  // Each process's peak as the kernel recorded it (VmHWM), not only at the samples.
  const peakPerProcessMb = last.map((p) => p.peakRssMb);
  const figures: MixFigures = {
    requests,
    perSecond,
    roundsPerSecond,
    rss: {
      idleMb: total(idle),
      startMb: total(measured[0] ?? []),
      peakMb: Math.max(...measured.map(total)),
      endMb: total(last),
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
    what: `RSS at the start of the measured runs (${processes}${warmed.seconds > 0 ? `, after ${warmed.seconds.toFixed(0)} s of warm-up` : ''})`,
    value: figures.rss.startMb,
    unit: 'MB',
  });
  report.add({
    section,
    dialect,
    what: `RSS, peak during the measured runs (${processes}, sampled every 0.5 s)`,
    value: figures.rss.peakMb,
    unit: 'MB',
    ...(server.workers === 1 ? { target: '≤ 300 MB', met: figures.rss.peakMb <= 300 } : {}),
  });
  report.add({
    section,
    dialect,
    what: `RSS after the measured runs (${processes})`,
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
  const failures = new Map<string, number>();
  for (const run of runs)
    for (const [what, count] of Object.entries(run.result.failures))
      failures.set(what, (failures.get(what) ?? 0) + count);
  for (const [what, count] of failures) report.note(`[${dialect}] mix${label}: ${count} × ${what}`);
  return figures;
}
