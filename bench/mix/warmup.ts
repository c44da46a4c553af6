/**
 * When a server is warm enough to measure. Each worker fills its own reply caches from its share of
 * the requests, so two workers keep getting faster for minutes after one process has levelled off
 * (BENCHMARKS.md, *Realistic mix: warming until steady*: one process steady after ≈ 30 s, two workers after ≈ 2.5 min). A
 * fixed warm-up either measures two workers cold or wastes minutes on one process; so the mix warms
 * in windows until throughput stops rising.
 */

/** Seconds per warm-up window. */
export const WARMUP_WINDOW_S = 10;
/** The window compared with: three windows (30 s) back, since the rise is slow but steady. */
const LOOKBACK = 3;
/** Steady: the last window at most this much faster than the one LOOKBACK windows before. */
const TOLERANCE = 0.02;
/** Give up warming after this long (a server that never levels off is measured anyway, and said so). */
export const WARMUP_MAX_S = 300;

/**
 * True when the throughputs of successive windows (req/s, oldest first) have levelled off: the last
 * is within TOLERANCE of the one LOOKBACK windows before it (a drop counts as steady: noise or a
 * full cache, not warming).
 */
export function isSteady(windows: readonly number[]): boolean {
  if (windows.length <= LOOKBACK) return false;
  const last = windows[windows.length - 1] as number;
  const before = windows[windows.length - 1 - LOOKBACK] as number;
  return last <= before * (1 + TOLERANCE);
}

/** How a measured mix run is warmed: a fixed number of seconds, or until steady. */
export type Warmup = number | 'steady';
