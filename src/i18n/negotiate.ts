/**
 * Which locale a request gets: `?lang=xx` (which also sets a cookie, so following links keeps the
 * choice), then that cookie, then the signed-in user's setting, then Accept-Language, then Swedish.
 */
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from './locales.js';

export const LOCALE_COOKIE = 'etablera_lang';

export type LocaleSource = 'query' | 'cookie' | 'user' | 'header' | 'default';

export interface LocaleRequest {
  /** The parsed query string. */
  query: unknown;
  cookieHeader?: string | undefined;
  /** The signed-in user's chosen locale, when there is one (filled by the accounts module). */
  userLocale?: string | null | undefined;
  acceptLanguage?: string | undefined;
}

export function negotiateLocale(request: LocaleRequest): { locale: Locale; source: LocaleSource } {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(asked)) return { locale: asked, source: 'query' };
  const cookie = readCookie(request.cookieHeader, LOCALE_COOKIE);
  if (isLocale(cookie)) return { locale: cookie, source: 'cookie' };
  if (isLocale(request.userLocale)) return { locale: request.userLocale, source: 'user' };
  const header = fromAcceptLanguage(request.acceptLanguage);
  if (header) return { locale: header, source: 'header' };
  return { locale: DEFAULT_LOCALE, source: 'default' };
}

/** The best of our locales in an Accept-Language header (by q, then order); `fa-AF` counts as Dari. */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'fa-af') return 'prs';
    const primary = tag.split('-')[0];
    const match = LOCALES.find((l) => l === primary);
    if (match) return match;
  }
  return undefined;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
