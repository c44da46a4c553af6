/**
 * Section "mix": a realistic load, not repeats of one request. Several connections at once ask for
 * pages and API reads across many kommuner and KPIs, drawn at random (seeded per connection): profile pages, KPI pages, comparisons, the similarity and expected-value analyses,
 * v3 and v2 data and KPI metadata. Reported per kind (p50, p99, count), as throughput, and the
 * server's RSS over time (start, peak, after the run) — the figures issue 24's budgets are about.
 */
import { Agent, request as httpRequest } from 'node:http';
import { INTEGRATION_KPI_IDS } from '../../src/domain/integration-set.js';
import type { Dialect } from '../../src/store/database.js';
import type { Report } from '../lib/report.js';
import type { ProcessMemory, RunningServer } from '../lib/server.js';
import { percentile } from '../lib/stats.js';

/** Connections at once: what a handful of strategists and scripts do together. */
export const MIX_CONNECTIONS = 4;

interface Kind {
  name: string;
  /** Relative frequency in the mix. */
  weight: number;
  path(pick: Picker): string;
}

interface Picker {
  kommun(): string;
  kpi(): string;
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
    path: (p) => `/analys/forvantat?kpi=${p.kpi()}&forklarande=${p.kpi()}`,
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
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function picker(random: () => number, kommuner: readonly string[], kpis: readonly string[]): Picker {
  const one = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  return {
    kommun: () => one(kommuner),
    kpi: () => one(kpis),
    kommuner: (n) => Array.from({ length: n }, () => one(kommuner)),
  };
}

function chooseKind(random: () => number): Kind {
  const total = KINDS.reduce((sum, k) => sum + k.weight, 0);
  let r = random() * total;
  for (const kind of KINDS) {
    r -= kind.weight;
    if (r < 0) return kind;
  }
  return KINDS[KINDS.length - 1] as Kind;
}

function get(agent: Agent, url: URL): Promise<number> {
  return new Promise((resolveGet, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolveGet(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function kommunIds(base: string): Promise<string[]> {
  const res = await fetch(`${base}/v3/municipality?type=K`);
  if (!res.ok) throw new Error(`GET /v3/municipality?type=K → ${res.status}`);
  const body = (await res.json()) as { values: { id: string }[] };
  return body.values.map((m) => m.id);
}

export interface MixFigures {
  requests: number;
  perSecond: number;
  /** RSS of all the server's processes together. */
  rss: { startMb: number; peakMb: number; endMb: number };
  /** Each process's own peak RSS (the primary, then the workers; one process: itself). */
  peakPerProcessMb: number[];
}

export interface MixRun {
  samples: Map<string, number[]>;
  failures: Map<string, number>;
  elapsedS: number;
  /** Memory of every process, sampled every `sampleMs` (first: before the load, last: after it). */
  timeline: ProcessMemory[][];
}

/** Runs the mix for `seconds` against `server`; `onSample` sees each memory sample as it is taken. */
export async function runMix(
  server: RunningServer,
  seconds: number,
  sampleMs = 500,
  onSample: (sample: ProcessMemory[]) => void = () => {},
): Promise<MixRun> {
  const kommuner = await kommunIds(server.url);
  if (kommuner.length === 0) throw new Error('the store has no kommuner: the mix needs the real data');
  const agent = new Agent({ keepAlive: true, maxSockets: MIX_CONNECTIONS });
  const samples = new Map<string, number[]>(KINDS.map((k) => [k.name, []]));
  const failures = new Map<string, number>();
  const timeline: ProcessMemory[][] = [server.processes()];
  const sampler = setInterval(() => {
    const sample = server.processes();
    timeline.push(sample);
    onSample(sample);
  }, sampleMs);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  // Each connection draws from its own seeded sequence, so a run asks for the same things as the last.
  const connection = async (index: number) => {
    const random = seeded(24 + index);
    const pick = picker(random, kommuner, INTEGRATION_KPI_IDS);
    while (performance.now() < deadline) {
      const kind = chooseKind(random);
      const path = kind.path(pick);
      const t0 = performance.now();
      const status = await get(agent, new URL(server.url + path));
      const ms = performance.now() - t0;
      samples.get(kind.name)?.push(ms);
      // 404 is an answer (a kommun without that KPI's page data is still served); 5xx and the rest are not.
      if (status >= 500 || (status !== 200 && status !== 404))
        failures.set(`${kind.name} ${status}`, (failures.get(`${kind.name} ${status}`) ?? 0) + 1);
    }
  };
  try {
    await Promise.all(Array.from({ length: MIX_CONNECTIONS }, (_, i) => connection(i)));
  } finally {
    clearInterval(sampler);
    agent.destroy();
  }
  const elapsedS = (performance.now() - started) / 1000;
  timeline.push(server.processes());
  return { samples, failures, elapsedS, timeline };
}

const total = (sample: ProcessMemory[]) => sample.reduce((sum, p) => sum + p.rssMb, 0);

/** Runs the mix for `seconds` against `server` and adds its figures to `report`. */
export async function mixBench(
  dialect: Dialect,
  server: RunningServer,
  seconds: number,
  report: Report,
  label = '',
): Promise<MixFigures> {
  const { samples, failures, elapsedS, timeline } = await runMix(server, seconds);
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
  report.add({
    section,
    dialect,
    what: `throughput (${MIX_CONNECTIONS} connections)`,
    value: perSecond,
    unit: 'req/s',
  });
  const totals = timeline.map(total);
  const last = timeline[timeline.length - 1] ?? [];
  // Each process's peak as the kernel recorded it (VmHWM), not only at the samples.
  const peakPerProcessMb = last.map((p) => p.peakRssMb);
  const figures: MixFigures = {
    requests,
    perSecond,
    rss: {
      startMb: totals[0] ?? Number.NaN,
      peakMb: Math.max(...totals),
      endMb: totals[totals.length - 1] ?? Number.NaN,
    },
    peakPerProcessMb,
  };
  const processes = server.workers > 1 ? `all ${last.length} processes` : 'the server process';
  report.add({
    section,
    dialect,
    what: `RSS at the start (${processes})`,
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
