/**
 * GET /api/audit — an organisation's audit log, newest first, for its admins:
 * `?organisation=2580` (may be left out by an admin of one organisation), `limit` (1–1000, default
 * 100), `before=<id>` to page on (the reply's `next`). Another organisation's log answers 404.
 */
import type { FastifyInstance } from 'fastify';
import { type Actor, can, NotFoundError, organisationsWith } from '../../accounts/actor.js';

class BadParameter extends Error {
  readonly statusCode = 400;
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

function whole(value: string | undefined, parameter: string, min: number, max: number, fallback?: number) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new BadParameter(
      parameter,
      `${parameter} must be a whole number from ${min} to ${max}, got "${value}"`,
    );
  return n;
}

export async function auditRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { organisation?: string; limit?: string; before?: string } }>(
    '/api/audit',
    { config: { permission: 'audit.read' } },
    async (request) => {
      const actor = request.actor as Actor;
      const own = organisationsWith(actor, 'audit.read');
      const organisationId = request.query.organisation || (own.length === 1 ? own[0] : undefined);
      if (!organisationId)
        throw new BadParameter(
          'organisation',
          `Choose the organisation: ?organisation= one of ${own.join(', ')}`,
        );
      if (!can(actor, 'audit.read', organisationId))
        throw new NotFoundError(`No organisation ${organisationId}`);
      const limit = whole(request.query.limit, 'limit', 1, 1000, 100) as number;
      const before = whole(request.query.before, 'before', 1, Number.MAX_SAFE_INTEGER);
      const entries = await app.audit.page({ organisationId, before, limit });
      const last = entries[entries.length - 1];
      return {
        organisation: organisationId,
        entries,
        next:
          entries.length === limit && last
            ? `/api/audit?organisation=${encodeURIComponent(organisationId)}&limit=${limit}&before=${last.id}`
            : null,
      };
    },
  );
}
