/**
 * Issue 24: the garbage collector's work in a server process over time. Preloaded into every Node
 * process of an experiment; in a server process (`serve` among its arguments: the single process, the
 * cluster primary and its workers) it appends a line every 2 s to /tmp/etablera-gc-<pid>.log: uptime,
 * the process's CPU in cores over the last 2 s, the new, old and code spaces' sizes (MB), and the
 * scavenges, full collections and incremental-marking steps so far (count, total ms each).
 * `NODE_OPTIONS="--import ./bench/experiments/gc-timeline.preload.mjs" npx tsx bench/experiments/mix-cpu.exp.ts sqlite 20 --workers 1 --warmup 60`
 * Session 43 found with it why a process was 30 % slower in about every other start (BENCHMARKS.md).
 */
import { appendFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

if (process.argv.includes('serve')) {
  const kinds = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'full',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  };
  const totals = { scavenge: [0, 0], full: [0, 0], incremental: [0, 0], other: [0, 0] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const total = totals[kinds[entry.detail.kind] ?? 'other'];
      total[0] += 1;
      total[1] += entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  const mb = (bytes) => (bytes / 2 ** 20).toFixed(0);
  let cpu = process.cpuUsage();
  setInterval(() => {
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]));
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const counts = Object.entries(totals).map(([kind, [n, ms]]) => `${kind} ${n} ${ms.toFixed(0)}`);
    appendFileSync(
      `/tmp/etablera-gc-${process.pid}.log`,
      `${process.uptime().toFixed(0)} cpu ${((used.user + used.system) / 2e6).toFixed(2)} new ${mb(spaces.new_space)} old ${mb(spaces.old_space)} code ${mb(spaces.code_space)} ${counts.join(' ')}\n`,
    );
  }, 2000).unref();
}
