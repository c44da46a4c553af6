/**
 * The progress report alone: each call's snapshot, whole, as listeners see it, and unsubscribing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncProgress, type SyncProgressSnapshot } from './sync-progress.js';

const IDLE: SyncProgressSnapshot = {
  state: 'idle',
  phase: null,
  done: 0,
  total: 0,
  message: '',
  startedAt: null,
};

describe('SyncProgress', () => {
  afterEach(() => vi.useRealTimers());

  it('starts idle', () => {
    expect(new SyncProgress().snapshot()).toStrictEqual(IDLE);
  });

  it('reports every step to its listeners, whole', () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T10:00:00.000Z') });
    const progress = new SyncProgress();
    const seen: SyncProgressSnapshot[] = [];
    progress.subscribe((s) => seen.push(s));
    const startedAt = '2026-12-03T10:00:00.000Z';

    progress.begin('Startar');
    progress.phase('values', 40, 'Värden');
    progress.advance();
    progress.advance(3, 'Värden: N00001');
    progress.advance(2);
    progress.message('Skriver');
    progress.end('done', 'Klar');
    expect(seen).toStrictEqual([
      { state: 'running', phase: null, done: 0, total: 0, message: 'Startar', startedAt },
      { state: 'running', phase: 'values', done: 0, total: 40, message: 'Värden', startedAt },
      { state: 'running', phase: 'values', done: 1, total: 40, message: 'Värden', startedAt },
      { state: 'running', phase: 'values', done: 4, total: 40, message: 'Värden: N00001', startedAt },
      { state: 'running', phase: 'values', done: 6, total: 40, message: 'Värden: N00001', startedAt },
      { state: 'running', phase: 'values', done: 6, total: 40, message: 'Skriver', startedAt },
      { state: 'done', phase: 'values', done: 6, total: 40, message: 'Klar', startedAt },
    ]);
    expect(progress.snapshot()).toStrictEqual(seen.at(-1));
  });

  it('begins again from nothing after a phase with progress', () => {
    const progress = new SyncProgress();
    progress.phase('metadata', 5, 'Metadata');
    progress.advance(5);
    progress.end('failed', 'Fel');
    progress.begin('Igen');
    const s = progress.snapshot();
    expect({ ...s, startedAt: null }).toStrictEqual({ ...IDLE, state: 'running', message: 'Igen' });
    expect(Date.parse(s.startedAt!)).not.toBeNaN();
  });

  it('shows another snapshot as its own, and a snapshot is a copy', () => {
    const progress = new SyncProgress();
    const other: SyncProgressSnapshot = {
      state: 'offline',
      phase: 'probe',
      done: 2,
      total: 9,
      message: 'Ingen kontakt',
      startedAt: '2026-12-01T00:00:00.000Z',
    };
    progress.show(other);
    other.done = 7;
    const s = progress.snapshot();
    expect(s).toStrictEqual({ ...other, done: 2 });
    s.message = 'ändrad';
    expect(progress.snapshot().message).toBe('Ingen kontakt');
  });

  it('stops telling a listener once it unsubscribes, and tells the others', () => {
    const progress = new SyncProgress();
    const first: string[] = [];
    const second: string[] = [];
    const stop = progress.subscribe((s) => first.push(s.message));
    progress.subscribe((s) => second.push(s.message));
    progress.message('a');
    stop();
    progress.message('b');
    expect(first).toEqual(['a']);
    expect(second).toEqual(['a', 'b']);
  });
});
