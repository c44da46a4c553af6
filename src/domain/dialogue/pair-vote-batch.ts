/**
 * Group commit for pairwise answers. When 300 participants vote at the same instant ("vote now!"),
 * writing each answer in its own statement costs a commit each — on SQLite a write-ahead-log append
 * and lock round, on PostgreSQL a round trip and a WAL flush each, ten at a time over the pool. Here
 * the answers that arrive while the event loop is busy with the same batch of network events are
 * written by one statement (one transaction), and each caller is answered with its own result: a
 * refused answer is simply not written and never fails the others.
 *
 * The batch is written at `setImmediate`, i.e. after the event loop has read every request that had
 * arrived by then; while a batch is being written (PostgreSQL: waiting for the database), new
 * answers wait for the next one, which then carries all of them.
 */

export interface PairAnswer {
  round_id: number;
  code: string | null;
  voter: string;
  idea_a: number;
  idea_b: number;
  winner: number | null;
  created_at: string;
}

/** Writes the answers it is given, returning in order whether each was written. */
export type WriteAnswers = (answers: readonly PairAnswer[]) => Promise<boolean[]>;

interface Pending {
  answer: PairAnswer;
  resolve(written: boolean): void;
  reject(error: unknown): void;
}

/** More would make one statement's JSON parameter large without saving anything measurable. */
const MAX_BATCH = 500;
/** Batches written at once: one being written while the next is sent keeps PostgreSQL busy. */
const MAX_IN_FLIGHT = 2;

const keyOf = (a: PairAnswer) => `${a.round_id} ${a.idea_a} ${a.idea_b} ${a.voter}`;

export class PairVoteBatch {
  private queue: Pending[] = [];
  private scheduled = false;
  private inFlight = 0;

  constructor(private readonly write: WriteAnswers) {}

  /** Resolves with whether the answer was written (false: a check refused it, or a repeat). */
  add(answer: PairAnswer): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ answer, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush() {
    // An answer whose key is already in this batch waits for the next one: the statement cannot say
    // which of two equal keys it wrote, and the second is then a repeat (or refused like the first).
    const batch: Pending[] = [];
    const later: Pending[] = [];
    const keys = new Set<string>();
    for (const p of this.queue) {
      const key = keyOf(p.answer);
      if (batch.length >= MAX_BATCH || keys.has(key)) later.push(p);
      else {
        keys.add(key);
        batch.push(p);
      }
    }
    this.queue = later;
    if (batch.length === 0) return;
    this.inFlight++;
    try {
      let written: boolean[];
      try {
        written = await this.write(batch.map((p) => p.answer));
      } catch {
        // One statement failed for all: each answer is written again on its own, so whatever broke it
        // (a value the database refuses, a lost connection) fails only the answers it concerns.
        await Promise.all(
          batch.map((p) =>
            this.write([p.answer]).then(
              ([one]) => p.resolve(one === true),
              (error: unknown) => p.reject(error),
            ),
          ),
        );
        return;
      }
      for (const [i, p] of batch.entries()) p.resolve(written[i] === true);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}
