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
 *
 * SQLite has one writer at a time, and with worker processes the others' batches hold it now and
 * then. Waiting for it the SQLite way sleeps in this thread (1, 2, 5, 10, 15… ms, seen with strace in
 * the dialogue benchmark), so the process could not even read the requests arriving meanwhile. A
 * batch asks not to wait instead; when the lock is held it is tried again a millisecond later, with the
 * answers that arrived in between, and only after BUSY_PATIENCE_MS of that does it wait the SQLite way.
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

/**
 * Writes the answers it is given, returning in order whether each was written; with
 * `waitForWriter: false`, null (nothing written) when the database's single writer is busy.
 */
export type WriteAnswers = (
  answers: readonly PairAnswer[],
  options: { waitForWriter: boolean },
) => Promise<boolean[] | null>;

interface Pending {
  answer: PairAnswer;
  resolve(written: boolean): void;
  reject(error: unknown): void;
}

/** More would make one statement's JSON parameter large without saving anything measurable. */
const MAX_BATCH = 500;
/** Batches written at once: one being written while the next is sent keeps PostgreSQL busy. */
const MAX_IN_FLIGHT = 2;
/** How soon a batch that found the writer busy is tried again (the other process's batch takes ≈ 1–3 ms). */
const BUSY_RETRY_MS = 1;
/** After this long finding the writer busy, a batch waits for it (SQLite's busy timeout) so it cannot starve. */
const BUSY_PATIENCE_MS = 500;

const keyOf = (a: PairAnswer) => `${a.round_id} ${a.idea_a} ${a.idea_b} ${a.voter}`;

export class PairVoteBatch {
  private queue: Pending[] = [];
  private scheduled = false;
  private inFlight = 0;
  /** Since when the batches found the writer busy (performance.now()), null while it is not. */
  private busySince: number | null = null;

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
    const run = () => {
      this.scheduled = false;
      void this.flush();
    };
    if (this.busySince === null) setImmediate(run);
    else setTimeout(run, BUSY_RETRY_MS);
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
    const answers = batch.map((p) => p.answer);
    this.inFlight++;
    try {
      let written: boolean[] | null;
      try {
        const waitForWriter =
          this.busySince !== null && performance.now() - this.busySince >= BUSY_PATIENCE_MS;
        written = await this.write(answers, { waitForWriter });
      } catch {
        // One statement failed for all: each answer is written again on its own, so whatever broke it
        // (a value the database refuses, a lost connection) fails only the answers it concerns.
        await Promise.all(
          batch.map((p) =>
            this.write([p.answer], { waitForWriter: true }).then(
              (one) => p.resolve(one?.[0] === true),
              (error: unknown) => p.reject(error),
            ),
          ),
        );
        return;
      }
      if (written === null) {
        // Nothing written: the batch goes back in front of the answers that came since, all tried soon.
        this.busySince ??= performance.now();
        this.queue = batch.concat(this.queue);
        return;
      }
      this.busySince = null;
      for (const [i, p] of batch.entries()) p.resolve(written[i] === true);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}
