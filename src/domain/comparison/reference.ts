/**
 * Reference groups the comparator compares a municipality with: all kommuner, its län, its SKR
 * kommungrupp, one of its "liknande kommuner" groups (Kolada's, per area), any Kolada group by id,
 * or the user's own selection. The reference value is always Etablera's own unweighted mean.
 */
import type { GroupRow } from '../../store/repositories/comparison.repository.js';

export type ReferenceKind = 'alla' | 'lan' | 'kommungrupp' | 'liknande' | 'grupp' | 'urval';

export interface ReferenceOption {
  /** The `ref` query parameter that selects it. */
  param: string;
  kind: ReferenceKind;
  /**
   * A group's name without Kolada's "(ovägt medel)" suffix; null for all kommuner and the user's own
   * selection, which the HTTP layer names in the reader's language.
   */
  title: string | null;
  groupId?: string;
}

/** SKR's kommungrupper (2017 classification) in Kolada: G92786–G92794. */
export const SKR_KOMMUNGRUPP_IDS: readonly string[] = [
  'G92786',
  'G92787',
  'G92788',
  'G92789',
  'G92790',
  'G92791',
  'G92792',
  'G92793',
  'G92794',
];

export const RIKET_ID = '0000';

export function cleanGroupTitle(title: string): string {
  return title.replace(/\s*\(ovägt medel\)\s*$/i, '').trim();
}

export function isLanGroup(g: GroupRow): boolean {
  return /läns kommuner/i.test(g.title);
}

export function isSimilarGroup(g: GroupRow): boolean {
  return /^Liknande kommuner\b/i.test(g.title);
}

/**
 * "Liknande kommuner arbetsmarknad, Landskrona, 2024" → "arbetsmarknad (2024)";
 * "Liknande kommuner, övergripande, Landskrona, 2025" → "övergripande (2025)".
 */
export function similarGroupArea(title: string): string {
  const m = /^Liknande kommuner,?\s*([^,]+),\s*[^,]+(?:,\s*(\d{4}))?\s*$/i.exec(cleanGroupTitle(title));
  if (!m) return cleanGroupTitle(title);
  return m[2] ? `${m[1]!.trim()} (${m[2]})` : m[1]!.trim();
}

/**
 * The choices offered for one municipality, in the order shown. The preferred "liknande" group for
 * integration work is the labour-market one (then socio-economy, then the overall one).
 */
export function referenceOptions(groupsOfMunicipality: readonly GroupRow[]): ReferenceOption[] {
  const options: ReferenceOption[] = [{ param: 'alla', kind: 'alla', title: null }];
  for (const g of groupsOfMunicipality.filter(isLanGroup))
    options.push({ param: g.id, kind: 'lan', title: cleanGroupTitle(g.title), groupId: g.id });
  for (const g of groupsOfMunicipality.filter((g) => SKR_KOMMUNGRUPP_IDS.includes(g.id)))
    options.push({ param: g.id, kind: 'kommungrupp', title: cleanGroupTitle(g.title), groupId: g.id });
  const similar = groupsOfMunicipality.filter(isSimilarGroup).sort((a, b) => similarRank(a) - similarRank(b));
  for (const g of similar)
    options.push({ param: g.id, kind: 'liknande', title: similarGroupArea(g.title), groupId: g.id });
  return options;
}

const SIMILAR_PREFERENCE = ['arbetsmarknad', 'socioekonomi', 'övergripande'];
function similarRank(g: GroupRow): number {
  const i = SIMILAR_PREFERENCE.findIndex((p) => g.title.toLowerCase().includes(p));
  return i === -1 ? SIMILAR_PREFERENCE.length : i;
}
