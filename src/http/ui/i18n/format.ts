/**
 * Number and date formatting for the pages. Swedish: decimal comma, thin space (U+2009) between
 * thousands and a real minus sign (U+2212), so a negative number can never be mistaken for Kolada's
 * "-" (bortfall). English: the usual en-GB form.
 */
import type { Lang } from './lang.js';

export const THIN_SPACE = '\u2009';
export const MINUS = '\u2212';

const LOCALE: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };
const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `${lang}:${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
    formatters.set(key, f);
  }
  return f;
}

/** Decimals shown by default: fewer for larger numbers (exports keep full precision). */
export function displayDecimals(value: number): number {
  const abs = Math.abs(value);
  if (abs >= 1000) return 0;
  if (abs >= 10) return 1;
  return 2;
}

export function formatNumber(value: number, lang: Lang, decimals = displayDecimals(value)): string {
  const parts = numberFormat(lang, decimals).formatToParts(value);
  let out = '';
  for (const p of parts) {
    if (lang === 'sv' && p.type === 'group') out += THIN_SPACE;
    else if (lang === 'sv' && p.type === 'minusSign') out += MINUS;
    else out += p.value;
  }
  // "−0" after rounding a tiny negative number says nothing useful.
  return out === `${MINUS}0` || out === '-0' ? '0' : out;
}

/** A signed difference, always with its sign: "+1,5" / "−0,3". */
export function formatSigned(value: number, lang: Lang, decimals?: number): string {
  const s = formatNumber(value, lang, decimals);
  return value > 0 && s !== '0' ? `+${s}` : s;
}

export function formatDate(iso: string, lang: Lang): string {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(d);
}
