/**
 * What the background work on the store is doing right now, for the log, the CLI bar, pages and
 * GET /api/status. One instance per process; the sync and the demo loader report into it.
 */

export type SyncState = 'idle' | 'running' | 'done' | 'failed' | 'offline';
export type SyncPhase = 'probe' | 'metadata' | 'values' | 'ou-values' | 'demo' | null;

export interface SyncProgressSnapshot {
  state: SyncState;
  phase: SyncPhase;
  done: number;
  total: number;
  message: string;
  startedAt: string | null;
}

type Listener = (snapshot: SyncProgressSnapshot) => void;

export class SyncProgress {
  private current: SyncProgressSnapshot = {
    state: 'idle',
    phase: null,
    done: 0,
    total: 0,
    message: '',
    startedAt: null,
  };
  private readonly listeners = new Set<Listener>();

  snapshot(): SyncProgressSnapshot {
    return { ...this.current };
  }

  /** Called on every change; returns a function that stops it. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  begin(message: string): void {
    this.update({
      state: 'running',
      phase: null,
      done: 0,
      total: 0,
      message,
      startedAt: new Date().toISOString(),
    });
  }

  phase(phase: SyncPhase, total: number, message: string): void {
    this.update({ state: 'running', phase, done: 0, total, message });
  }

  advance(by = 1, message?: string): void {
    this.update({ done: this.current.done + by, ...(message === undefined ? {} : { message }) });
  }

  message(message: string): void {
    this.update({ message });
  }

  end(state: Exclude<SyncState, 'idle' | 'running'>, message: string): void {
    this.update({ state, message });
  }

  /** Shows another process's progress as this one's (a worker showing the sync another worker runs). */
  show(snapshot: SyncProgressSnapshot): void {
    this.update({ ...snapshot });
  }

  private update(change: Partial<SyncProgressSnapshot>): void {
    this.current = { ...this.current, ...change };
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}
