/**
 * The taxonomy's use cases for the API and pages: search (over an in-memory index that follows the
 * loaded taxonomy version) and one concept with what a case worker needs beside it: its SSYK group's
 * skills, substitutable occupations, ESCO related names and demand.
 */
import type { Store } from '../../../store/database.js';
import type {
  TaxonomyConceptRow,
  TaxonomyLabelRow,
  TaxonomyRepository,
} from '../../../store/repositories/taxonomy.repository.js';
import { type Demand, demandFor } from './demand.js';
import { type SearchHit, type SearchQuery, TaxonomySearch } from './taxonomy-search.js';

export interface ConceptRef {
  id: string;
  type: string;
  label: string;
  deprecated: boolean;
}

export interface ConceptDetail extends ConceptRef {
  definition: string | null;
  code: string | null;
  replacedBy: ConceptRef | null;
  labels: { lang: string; kind: string; label: string; source: string; draft: boolean }[];
  broader: ConceptRef[];
  narrower: ConceptRef[];
  related: ConceptRef[];
  ssykGroup: (ConceptRef & { code: string | null; definition: string | null }) | null;
  skills: ConceptRef[];
  substitutes: (ConceptRef & { percentage: number | null })[];
  substitutedBy: (ConceptRef & { percentage: number | null })[];
  /** ESCO occupation names of the ISCO-08 groups related to the SSYK group: related, not translations. */
  relatedNames: { lang: string; label: string; isco: string | null }[];
  demand: Demand | null;
}

/** A concept's label in a language, for pages and other modules (inventory, matching). */
export interface ConceptLabel {
  id: string;
  type: string;
  /** The label in `lang` when there is one, otherwise the Swedish label (then `labelLang` is sv). */
  label: string;
  labelLang: string;
  /** True when `label` is a drafted label nobody has reviewed yet: show it marked "utkast". */
  draft: boolean;
  labelSv: string;
  deprecated: boolean;
  replacedBy: string | null;
}

/** Which of a concept's labels in a language to show: reviewed before drafted, the source's before a pack's. */
function bestLabel(rows: TaxonomyLabelRow[]): TaxonomyLabelRow | undefined {
  const rank = (l: TaxonomyLabelRow) =>
    (l.reviewed === 1 ? 0 : 2) + (l.kind === 'draft' ? 0 : 1) + (l.kind === 'keyword' ? 4 : 0);
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label))[0];
}

const ref = (c: TaxonomyConceptRow): ConceptRef => ({
  id: c.id,
  type: c.type,
  label: c.label,
  deprecated: c.deprecated === 1,
});
const byLabel = (a: ConceptRef, b: ConceptRef) => a.label.localeCompare(b.label, 'sv');

export class TaxonomyService {
  private readonly repo: TaxonomyRepository;
  private index: { version: number; search: Promise<TaxonomySearch>; built: boolean } | null = null;

  constructor(private readonly store: Store) {
    this.repo = store.repositories.taxonomy;
  }

  /** The search index of the current taxonomy version, built once per version. */
  async searchIndex(): Promise<TaxonomySearch> {
    const version = await this.repo.latestVersionId();
    if (this.index?.version !== version) {
      const search = TaxonomySearch.build(this.store);
      const entry = { version, search, built: false };
      this.index = entry;
      search.then(
        () => {
          entry.built = true;
        },
        () => {
          if (this.index?.search === search) this.index = null;
        },
      );
    }
    return this.index.search;
  }

  /** Whether this process holds a search index (for /api/status: it is this process's largest object). */
  indexState(): 'none' | 'building' | 'built' {
    if (!this.index) return 'none';
    return this.index.built ? 'built' : 'building';
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    return (await this.searchIndex()).search(query);
  }

