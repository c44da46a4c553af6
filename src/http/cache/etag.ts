/**
 * ETags for GET and HEAD replies, and 304 when the client already has the body (If-None-Match).
 * What @fastify/etag did (a strong SHA-1 of the body, base64; an ETag a route or the reply cache set
 * already is kept), except that it hashed every reply: a POST's reply is never the target of a
 * conditional request (RFC 9110 §13.1.2), so hashing it — a vote's `{"ok":true}` 300 times in a burst —
 * was work for nothing.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const etagOf = (payload: string | Buffer) => `"${createHash('sha1').update(payload).digest('base64')}"`;

/** Whether `ifNoneMatch` names `etag`, also when one side is the weak form (W/"…"). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch === etag || ifNoneMatch === `W/${etag}` || `W/${ifNoneMatch}` === etag;
}

function onSend(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (err: null, p?: unknown) => void,
) {
  const method = request.method;
  if (method !== 'GET' && method !== 'HEAD') return done(null, payload);
  let etag = reply.getHeader('etag');
  if (typeof etag !== 'string') {
    if (!(typeof payload === 'string' || payload instanceof Buffer)) return done(null, payload);
    etag = etagOf(payload);
    reply.header('etag', etag);
  }
  if (matches(request.headers['if-none-match'], etag)) {
    reply.code(304);
    return done(null, '');
  }
  done(null, payload);
}

/** Register before compression, so the ETag is of the uncompressed body. */
export function registerEtag(app: FastifyInstance): void {
  app.addHook('onSend', onSend);
}
