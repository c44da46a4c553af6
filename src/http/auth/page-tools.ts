/** What the account, link, organisation and sign-in-with-IdP pages share (their own module, so none imports another's routes). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { PageContext } from '../ui/page-context.js';

/** The page context, the HTML reply, the CSRF token. */
export interface PageTools {
  context(request: FastifyRequest, reply: FastifyReply, path: string): PageContext;
  page(reply: FastifyReply, status: number, view: VNode): FastifyReply;
  csrf(request: FastifyRequest, reply: FastifyReply): string;
}

/** Only a path on this site: never "//host" or "https://…" (no open redirect). */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/konto';
}
