/**
 * Taxonomy concepts by name in a language, for the inventory's pages and the profile: the label in the
 * language where the taxonomy or a label pack has one (drafted labels marked), otherwise the Swedish
 * one. ESCO's related names are not translations and are not used here. The choice lists (countries,
 * languages, education levels and fields, driving licences) are read once per taxonomy version.
 */
import type { Store } from '../../../store/database.js';
import type { TaxonomyRepository } from '../../../store/repositories/taxonomy.repository.js';

export interface ConceptName {
  id: string;
  type: string;
  /** The label in `lang` (or Swedish when there is none). */
  label: string;
  lang: string;
  draft: boolean;
  sv: string;
  /** No longer used in the taxonomy: an id kept in a profile keeps its old label, shown as such. */
  deprecated: boolean;
}

export const CHOICE_TYPES = {
  country: ['country'],
  language: ['language'],
  educationLevel: ['sun-education-level-1'],
  educationField: ['sun-education-field-1'],
  drivingLicence: ['driving-licence'],
} as const;
export type ChoiceList = keyof typeof CHOICE_TYPES;

const USABLE_KINDS = new Set(['preferred', 'alt', 'draft']);

export class ConceptNames {
  private readonly repo: TaxonomyRepository;
  private cache: { version: number; lists: Map<string, ConceptName[]> } | null = null;

  constructor(store: Store) {
    this.repo = store.repositories.taxonomy;
  }

  /** Names of the given concepts in `lang`, by id (unknown ids are left out). */
  async names(ids: readonly string[], lang: string): Promise<Map<string, ConceptName>> {
    const unique = [...new Set(ids)];
    // Stryker disable next-line ConditionalExpression: equivalent, the repository gives nothing for no ids (the check spares two queries)
    if (unique.length === 0) return new Map();
    const [concepts, labels] = await Promise.all([
      this.repo.concepts(unique),
      // Stryker disable next-line ArrayDeclaration: equivalent, a non-label entry matches no language
      lang === 'sv' ? Promise.resolve([]) : this.repo.labels(unique),
    ]);
    const own = new Map<string, { label: string; draft: boolean }>();
    for (const l of labels)
      if (l.lang === lang && USABLE_KINDS.has(l.kind) && !own.has(l.concept_id))
        own.set(l.concept_id, { label: l.label, draft: l.reviewed === 0 });
    return new Map(
      concepts.map((c) => {
        const o = own.get(c.id);
        return [
          c.id,
          {
            id: c.id,
            type: c.type,
            label: o?.label ?? c.label,
            lang: o ? lang : 'sv',
            draft: o?.draft ?? false,
            sv: c.label,
            deprecated: c.deprecated === 1,
          },
        ];
      }),
    );
  }

  /** Several choice lists in `lang` (the taxonomy version is checked once for all). */
  async choiceLists<L extends ChoiceList>(
    lists: readonly L[],
    lang: string,
  ): Promise<Record<L, ConceptName[]>> {
    const version = await this.repo.latestVersionId();
    const out = {} as Record<L, ConceptName[]>;
    for (const list of lists) out[list] = await this.choices(list, lang, version);
    return out;
  }

  /** A choice list in `lang`, sorted by its Swedish label. */
  async choices(list: ChoiceList, lang: string, knownVersion?: number): Promise<ConceptName[]> {
    const version = knownVersion ?? (await this.repo.latestVersionId());
    if (this.cache?.version !== version) this.cache = { version, lists: new Map() };
    const key = `${list}:${lang}`;
    const cached = this.cache.lists.get(key);
    if (cached) return cached;
    const concepts = (await this.repo.conceptsOfTypes(CHOICE_TYPES[list])).filter((c) => c.deprecated === 0);
    const names = await this.names(
      concepts.map((c) => c.id),
      lang,
    );
    const sorted = [...names.values()].sort((a, b) => a.sv.localeCompare(b.sv, 'sv'));
    this.cache.lists.set(key, sorted);
    return sorted;
  }

  /** The skills of the SSYK-4 groups of the given occupations (the suggestions to confirm or remove). */
  async suggestedSkills(occupationIds: readonly string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const id of new Set(occupationIds)) {
      const relations = await this.repo.relationsOf(id);
      const groups = relations.filter((r) => r.kind === 'broader' && r.from_id === id).map((r) => r.to_id);
      for (const group of await this.repo.concepts(groups)) {
        if (group.type !== 'ssyk-level-4') continue;
        const ofGroup = await this.repo.relationsOf(group.id);
        // Stryker disable next-line ConditionalExpression: equivalent, a relation not from the group is to it, and a group is no skill
        const relatedOfGroup = ofGroup.filter((r) => r.kind === 'related' && r.from_id === group.id);
        const related = relatedOfGroup.map((r) => r.to_id);
        for (const c of await this.repo.concepts(related)) if (c.type === 'skill') out.add(c.id);
      }
    }
    return [...out];
  }
}
