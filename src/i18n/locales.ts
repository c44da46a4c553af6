/**
 * The locales Etablera speaks. Swedish is the source language (and the fallback for every missing
 * text); English is complete; Arabic, Dari, Tigrinya, Somali and Ukrainian are for the newcomer-facing
 * pages of Plan and Process, which fill their catalogs.
 */
export const LOCALES = ['sv', 'en', 'ar', 'prs', 'ti', 'so', 'uk'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'sv';

/** Written right to left: the page gets dir="rtl" and the CSS's logical properties mirror it. */
const RTL: ReadonlySet<Locale> = new Set<Locale>(['ar', 'prs']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function textDirection(locale: Locale): 'ltr' | 'rtl' {
  return RTL.has(locale) ? 'rtl' : 'ltr';
}

/** Each locale's name in its own language, for the language menu (a fact, not a translation). */
export const LOCALE_NAMES: Record<Locale, string> = {
  sv: 'Svenska',
  en: 'English',
  ar: 'العربية',
  prs: 'دری',
  ti: 'ትግርኛ',
  so: 'Soomaali',
  uk: 'Українська',
};

/**
 * The BCP 47 tag Intl formats numbers and dates with. Swedish as written in Sweden, English as in
 * Britain; Dari has no data of its own in ICU, so it formats as Afghan Persian.
 */
export const INTL_LOCALE: Record<Locale, string> = {
  sv: 'sv-SE',
  en: 'en-GB',
  ar: 'ar',
  prs: 'fa-AF',
  ti: 'ti',
  so: 'so',
  uk: 'uk',
};
