/**
 * Concept names on real stores (both backends), the taxonomy written through its repository: a
 * concept's label in a language (taxonomy or label pack, drafts marked) or the Swedish one, unknown ids
 * left out; the choice lists sorted by the Swedish label without deprecated concepts, read once per
 * taxonomy version; the suggested skills of an occupation's SSYK-4 group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import type {
  TaxonomyConceptRow,
  TaxonomyLabelRow,
  TaxonomyRelationRow,
} from '../../../store/repositories/taxonomy.repository.js';
import { ConceptNames } from './concept-names.js';

const concept = (id: string, type: string, label: string, deprecated = 0): TaxonomyConceptRow => ({
  id,
  type,
  label,
  definition: null,
  code: null,
  deprecated,
  replaced_by: null,
});
const label = (
  concept_id: string,
  lang: string,
  kind: string,
  text: string,
  reviewed = 1,
): TaxonomyLabelRow => ({
  concept_id,
  lang,
  kind,
  label: text,
  source: 'test',
  reviewed,
});
const relation = (kind: string, from_id: string, to_id: string): TaxonomyRelationRow => ({
  kind,
  from_id,
  to_id,
  weight: null,
});

const CONCEPTS = [
  concept('c-se', 'country', 'Sverige'),
  concept('c-so', 'country', 'Somalia'),
  concept('c-af', 'country', 'Afghanistan'),
  concept('c-old', 'country', 'Jugoslavien', 1),
  concept('l-ar', 'language', 'Arabiska'),
  concept('o-cook', 'occupation-name', 'Kock'),
  concept('o-chef', 'occupation-name', 'Kökschef'),
  concept('g-cooks', 'ssyk-level-4', 'Kockar och kallskänkor'),
  concept('g-three', 'ssyk-level-3', 'Kockar (nivå 3)'),
  concept('s-knife', 'skill', 'Knivteknik'),
  concept('s-menu', 'skill', 'Menyplanering'),
  concept('s-bake', 'skill', 'Bakning'),
  concept('x-field', 'sun-education-field-1', 'Teknik'),
];
const LABELS = [
  label('c-so', 'en', 'preferred', 'Somalia (en)'),
  label('c-se', 'en', 'alt', 'Sweden'),
  label('c-af', 'en', 'draft', 'Afghanistan (draft)', 0),
  // A Swedish alternative label: the Swedish name stays the concept's own label.
  label('c-so', 'sv', 'alt', 'Republiken Somalia'),
  // Not usable as a name: a hidden label, and another language.
  label('c-se', 'ar', 'hidden', 'سويد'),
  label('l-ar', 'en', 'hidden', 'Arabic (hidden)'),
  label('l-ar', 'de', 'preferred', 'Arabisch'),
  // Two usable labels: the first in the repository's order (by label) is taken.
  label('o-cook', 'en', 'preferred', 'Cook'),
  label('o-cook', 'en', 'alt', 'Chef de partie'),
];
const RELATIONS = [
  relation('broader', 'o-cook', 'g-cooks'),
  relation('broader', 'o-cook', 'g-three'),
  // Pointing at the occupation, not from it: not its group.
  relation('broader', 'g-cooks', 'o-chef'),
  relation('narrower', 'o-chef', 'g-cooks'),
  relation('related', 'g-cooks', 's-knife'),
  relation('related', 'g-cooks', 's-menu'),
  relation('related', 'g-cooks', 'o-chef'),
  relation('related', 's-bake', 'g-cooks'),
  relation('broader', 'g-cooks', 's-bake'),
  relation('related', 'g-three', 's-bake'),
];

for (const dialect of DIALECTS) {
  describe(`concept names (${dialect})`, () => {
    let temp: TempStore;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await temp.store.repositories.taxonomy.writeLoad({
        source: 'test',
        version: 'v1',
        concepts: CONCEPTS,
        labels: LABELS,
        relations: RELATIONS,
        replaceLabelSources: [],
        counts: {},
      });
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    it('names concepts in a language, else in Swedish, marking drafts and deprecated ones; unknown ids are left out', async () => {
      const names = await new ConceptNames(temp.store).names(
        ['c-so', 'c-se', 'c-af', 'c-old', 'l-ar', 'o-cook', 'nope', 'c-so'],
        'en',
      );
      expect([...names.keys()].sort()).toEqual(['c-af', 'c-old', 'c-se', 'c-so', 'l-ar', 'o-cook']);
      expect(names.get('c-so')).toEqual({
        id: 'c-so',
        type: 'country',
        label: 'Somalia (en)',
        lang: 'en',
        draft: false,
        sv: 'Somalia',
        deprecated: false,
      });
      expect(names.get('c-se')).toMatchObject({ label: 'Sweden', lang: 'en', draft: false, sv: 'Sverige' });
      expect(names.get('c-af')).toMatchObject({ label: 'Afghanistan (draft)', lang: 'en', draft: true });
      expect(names.get('c-old')).toEqual({
        id: 'c-old',
        type: 'country',
        label: 'Jugoslavien',
        lang: 'sv',
        draft: false,
        sv: 'Jugoslavien',
        deprecated: true,
      });
      // A hidden label is no name; a label in another language neither.
      expect(names.get('l-ar')).toMatchObject({ label: 'Arabiska', lang: 'sv', draft: false });
      expect(names.get('o-cook')).toMatchObject({ label: 'Chef de partie', lang: 'en' });
    });

    it('gives the Swedish labels in Swedish, and nothing for no ids', async () => {
      const cn = new ConceptNames(temp.store);
      const sv = await cn.names(['c-so', 'c-af'], 'sv');
      expect([...sv.values()].map((n) => [n.id, n.label, n.lang, n.draft]).sort()).toEqual([
        ['c-af', 'Afghanistan', 'sv', false],
        ['c-so', 'Somalia', 'sv', false],
      ]);
      expect((await cn.names([], 'en')).size).toBe(0);
      // Arabic has no label for these: Swedish, not another language's.
      expect((await cn.names(['l-ar'], 'ar')).get('l-ar')).toMatchObject({ label: 'Arabiska', lang: 'sv' });
    });

    it('lists choices by their Swedish label without deprecated concepts, read once per taxonomy version', async () => {
      const cn = new ConceptNames(temp.store);
      const lists = await cn.choiceLists(['country', 'language', 'educationField'], 'en');
      expect(lists.country.map((c) => [c.id, c.label])).toEqual([
        ['c-af', 'Afghanistan (draft)'],
        ['c-so', 'Somalia (en)'],
        ['c-se', 'Sweden'],
      ]);
      expect(lists.language.map((c) => c.id)).toEqual(['l-ar']);
      expect(lists.educationField.map((c) => c.id)).toEqual(['x-field']);
      expect(Object.keys(lists).sort()).toEqual(['country', 'educationField', 'language']);
      expect((await cn.choices('drivingLicence', 'sv')).length).toBe(0);
      // Each language its own list; the same list again is the one kept.
      const sv = await cn.choices('country', 'sv');
      expect(sv.map((c) => c.label)).toEqual(['Afghanistan', 'Somalia', 'Sverige']);
      expect(await cn.choices('country', 'sv')).toBe(sv);
      expect(await cn.choices('country', 'en')).toBe(lists.country);
      // A new taxonomy version is read anew.
      await temp.store.repositories.taxonomy.writeLoad({
        source: 'test',
        version: 'v2',
        concepts: [concept('c-dk', 'country', 'Danmark')],
        labels: [],
        relations: [],
        replaceLabelSources: [],
        counts: {},
      });
      const after = await cn.choices('country', 'sv');
      expect(after).not.toBe(sv);
      expect(after.map((c) => c.label)).toEqual(['Afghanistan', 'Danmark', 'Somalia', 'Sverige']);
      expect((await cn.choiceLists(['country'], 'sv')).country).toBe(after);
    });

    it("suggests the skills related to an occupation's SSYK-4 groups, once each", async () => {
      const cn = new ConceptNames(temp.store);
      expect((await cn.suggestedSkills(['o-cook', 'o-cook'])).sort()).toEqual(['s-knife', 's-menu']);
      expect(await cn.suggestedSkills(['o-chef'])).toEqual([]);
      expect(await cn.suggestedSkills([])).toEqual([]);
      // A group's own id is no occupation: its broader relations lead to no SSYK-4 group.
      expect(await cn.suggestedSkills(['g-cooks'])).toEqual([]);
    });
  });
}
