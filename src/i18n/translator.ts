/**
 * Texts by key for one locale: ICU MessageFormat (plurals, numbers and selects by the locale's rules),
 * with Swedish for every key the locale lacks. In development the fallback is marked visibly, in
 * production it is silent.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageKey, PartialCatalog } from './catalog.js';
import { ar } from './catalogs/ar.js';
import { en } from './catalogs/en.js';
import { prs } from './catalogs/prs.js';
import { so } from './catalogs/so.js';
import { sv } from './catalogs/sv.js';
import { ti } from './catalogs/ti.js';
import { uk } from './catalogs/uk.js';
import { DEFAULT_LOCALE, INTL_LOCALE, LOCALES, type Locale } from './locales.js';

export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** `marked`: a Swedish fallback shows as "[sv] …" (development); `silent`: plain Swedish (production). */
export type FallbackMode = 'marked' | 'silent';

export const CATALOGS: Record<Locale, PartialCatalog> = {
  sv: { draft: false, messages: sv },
  en: { draft: false, messages: en },
  ar,
  prs,
  ti,
  so,
  uk,
};

export const FALLBACK_MARK = '[sv] ';
const LTR_ISOLATE = '\u2066';
const POP_ISOLATE = '\u2069';

const compiled = new Map<string, IntlMessageFormat>();

function format(locale: Locale, key: MessageKey, source: string, values?: MessageValues): string {
  const id = `${locale}\0${key}`;
  let message = compiled.get(id);
  if (!message) {
    message = new IntlMessageFormat(source, INTL_LOCALE[locale]);
    compiled.set(id, message);
  }
  return String(message.format(values as Record<string, string | number>));
}

export function translator(locale: Locale, fallback: FallbackMode = 'silent'): Translate {
  const own = CATALOGS[locale].messages;
  return (key, values) => {
    const text = own[key];
    if (text !== undefined) return format(locale, key, text, values);
    const swedish = format(DEFAULT_LOCALE, key, sv[key], values);
    // Isolated as left-to-right text, so a Swedish sentence keeps its full stop at its end on a
    // right-to-left page.
    return `${LTR_ISOLATE}${fallback === 'marked' ? FALLBACK_MARK : ''}${swedish}${POP_ISOLATE}`;
  };
}

/** Per locale, the Swedish keys it has no text for (the test prints these; sv and en must have none). */
export function missingKeys(): Record<Locale, MessageKey[]> {
  const keys = Object.keys(sv) as MessageKey[];
  return Object.fromEntries(
    LOCALES.map((l) => [l, keys.filter((k) => CATALOGS[l].messages[k] === undefined)]),
  ) as Record<Locale, MessageKey[]>;
}
