/**
 * Search over the taxonomy's labels in every language it has: Swedish preferred and alternative labels,
 * JobTech keywords (search synonyms of the concept they point to), ESCO names (related names of an SSYK
 * group, joined through ISCO-08) and drafted label packs. One document per label, so each hit can say
 * which label matched and how; hits are then grouped per concept. Built in memory from the store
 * (MiniSearch), rebuilt when a new taxonomy version is loaded.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { Store } from '../../../store/database.js';
import {
  CompoundSplitter,
  fieldFor,
  fold,
  normalise,
  type SearchField,
  stem,
  termsFor,
  tokenize,
} from './search-text.js';

/** Concept types a person searches for; other types (SNI, ISCO, keywords themselves) are reached through these. */
export const SEARCH_TYPES = [
  'occupation-name',
  'ssyk-level-4',
  'skill',
  'language',
  'driving-licence',
  'sun-education-field-4',
  'sun-education-level-3',
  'country',
] as const;

export type LabelKind = 'preferred' | 'alt' | 'keyword' | 'related' | 'draft';

interface LabelDoc {
  conceptId: string;
  lang: string;
  kind: LabelKind;
  label: string;
  source: string;
  reviewed: boolean;
}

interface ConceptInfo {
  type: string;
  label: string;
  /** Labels in other languages to show (alt or drafted), by language; not ESCO names: those are not translations. */
  shown: Map<string, { label: string; draft: boolean }>;
}

export interface SearchQuery {
  q: string;
  type?: string;
  lang: string;
  limit: number;
}

export interface SearchHit {
  id: string;
  type: string;
  /** The label in the requested language where the taxonomy or a label pack has one, otherwise Swedish. */
  label: string;
  labelLang: string;
  /** True when `label` comes from a drafted label pack nobody has reviewed yet ("utkast"). */
  draft: boolean;
  labelSv: string;
  score: number;
  matched: {
    label: string;
    lang: string;
    kind: LabelKind;
    source: string;
    terms: string[];
    approximate: boolean;
  };
}

const KIND_BOOST: Record<LabelKind, number> = {
  preferred: 2,
  alt: 1.5,
  keyword: 1.3,
  draft: 1.5,
  related: 1,
};
const TYPE_BOOST: Record<string, number> = { 'occupation-name': 1.2, 'ssyk-level-4': 1, skill: 1 };

export class TaxonomySearch {
  private constructor(
    private readonly index: MiniSearch<LabelDoc & { id: number }>,
    private readonly suffixes: MiniSearch<{ id: number; text: string }>,
    private readonly docs: LabelDoc[],
    private readonly concepts: Map<string, ConceptInfo>,
    private readonly splitter: CompoundSplitter,
    /** ESCO names are indexed on their ISCO group; a hit there is a hit on the SSYK groups related to it. */
    private readonly ssykOfIsco: Map<string, string[]>,
    /** Per document: its kind and type boost, and its concept type, so scoring reads arrays, not maps. */
    private readonly boosts: Float64Array,
    private readonly docTypes: string[],
    /** Per field, a 2–3 letter prefix's most frequent completions (see shortPrefixes). */
    private readonly completions: Map<string, Map<string, string[]>>,
  ) {}

  get size(): number {
    return this.docs.length;
  }

