/**
 * What the comparator's and the analyses' page routes share: the page context built from the request
 * (language and its cookie, the query as page state, the data's freshness) and the HTML response with
 * its security headers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { ComparisonService } from '../../domain/comparison/comparison.service.js';
import type { AssetBundle } from './assets.js';
import { langCookie, resolveLang } from './i18n/lang.js';
import { createContext, type PageContext } from './page-context.js';

/** The pages' policy: no inline scripts or styles, nothing from elsewhere. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface PageSources {
  app: FastifyInstance;
  comparison: ComparisonService;
  assets: AssetBundle;
}

/**
 * The page context of a request; sets the language cookie when the query chose the language.
 * `repeatedParams`: keep every value of a repeated query parameter in the page state (the analyses'
 * filters); otherwise only single string values are kept.
 */
export async function requestContext(
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
  { app, comparison, assets }: PageSources,
  { repeatedParams }: { repeatedParams: boolean },
): Promise<PageContext> {
  const { lang, fromQuery } = resolveLang(request.query, request.headers.cookie);
  if (fromQuery) reply.header('set-cookie', langCookie(lang));
  const freshness = await comparison.freshness();
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (k === 'lang') continue;
    if (repeatedParams) {
      for (const item of Array.isArray(v) ? v : [v])
        if (typeof item === 'string' && item !== '') params.append(k, item);
    } else if (typeof v === 'string' && v !== '') params.set(k, v);
  }
  return createContext({
    lang,
    path,
    params,
    dataset: await comparison.dataset(),
    lastLoadedAt: freshness.lastLoadedAt,
    // The live progress of this process's sync, or an import/sync running elsewhere on the store.
    syncRunning: freshness.running || app.syncProgress?.snapshot().state === 'running',
    assets: assets.urls,
    now: new Date().toISOString(),
  });
}

/** A server-rendered page with the security headers pages need. */
export function sendHtml(reply: FastifyReply, status: number, page: VNode): FastifyReply {
  reply.header('content-security-policy', PAGE_CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
  reply.header('vary', 'Cookie');
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${renderToString(page)}`);
}
