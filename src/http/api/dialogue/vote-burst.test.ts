/**
 * 300 votes at the same instant through a real HTTP server, on both databases: nothing lost, nothing
 * counted twice. The burst mixes good votes with repeats of the same code and pair (sent at the same
 * moment as the first), unknown codes and votes on a hidden idea, so refused answers travel in the
 * same group-committed statement as accepted ones (domain/dialogue/pair-vote-batch.ts): every good
 * vote is answered 201 and stored once, each repeat is answered 409 exactly once per pair, the others
 * get their own refusal, and the stored count equals the 201s. Once with the app listening in this
 * process, once as `etablera serve` with two worker processes writing to the same store.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { type DialogueWorld, seedDialogueWorld } from '../../../../test/support/dialogue.js';
import { REPO_ROOT } from '../../../../test/support/real-data.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { loadSettings } from '../../../config/settings.js';
import type { PairAnswer } from '../../../domain/dialogue/pair-vote-batch.js';
import { buildApp } from '../../app.js';

/** One HTTP request on its own connection; resolves with the status and the JSON body. */
function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  body?: object,
  headers: Record<string, string> = {},
  agent: Agent | false = false,
): Promise<{ status: number; json: unknown }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, base),
      {
        method,
        agent,
        headers: {
          ...headers,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // A request that hangs is a failure to report, not a test that never ends.
    req.setTimeout(60_000, () => req.destroy(new Error(`no answer within 60 s: ${path}`)));
    req.end(payload);
  });
}

interface Vote {
  code: string;
  winner: number;
  loser: number;
  /** What this vote is: a first answer, a repeat of one, an unknown code, a hidden idea. */
  kind: 'first' | 'repeat' | 'unknownCode' | 'hiddenIdea';
}

/**
 * Sets up an open pairwise round over HTTP (12 ideas, one of them hidden; 100 codes) and the burst:
 * 200 first answers (two pairs per code), 50 repeats of a first answer sent in the same burst (half
 * with the winner turned), 25 with a code no round has, 25 on the hidden idea.
 */
async function prepareBurst(
  base: string,
  staff: { authorization: string },
): Promise<{ round: number; votes: Vote[] }> {
  const ok = async (path: string, body: object) => {
    const res = await call(base, 'POST', path, body, staff);
    expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
    return res.json as Record<string, unknown>;
  };
  const dialogue = (await ok('/api/dialogues', { title: 'Röstning, samtidigt', organisation: '2580' })).id;
  const ideas: number[] = [];
  for (let i = 0; i < 12; i++)
    ideas.push(
      (await ok(`/api/dialogues/${dialogue}/ideas`, { text: `Förslag ${i + 1}`, language: 'sv' }))
        .id as number,
    );
  const round = (await ok(`/api/dialogues/${dialogue}/rounds`, { method: 'pairwise' })).id as number;
  const codes = (await ok(`/api/rounds/${round}/codes`, { count: 100 })).codes as string[];
  await ok(`/api/rounds/${round}/open`, {});
  const hidden = ideas[11]!;
  await ok(`/api/ideas/${hidden}/hide`, { reason: 'Dubblett av en annan idé' });
  const visible = ideas.slice(0, 11);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < visible.length; i++)
    for (let j = i + 1; j < visible.length; j++) pairs.push([visible[i]!, visible[j]!]);
  const votes: Vote[] = [];
  codes.forEach((code, c) => {
    for (const k of [0, 1]) {
      const [a, b] = pairs[(c * 2 + k) % pairs.length]!;
      votes.push({ code, winner: a, loser: b, kind: 'first' });
    }
  });
  for (let c = 0; c < 50; c++) {
    const first = votes[c * 2]!;
    votes.push({
      code: first.code,
      winner: c % 2 ? first.loser : first.winner,
      loser: c % 2 ? first.winner : first.loser,
      kind: 'repeat',
    });
  }
  for (let i = 0; i < 25; i++)
    votes.push({ code: `ZZZZ-${1000 + i}`, winner: visible[0]!, loser: visible[1]!, kind: 'unknownCode' });
  for (let i = 0; i < 25; i++)
    votes.push({ code: codes[50 + i]!, winner: hidden, loser: visible[i % 11]!, kind: 'hiddenIdea' });
  // Mixed, so that repeats and refusals arrive among the good votes rather than after them.
  const order = votes.map((v, i) => ({ v, k: (i * 7919) % votes.length })).sort((x, y) => x.k - y.k);
  return { round, votes: order.map((o) => o.v) };
}

/**
 * Sends every vote at once, each participant on a connection it opened before (as phones with the page
 * open), and checks each answer, the stored count and the count the results give.
 */
