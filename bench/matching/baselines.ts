/**
 * The two baselines the matcher must beat, computed in the same run on the same simulated people:
 *   jaccard — |person ∩ group| / |person ∪ group| over skill ids, no weighting;
 *   bm25    — Okapi BM25 (k1 1.2, b 0.75) with each group a document of its skills' labels and the
 *             person's skill labels the query, words stemmed the same way as the taxonomy search.
 */
import type { MatchingModel } from '../../src/domain/process/matching/matching-model.js';
import { normalise, stem, tokenize } from '../../src/domain/process/taxonomy/search-text.js';

export function jaccardRank(model: MatchingModel, skills: readonly string[]): string[] {
  const person = new Set(skills);
  return model.groupList
    .map((g) => {
      let inter = 0;
      for (const s of g.skills) if (person.has(s)) inter++;
      return { id: g.id, code: g.code, v: inter / (person.size + g.skills.length - inter || 1) };
    })
    .sort((a, b) => b.v - a.v || (a.code < b.code ? -1 : 1))
    .map((x) => x.id);
}

const words = (label: string) => tokenize(label).map((t) => stem('sv', normalise(t)));

export class Bm25 {
  private readonly docs: { id: string; code: string; tf: Map<string, number>; length: number }[];
  private readonly df = new Map<string, number>();
  private readonly avg: number;

  constructor(private readonly model: MatchingModel) {
    this.docs = model.groupList.map((g) => {
      const tf = new Map<string, number>();
      let length = 0;
      for (const s of g.skills)
        for (const w of words(model.skillLabels.get(s) ?? '')) {
          tf.set(w, (tf.get(w) ?? 0) + 1);
          length++;
        }
      for (const w of tf.keys()) this.df.set(w, (this.df.get(w) ?? 0) + 1);
      return { id: g.id, code: g.code, tf, length };
    });
    this.avg = this.docs.reduce((s, d) => s + d.length, 0) / this.docs.length;
  }

  rank(skills: readonly string[]): string[] {
    const query = skills.flatMap((s) => words(this.model.skillLabels.get(s) ?? ''));
    const N = this.docs.length;
    return this.docs
      .map((d) => {
        let score = 0;
        for (const q of query) {
          const f = d.tf.get(q);
          if (!f) continue;
          const n = this.df.get(q) ?? 0;
          const idf = Math.log(1 + (N - n + 0.5) / (n + 0.5));
          score += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * d.length) / this.avg));
        }
        return { id: d.id, code: d.code, score };
      })
      .sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1))
      .map((x) => x.id);
  }
}
