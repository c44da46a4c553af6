/**
 * The one way a page is served, for the comparator, the analyses and the modules to come: each page
 * route answers as HTML and as `.json`, `.csv` and `.xlsx` (the same content as a TableDocument).
 * The runner builds the page context (locale and its cookie, the query as page state, the data's
 * freshness, the absolute base URL), turns an InputError into an error page or the one JSON error
 * shape, and sends HTML with the pages' security headers.
 */
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Settings } from '../../config/settings.js';
import type { ComparisonService } from '../../domain/comparison/comparison.service.js';
import { InputError } from '../../errors/input-error.js';
import { localeCookie, negotiateLocale } from '../../i18n/negotiate.js';
import type { RouteAccess } from '../auth/auth.js';
import { describeInputError, errorBody, inputErrorBody } from '../errors.js';
import type { AssetBundle } from './assets.js';
import { DATA_FORMATS, type DataFormat, type Format, sendDocument, splitFormat } from './exports/respond.js';
import type { TableDocument } from './exports/table-document.js';
import { createContext, type PageContext } from './page-context.js';
import { ErrorPage } from './pages/error.page.js';

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

/** What a page handler returns: the HTML, and the data variants unless the page has none. */
export interface PageView {
  status?: number;
  html: (ctx: PageContext) => VNode;
  doc?: (ctx: PageContext) => TableDocument;
}

export interface PageRequest<P> {
  request: FastifyRequest;
  /** For what a page sets beside its body (a form's CSRF token cookie). */
  reply: FastifyReply;
  /** Route parameters, the last one without its .json/.csv/.xlsx. */
  params: P;
  ctx: PageContext;
}

export type PageHandler<P> = (page: PageRequest<P>) => Promise<PageView>;

export interface PageGroupOptions {
  /**
   * Keep every value of a repeated query parameter in the page state (the analyses' filters);
   * otherwise only single string values are kept.
   */
  repeatedParams?: boolean;
  /** The HTML page for bad input (default: the generic error page). */
  errorPage?: (ctx: PageContext, message: string, status: number) => VNode;
  /**
   * What the page needs (the authorisation seam's route config): without it the page is public and
   * must be in public-routes.ts. The handler then finds the actor as `request.actor`.
   */
  permission?: RouteAccess;
}

export interface PageRunnerDeps {
  app: FastifyInstance;
  settings: Settings;
  comparison: ComparisonService;
  assets: AssetBundle;
}

export interface PageRunner {
  /**
   * Serves `path` as HTML and data. A static path gets `path.json` etc. (`/` gets `/index.json`); a
   * path ending in a parameter (`/kommun/:id`) takes the format from that parameter's value.
   */
  get<P extends Record<string, string> = Record<string, never>>(
    path: string,
    handler: PageHandler<P>,
    options?: PageGroupOptions,
  ): void;
  /**
   * Answers a request that is not a page's GET (a form post) with a page instead of a redirect, e.g. a
   * save that failed and shows the form again as it was typed. `lang` is the form's language (a post has
   * no query); `params` become page state, as a query would (`fel` for the error line).
   */
  send(
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    view: PageView,
    options?: { lang?: string; params?: Record<string, string> },
  ): Promise<FastifyReply>;
}

/** A page that says what was not found, with the given status (404 unless said). */
export function notFoundPage(message: string, status = 404): PageView {
  return { status, html: (ctx) => ErrorPage({ ctx, title: message, status }) };
}

