/**
 * Skills named in free text (a job ad): the taxonomy's skill labels, stemmed the way the taxonomy
 * search stems (Swedish snowball, å/ä/ö folded) and with Swedish compounds split into words the labels
 * use ("truckkörning" → "truck" + "körning"), so "erfarenhet av lastbilskörning" finds
 * "Lastbilskörning" and "körning av lastbil" both. A label of several words matches when all its
 * words occur close together (within the label's length + 3 words); a label found only within the
 * words of a longer one found at the same place is left out. Each hit says which words of the text
 * matched, so a case worker can check it.
 *
 * Ads written by people seldom use the labels' wording (measured on ads we wrote by hand: see
 * BENCHMARKS.md), so a label also matches as ads say it: an action noun as its verb ("städning" ~
 * "städar"); a compound label from its two parts close together ("Kontorsstädning" ← "städar
 * kontor", "Ritningsläsning" ← "läsa ritningar"); without a qualifier of how well it is held
 * ("Kassavana" ← "kassan", "Egenkontroll, erfarenhet" ← "egenkontroll"); by what is in its brackets
 * ("God fysik (tunga lyft)" ← "tunga lyft"); and without the field after "inom". Abbreviations in
 * capitals match only as written ("YKB"; "SAR" is not "sår").
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
  /** How many words apart the terms may be found: a label's own words loosely, a compound's parts close. */
  window: number;
}

/**
 * Words that only say *how well* a skill is held ("Kassavana", "Egenkontroll, erfarenhet", "Parker,
 * skötselvana"): ads name the skill ("kassan", "egenkontroll") and seldom the qualifier, so a label
 * also matches without it.
 */
const QUALIFIER_ENDINGS = ['vana', 'erfarenhet', 'kunskap', 'kunskaper'];
const isQualifier = (word: string) =>
  QUALIFIER_ENDINGS.some((q) => word === q || word.endsWith(q)) || word === 'kunskap om';

/**
 * A stem made comparable across word forms that the stemmer leaves apart: the action noun and its
 * verb ("städning" and "städar" → "städ", "svetsning" and "svetsar" → "svets"), and a doubled final
 * consonant ("fritidshemmet" → "fritidshemm" → "fritidshem"). Applied to label and text alike.
 */
