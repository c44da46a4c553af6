import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
const CACHE_HEADER = "x-etablera-cache";
class ResponseCache {
  constructor(options) {
    this.options = options;
    this.entries = options.maxBytes > 0 ? new LRUCache({
      maxSize: options.maxBytes,
      // V8 keeps these ASCII/Latin-1 JSON strings one byte per character.
      sizeCalculation: (entry) => entry.body.length + 200
    }) : void 0;
  }
  options;
  entries;
  /** preHandler: answers from the cache, or marks the request so its reply gets stored. */
  serveCached = async (request, reply) => {
    if (!this.entries || request.method !== "GET" || !this.applies(request.url)) return;
    const version = await this.options.currentVersion();
    if (version.running) {
      reply.header(CACHE_HEADER, "bypass");
      return;
    }
    const key = `${version.key}\0${request.protocol}://${request.host}${request.url}`;
    const hit = this.entries.get(key);
    if (!hit) {
      request.responseCacheKey = key;
      reply.header(CACHE_HEADER, "miss");
      return;
    }
    reply.headers(hit.headers).header("etag", hit.etag).header(CACHE_HEADER, "hit");
    return reply.code(200).send(hit.body);
  };
  /** onSend: keeps successful JSON replies of marked requests. */
  storeReplies = async (request, reply, payload) => {
    const key = request.responseCacheKey;
    if (!this.entries || key === void 0 || reply.statusCode !== 200 || typeof payload !== "string")
      return payload;
    const etag = `"${createHash("sha1").update(payload).digest("base64")}"`;
    reply.header("etag", etag);
    const headers = {};
    for (const name of this.options.keptHeaders) {
      const value = reply.getHeader(name);
      if (typeof value === "string") headers[name] = value;
    }
    this.entries.set(key, { body: payload, etag, headers });
    return payload;
  };
  applies(url) {
    return this.options.prefixes.some((prefix) => url.startsWith(prefix));
  }
}
function registerResponseCache(app, cache) {
  app.addHook("onSend", cache.storeReplies);
  app.addHook("preHandler", cache.serveCached);
}
export {
  CACHE_HEADER,
  ResponseCache,
  registerResponseCache
};
//# sourceMappingURL=response-cache.js.map
