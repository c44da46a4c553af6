/**
 * The page language: Swedish by default; English through `?lang=en` (which also sets a cookie, so
 * following links keeps the choice) or the cookie alone.
 */
export type Lang = 'sv' | 'en';
export const LANGS: readonly Lang[] = ['sv', 'en'];
export const LANG_COOKIE = 'etablera_lang';

export function isLang(v: unknown): v is Lang {
  return v === 'sv' || v === 'en';
}

/** The language asked for in the query string, else the cookie, else Swedish. */
export function resolveLang(
  query: unknown,
  cookieHeader: string | undefined,
): { lang: Lang; fromQuery: boolean } {
  const q = (query as Record<string, unknown> | undefined)?.lang;
  if (isLang(q)) return { lang: q, fromQuery: true };
  const cookie = readCookie(cookieHeader, LANG_COOKIE);
  return { lang: isLang(cookie) ? cookie : 'sv', fromQuery: false };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function langCookie(lang: Lang): string {
  return `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