export function root(stemmed: string): string {
  let r = stemmed;
  if (r.endsWith('ning') && r.length >= 7) r = r.slice(0, -4);
  if (r.length > 6 && r.at(-1) === r.at(-2) && !'aeiouyåäö'.includes(r.at(-1) as string)) r = r.slice(0, -1);
  return r;
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

  private readonly heads: Set<string>;

  constructor(labels: Iterable<{ id: string; label: string }>) {
    const list = [...labels];
    this.splitter = CompoundSplitter.fromLabels(list.map((l) => l.label));
    this.heads = new Set(
      list.flatMap((l) => tokenize(l.label).map((t) => normalise(t))).filter((t) => t.length >= 4),
    );
    for (const { id, label } of list) {
      // "God fysik (tunga lyft)", "Yrkeskompetensbevis för förare (YKB)": what is in brackets is
      // another way to say it, as is each side of a slash.
      const bracketed = [...label.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] as string);
      const alternatives = [...label.replace(/\([^)]*\)/g, ' ').split(/[/]/), ...bracketed];
      // "Basala hygienrutiner inom hälso- och sjukvård": the field after "inom" is where the skill is
      // used; an ad in that field names the skill without it (kept when two words or more remain).
      const inom = label.replace(/\([^)]*\)/g, ' ').match(/^(.*?\S\s+\S.*?)\s+inom\s/u)?.[1];
      if (inom && !inom.includes('/')) alternatives.push(inom);
      for (const alternative of alternatives) {
        const raw = tokenize(alternative).filter((t) => !STOP.has(normalise(t)));
        const words = raw.map((t) => normalise(t));
        // An abbreviation in capitals ("YKB", "AKK", "TSS") names its skill; another short word alone
        // ("Mark" of "Mark/infrastruktur-AutoCAD Civil 3D") does not.
        if (raw.length === 1 && /^\p{Lu}{3,}$/u.test(raw[0] as string)) {
          this.add(id, [`#${raw[0]}`], 1);
          continue;
        }
        if (alternatives.length > 1 && words.length === 1 && (words[0] as string).length < MIN_SINGLE)
          continue;
        for (const variant of this.variants(words)) this.add(id, variant.terms, variant.window);
      }
    }
  }

  /**
   * The ways a label's words may be written in an ad: as they are; without a qualifier (after the
   * last comma, or a compound's last part: "Kassavana" → "kassa"); and with each compound split in
   * two parts found close together ("Kontorsstädning" ← "städar kontor").
   */
  private variants(words: string[]): { terms: string[]; window: number }[] {
    const terms = (list: string[]) => [...new Set(list.map((t) => root(stem('sv', fold(t)))))];
    const out = [{ terms: terms(words), window: words.length + 3 }];
    const unqualified = words.flatMap((w) => {
      if (!isQualifier(w)) return [w];
      const ending = QUALIFIER_ENDINGS.find((q) => w.endsWith(q) && w.length >= q.length + 3);
      if (!ending) return [];
      const head = w.slice(0, -ending.length);
      return [head.endsWith('s') && head.length > 4 ? head.slice(0, -1) : head];
    });
    if (unqualified.length > 0 && unqualified.length <= words.length && unqualified.join() !== words.join())
      out.push({ terms: terms(unqualified), window: unqualified.length + 3 });
    const base = unqualified.length > 0 ? unqualified : words;
    const split = base.flatMap((w) => this.labelParts(w));
    if (split.length > base.length) out.push({ terms: terms(split), window: 2 });
    return out.filter(
      (v) => v.terms.length > 1 || (v.terms[0] !== undefined && v.terms[0].length >= MIN_SINGLE - 1),
    );
  }

  /**
   * A label word's compound parts: a known last part of 4+ letters and what comes before it (3+), or
   * else a known first part joined by the linking "s" ("ritnings|läsning").
   */
  private labelParts(word: string): string[] {
    for (let cut = 3; cut <= word.length - 4; cut++) {
      const head = word.slice(cut);
      if (!this.heads.has(head)) continue;
      let modifier = word.slice(0, cut);
      if (modifier.endsWith('s') && modifier.length > 3) modifier = modifier.slice(0, -1);
      return modifier.length >= 3 ? [modifier, head] : [word];
    }
    for (let cut = word.length - 5; cut >= 5; cut--)
      if (word[cut - 1] === 's' && this.heads.has(word.slice(0, cut - 1)))
        return [word.slice(0, cut - 1), word.slice(cut)];
    return [word];
  }

  private add(concept: string, terms: string[], window: number) {
    if (terms.length === 0) return;
    const variant = { concept, terms, window };
    // Indexed by its rarest-looking (longest) term: fewer candidates to check per text word.
    const key = [...terms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))[0] as string;
    const bucket = this.byTerm.get(key);
    if (bucket) bucket.push(variant);
    else this.byTerm.set(key, [variant]);
  }

  /** The terms of one text word: its stem and its compound parts' stems. */
  private wordTerms(word: string): string[] {
    const w = normalise(word);
    if (STOP.has(w)) return [];
    const terms = [root(stem('sv', fold(w)))];
    // Abbreviations match only as written, in capitals: "SAR" is not "sår".
    if (/^\p{Lu}{3,}$/u.test(word)) terms.push(`#${word}`);
    // The definite form of a noun in -a ("kassan", "skolan"), which the stemmer leaves whole.
    if (w.endsWith('an') && w.length >= 5) terms.push(root(stem('sv', fold(w.slice(0, -1)))));
    // The definite neuter ("fritidshemmet", "köket"), likewise.
    if (w.endsWith('et') && w.length >= 6) terms.push(root(stem('sv', fold(w.slice(0, -2)))));
    for (const part of this.splitter.split(w)) terms.push(root(stem('sv', fold(part))));
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
        const hit = this.place(variant.terms, variant.window, positions);
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
  private place(terms: string[], window: number, positions: Map<string, number[]>): number[] | null {
    const lists = terms.map((t) => positions.get(t));
    if (lists.some((l) => !l)) return null;
    const first = lists[0] as number[];
    if (terms.length === 1) return [first[0] as number];
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
