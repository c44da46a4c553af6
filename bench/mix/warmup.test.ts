import { describe, expect, it } from 'vitest';
import { isSteady } from './warmup.js';

describe('isSteady', () => {
  // Throughputs measured in 15-s windows on one server (BENCHMARKS.md, *Realistic mix: warming until steady*).
  const twoWorkers = [545, 697, 709, 721, 745, 755, 762, 758, 758, 773];
  const oneProcess = [411, 469, 476, 479, 475, 476];

  it('waits while throughput still rises more than 2 % over three windows', () => {
    for (let n = 1; n <= 7; n++) expect(isSteady(twoWorkers.slice(0, n))).toBe(false);
    expect(isSteady(twoWorkers.slice(0, 8))).toBe(true); // 758 vs 745: +1.7 %
  });

  it('levels off sooner for one process', () => {
    expect(isSteady(oneProcess.slice(0, 4))).toBe(false); // 479 vs 411
    expect(isSteady(oneProcess.slice(0, 5))).toBe(true); // 475 vs 469
  });

  it('needs more than three windows and counts a drop as steady', () => {
    expect(isSteady([500, 500, 500])).toBe(false);
    expect(isSteady([500, 500, 500, 510])).toBe(true);
    expect(isSteady([500, 500, 500, 511])).toBe(false);
    expect(isSteady([500, 500, 500, 400])).toBe(true);
  });
});