export function createPageRunner({ app, settings, comparison, assets }: PageRunnerDeps): PageRunner {
  const fallback = settings.missingTranslations;

  async function context(
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    repeatedParams: boolean,
    query: unknown = request.query,
  ): Promise<PageContext> {
    const { locale, source } = negotiateLocale({
      query,
      cookieHeader: request.headers.cookie,
      userLocale: request.userLocale,
      acceptLanguage: request.headers['accept-language'],
    });
    if (source === 'query') reply.header('set-cookie', localeCookie(locale));
    const [freshness, dataset] = await Promise.all([comparison.freshness(), comparison.dataset()]);
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
      if (k === 'lang') continue;
      if (repeatedParams) {
        for (const item of Array.isArray(v) ? v : [v])
          if (typeof item === 'string' && item !== '') params.append(k, item);
      } else if (typeof v === 'string' && v !== '') params.set(k, v);
    }
    return createContext(
      {
        lang: locale,
        path,
        params,
        dataset,
        lastLoadedAt: freshness.lastLoadedAt,
        // The live progress of this process's sync, or an import/sync running elsewhere on the store.
        syncRunning: freshness.running || app.syncProgress?.snapshot().state === 'running',
        assets: assets.urls,
        now: new Date().toISOString(),
        publicBase: settings.publicBaseUrl || `${request.protocol}://${request.host}`,
      },
      fallback,
    );
  }

  async function run<P>(
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    params: P,
    format: Format,
    handler: PageHandler<P>,
    { repeatedParams = false, errorPage }: PageGroupOptions,
  ): Promise<unknown> {
    const ctx = await context(request, reply, path, repeatedParams);
    let view: PageView;
    try {
      view = await handler({ request, reply, params, ctx });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      if (format !== 'html') return reply.code(error.status).send(inputErrorBody(error, ctx.t));
      const message = describeInputError(error, ctx.t);
      return sendHtml(
        reply,
        error.status,
        errorPage
          ? errorPage(ctx, message, error.status)
          : ErrorPage({ ctx, title: message, status: error.status }),
      );
    }
    const status = view.status ?? 200;
    if (format === 'html') return sendHtml(reply, status, view.html(ctx));
    if (status !== 200 || !view.doc)
      return reply
        .code(status === 200 ? 404 : status)
        .send(errorBody(status === 200 ? 404 : status, ctx.t('errors.noData'), 'noData'));
    return sendDocument(reply.code(status), view.doc(ctx), format as DataFormat);
  }

  return {
    async send(request, reply, path, view, { lang, params = {} } = {}) {
      const ctx = await context(request, reply, path, false, { ...(lang ? { lang } : {}), ...params });
      return sendHtml(reply, view.status ?? 200, view.html(ctx));
    },
    get(path, handler, options = {}) {
      const last = /:(\w+)$/.exec(path)?.[1];
      const config: FastifyContextConfig = options.permission ? { permission: options.permission } : {};
      if (last) {
        app.get(path, { config }, (request, reply) => {
          const raw = request.params as Record<string, string>;
          const { base, format } = splitFormat(raw[last] ?? '');
          const params = { ...raw, [last]: base } as never;
          const pagePath = path.replace(/:(\w+)/g, (_m, name: string) =>
            name === last ? base : (raw[name] ?? ''),
          );
          return run(request, reply, pagePath, params, format, handler, options);
        });
        return;
      }
      const stem = path === '/' ? '/index' : path;
      // A static last segment may follow parameters (`/plan/:id/rapportera`): they are kept.
      for (const format of ['html', ...DATA_FORMATS] as const)
        app.get(format === 'html' ? path : `${stem}.${format}`, { config }, (request, reply) => {
          const raw = (request.params ?? {}) as Record<string, string>;
          const pagePath = path.replace(/:(\w+)/g, (_m, name: string) => raw[name] ?? '');
          return run(request, reply, pagePath, { ...raw } as never, format, handler, options);
        });
    },
  };
}

/** A server-rendered page with the security headers pages need. */
export function sendHtml(reply: FastifyReply, status: number, page: VNode): FastifyReply {
  reply.header('content-security-policy', PAGE_CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
  reply.header('vary', 'Cookie, Accept-Language');
  // Encoded once: the ETag's hash and the socket would each encode the rendered string to UTF-8
  // (a KPI page is 230 KB; encoding was most of the ETag's cost, issue 24).
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(Buffer.from(`<!doctype html>${renderToString(page)}`, 'utf8'));
}