async function burstAndCheck(base: string, round: number, votes: Vote[], storedCount: () => Promise<number>) {
  const agent = new Agent({ keepAlive: true, maxSockets: votes.length });
  let answers: Array<{ status: number }>;
  try {
    await Promise.all(votes.map(() => call(base, 'GET', '/api/health', undefined, {}, agent)));
    answers = await Promise.all(
      votes.map((v) =>
        call(
          base,
          'POST',
          `/api/rounds/${round}/votes`,
          { code: v.code, winner: v.winner, loser: v.loser },
          {},
          agent,
        ),
      ),
    );
  } finally {
    agent.destroy();
  }
  const byKind = (kind: Vote['kind']) =>
    answers.filter((_, i) => votes[i]!.kind === kind).map((a) => a.status);
  // A first answer and its repeat race: exactly one of the two is written (201), the other is a repeat (409).
  const keyOf = (v: Vote) => `${v.code} ${Math.min(v.winner, v.loser)} ${Math.max(v.winner, v.loser)}`;
  const perKey = new Map<string, number[]>();
  votes.forEach((v, i) => {
    if (v.kind !== 'first' && v.kind !== 'repeat') return;
    perKey.set(keyOf(v), [...(perKey.get(keyOf(v)) ?? []), answers[i]!.status]);
  });
  expect(perKey.size).toBe(200);
  for (const [key, statuses] of perKey) {
    const sorted = [...statuses].sort();
    expect(sorted, key).toEqual(statuses.length === 1 ? [201] : [201, 409]);
  }
  expect(new Set(byKind('unknownCode'))).toEqual(new Set([403]));
  expect(new Set(byKind('hiddenIdea'))).toEqual(new Set([400]));
  const accepted = answers.filter((a) => a.status === 201).length;
  expect(accepted).toBe(200);
  expect(await storedCount()).toBe(accepted);
  const results = await call(base, 'GET', `/api/rounds/${round}/results`);
  expect(results.status).toBe(200);
  expect((results.json as { votes: number }).votes).toBe(accepted);
}

const countVotes = (temp: TempStore, round: number) => async () => {
  const r = await temp.store.db
    .selectFrom('dialogue_pair_vote')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('round_id', '=', round)
    .executeTakeFirstOrThrow();
  return Number(r.n);
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.on('error', reject);
  });
}

for (const dialect of DIALECTS) {
  describe(`300 votes at once (${dialect})`, () => {
    let temp: TempStore;
    let world: DialogueWorld;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      world = await seedDialogueWorld(temp.store);
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    it('through the app listening in this process: every good vote stored once, repeats and refusals answered each', async () => {
      // Watch the statements the votes go through: the burst must really be written in shared batches.
      const repo = temp.store.repositories.dialogues;
      const batchSizes: number[] = [];
      const original = repo.insertPairVotesChecked.bind(repo);
      repo.insertPairVotesChecked = (rows: readonly PairAnswer[]) => {
        batchSizes.push(rows.length);
        return original(rows);
      };
      const app = await buildApp({
        store: temp.store,
        settings: loadSettings({ LOG_LEVEL: 'silent', ETABLERA_RATE_LIMIT_MAX: '0' }),
      });
      try {
        const base = await app.listen({ port: 0, host: '127.0.0.1' });
        const { round, votes } = await prepareBurst(base, world.lulea);
        batchSizes.length = 0;
        await burstAndCheck(base, round, votes, countVotes(temp, round));
        expect(Math.max(...batchSizes)).toBeGreaterThan(1);
      } finally {
        await app.close();
        repo.insertPairVotesChecked = original;
      }
    });

    describe('as `etablera serve` with two worker processes on the same store', () => {
      let child: ChildProcess | undefined;
      let base = '';
      let log = '';
      beforeAll(async () => {
        // A taxonomy is there, so the jobs worker does not load the bundled snapshot while the votes
        // arrive (as in app-start/workers.test.ts).
        await temp.store.repositories.taxonomy.writeLoad({
          source: 'test',
          version: '1',
          concepts: [
            {
              id: 'test-concept',
              type: 'occupation-name',
              label: 'Test',
              definition: null,
              code: null,
              deprecated: 0,
              replaced_by: null,
            },
          ],
          labels: [],
          relations: [],
          replaceLabelSources: [],
          counts: {},
        });
        const port = await freePort();
        child = spawn(
          process.execPath,
          [join(REPO_ROOT, 'bin/etablera.js'), 'serve', '--port', String(port)],
          {
            env: {
              ...process.env,
              ...temp.env,
              HOST: '127.0.0.1',
              ETABLERA_WORKERS: '2',
              LOG_LEVEL: 'info',
              ETABLERA_SYNC_ON_START: 'off',
              ETABLERA_SYNC_SCHEDULE: 'off',
              ETABLERA_RATE_LIMIT_MAX: '0',
              ETABLERA_TAXONOMY_INDEX_ON_START: 'off',
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        child.stdout!.on('data', (d) => {
          log += d;
        });
        child.stderr!.on('data', (d) => {
          log += d;
        });
        base = `http://127.0.0.1:${port}`;
        const deadline = Date.now() + 110_000;
        while ([...log.matchAll(/"msg":"Worker \d+ \((jobs|serve)\) is serving"/g)].length < 2) {
          if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
          if (Date.now() > deadline) throw new Error(`two workers not serving within 110 s:\n${log}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      }, 120_000);
      afterAll(async () => {
        if (child && child.exitCode === null) {
          const exited = new Promise((resolve) => child!.once('exit', resolve));
          child.kill('SIGTERM');
          await exited;
        }
      });

      it('every good vote stored once, repeats and refusals answered each, whichever worker took them', async () => {
        const { round, votes } = await prepareBurst(base, world.lulea);
        await burstAndCheck(base, round, votes, countVotes(temp, round));
      });
    });
  });
}