  /**
   * Labels of many concepts in one language (Swedish beside them), in the order asked; ids the
   * taxonomy does not have are left out. Deprecated concepts resolve with their old label.
   */
  async labels(ids: readonly string[], lang: string): Promise<ConceptLabel[]> {
    const unique = [...new Set(ids)];
    const concepts = new Map((await this.repo.concepts(unique)).map((c) => [c.id, c]));
    const rows = lang === 'sv' ? [] : await this.repo.labelsIn([...concepts.keys()], [lang]);
    const byConcept = new Map<string, TaxonomyLabelRow[]>();
    for (const r of rows) byConcept.set(r.concept_id, [...(byConcept.get(r.concept_id) ?? []), r]);
    return unique.flatMap((id) => {
      const c = concepts.get(id);
      if (!c) return [];
      const best = bestLabel(byConcept.get(id) ?? []);
      return [
        {
          id,
          type: c.type,
          label: best?.label ?? c.label,
          labelLang: best ? lang : 'sv',
          draft: best ? best.reviewed === 0 : false,
          labelSv: c.label,
          deprecated: c.deprecated === 1,
          replacedBy: c.replaced_by,
        },
      ];
    });
  }

  async concept(id: string, kommun?: string): Promise<ConceptDetail | null> {
    const [concept] = await this.repo.concepts([id]);
    if (!concept) return null;
    const relations = await this.repo.relationsOf(id);
    const ssyk4 =
      concept.type === 'ssyk-level-4'
        ? concept
        : (
            await this.repo.concepts(
              relations.filter((r) => r.kind === 'broader' && r.from_id === id).map((r) => r.to_id),
            )
          ).find((c) => c.type === 'ssyk-level-4');
    const groupRelations = ssyk4 && ssyk4.id !== id ? await this.repo.relationsOf(ssyk4.id) : relations;
    const groupRelated = groupRelations
      .filter((r) => r.kind === 'related' && r.from_id === ssyk4?.id)
      .map((r) => r.to_id);
    const ids = new Set<string>([...relations.flatMap((r) => [r.from_id, r.to_id]), ...groupRelated]);
    if (concept.replaced_by) ids.add(concept.replaced_by);
    const concepts = new Map((await this.repo.concepts([...ids])).map((c) => [c.id, c]));
    const refs = (list: string[]) =>
      list
        .map((i) => concepts.get(i))
        .filter((c): c is TaxonomyConceptRow => !!c)
        .map(ref)
        .sort(byLabel);
    const weighted = (pairs: [string, number | null][]) =>
      pairs
        .filter(([i]) => concepts.has(i))
        .map(([i, percentage]) => ({ ...ref(concepts.get(i) as TaxonomyConceptRow), percentage }))
        .sort((a, b) => (b.percentage ?? 0) - (a.percentage ?? 0) || byLabel(a, b));
    const isco = groupRelated
      .map((i) => concepts.get(i))
      .filter((c) => c?.type === 'isco-level-4') as TaxonomyConceptRow[];
    const escoLabels = await this.repo.labels(isco.map((c) => c.id));
    const ownLabels = await this.repo.labels([id]);
    const replaced = concept.replaced_by ? concepts.get(concept.replaced_by) : undefined;
    return {
      ...ref(concept),
      definition: concept.definition,
      code: concept.code,
      replacedBy: replaced ? ref(replaced) : null,
      labels: ownLabels.map((l) => ({
        lang: l.lang,
        kind: l.kind,
        label: l.label,
        source: l.source,
        draft: l.reviewed === 0,
      })),
      broader: refs(relations.filter((r) => r.kind === 'broader' && r.from_id === id).map((r) => r.to_id)),
      narrower: refs(relations.filter((r) => r.kind === 'broader' && r.to_id === id).map((r) => r.from_id)),
      related: refs(
        relations.filter((r) => r.kind === 'related').map((r) => (r.from_id === id ? r.to_id : r.from_id)),
      ).filter((c) => c.type !== 'skill' || concept.type !== 'ssyk-level-4'),
      ssykGroup: ssyk4 ? { ...ref(ssyk4), code: ssyk4.code, definition: ssyk4.definition } : null,
      skills: refs(groupRelated).filter((c) => c.type === 'skill'),
      substitutes: weighted(
        relations.filter((r) => r.kind === 'substitutes' && r.from_id === id).map((r) => [r.to_id, r.weight]),
      ),
      substitutedBy: weighted(
        relations.filter((r) => r.kind === 'substitutes' && r.to_id === id).map((r) => [r.from_id, r.weight]),
      ),
      relatedNames: escoLabels.map((l) => ({
        lang: l.lang,
        label: l.label,
        isco: isco.find((c) => c.id === l.concept_id)?.code ?? null,
      })),
      demand: ssyk4?.code ? await demandFor(this.repo, ssyk4.code, kommun) : null,
    };
  }
}
