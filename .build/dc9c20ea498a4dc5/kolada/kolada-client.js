class KoladaRequestError extends Error {
  constructor(url, status, message) {
    super(message);
    this.url = url;
    this.status = status;
    this.name = "KoladaRequestError";
  }
  url;
  status;
}
class RetryableError extends Error {
  constructor(message, retryAfterMs) {
    super(message);
    this.retryAfterMs = retryAfterMs;
  }
  retryAfterMs;
}
const PER_PAGE = 5e3;
const MAX_IDS_PER_SEGMENT = 25;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
class KoladaClient {
  baseUrl;
  stats = { requests: 0, retries: 0 };
  timeoutMs;
  retries;
  backoffBaseMs;
  backoffMaxMs;
  maxRetryAfterMs;
  onRetry;
  constructor(options) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 6e4;
    this.retries = options.retries ?? 6;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffMaxMs = options.backoffMaxMs ?? 3e4;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 12e4;
    this.onRetry = options.onRetry;
  }
  /** An absolute URL for a path below the base URL, with query parameters. */
  url(path, query = {}) {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query))
      if (value !== void 0) url.searchParams.set(key, String(value));
    return url.toString();
  }
  /** Every item of a listing, page after page. */
  async *items(path, query = {}) {
    let next = this.url(path, { ...query, per_page: PER_PAGE });
    const seen = /* @__PURE__ */ new Set();
    while (next) {
      seen.add(next);
      const page = await this.getEnvelope(next);
      yield* page.values;
      const link = page.next_url ?? page.next_page ?? null;
      next = link && !seen.has(link) ? new URL(link, next).toString() : null;
    }
  }
  async all(path, query = {}) {
    const out = [];
    for await (const item of this.items(path, query)) out.push(item);
    return out;
  }
  /**
   * One request, no retries, a short timeout: tells quickly whether Kolada can be reached at all.
   * Returns null when it can, otherwise a plain description of what failed.
   */
  async probe(timeoutMs = 5e3) {
    const url = this.url("/municipality/0000");
    try {
      this.stats.requests++;
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
      return response.ok ? null : `${url} answered HTTP ${response.status}`;
    } catch (error) {
      return `${url} cannot be reached (${describeNetworkError(error)})`;
    }
  }
  async getEnvelope(url) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(url);
      } catch (error) {
        if (!(error instanceof RetryableError)) throw error;
        if (attempt >= this.retries)
          throw new KoladaRequestError(
            url,
            null,
            `${url}: gave up after ${attempt + 1} attempts (${error.message})`
          );
        const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** attempt);
        const jitter = Math.random() * ceiling;
        const delayMs = Math.max(jitter, Math.min(error.retryAfterMs ?? 0, this.maxRetryAfterMs));
        this.stats.retries++;
        this.onRetry?.({ url, attempt: attempt + 1, reason: error.message, delayMs });
        await sleep(delayMs);
      }
    }
  }
  async attempt(url) {
    this.stats.requests++;
    let text;
    let status;
    let retryAfter;
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { accept: "application/json" }
      });
      status = response.status;
      retryAfter = response.headers.get("retry-after");
      text = await response.text();
    } catch (error) {
      throw new RetryableError(describeNetworkError(error));
    }
    if (status === 429)
      throw new RetryableError("HTTP 429 Too Many Requests", parseRetryAfter(retryAfter) ?? void 0);
    if (status >= 500) throw new RetryableError(`HTTP ${status}`, parseRetryAfter(retryAfter) ?? void 0);
    if (status < 200 || status >= 300)
      throw new KoladaRequestError(url, status, `${url}: HTTP ${status} ${text.slice(0, 300)}`);
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      throw new RetryableError(`incomplete or broken JSON (${text.length} bytes)`);
    }
    if (typeof body !== "object" || body === null || !Array.isArray(body.values))
      throw new KoladaRequestError(url, status, `${url}: the reply has no "values" list`);
    return body;
  }
}
function parseRetryAfter(header) {
  if (!header) return null;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Number(header) * 1e3;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
function describeNetworkError(error) {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError" || error.name === "AbortError") return "timed out";
  const cause = error.cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ""}`;
  if (cause?.message) return cause.message;
  return error.message;
}
function idSegments(ids, size = MAX_IDS_PER_SEGMENT) {
  const out = [];
  const chunks = Math.ceil(ids.length / size);
  const per = Math.ceil(ids.length / Math.max(1, chunks));
  for (let i = 0; i < ids.length; i += per) out.push(ids.slice(i, i + per).join(","));
  return out;
}
export {
  KoladaClient,
  KoladaRequestError,
  MAX_IDS_PER_SEGMENT,
  PER_PAGE,
  describeNetworkError,
  idSegments,
  parseRetryAfter
};
//# sourceMappingURL=kolada-client.js.map
