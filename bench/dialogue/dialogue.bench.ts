/**
 * Dialogue load benchmark (npm run bench:dialogue [sqlite|postgres]): 300 participants voting at once.
 * A real server (`etablera serve`, its own process) over a fresh bench store with two pairwise rounds
 * of 40 ideas and 300 participant codes each. 300 participants, each on its own keep-alive connection,
 * send VOTES_EACH pairwise votes (a different pair each time, about one a second) with their own code
 * to POST /api/rounds/{id}/votes, twice: `spread` (each vote at a random moment of its second) and
 * `burst` (all 300 at the same instant every second; see participants.ts). Reports the vote latency
 * (p50, p90, p99, max, from the moment each vote was due; budget p99 ≤ 100 ms), the server's CPU per
 * vote, and checks that nothing was lost: every vote answered 201 and the votes stored equal the votes
 * sent.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { loadSettings } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import { seedDialogueWorld } from '../../test/support/dialogue.js';
import { benchStore, freshStore, openBenchStore } from '../lib/bench-stores.js';
import { startServer } from '../lib/server.js';
import { runParticipants } from './participants.js';

/** CPU time (user + system) a process has used so far, in ms (Linux /proc, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time of the server and its worker processes, in ms. */
function serverCpuMs(server: { processes(): Array<{ pid: number }> }): number {
  return server.processes().reduce((sum, p) => {
    try {
      return sum + cpuMs(p.pid);
    } catch {
      return sum; // a worker that is gone
    }
  }, 0);
}

/** Waits until the server's processes used under 5 % of a core for two seconds in a row (at most 60 s). */
async function settled(server: { processes(): Array<{ pid: number }> }): Promise<void> {
  const deadline = Date.now() + 60_000;
  let quiet = 0;
  while (quiet < 2 && Date.now() < deadline) {
    const before = serverCpuMs(server);
    await new Promise((r) => setTimeout(r, 1000));
    quiet = serverCpuMs(server) - before < 50 ? quiet + 1 : 0;
  }
}

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const PARTICIPANTS = 300;
const IDEAS = 40;
const VOTES_EACH = Number(process.env.DIALOGUE_BENCH_VOTES ?? 20);
/** DIALOGUE_BENCH_ARRIVALS=burst (or spread): one pattern only, e.g. to profile it. */
const ARRIVALS = (process.env.DIALOGUE_BENCH_ARRIVALS ?? 'spread,burst')
  .split(',')
  .filter((a): a is 'spread' | 'burst' => a === 'spread' || a === 'burst');
/**
 * DIALOGUE_BENCH_WORKERS: the server's ETABLERA_WORKERS settings to run, in turn (default "1,auto": one
 * process, then what `npm start` uses — one worker per core).
 */
const WORKERS = (process.env.DIALOGUE_BENCH_WORKERS ?? '1,auto').split(',').map((w) => {
  const n = w === 'auto' ? availableParallelism() : Number(w);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`DIALOGUE_BENCH_WORKERS: "${w}" is not "auto" or a count`);
  return { setting: w, count: n };
});

const target = benchStore(dialect, 'dialogue');
await freshStore(target);
const store = await openBenchStore(target);
const world = await seedDialogueWorld(store);
const app = await buildApp({
  store,
  settings: loadSettings({ LOG_LEVEL: 'silent', ETABLERA_RATE_LIMIT_MAX: '0' }),
});
const api = async (url: string, payload: object) => {
  const res = await app.inject({ method: 'POST', url, payload, headers: world.lulea });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};
/** A pairwise round of IDEAS ideas, open, with PARTICIPANTS codes; one per arrival pattern. */
async function openRound(title: string) {
  const dialogue = (await api('/api/dialogues', { title, organisation: '2580' })).id as number;
  const ideas: number[] = [];
  for (let i = 0; i < IDEAS; i++)
    ideas.push((await api(`/api/dialogues/${dialogue}/ideas`, { text: `Idé ${i + 1}` })).id);
  const round = (await api(`/api/dialogues/${dialogue}/rounds`, { method: 'pairwise' })).id as number;
  const codes = (await api(`/api/rounds/${round}/codes`, { count: PARTICIPANTS })).codes as string[];
  await api(`/api/rounds/${round}/open`, {});
  // Each participant walks its own sequence of distinct pairs, starting at a different place.
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < IDEAS; i++) for (let j = i + 1; j < IDEAS; j++) pairs.push([ideas[i]!, ideas[j]!]);
  const body = (p: number, k: number) => {
    const [a, b] = pairs[(p * 7 + k) % pairs.length]!;
    const [winner, loser] = (p + k) % 2 ? [a, b] : [b, a];
    return JSON.stringify({ code: codes[p], winner, loser });
  };
  return { round, body };
}
// One round per server setting and arrival pattern: a round's codes have answered their pairs after a run.
const rounds = new Map<string, Awaited<ReturnType<typeof openRound>>>();
for (const w of WORKERS)
  for (const arrival of ARRIVALS)
    rounds.set(`${w.setting} ${arrival}`, await openRound(`Belastning, ${arrival}, ${w.setting}`));
await app.close();
await store.close();

const sent = PARTICIPANTS * VOTES_EACH;
const report: object[] = [];
for (const workers of WORKERS) {
  const server = await startServer(target, { ETABLERA_WORKERS: String(workers.count) });
  // The server loads the bundled taxonomy and builds its search index right after it starts listening;
  // the votes start once that is done (the server idle), so that they measure voting, not start-up.
  await settled(server);
  try {
    for (const arrival of ARRIVALS) {
      const { round, body } = rounds.get(`${workers.setting} ${arrival}`)!;
      const cpuBefore = serverCpuMs(server);
      const loadAtStart = loadavg()[0];
      const result = await runParticipants({
        url: server.url,
        path: `/api/rounds/${round}/votes`,
        warmPath: '/api/status',
        participants: PARTICIPANTS,
        votesEach: VOTES_EACH,
        arrival,
        body,
      });
      const serverCpu = serverCpuMs(server) - cpuBefore;
      const loadAtEnd = loadavg()[0];
      const check = await openBenchStore(target);
      const stored = await check.db
        .selectFrom('dialogue_pair_vote')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('round_id', '=', round)
        .executeTakeFirstOrThrow();
      await check.close();
      const answered201 = result.byStatus['201'] ?? 0;
      report.push({
        dialect,
        workers: `${workers.setting} (${workers.count})`,
        arrival,
        participants: PARTICIPANTS,
        sent: result.sent,
        answered201,
        byStatus: result.byStatus,
        errors: result.errors,
        stored: Number(stored.n),
        latencyMs: result.latencyMs,
        // The server's own CPU per vote (all its processes, the warm-up requests included): what a vote
        // costs whatever else the machine is doing.
        serverCpuMsPerVote: Number((serverCpu / sent).toFixed(3)),
        loadAverage1m: { start: loadAtStart, end: loadAtEnd },
        durationS: result.durationS,
      });
      const label = `${arrival}, ETABLERA_WORKERS=${workers.setting}`;
      if (Number(stored.n) !== sent || answered201 !== sent || result.sent !== sent) {
        console.error(
          `${label}: LOST VOTES: sent ${result.sent} of ${sent}, answered 201 ${answered201}, stored ${stored.n}`,
        );
        process.exitCode = 1;
      }
      if (result.latencyMs.p99 > 100)
        console.error(`${label}: p99 ${result.latencyMs.p99} ms is over the 100 ms budget`);
    }
  } finally {
    await server.stop();
  }
}
console.log(JSON.stringify(report, null, 2));
