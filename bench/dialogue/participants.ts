/**
 * A load generator that behaves like people at a meeting: each participant has its own keep-alive
 * connection and sends its votes one after another, about one a second, each at its own moment.
 *
 * Why not autocannon's `overallRate`: autocannon gives every connection a one-second timer, and it
 * creates all of them in the same tick, so the 300 timers fire together and every second 300 votes
 * arrive within a millisecond — a queue of 300 in front of a one-threaded server, whatever the
 * server does. That is a real case (a facilitator says "vote now!"), but not the usual one, so this
 * generator runs both: `spread` (each vote at a random moment of its second, as when people read a
 * pair and tap) and `burst` (everyone at the same instant, every second).
 *
 * Latency is measured from the moment a vote was *due*, not from when it was written to the socket:
 * a participant whose previous vote is still waiting sends the next one late, and that wait counts
 * (no coordinated omission).
 */
import { performance } from 'node:perf_hooks';
import { prepared, RawConnection } from '../lib/raw-http.js';

export type Arrival = 'spread' | 'burst';

export interface ParticipantLoad {
  /** Server base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  path: string;
  participants: number;
  votesEach: number;
  arrival: Arrival;
  /** The body of participant p's k-th vote. */
  body(p: number, k: number): string;
  /** Seed of the arrival moments, so that two runs are comparable. */
  seed?: number;
  /** A GET each participant sends before the voting starts, to open its connection. */
  warmPath: string;
}

export interface LoadResult {
  sent: number;
  byStatus: Record<string, number>;
  errors: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  durationS: number;
}

/** mulberry32: a small seeded generator (the arrival moments are the same in every run). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 10) / 10;
}

const sleepUntil = (t: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, t - performance.now())));

export async function runParticipants(load: ParticipantLoad): Promise<LoadResult> {
  const random = seeded(load.seed ?? 1);
  const target = new URL(load.path, load.url);
  const latencies = new Float64Array(load.participants * load.votesEach);
  const byStatus: Record<string, number> = {};
  let n = 0;
  let errors = 0;
  // Every participant connects first (as phones that have the page open), then the voting starts
  // a second later.
  const connections: RawConnection[] = [];
  const warm = prepared('GET', new URL(load.warmPath, load.url));
  for (let p = 0; p < load.participants; p++) {
    const connection = await RawConnection.open(target);
    await connection.send(warm);
    connections.push(connection);
  }
  // Every request prepared before the voting: building it is the participant's phone's work, not
  // something that should queue in the one generator thread at the moment of the burst.
  const requests = Array.from({ length: load.participants }, (_, p) =>
    Array.from({ length: load.votesEach }, (_, k) => prepared('POST', target, load.body(p, k))),
  );
  const start = performance.now() + 1000;
  const participant = async (p: number) => {
    for (let k = 0; k < load.votesEach; k++) {
      const due = start + k * 1000 + (load.arrival === 'burst' ? 0 : random() * 1000);
      await sleepUntil(due);
      try {
        const status = await connections[p]!.send(requests[p]![k]!);
        byStatus[status] = (byStatus[status] ?? 0) + 1;
      } catch {
        errors++;
      }
      latencies[n++] = performance.now() - due;
    }
  };
  await Promise.all(Array.from({ length: load.participants }, (_, p) => participant(p)));
  const durationS = (performance.now() - start) / 1000;
  for (const connection of connections) connection.close();
  const sorted = latencies.subarray(0, n).sort();
  return {
    sent: n,
    byStatus,
    errors,
    latencyMs: {
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p99: percentile(sorted, 0.99),
      max: percentile(sorted, 1),
    },
    durationS: Math.round(durationS * 10) / 10,
  };
}