  static async build(store: Store): Promise<TaxonomySearch> {
    const repo = store.repositories.taxonomy;
    const rows = (await repo.conceptsOfTypes(SEARCH_TYPES)).filter((c) => !c.deprecated);
    const concepts = new Map<string, ConceptInfo>(
      rows.map((c) => [c.id, { type: c.type, label: c.label, shown: new Map() }]),
    );
    const docs: LabelDoc[] = rows.map((c) => ({
      conceptId: c.id,
      lang: 'sv',
      kind: 'preferred',
      label: c.label,
      source: 'jobtech',
      reviewed: true,
    }));
    // ESCO names sit on ISCO groups: they become related names of the SSYK groups related to them.
    const ssykOfIsco = new Map<string, string[]>();
    const targetsOfKeyword = new Map<string, string[]>();
    for (const r of await repo.relationsOfKind('related')) {
      if (concepts.get(r.from_id)?.type === 'ssyk-level-4')
        ssykOfIsco.set(r.to_id, [...(ssykOfIsco.get(r.to_id) ?? []), r.from_id]);
      if (concepts.has(r.to_id))
        targetsOfKeyword.set(r.from_id, [...(targetsOfKeyword.get(r.from_id) ?? []), r.to_id]);
    }
    const keywordIds = [...targetsOfKeyword.keys()];
    // Driving licences are labelled by their class alone ("B"): "körkort B" is how people ask for them.
    for (const c of rows)
      if (c.type === 'driving-licence')
        docs.push({
          conceptId: c.id,
          lang: 'sv',
          kind: 'alt',
          label: `Körkort ${c.label}`,
          source: 'etablera',
          reviewed: true,
        });
    for (const k of await repo.concepts(keywordIds))
      if (k.type === 'keyword' && !k.deprecated)
        for (const target of targetsOfKeyword.get(k.id) ?? [])
          docs.push({
            conceptId: target,
            lang: 'sv',
            kind: 'keyword',
            label: k.label,
            source: 'jobtech',
            reviewed: true,
          });
    for (const l of await repo.allLabels()) {
      const reviewed = l.reviewed === 1;
      if (l.kind === 'related') {
        if (ssykOfIsco.has(l.concept_id))
          docs.push({
            conceptId: l.concept_id,
            lang: l.lang,
            kind: 'related',
            label: l.label,
            source: l.source,
            reviewed,
          });
        continue;
      }
      const concept = concepts.get(l.concept_id);
      if (!concept) continue;
      const kind: LabelKind = l.kind === 'draft' ? 'draft' : 'alt';
      docs.push({ conceptId: l.concept_id, lang: l.lang, kind, label: l.label, source: l.source, reviewed });
      // A reviewed label is preferred over a draft for display; Swedish has its preferred label.
      const current = concept.shown.get(l.lang);
      if (l.lang !== 'sv' && (!current || (current.draft && reviewed)))
        concept.shown.set(l.lang, { label: l.label, draft: !reviewed });
    }
    const splitter = CompoundSplitter.fromLabels(docs.filter((d) => d.lang === 'sv').map((d) => d.label));
    const index = new MiniSearch<LabelDoc & { id: number }>({
      fields: ['sv', 'en', 'ar', 'other'],
      idField: 'id',
      extractField: (doc, field) => (field === 'id' ? doc.id : fieldFor(doc.lang) === field ? doc.label : ''),
      tokenize: (text) => tokenize(text),
      processTerm: (term, field) => {
        const terms = termsFor((field ?? 'sv') as SearchField, term, splitter);
        // Document frequency per field and term, for the short-prefix expansions below.
        if (field && field !== 'id') {
          const df = frequency.get(field) ?? frequency.set(field, new Map()).get(field)!;
          for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
        }
        return terms;
      },
    });
    const frequency = new Map<string, Map<string, number>>();
    index.addAll(docs.map((d, id) => ({ ...d, id })));
    // Swedish words reversed: a prefix search there finds every compound that ends in the query word
    // ("sköterska" → undersköterska, sjuksköterska), which no vocabulary of whole words can list.
    const suffixes = new MiniSearch<{ id: number; text: string }>({
      fields: ['text'],
      tokenize: (text) => tokenize(text),
      processTerm: (term) => reverse(stem('sv', normalise(term))),
    });
    suffixes.addAll(docs.flatMap((d, id) => (d.lang === 'sv' ? [{ id, text: d.label }] : [])));
    const docTypes = docs.map((d) =>
      d.kind === 'related' ? 'ssyk-level-4' : (concepts.get(d.conceptId)?.type ?? ''),
    );
    const boosts = Float64Array.from(
      docs,
      (d, i) => KIND_BOOST[d.kind] * (TYPE_BOOST[docTypes[i] as string] ?? 0.8),
    );
    return new TaxonomySearch(
      index,
      suffixes,
      docs,
      concepts,
      splitter,
      ssykOfIsco,
      boosts,
      docTypes,
      shortPrefixes(frequency),
    );
  }

