/**
 * What every page component needs about the request: language and texts, number formatting, the
 * page's own state (query string) for permalinks and downloads, and facts about the data.
 */
import type { DatasetKind } from '../../store/repositories/store-meta.repository.js';
import { formatNumber } from './i18n/format.js';
import type { Lang } from './i18n/lang.js';
import { type Messages, messages } from './i18n/messages.js';

export interface AssetUrls {
  css: string;
  app: string;
  echarts: string;
  favicon: string;
  /** URL of the boundary GeoJSON, or null when no file is configured. */
  boundaries: string | null;
}

export type Params = Record<string, string | number | undefined | null>;

export interface PageContext {
  lang: Lang;
  t: Messages;
  /** Path of the HTML page (without .json/.csv/.xlsx). */
  path: string;
  /** The page's state, as given in the query string (lang excluded). */
  params: URLSearchParams;
  dataset: DatasetKind;
  lastLoadedAt: string | null;
  syncRunning: boolean;
  assets: AssetUrls;
  /** When the response was made (ISO), for headers of exports. */
  now: string;
}

export function createContext(init: Omit<PageContext, 't'>): PageContext {
  return { ...init, t: messages(init.lang) };
}

/** The Swedish or the English text, by the page's language (for texts outside the shared message list). */
export function tr(ctx: PageContext, sv: string, en: string): string {
  return ctx.lang === 'en' ? en : sv;
}

export function num(ctx: PageContext, value: number, decimals?: number): string {
  return formatNumber(value, ctx.lang, decimals);
}

/**
 * A link to a page with the given state. Empty values are dropped, so URLs stay short; English
 * pages keep `lang=en` so a copied link opens in the same language.
 */
export function href(ctx: PageContext, path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  if (ctx.lang === 'en') q.set('lang', 'en');
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The current page with some parameters changed (undefined removes one). */
export function withParams(ctx: PageContext, changes: Params, path = ctx.path): string {
  const merged: Params = Object.fromEntries(ctx.params);
  for (const [k, v] of Object.entries(changes)) merged[k] = v;
  return href(ctx, path, merged);
}

/** The current page state as a download in another format. */
export function downloadUrl(ctx: PageContext, format: 'json' | 'csv' | 'xlsx'): string {
  const path = ctx.path === '/' ? '/index' : ctx.path;
  return withParams(ctx, {}, `${path}.${format}`);
}
