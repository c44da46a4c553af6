/**
 * Skills named in free text (a job ad): the taxonomy's skill labels and the keywords that point to a
 * skill, stemmed the way the taxonomy search stems (Swedish snowball, å/ä/ö folded) and with Swedish
 * compounds split into words the labels use ("truckkörning" → "truck" + "körning"), so "erfarenhet av
 * lastbilskörning" finds "Lastbilskörning" and "körning av lastbil" both. A label of several words
 * matches when all its words occur close together (within the label's length + 3 words); a label
 * found only within the words of a longer one found at the same place is left out. Each hit
 * says which words of the text matched, so a case worker can check it.
 */
import { CompoundSplitter, fold, normalise, stem, tokenize } from '../taxonomy/search-text.js';

/** Words that carry no skill on their own ("och", "m.fl."); single letters stay: "B-truckar" ≠ "C-truckar". */
const STOP = new Set([
  'och',
  'i',
  'av',
  'för',
  'med',
  'på',
  'till',
  'som',
  'en',
  'ett',
  'mfl',
  'm',
  'fl',
  'samt',
  'inom',
  'vid',
  'om',
  'the',
  'of',
  'and',
]);

interface Variant {
  concept: string;
  terms: string[];
}

export interface ExtractedSkill {
  id: string;
  /** The words of the text that matched, as written. */
  words: string[];
}

const MIN_SINGLE = 5;

export class SkillExtractor {
  private readonly byTerm = new Map<string, Variant[]>();
  private readonly splitter: CompoundSplitter;

  constructor(labels: Iterable<{ id: string; label: string }>) {
    const list = [...labels];
    this.splitter = CompoundSplitter.fromLabels(list.map((l) => l.label));
    for (const { id, label } of list)
      for (const alternative of label.split(/[/]/)) {
        const terms = [
          ...new Set(
            tokenize(alternative)
              .map((t) => normalise(t))
              .filter((t) => !STOP.has(t))
              .map((t) => stem('sv', fold(t))),
          ),
        ];
        if (terms.length === 0) continue;
        if (terms.length === 1 && (terms[0] as string).length < MIN_SINGLE - 1) continue;
        const variant = { concept: id, terms };
        // Indexed by its rarest-looking (longest) term: fewer candidates to check per text word.
        const key = [...terms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))[0] as string;
        const bucket = this.byTerm.get(key);
        if (bucket) bucket.push(variant);
        else this.byTerm.set(key, [variant]);
      }
  }

  /** The terms of one text word: its stem and its compound parts' stems. */
  private wordTerms(word: string): string[] {
    const w = normalise(word);
    const terms = [stem('sv', fold(w))];
    for (const part of this.splitter.split(w)) terms.push(stem('sv', fold(part)));
    return terms;
  }

  extract(text: string): ExtractedSkill[] {
    const words = tokenize(text);
    const positions = new Map<string, number[]>();
    words.forEach((word, i) => {
      for (const t of this.wordTerms(word)) {
        const list = positions.get(t);
        if (list) list.push(i);
        else positions.set(t, [i]);
      }
    });
    const found = new Map<string, Set<number>>();
    for (const key of positions.keys())
      for (const variant of this.byTerm.get(key) ?? []) {
        const hit = this.place(variant.terms, positions);
        if (!hit) continue;
        const at = found.get(variant.concept) ?? new Set<number>();
        for (const p of hit) at.add(p);
        found.set(variant.concept, at);
      }
    // The longest match wins: a label found only inside the words of a longer label found at the same
    // place ("svetsning" inside "MIG-svetsning") is that longer skill, not a second one.
    const inside = (a: Set<number>, b: Set<number>) => a.size < b.size && [...a].every((p) => b.has(p));
    const kept = [...found].filter(([, at]) => ![...found.values()].some((other) => inside(at, other)));
    return kept
      .map(([id, at]) => ({
        id,
        words: [...new Set([...at].sort((a, b) => a - b).map((p) => words[p] as string))],
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** Positions of all terms within a window, or null. */
  private place(terms: string[], positions: Map<string, number[]>): number[] | null {
    const lists = terms.map((t) => positions.get(t));
    if (lists.some((l) => !l)) return null;
    const first = lists[0] as number[];
    if (terms.length === 1) return [first[0] as number];
    const window = terms.length + 3;
    for (const start of first) {
      const picked = [start];
      for (const list of lists.slice(1)) {
        const near = (list as number[]).find((p) => Math.abs(p - start) <= window);
        if (near === undefined) break;
        picked.push(near);
      }
      if (picked.length === terms.length) return picked;
    }
    return null;
  }
}
