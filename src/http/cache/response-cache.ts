/**
 * A reply cache for the public read API. Kolada data changes only when an import or sync runs, so a
 * serialised reply stays right until the store's data version moves: entries are keyed by that
 * version plus the full URL (and host, which paging links are built from), and are never served
 * across versions. While an import or sync is running nothing is cached or served from the cache.
 *
 * Two hooks:
 * - `storeReplies` (onSend) must run before ETag and compression, to see the serialised JSON string;
 * - `serveCached` is a preHandler, not an onRequest hook: rate limiting and CORS work in onRequest
 *   (partly as route-level hooks, which run after every app-level hook of the same stage), and a hit
 *   must still count against the client's limit and carry their headers.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { DataVersion } from '../../store/repositories/store-meta.repository.js';

export const CACHE_HEADER = 'x-etablera-cache';

interface CachedReply {
  body: string;
  etag: string;
  /** Headers the route set that a hit must repeat (content type, dataset kind). */
  headers: Record<string, string>;
}

export interface ResponseCacheOptions {
  /** Largest total size of cached bodies, in bytes; 0 turns the cache off. */
  maxBytes: number;
  /** URL path prefixes whose GET replies are cached. */
  prefixes: readonly string[];
  /** Headers copied from the original reply onto each hit. */
  keptHeaders: readonly string[];
  currentVersion: () => Promise<DataVersion>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set while a cacheable request is answered from the store; absent when not cacheable. */
    responseCacheKey?: string;
  }
}

export class ResponseCache {
  private readonly entries: LRUCache<string, CachedReply> | undefined;

  constructor(private readonly options: ResponseCacheOptions) {
    this.entries =
      options.maxBytes > 0
        ? new LRUCache<string, CachedReply>({
            maxSize: options.maxBytes,
            // V8 keeps these ASCII/Latin-1 JSON strings one byte per character.
            sizeCalculation: (entry) => entry.body.length + 200,
          })
        : undefined;
  }

  /** Budget and use, for /api/status. */
  status(): { budgetBytes: number; usedBytes: number; entries: number } {
    return {
      budgetBytes: this.options.maxBytes,
      usedBytes: this.entries?.calculatedSize ?? 0,
      entries: this.entries?.size ?? 0,
    };
  }

  /**
   * preHandler: answers from the cache, or marks the request so its reply gets stored. Callback style,
   * so that a request the cache does not concern (every vote of a burst) costs no promise.
   */
  readonly serveCached = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    if (!this.entries || request.method !== 'GET' || !this.applies(request.url)) return done();
    // When it answered from the cache, done is not called: the reply is sent, the route must not run.
    this.lookUp(request, reply).then(
      (answered) => (answered ? undefined : done()),
      (error: Error) => done(error),
    );
  };

  private readonly lookUp = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    if (!this.entries) return false;
    const version = await this.options.currentVersion();
    if (version.running) {
      reply.header(CACHE_HEADER, 'bypass');
      return false;
    }
    const key = `${version.key}\u0000${request.protocol}://${request.host}${request.url}`;
    const hit = this.entries.get(key);
    if (!hit) {
      request.responseCacheKey = key;
      reply.header(CACHE_HEADER, 'miss');
      return false;
    }
    reply.headers(hit.headers).header('etag', hit.etag).header(CACHE_HEADER, 'hit');
    reply.code(200).send(hit.body);
    return true;
  };

  /** onSend: keeps successful JSON replies of marked requests (callback style: no promise per reply). */
  readonly storeReplies = (
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (error: null, payload: unknown) => void,
  ): void => {
    done(null, this.store(request, reply, payload));
  };

  private store(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
    const key = request.responseCacheKey;
    if (!this.entries || key === undefined || reply.statusCode !== 200 || typeof payload !== 'string')
      return payload;
    // Computed here so the ETag plugin reuses it instead of hashing the body again on every hit.
    const etag = `"${createHash('sha1').update(payload).digest('base64')}"`;
    reply.header('etag', etag);
    const headers: Record<string, string> = {};
    for (const name of this.options.keptHeaders) {
      const value = reply.getHeader(name);
      if (typeof value === 'string') headers[name] = value;
    }
    this.entries.set(key, { body: payload, etag, headers });
    return payload;
  }

  private applies(url: string): boolean {
    return this.options.prefixes.some((prefix) => url.startsWith(prefix));
  }
}

/** Must be called before the ETag and compression plugins are registered (see above). */
export function registerResponseCache(app: FastifyInstance, cache: ResponseCache): void {
  app.addHook('onSend', cache.storeReplies);
  app.addHook('preHandler', cache.serveCached);
}
