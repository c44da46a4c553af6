/**
 * How taxonomy labels and queries become search terms: normalisation per script, stemming (Swedish,
 * English, Arabic snowball-style stemmers from @orama/stemmers) and splitting Swedish compounds into
 * words the taxonomy itself uses ("undersköterska" → "under" + "sköterska", "truckförare" → "truck" +
 * "förare"), so a query finds a compound and a compound query finds its parts.
 */
import { stemmer as arabicStemmer } from '@orama/stemmers/arabic';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as swedishStemmer } from '@orama/stemmers/swedish';

export type SearchField = 'sv' | 'en' | 'ar' | 'other';

const STEMMERS: Record<SearchField, (t: string) => string> = {
  sv: swedishStemmer,
  en: englishStemmer,
  ar: arabicStemmer,
  other: (t) => t,
};

export function fieldFor(lang: string): SearchField {
  return lang === 'sv' || lang === 'en' || lang === 'ar' ? lang : 'other';
}

/** Letters and digits in any script; everything else separates words. */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
}

/**
 * Lower case and NFC; Arabic without short vowels and tatweel, and with the letters that are often
 * written interchangeably (alef forms, alef maqsura, teh marbuta) made one.
 */
export function normalise(term: string): string {
  return term
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه');
}

export function stem(field: SearchField, term: string): string {
  // Short words are left whole: stemming "vvs" or "it" only confuses them with other words.
  return term.length > 3 ? STEMMERS[field](term) : term;
}

const MIN_PART = 3;
const MIN_HEAD = 4;

/**
 * Splits Swedish compounds into words of a vocabulary: the longest known head (the last part,
 * which carries the meaning: "-sköterska", "-förare") and a known modifier before it, allowing the
 * linking "s" ("lastbils|förare"). One level is enough for taxonomy labels.
 */
export class CompoundSplitter {
  constructor(private readonly vocabulary: ReadonlySet<string>) {}

  static fromLabels(labels: Iterable<string>): CompoundSplitter {
    const words = new Set<string>();
    for (const label of labels)
      for (const t of tokenize(label)) if (t.length >= MIN_PART) words.add(normalise(t));
    return new CompoundSplitter(words);
  }

  split(word: string): string[] {
    for (let cut = MIN_PART; cut <= word.length - MIN_HEAD; cut++) {
      const head = word.slice(cut);
      if (!this.vocabulary.has(head)) continue;
      const modifier = word.slice(0, cut);
      if (this.vocabulary.has(modifier)) return [modifier, head];
      if (modifier.endsWith('s') && modifier.length > MIN_PART && this.vocabulary.has(modifier.slice(0, -1)))
        return [modifier.slice(0, -1), head];
    }
    return [];
  }
}

/** å ä ö é ü … as their base letters: many who type Swedish words have no Swedish keyboard. */
export function fold(term: string): string {
  return term.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * The terms one word of a label or a query gives in a field: its stem, the stem of its folded form
 * ("lakare" and "läkare" meet), and its compound parts' stems.
 */
export function termsFor(field: SearchField, word: string, splitter: CompoundSplitter | null): string[] {
  const w = normalise(word);
  const terms = [stem(field, w)];
  if (field === 'sv') {
    const folded = fold(w);
    if (folded !== w) terms.push(stem('sv', folded));
    if (splitter) for (const part of splitter.split(w)) terms.push(stem('sv', part));
  }
  return [...new Set(terms)];
}