  search(query: SearchQuery): SearchHit[] {
    const words = tokenize(query.q);
    if (words.length === 0) return [];
    const fields: SearchField[] = [...new Set<SearchField>(['sv', fieldFor(query.lang)])];
    const processed = new Set<string>();
    const processTerm = (term: string) => {
      const terms = fields.flatMap((f) => termsFor(f, term, this.splitter));
      for (const t of terms) processed.add(t);
      return terms;
    };
    const boosts = this.boosts;
    const docTypes = this.docTypes;
    const wanted = query.type;
    const boostDocument = wanted
      ? (id: unknown) => (docTypes[id as number] === wanted ? (boosts[id as number] ?? 0) : 0)
      : (id: unknown) => boosts[id as number] ?? 0;
    const text = words.join(' ');
    // The last word may be unfinished (autocomplete).
    // A last word of 2–3 letters is completed to its most frequent words (see shortPrefixes); a longer
    // one is a prefix of every word it starts.
    const last = normalise(words.at(-1) as string);
    const short = last.length >= 2 && last.length <= SHORT_PREFIX;
    const prefix = (term: string, i: number, terms: string[]) =>
      !short && i === terms.length - 1 && term.length >= 2;
    const scores = new Map<number, { score: number; terms: string[] }>();
    const add = (results: SearchResult[], weight: number) => {
      for (const r of results) {
        const id = r.id as number;
        const known = scores.get(id);
        if (r.score > 0)
          scores.set(id, { score: (known?.score ?? 0) + r.score * weight, terms: known?.terms ?? r.terms });
      }
    };
    // Only the fields of the chosen language and Swedish are searched.
    const exact = this.index.search(text, { fields, combineWith: 'OR', processTerm, prefix, boostDocument });
    add(exact, 1);
    const completed = short
      ? [
          ...new Set(
            fields.flatMap((f) => this.completions.get(f)?.get(f === 'sv' ? fold(last) : last) ?? []),
          ),
        ]
      : [];
    let completions: SearchResult[] = [];
    if (completed.length > 0) {
      for (const t of completed) processed.add(t);
      completions = this.index.search(completed.join(' '), {
        fields,
        combineWith: 'OR',
        tokenize: (t) => t.split(' '),
        processTerm: (t) => t,
        boostDocument,
      });
      add(completions, 0.4);
    }
    // Compound heads: only stems long enough to mean something as the end of a word.
    const heads = words.map((w) => stem('sv', normalise(w))).filter((h) => h.length >= 5);
    if (heads.length > 0)
      add(
        this.suffixes.search(heads.map(reverse).join(' '), {
          combineWith: 'OR',
          processTerm: (t) => t,
          prefix: true,
          boostDocument,
        }),
        0.5,
      );
    // Typos are looked for only when some query word is in no label as written (a prefix is not
    // enough): fuzzy matching is the slow part.
    // Only those words are searched again, fuzzily; the other words' matches are already scored.
    const top = exact.slice(0, 100);
    const unmatched = words.filter((w, i) => {
      if (i === words.length - 1 && completions.length > 0) return false;
      const own = new Set(fields.flatMap((f) => termsFor(f, w, this.splitter)));
      return !top.some((r) => r.terms.some((t) => own.has(t)));
    });
    if (unmatched.length > 0)
      add(
        this.index.search(unmatched.join(' '), {
          fields,
          combineWith: 'OR',
          processTerm,
          prefix: (term: string, i: number, terms: string[]) =>
            words.at(-1) === unmatched.at(-1) && prefix(term, i, terms),
          boostDocument,
          fuzzy: (term) => (term.length >= 9 ? 2 : term.length >= 4 ? 1 : 0),
          weights: { fuzzy: 0.6, prefix: 0.4 },
        }),
        0.5,
      );
    return this.group(scores, processed, query);
  }

