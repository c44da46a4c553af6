/**
 * Who may change data over HTTP: whoever presents the operator's admin token
 * (`Authorization: Bearer <ETABLERA_ADMIN_TOKEN>`). There is no default secret: with the setting
 * unset the endpoints are disabled (403), so a fresh install cannot be changed from the network.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type AdminCheck = { ok: true } | { ok: false; status: 401 | 403; error: string; challenge: boolean };

// Hashing first gives both sides the same length, so the comparison time says nothing about the token.
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function checkAdmin(configuredToken: string, authorization: string | undefined): AdminCheck {
  if (!configuredToken)
    return {
      ok: false,
      status: 403,
      error:
        'Disabled: changing data over HTTP is turned off on this server (the operator has not set ETABLERA_ADMIN_TOKEN)',
      challenge: false,
    };
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match)
    return {
      ok: false,
      status: 401,
      error: 'Authorization required: send the admin token as "Authorization: Bearer <token>"',
      challenge: true,
    };
  if (!timingSafeEqual(digest(match[1] ?? ''), digest(configuredToken)))
    return { ok: false, status: 401, error: 'The admin token is not valid', challenge: true };
  return { ok: true };
}

/** A preHandler that lets only the admin through. */
export function requireAdmin(configuredToken: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const check = checkAdmin(configuredToken, request.headers.authorization);
    if (check.ok) return;
    if (check.challenge) reply.header('www-authenticate', 'Bearer realm="etablera-admin"');
    request.log.warn({ status: check.status }, 'admin request refused');
    return reply.code(check.status).send({ error: check.error });
  };
}
