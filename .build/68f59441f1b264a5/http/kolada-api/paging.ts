/**
 * Paging links and envelopes. Links are absolute (clients follow them as they are): built from
 * ETABLERA_PUBLIC_URL when set (behind a proxy), otherwise from the request's own protocol and host.
 */
import type { FastifyRequest } from 'fastify';
import type { ApiVersion } from './schemas.js';

function pageUrl(request: FastifyRequest, publicBaseUrl: string, page: number): string {
  const base = publicBaseUrl || `${request.protocol}://${request.host}`;
  // request.url is path + query as the client sent it; only "page" changes.
  const url = new URL(request.url, 'http://placeholder');
  url.searchParams.set('page', String(page));
  return `${base}${url.pathname}${url.search}`;
}

export function envelope(
  version: ApiVersion,
  request: FastifyRequest,
  publicBaseUrl: string,
  values: object[],
  page: number,
  hasMore: boolean,
): object {
  const next = hasMore ? pageUrl(request, publicBaseUrl, page + 1) : null;
  const previous = page > 1 ? pageUrl(request, publicBaseUrl, page - 1) : null;
  if (version === 'v3') return { values, count: values.length, next_url: next, previous_url: previous };
  return {
    values,
    count: values.length,
    ...(next ? { next_page: next } : {}),
    ...(previous ? { previous_page: previous } : {}),
  };
}