  /**
   * One hit per concept: its best label, plus a quarter of what its other labels scored (at most as
   * much again), so that a group many names point to (ESCO's "nurse …" names of one ISCO group) rises.
   */
  private group(
    scores: Map<number, { score: number; terms: string[] }>,
    processed: Set<string>,
    query: SearchQuery,
  ): SearchHit[] {
    const perConcept = new Map<string, { best: number; bestDoc: number; rest: number }>();
    for (const [docId, r] of scores) {
      const conceptId = this.docs[docId]?.conceptId;
      if (!conceptId) continue;
      const known = perConcept.get(conceptId);
      if (!known) perConcept.set(conceptId, { best: r.score, bestDoc: docId, rest: 0 });
      else if (r.score > known.best)
        perConcept.set(conceptId, { best: r.score, bestDoc: docId, rest: known.rest + known.best });
      else known.rest += r.score;
    }
    const ranked = [...perConcept.values()]
      .map((c): [number, { score: number; terms: string[] }] => [
        c.bestDoc,
        { score: c.best + Math.min(c.rest * 0.25, c.best), terms: scores.get(c.bestDoc)?.terms ?? [] },
      ])
      .sort((a, b) => b[1].score - a[1].score);
    const best = new Map<string, SearchHit>();
    for (const [docId, r] of ranked) {
      const doc = this.docs[docId];
      if (!doc) continue;
      const targets = doc.kind === 'related' ? (this.ssykOfIsco.get(doc.conceptId) ?? []) : [doc.conceptId];
      for (const conceptId of targets) {
        const concept = this.concepts.get(conceptId);
        if (!concept || best.has(conceptId)) continue; // ranked best first
        const shown = query.lang === 'sv' ? undefined : concept.shown.get(query.lang);
        best.set(conceptId, {
          id: conceptId,
          type: concept.type,
          label: shown?.label ?? concept.label,
          labelLang: shown ? query.lang : 'sv',
          draft: shown?.draft ?? false,
          labelSv: concept.label,
          score: Math.round(r.score * 1000) / 1000,
          matched: {
            label: doc.label,
            lang: doc.lang,
            kind: doc.kind,
            source: doc.source,
            terms: r.terms,
            approximate: r.terms.some((t) => !processed.has(t)),
          },
        });
        if (best.size >= query.limit) return [...best.values()];
      }
    }
    return [...best.values()];
  }
}

const reverse = (s: string) => [...s].reverse().join('');

const SHORT_PREFIX = 3;
const COMPLETIONS = 10;

/**
 * For each field, every 2–3 letter prefix of the indexed terms with its most frequent completions
 * (Swedish prefixes also folded: "for" completes like "för"). Scoring every word that starts with a
 * short prefix ("ass", "sju") is the slowest search there is and tells little; the most frequent
 * completions give the same first results.
 */
function shortPrefixes(frequency: Map<string, Map<string, number>>): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const [field, df] of frequency) {
    const candidates = new Map<string, [string, number][]>();
    for (const [term, n] of df)
      for (let len = 2; len <= SHORT_PREFIX && len < term.length; len++) {
        const keys = new Set([term.slice(0, len), ...(field === 'sv' ? [fold(term.slice(0, len))] : [])]);
        for (const key of keys) {
          const list = candidates.get(key) ?? candidates.set(key, []).get(key)!;
          list.push([term, n]);
        }
      }
    const top = new Map<string, string[]>();
    for (const [key, list] of candidates)
      top.set(
        key,
        list
          .sort((a, b) => b[1] - a[1])
          .slice(0, COMPLETIONS)
          .map(([t]) => t),
      );
    out.set(field, top);
  }
  return out;
}
