/**
 * Section 2 (and the read half of section 4): the API mix over HTTP with autocannon (10 connections,
 * loopback, a real server process), against the same queries through the repository in-process with
 * the same concurrency (10 callers), measured back to back in the same run.
 */
import autocannon from 'autocannon';
import type { Dialect } from '../../src/store/database.js';
import { ValueRepository } from '../../src/store/repositories/value.repository.js';
import { type BenchStore, openBenchStore } from '../lib/bench-stores.js';
import type { Report } from '../lib/report.js';
import type { RunningServer } from '../lib/server.js';
import { percentile, ratio } from '../lib/stats.js';
import { buildScenarios, type Scenario } from './scenarios.js';

export const CONNECTIONS = 10;

export interface LatencyFigures {
  p50: number;
  p99: number;
  perSecond: number;
}

export interface ScenarioFigures {
  name: string;
  http: LatencyFigures;
  inProcess: LatencyFigures;
}

export async function httpLoad(
  url: string,
  paths: readonly string[],
  seconds: number,
  connections: number,
): Promise<LatencyFigures> {
  // Warm-up: every path once, so caches and JIT are in the same state for both measurements.
  for (const path of paths) {
    const reply = await fetch(url + path);
    if (!reply.ok) throw new Error(`GET ${path} → ${reply.status}: ${(await reply.text()).slice(0, 300)}`);
    await reply.arrayBuffer();
  }
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(`autocannon: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    perSecond: result.requests.total / (result.duration || seconds),
  };
}

async function inProcessLoad(
  values: ValueRepository,
  scenario: Scenario,
  seconds: number,
  concurrency: number,
): Promise<LatencyFigures> {
  for (const r of scenario.requests) await r.call(values);
  const samples: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async (offset: number) => {
    for (let i = offset; performance.now() < deadline; i++) {
      const request = scenario.requests[i % scenario.requests.length] as (typeof scenario.requests)[number];
      const t0 = performance.now();
      await request.call(values);
      samples.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  const elapsed = (performance.now() - started) / 1000;
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), perSecond: samples.length / elapsed };
}

/** Runs the mix against a running server and in-process; adds the figures to the report. */
export async function apiBench(
  dialect: Dialect,
  store: BenchStore,
  server: RunningServer,
  seconds: number,
  report: Report,
  label: string,
): Promise<ScenarioFigures[]> {
  const opened = await openBenchStore(store);
  const out: ScenarioFigures[] = [];
  try {
    const scenarios = await buildScenarios(opened);
    const values = new ValueRepository(opened.db);
    for (const scenario of scenarios) {
      const inProcess = await inProcessLoad(values, scenario, seconds, CONNECTIONS);
      const http = await httpLoad(
        server.url,
        scenario.requests.map((r) => r.path),
        seconds,
        CONNECTIONS,
      );
      out.push({ name: scenario.name, http, inProcess });
      const section = `api${label}`;
      report.add({
        section,
        dialect,
        what: `${scenario.name}: p50`,
        value: http.p50,
        unit: 'ms',
        baseline: inProcess.p50,
        ratio: ratio(http.p50, inProcess.p50),
        target: '≤ 2× in-process',
        met: http.p50 <= 2 * inProcess.p50,
      });
      report.add({
        section,
        dialect,
        what: `${scenario.name}: p99`,
        value: http.p99,
        unit: 'ms',
        baseline: inProcess.p99,
        ratio: ratio(http.p99, inProcess.p99),
      });
      const ranking = scenario.name.startsWith('ranking');
      report.add({
        section,
        dialect,
        what: `${scenario.name}: throughput`,
        value: http.perSecond,
        unit: 'req/s',
        baseline: inProcess.perSecond,
        ratio: ratio(http.perSecond, inProcess.perSecond),
        ...(ranking && label === '' ? { target: '≥ 1,500 req/s', met: http.perSecond >= 1500 } : {}),
      });
    }
  } finally {
    await opened.close();
  }
  return out;
}
