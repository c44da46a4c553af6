/**
 * Number and date formatting for the pages. Swedish: decimal comma, thin space (U+2009) between
 * thousands and a real minus sign (U+2212), so a negative number can never be mistaken for Kolada's
 * "-" (bortfall). Other locales: their usual form (en-GB for English).
 */
import { INTL_LOCALE, type Locale } from './locales.js';

export const THIN_SPACE = '\u2009';
export const MINUS = '\u2212';

/**
 * A number formatter, and the group separator and minus sign it writes (Swedish replaces them). Kept
 * per language and decimals: building an Intl.NumberFormat costs far more than using one.
 */
interface NumberFormatter {
  format: Intl.NumberFormat;
  group: string;
  minus: string;
}

const formatters = new Map<string, NumberFormatter>();

function numberFormat(lang: Locale, decimals: number, fixed: boolean): NumberFormatter {
  const key = `${lang}:${decimals}:${fixed}`;
  let f = formatters.get(key);
  if (!f) {
    const format = new Intl.NumberFormat(INTL_LOCALE[lang], {
      maximumFractionDigits: decimals,
      minimumFractionDigits: fixed ? decimals : 0,
    });
    const parts = format.formatToParts(-1234567.5);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    f = { format, group: part('group'), minus: part('minusSign') };
    formatters.set(key, f);
  }
  return f;
}

/** Decimals shown for a lone number: fewer for larger numbers (exports keep full precision). */
export function displayDecimals(value: number): number {
  const abs = Math.abs(value);
  if (abs >= 1000) return 0;
  if (abs >= 10) return 1;
  return 2;
}

/**
 * One number of decimals for numbers shown together (a column, a row), so they line up: none when
 * all are whole numbers, one for percentages, otherwise by the largest magnitude.
 */
export function decimalsFor(values: readonly (number | null | undefined)[], unit?: string | null): number {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return 1;
  if (finite.every((v) => Number.isInteger(v))) return 0;
  if (unit === '%') return 1;
  return displayDecimals(Math.max(...finite.map(Math.abs)));
}

/** Means of whole numbers still deserve a decimal (the mean of 3 and 4 is 3,5, not 4). */
export function meanDecimals(decimals: number): number {
  return decimals === 0 ? 1 : decimals;
}

/**
 * Formats a number for the language. With `decimals` given, exactly that many are shown
 * ("27,0" beside "26,9"); without, up to displayDecimals(value).
 */
export function formatNumber(value: number, lang: Locale, decimals?: number): string {
  const shown = decimals ?? displayDecimals(value);
  // A tiny negative number that rounds to zero is shown as 0, not "−0,00".
  const v = Math.abs(value) < 0.5 * 10 ** -shown ? 0 : value;
  const f = numberFormat(lang, shown, decimals !== undefined);
  const out = f.format.format(v);
  if (lang !== 'sv') return out;
  // The formatted string, not its parts: a page formats thousands of numbers, and formatToParts'
  // objects were a tenth of a page's CPU time with the collector's share (issue 24). A number's
  // text holds the group separator and the minus sign nowhere else, so replacing them is exact.
  let sv = out;
  if (f.group && f.group !== THIN_SPACE) sv = sv.replaceAll(f.group, THIN_SPACE);
  if (f.minus && f.minus !== MINUS) sv = sv.replaceAll(f.minus, MINUS);
  return sv;
}

/**
 * One date formatter per language, kept like the number formatters: every page's footer formats a
 * date, and building an Intl.DateTimeFormat with a time zone costs far more than using one (it was
 * ≈ 1.4 % of a KPI page's CPU profile, issue 24).
 */
const dateFormatters = new Map<Locale, Intl.DateTimeFormat>();

export function formatDate(iso: string, lang: Locale): string {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  let f = dateFormatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[lang], { dateStyle: 'long', timeZone: 'Europe/Stockholm' });
    dateFormatters.set(lang, f);
  }
  return f.format(d);
}
