/**
 * PairVoteBatch when the database's single writer is busy (SQLite with worker processes): the batch
 * is tried again, never lost, with the answers that came meanwhile, and waits for the writer after a
 * while. Group commit through a real server, both databases: src/http/api/dialogue/vote-burst.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { type PairAnswer, PairVoteBatch } from './pair-vote-batch.js';

const answer = (voter: string): PairAnswer => ({
  round_id: 1,
  code: voter,
  voter: `code:${voter}`,
  idea_a: 1,
  idea_b: 2,
  winner: 1,
  created_at: '2026-12-03T18:00:00.000Z',
});

/** A writer whose lock is held for the first `busyCalls` calls that do not wait; records each call. */
function writer(busyCalls: number) {
  const calls: Array<{ voters: string[]; waitForWriter: boolean }> = [];
  const stored: string[] = [];
  let busy = busyCalls;
  const write = async (answers: readonly PairAnswer[], { waitForWriter }: { waitForWriter: boolean }) => {
    calls.push({ voters: answers.map((a) => a.voter), waitForWriter });
    if (!waitForWriter && busy > 0) {
      busy--;
      return null;
    }
    return answers.map((a) => {
      if (stored.includes(a.voter)) return false;
      stored.push(a.voter);
      return true;
    });
  };
  return { write, calls, stored };
}

describe('PairVoteBatch with a busy writer', () => {
  it('tries a batch again until the writer is free, with the answers that arrived meanwhile', async () => {
    const w = writer(2);
    const batch = new PairVoteBatch(w.write);
    const first = [batch.add(answer('a')), batch.add(answer('b'))];
    // After the first attempt found the writer busy, another answer arrives.
    await new Promise((r) => setImmediate(r));
    const later = batch.add(answer('c'));
    expect(await Promise.all([...first, later])).toEqual([true, true, true]);
    expect(w.stored).toEqual(['code:a', 'code:b', 'code:c']);
    expect(w.calls[0]).toEqual({ voters: ['code:a', 'code:b'], waitForWriter: false });
    // The retries carry the first batch first and the late answer with it; none waited for the lock.
    expect(w.calls.at(-1)).toEqual({ voters: ['code:a', 'code:b', 'code:c'], waitForWriter: false });
    expect(w.calls).toHaveLength(3);
  });

  it('a repeat that came while its first answer waited is answered as a repeat, not written twice', async () => {
    const w = writer(1);
    const batch = new PairVoteBatch(w.write);
    const first = batch.add(answer('a'));
    await new Promise((r) => setImmediate(r));
    const repeat = batch.add(answer('a'));
    expect(await Promise.all([first, repeat])).toEqual([true, false]);
    expect(w.stored).toEqual(['code:a']);
  });

  it('waits for the writer once it has been busy for a while, so a batch cannot starve', async () => {
    const w = writer(Number.POSITIVE_INFINITY);
    const batch = new PairVoteBatch(w.write);
    expect(await batch.add(answer('a'))).toBe(true);
    expect(w.calls.at(-1)?.waitForWriter).toBe(true);
    expect(w.calls.slice(0, -1).every((c) => !c.waitForWriter)).toBe(true);
    // The next batch first tries without waiting again.
    const before = w.calls.length;
    expect(await batch.add(answer('b'))).toBe(true);
    expect(w.calls[before]).toEqual({ voters: ['code:b'], waitForWriter: false });
  });
});
