/**
 * Issue 24: does this machine run two busy Node processes twice as fast as one, for work like a
 * server's (allocation, strings, JSON, maps) and not only for a loop that touches no memory? Runs
 * each workload for `seconds` in one child process, then in two at once, and prints the work done
 * and the ratio (2.0 would be perfect scaling). `memory` reads at random over 128 MB: what two
 * workers' separate heaps and caches ask of the machine's shared caches and memory. Run it on a quiet machine.
 * `node bench/experiments/core-scaling.exp.mjs [seconds]`
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKLOADS = {
  // Integer arithmetic in registers: no memory traffic (session 32's check gave 1.99×).
  loop() {
    let x = 0;
    for (let i = 0; i < 5_000_000; i++) x = (x * 31 + i) | 0;
    return x;
  },
  // What a page or API reply does: many small objects, strings, a JSON round trip, a Map.
  alloc() {
    const rows = [];
    for (let i = 0; i < 2_000; i++)
      rows.push({
        kpi: `N${i % 97}`,
        municipality: String(1000 + (i % 290)),
        period: 2010 + (i % 15),
        value: i / 7,
      });
    const byKey = new Map(rows.map((r) => [`${r.kpi}:${r.municipality}:${r.period}`, r]));
    const json = JSON.stringify([...byKey.values()]);
    return JSON.parse(json).length + json.length;
  },
  // A server's working set is far larger than a core's caches (a worker's heap is ≈ 150 MB): reads
  // at random over 128 MB, which the two processes' caches and memory bandwidth must share.
  memory() {
    let x = 0;
    for (let i = 0; i < 1_000_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      x += big[seed % big.length];
    }
    return x;
  },
};
// Filled once per process (before the timed rounds), only when the memory workload runs.
let seed = 1;
const big = process.argv[3] === 'memory' ? new Float64Array(16 * 1024 * 1024).fill(1) : new Float64Array(1);

if (process.argv[2] === '--child') {
  const work = WORKLOADS[process.argv[3]];
  const until = Date.now() + Number(process.argv[4]) * 1000;
  let rounds = 0;
  while (Date.now() < until) {
    work();
    rounds++;
  }
  process.send?.(rounds);
  process.exit(0);
}

const seconds = Number(process.argv[2] ?? 10);
const self = fileURLToPath(import.meta.url);
const run = (name, n) =>
  Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise((resolve, reject) => {
          const child = fork(self, ['--child', name, String(seconds)]);
          child.once('message', resolve);
          child.once('error', reject);
        }),
    ),
  ).then((counts) => counts.reduce((a, b) => a + b, 0));

for (const name of Object.keys(WORKLOADS)) {
  const one = await run(name, 1);
  const two = await run(name, 2);
  console.log(
    `${name}: 1 process ${one} rounds, 2 processes ${two} rounds in ${seconds} s: ${(two / one).toFixed(2)}×`,
  );
}
