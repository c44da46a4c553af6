/**
 * Label packs: labels in a language for the most common occupations in newcomers' backgrounds, one
 * JSON file per language in `label-packs/`, drafted by the team. A pack says whether a person has
 * reviewed it; until then its labels are drafts, shown with an "utkast" mark.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import type { TaxonomyLabelRow } from '../../../store/repositories/taxonomy.repository.js';
import { checkShape, parseJson } from './jobtech-files.js';

export const LABEL_PACK_DIR = new URL('./label-packs/', import.meta.url);

const PackSchema = Type.Object({
  lang: Type.String({ pattern: '^[a-z]{2,3}$' }),
  reviewed: Type.Boolean(),
  note: Type.Optional(Type.String()),
  labels: Type.Array(
    Type.Object({
      id: Type.String({ minLength: 1 }),
      sv: Type.String(),
      label: Type.String({ minLength: 1 }),
    }),
  ),
});

export const packSource = (lang: string) => `pack:${lang}`;

/** Every pack's labels, as draft labels of their concepts (reviewed as the pack says). */
export function readLabelPacks(dir: URL = LABEL_PACK_DIR): TaxonomyLabelRow[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      const pack = checkShape(PackSchema, parseJson(readFileSync(new URL(f, dir), 'utf8'), f), f);
      return pack.labels.map((l) => ({
        concept_id: l.id,
        lang: pack.lang,
        kind: 'draft',
        label: l.label,
        source: packSource(pack.lang),
        reviewed: pack.reviewed ? 1 : 0,
      }));
    });
}
