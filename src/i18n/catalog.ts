/** The shape of a catalog: the Swedish keys, each with an ICU MessageFormat string. */
import type { sv } from './catalogs/sv.js';

export type MessageKey = keyof typeof sv;
export type CompleteCatalog = Record<MessageKey, string>;

/**
 * A catalog still being filled. `draft: true` until a person who knows the language has reviewed
 * its texts (translations we draft ourselves are drafts); missing keys fall back to Swedish.
 */
export interface PartialCatalog {
  draft: boolean;
  messages: Partial<Record<MessageKey, string>>;
}
