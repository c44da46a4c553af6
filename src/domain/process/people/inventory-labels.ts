/**
 * The catalog key of an inventory code (an experience band, a Swedish level, a constraint, a digital
 * level). Catalog keys are plain words: a code such as "2-4" or "sfi-a" is named by its key here. The
 * pages and the documents (profile, readable export) name codes the same way.
 */
import type { MessageKey } from '../../../i18n/catalog.js';

const KEY_WORD: Record<string, string> = {
  '0': 'none',
  '<1': 'lt1',
  '1-2': 'y1to2',
  '2-4': 'y2to4',
  '5+': 'y5plus',
  'sfi-a': 'sfiA',
  'sfi-b': 'sfiB',
  'sfi-c': 'sfiC',
  'sfi-d': 'sfiD',
  'sva-grund': 'svaGrund',
  'sva-gy': 'svaGy',
  'care-of-relative': 'careOfRelative',
};

export const codeKey = (prefix: 'years' | 'swedish' | 'constraint' | 'digital', code: string) =>
  `process.${prefix}.${KEY_WORD[code] ?? code}` as MessageKey;
