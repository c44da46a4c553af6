/**
 * The analyses' store reads, counted: what the tests of CachedAnalysisReads wrap the real reads in, to
 * see which questions reach the store and which the cache answers.
 */
import type { AnalysisReads } from '../../src/domain/analysis/analysis-reads.js';
import type { Gender } from '../../src/store/schema.js';

export function counted(inner: AnalysisReads): { reads: AnalysisReads; calls: () => number } {
  let calls = 0;
  const count =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    (...args: A) => {
      calls++;
      return f(...args);
    };
  return {
    calls: () => calls,
    reads: {
      municipalities: count((type?: string) => inner.municipalities(type)),
      municipality: count((id: string) => inner.municipality(id)),
      kpis: count((ids: readonly string[]) => inner.kpis(ids)),
      latestPeriods: count((k: readonly string[], t: string, g: Gender, y?: number) =>
        inner.latestPeriods(k, t, g, y),
      ),
      periodsWithData: count((k: readonly string[], t: string, g: Gender) => inner.periodsWithData(k, t, g)),
      values: count((k: string, p: number, g: Gender) => inner.values(k, p, g)),
    },
  };
}
