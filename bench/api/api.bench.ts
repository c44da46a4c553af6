/**
 * Section 2 (and the read half of section 4): the API mix over HTTP with autocannon (loopback, a real
 * server process) against the same queries through the repository in-process, back to back in the
 * same run. Latency is compared like with like: HTTP with one connection against sequential
 * in-process calls (what HTTP, routing and serialisation add). Throughput and latency under load come
 * from 10 connections; with one Node process and 2 cores, a request then also waits for the others.
 */
import { Agent, request as httpRequest } from 'node:http';
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
  /** One connection: latency comparable with the in-process calls. */
  http: LatencyFigures;
  /** Ten connections: throughput and latency under load. */
  loaded: LatencyFigures;
  inProcess: LatencyFigures;
}

function get(agent: Agent, url: URL): Promise<number> {
  return new Promise((resolveGet, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () =>
        res.statusCode === 200
          ? resolveGet(res.statusCode)
          : reject(new Error(`GET ${url} → ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * One keep-alive connection, one request at a time, timed to the microsecond (autocannon's histogram
 * has millisecond resolution, too coarse for single fast requests).
 */
export async function sequentialHttp(
  base: string,
  paths: readonly string[],
  seconds: number,
): Promise<LatencyFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const urls = paths.map((p) => new URL(base + p));
  try {
    for (const url of urls) await get(agent, url);
    const samples: number[] = [];
    const started = performance.now();
    const deadline = started + seconds * 1000;
    for (let i = 0; performance.now() < deadline || i < urls.length; i++) {
      const t0 = performance.now();
      await get(agent, urls[i % urls.length] as URL);
      samples.push(performance.now() - t0);
    }
    const elapsed = (performance.now() - started) / 1000;
    return {
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
      perSecond: samples.length / elapsed,
    };
  } finally {
    agent.destroy();
  }
}

/** Autocannon with several connections: throughput and latency under load (millisecond resolution). */
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
  if (result.requests.total === 0) throw new Error(`autocannon: no request completed in ${seconds} s`);
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(
      `autocannon: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    perSecond: result.requests.total / (result.duration || seconds),
  };
}

/** The scenario's repository calls one after another, cycling through its requests, for `seconds`. */
async function inProcessLoad(
  values: ValueRepository,
  scenario: Scenario,
  seconds: number,
): Promise<LatencyFigures> {
  for (const r of scenario.requests) await r.call(values);
  const samples: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  for (let i = 0; performance.now() < deadline || i < scenario.requests.length; i++) {
    const request = scenario.requests[i % scenario.requests.length] as (typeof scenario.requests)[number];
    const t0 = performance.now();
    await request.call(values);
    samples.push(performance.now() - t0);
  }
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
      const paths = scenario.requests.map((r) => r.path);
      const inProcess = await inProcessLoad(values, scenario, seconds);
      const http = await sequentialHttp(server.url, paths, seconds);
      const loaded = await httpLoad(server.url, paths, seconds, CONNECTIONS);
      out.push({ name: scenario.name, http, loaded, inProcess });
      const section = `api${label}`;
      report.add({
        section,
        dialect,
        what: `${scenario.name}: p50, 1 connection vs sequential in-process`,
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
        what: `${scenario.name}: p99, 1 connection vs sequential in-process`,
        value: http.p99,
        unit: 'ms',
        baseline: inProcess.p99,
        ratio: ratio(http.p99, inProcess.p99),
      });
      report.add({
        section,
        dialect,
        what: `${scenario.name}: p50 / p99 with ${CONNECTIONS} connections`,
        value: loaded.p50,
        unit: 'ms',
        note: `p99 ${loaded.p99} ms`,
      });
      const ranking = scenario.name.startsWith('ranking');
      report.add({
        section,
        dialect,
        what: `${scenario.name}: throughput, ${CONNECTIONS} connections vs sequential in-process`,
        value: loaded.perSecond,
        unit: 'req/s',
        baseline: inProcess.perSecond,
        ratio: ratio(loaded.perSecond, inProcess.perSecond),
        ...(ranking && label === '' ? { target: '≥ 1,500 req/s', met: loaded.perSecond >= 1500 } : {}),
      });
    }
  } finally {
    await opened.close();
  }
  return out;
}
