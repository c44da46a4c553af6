/**
 * Issue 24: where the cores go during the realistic mix, with 1 process and with N workers. For the
 * measured run it reads /proc before and after: each server process's CPU by thread (the event loop
 * thread, V8's GC and compiler helpers, libuv's pool…), the load generator's CPU, PostgreSQL's
 * backends (on PostgreSQL), and the whole machine's busy, idle and steal time. If the workers leave
 * a core idle, the limit is not the CPU; if one process already uses more than one core, the second
 * worker cannot double it.
 * With `--statements` on PostgreSQL it also lists the statements that took PostgreSQL's time during the
 * measured run (needs `pg_stat_statements` in `shared_preload_libraries`; the experiment creates the
 * extension in the bench database).
 * `[MIX_BENCH_CONNECTIONS=4] npx tsx bench/experiments/mix-cpu.exp.ts [sqlite|postgres] [seconds] [--workers 1,2] [--warmup seconds] [--statements]`
 */
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import type { Dialect } from '../../src/store/database.js';
import { REAL_STORE } from '../import/import.bench.js';
import { benchStore, postgresUrl } from '../lib/bench-stores.js';
import { cpuTicksOf, machineTicks, postgresBackendPids } from '../lib/proc.js';
import { startServer } from '../lib/server.js';
import { runMix } from '../mix/mix.bench.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const workersList = (flag('--workers') ?? '1,2').split(',').map(Number);
const warmupS = Number(flag('--warmup') ?? 0);
const statementsAt = args.indexOf('--statements');
const withStatements = statementsAt >= 0 && args.splice(statementsAt, 1).length === 1;
const dialect = (args[0] ?? 'sqlite') as Dialect;
const seconds = Number(args[1] ?? 20);

/** Every thread of `pids`: `pid/tid name` → CPU ticks so far. */
function threadTicks(pids: readonly number[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of pids) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        out.set(`${pid}/${tid} ${name}`, cpuTicksOf(stat));
      } catch {
        // gone
      }
    }
  }
  return out;
}

/** Ticks per thread kind (the number after a name such as "libuv-worker" dropped), per process. */
function summarise(before: Map<string, number>, after: Map<string, number>, wallS: number): string[] {
  const byProcess = new Map<string, Map<string, number>>();
  for (const [key, ticks] of after) {
    const [ids = '', ...nameParts] = key.split(' ');
    const pid = ids.split('/')[0] ?? '';
    const kind = nameParts.join(' ').replace(/\d+$/, '').trim() || '?';
    const used = (ticks - (before.get(key) ?? 0)) / 100;
    const kinds = byProcess.get(pid) ?? new Map<string, number>();
    byProcess.set(pid, kinds);
    kinds.set(kind, (kinds.get(kind) ?? 0) + used);
  }
  return [...byProcess].map(([pid, kinds]) => {
    const total = [...kinds.values()].reduce((a, b) => a + b, 0);
    const parts = [...kinds]
      .filter(([, s]) => s > 0.05)
      .sort((a, b) => b[1] - a[1])
      .map(([k, s]) => `${k} ${(s / wallS).toFixed(2)}`);
    return `  pid ${pid}: ${(total / wallS).toFixed(2)} cores (${parts.join(', ')})`;
  });
}

/** PostgreSQL's statement statistics of the bench database: reset at the start, read at the end. */
async function statementStats(action: 'reset' | 'report', requests = 0): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl('etablera_bench') });
  await client.connect();
  try {
    if (action === 'reset') {
      await client.query('create extension if not exists pg_stat_statements');
      await client.query('select pg_stat_statements_reset()');
      return;
    }
    const { rows } = await client.query<{ calls: string; ms: string; rows: string; query: string }>(
      `select calls, total_exec_time as ms, rows, query from pg_stat_statements
        where dbid = (select oid from pg_database where datname = current_database())
        order by total_exec_time desc limit 15`,
    );
    console.log('  PostgreSQL statements (time per request, calls per request, rows a call):');
    for (const r of rows) {
      const q = r.query.replace(/\s+/g, ' ').slice(0, 160);
      console.log(
        `   ${(Number(r.ms) / requests).toFixed(3)} ms  ${(Number(r.calls) / requests).toFixed(2)} calls  ${(Number(r.rows) / Math.max(1, Number(r.calls))).toFixed(1)} rows  ${q}`,
      );
    }
  } finally {
    await client.end();
  }
}

const store = benchStore(dialect, REAL_STORE);
for (const workers of workersList) {
  const server = await startServer(store, { ETABLERA_WORKERS: String(workers) });
  try {
    let pids: number[] = [];
    let before = new Map<string, number>();
    let pgBefore = new Map<string, number>();
    let machine0 = machineTicks();
    let t0 = 0;
    const run = await runMix(
      server,
      seconds,
      1000,
      () => {},
      warmupS || seconds,
      () => {
        pids = server.processes().map((p) => p.pid);
        before = threadTicks(pids);
        if (dialect === 'postgres') pgBefore = threadTicks(postgresBackendPids('etablera_bench'));
        if (withStatements) void statementStats('reset');
        machine0 = machineTicks();
        t0 = performance.now();
      },
    );
    const wallS = (performance.now() - t0) / 1000;
    const after = threadTicks(pids);
    const machine1 = machineTicks();
    const requests = [...run.samples.values()].reduce((n, list) => n + list.length, 0);
    const totalTicks = machine1.total - machine0.total;
    let serverCpuS = 0;
    for (const [key, ticks] of after) serverCpuS += (ticks - (before.get(key) ?? 0)) / 100;
    console.log(
      `\n${dialect}, ${workers} worker(s): ${(requests / run.elapsedS).toFixed(1)} req/s over ${run.elapsedS.toFixed(1)} s; server CPU ${((1000 * serverCpuS) / requests).toFixed(2)} ms a request; client ${(run.clientCpuS / run.elapsedS).toFixed(2)} cores; machine busy ${((100 * (machine1.busy - machine0.busy)) / totalTicks).toFixed(1)} %, idle ${((100 * (machine1.idle - machine0.idle)) / totalTicks).toFixed(1)} %, steal ${((100 * (machine1.steal - machine0.steal)) / totalTicks).toFixed(1)} %`,
    );
    for (const line of summarise(before, after, wallS)) console.log(line);
    if (dialect === 'postgres') {
      const pgAfter = threadTicks(postgresBackendPids('etablera_bench'));
      let s = 0;
      for (const [k, t] of pgAfter) s += (t - (pgBefore.get(k) ?? 0)) / 100;
      console.log(`  PostgreSQL backends: ${(s / wallS).toFixed(2)} cores`);
      if (withStatements) await statementStats('report', requests);
    }
  } finally {
    await server.stop();
  }
}
