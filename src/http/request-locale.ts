/**
 * The seam through which a signed-in user's language reaches locale negotiation: the accounts module
 * sets `request.userLocale` (in an onRequest hook, once it knows the user); pages and API errors
 * read it after `?lang=` and the language cookie, before Accept-Language.
 */
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user's chosen locale (e.g. 'ar'), or null when nobody is signed in. */
    userLocale: string | null;
  }
}

export function registerUserLocale(app: FastifyInstance): void {
  app.decorateRequest('userLocale', null);
}
