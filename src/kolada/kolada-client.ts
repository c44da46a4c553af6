/**
 * A small, patient client for the Kolada v3 API: every request has a timeout, and network errors,
 * 429 (honouring Retry-After), 5xx and broken bodies are retried with exponential backoff and full
 * jitter. Paging follows `next_url` until it is empty.
 */
import { UserError } from '../errors/user-error.js';

export interface KoladaClientOptions {
  baseUrl: string;
  /** Whole request, body included. */
  timeoutMs?: number;
  /** Attempts after the first one. */
  retries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A Retry-After longer than this is cut down to it (a server asking for an hour is not waited for). */
  maxRetryAfterMs?: number;
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  url: string;
  attempt: number;
  reason: string;
  delayMs: number;
}

export interface ClientStats {
  requests: number;
  retries: number;
}

/** Kolada answered with a status retrying cannot fix (4xx other than 429), or exhausted the retries. */
export class KoladaRequestError extends UserError {
  constructor(
    readonly url: string,
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'KoladaRequestError';
  }
}

interface Envelope {
  values: unknown[];
  next_url?: string | null;
  next_page?: string | null;
}

class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export const PER_PAGE = 5000;
/** Kolada v3 refuses more ids than this in one path segment. */
export const MAX_IDS_PER_SEGMENT = 25;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class KoladaClient {
  readonly baseUrl: string;
  readonly stats: ClientStats = { requests: 0, retries: 0 };
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly onRetry?: (info: RetryInfo) => void;

  constructor(options: KoladaClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.retries = options.retries ?? 6;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffMaxMs = options.backoffMaxMs ?? 30_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.onRetry = options.onRetry;
  }

  /** An absolute URL for a path below the base URL, with query parameters. */
  url(path: string, query: Record<string, string | number | undefined> = {}): string {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  /** Every item of a listing, page after page. */
  async *items(
    path: string,
    query: Record<string, string | number | undefined> = {},
  ): AsyncGenerator<unknown> {
    let next: string | null = this.url(path, { ...query, per_page: PER_PAGE });
    const seen = new Set<string>();
    while (next) {
      seen.add(next);
      const page = await this.getEnvelope(next);
      yield* page.values;
      const link = page.next_url ?? page.next_page ?? null;
      // A server that links a page to itself would otherwise keep us here for ever.
      next = link && !seen.has(link) ? new URL(link, next).toString() : null;
    }
  }

  async all(path: string, query: Record<string, string | number | undefined> = {}): Promise<unknown[]> {
    const out: unknown[] = [];
    for await (const item of this.items(path, query)) out.push(item);
    return out;
  }

  /**
   * One request, no retries, a short timeout: tells quickly whether Kolada can be reached at all.
   * Returns null when it can, otherwise a plain description of what failed.
   */
  async probe(timeoutMs = 5000): Promise<string | null> {
    const url = this.url('/municipality/0000');
    try {
      this.stats.requests++;
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
      return response.ok ? null : `${url} answered HTTP ${response.status}`;
    } catch (error) {
      return `${url} cannot be reached (${describeNetworkError(error)})`;
    }
  }

  async getEnvelope(url: string): Promise<Envelope> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(url);
      } catch (error) {
        if (!(error instanceof RetryableError)) throw error;
        if (attempt >= this.retries)
          throw new KoladaRequestError(
            url,
            null,
            `${url}: gave up after ${attempt + 1} attempts (${error.message})`,
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

  private async attempt(url: string): Promise<Envelope> {
    this.stats.requests++;
    let text: string;
    let status: number;
    let retryAfter: string | null;
    try {
      // The signal covers the body too, so a server that drips bytes cannot hold us past the timeout.
      const response = await fetch(url, {
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { accept: 'application/json' },
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await response.text();
    } catch (error) {
      throw new RetryableError(describeNetworkError(error));
    }
    if (status === 429)
      throw new RetryableError('HTTP 429 Too Many Requests', parseRetryAfter(retryAfter) ?? undefined);
    if (status >= 500) throw new RetryableError(`HTTP ${status}`, parseRetryAfter(retryAfter) ?? undefined);
    // Stryker disable next-line ConditionalExpression: equivalent — fetch never ends with a status below 200 (1xx are interim).
    if (status < 200 || status >= 300)
      throw new KoladaRequestError(url, status, `${url}: HTTP ${status} ${text.slice(0, 300)}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // A body cut short by a dropped connection parses badly; asking again usually gives the whole.
      throw new RetryableError(`incomplete or broken JSON (${text.length} bytes)`);
    }
    // Stryker disable next-line ConditionalExpression: equivalent — a number, string or boolean has no "values" list either.
    if (typeof body !== 'object' || body === null || !Array.isArray((body as Envelope).values))
      throw new KoladaRequestError(url, status, `${url}: the reply has no "values" list`);
    return body as Envelope;
  }
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timed out';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
  if (cause?.message) return cause.message;
  return error.message;
}

/** Splits ids into comma lists Kolada accepts in one path segment. */
export function idSegments<T extends string | number>(
  ids: readonly T[],
  size = MAX_IDS_PER_SEGMENT,
): string[] {
  const out: string[] = [];
  // Even chunks (e.g. 19 + 18 rather than 25 + 12) keep page sizes alike.
  const chunks = Math.ceil(ids.length / size);
  const per = Math.ceil(ids.length / Math.max(1, chunks));
  for (let i = 0; i < ids.length; i += per) out.push(ids.slice(i, i + per).join(','));
  return out;
}
