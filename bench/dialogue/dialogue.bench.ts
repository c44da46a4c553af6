/**
 * Dialogue load benchmark (npm run bench:dialogue [sqlite|postgres]): 300 participants voting at once.
 * A real server (`etablera serve`, its own process) over a fresh bench store with a pairwise round of
 * 40 ideas and 300 participant codes; autocannon opens 300 connections, one per participant, and each
 * sends VOTES_EACH pairwise votes with its own code (a different pair each time) to
 * POST /api/rounds/{id}/votes. Reports the vote latency (p50, p90, p99; budget p99 ≤ 100 ms) and checks
 * that nothing was lost: every vote answered 201 and the votes stored equal the votes sent.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { loadSettings } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import { seedDialogueWorld } from '../../test/support/dialogue.js';
import { benchStore, freshStore, openBenchStore } from '../lib/bench-stores.js';
import { startServer } from '../lib/server.js';

/** CPU time (user + system) a process has used so far, in ms (Linux /proc, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Waits until the process used under 5 % of a core for two seconds in a row (at most 60 s). */
async function settled(pid: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  let quiet = 0;
  while (quiet < 2 && Date.now() < deadline) {
    const before = cpuMs(pid);
    await new Promise((r) => setTimeout(r, 1000));
    quiet = cpuMs(pid) - before < 50 ? quiet + 1 : 0;
  }
}

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const PARTICIPANTS = 300;
const IDEAS = 40;
const VOTES_EACH = Number(process.env.DIALOGUE_BENCH_VOTES ?? 20);

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
const dialogue = (await api('/api/dialogues', { title: 'Belastning', organisation: '2580' })).id as number;
const ideas: number[] = [];
for (let i = 0; i < IDEAS; i++)
  ideas.push((await api(`/api/dialogues/${dialogue}/ideas`, { text: `Idé ${i + 1}` })).id);
const round = (await api(`/api/dialogues/${dialogue}/rounds`, { method: 'pairwise' })).id as number;
const codes = (await api(`/api/rounds/${round}/codes`, { count: PARTICIPANTS })).codes as string[];
await api(`/api/rounds/${round}/open`, {});
await app.close();
await store.close();

// Each participant walks its own sequence of distinct pairs, starting at a different place.
const pairs: Array<[number, number]> = [];
for (let i = 0; i < IDEAS; i++) for (let j = i + 1; j < IDEAS; j++) pairs.push([ideas[i]!, ideas[j]!]);

const server = await startServer(target);
// The server loads the bundled taxonomy and builds its search index right after it starts listening;
// the votes start once that is done (the server idle), so that they measure voting, not start-up.
await settled(server.pid);
const cpuBefore = cpuMs(server.pid);
const loadAtStart = loadavg()[0];
let nextParticipant = 0;
const sent = PARTICIPANTS * VOTES_EACH;
try {
  const result = await autocannon({
    url: server.url,
    connections: Number(process.env.DIALOGUE_BENCH_CONNECTIONS ?? PARTICIPANTS),
    // A participant answers a pair about once a second (a fast human): 300 votes a second in all,
    // spread over the second (participants do not click in step).
    overallRate: Number(process.env.DIALOGUE_BENCH_RATE ?? PARTICIPANTS),
    amount: sent,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: `/api/rounds/${round}/votes`,
        headers: { 'content-type': 'application/json' },
        // autocannon gives each request a fresh context, so the n-th vote sent is participant n mod 300's
        // (n div 300)-th: every code answers VOTES_EACH different pairs.
        setupRequest: (request) => {
          const n = nextParticipant++;
          const p = n % PARTICIPANTS;
          const k = Math.floor(n / PARTICIPANTS);
          const [a, b] = pairs[(p * 7 + k) % pairs.length]!;
          const [winner, loser] = (p + k) % 2 ? [a, b] : [b, a];
          return { ...request, body: JSON.stringify({ code: codes[p], winner, loser }) };
        },
      },
    ],
  });
  const serverCpuMs = cpuMs(server.pid) - cpuBefore;
  const loadAtEnd = loadavg()[0];
  const check = await openBenchStore(target);
  const stored = await check.db
    .selectFrom('dialogue_pair_vote')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('round_id', '=', round)
    .executeTakeFirstOrThrow();
  await check.close();
  const ok = result['2xx'];
  const l = result.latency;
  console.log(
    JSON.stringify(
      {
        dialect,
        participants: PARTICIPANTS,
        sent,
        answered2xx: ok,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        stored: Number(stored.n),
        latencyMs: { p50: l.p50, p90: l.p90, p99: l.p99, max: l.max },
        // The server's own CPU per vote: what a vote costs whatever else the machine is doing.
        serverCpuMsPerVote: Number((serverCpuMs / sent).toFixed(3)),
        loadAverage1m: { start: loadAtStart, end: loadAtEnd },
        votesPerSecond: result.requests.average,
        requestsBuilt: nextParticipant,
        durationS: result.duration,
      },
      null,
      2,
    ),
  );
  if (Number(stored.n) !== sent || ok !== sent) {
    console.error(`LOST VOTES: sent ${sent}, answered ${ok}, stored ${stored.n}`);
    process.exitCode = 1;
  }
  if (l.p99 > 100) console.error(`p99 ${l.p99} ms is over the 100 ms budget`);
} finally {
  await server.stop();
}
