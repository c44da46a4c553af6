/**
 * A small, patient client for the JobTech Taxonomy GraphQL API (ETABLERA_TAXONOMY_URL). A query goes as
 * `GET <url>?query=…`, the way the public API is called. Every request has a timeout; network errors,
 * timeouts, 429, 5xx and replies that are not JSON are retried with exponential backoff; a 4xx or a
 * GraphQL `errors` array is not (asking again gives the same answer) and fails at once.
 */
import { UserError } from '../../../errors/user-error.js';

export interface GraphqlClientOptions {
  url: string;
  /** Whole request, body included. */
  timeoutMs?: number;
  /** Attempts after the first one. */
  retries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  onRetry?: (info: { what: string; attempt: number; reason: string; delayMs: number }) => void;
}

/** The API could not give an answer: the message names what was asked and what went wrong. */
export class TaxonomySyncError extends UserError {
  override name = 'TaxonomySyncError';
}

class Retryable extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}…` : flat;
}

export class JobtechGraphqlClient {
  readonly url: string;
  readonly stats = { requests: 0, retries: 0 };
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly onRetry: GraphqlClientOptions['onRetry'];

  constructor(options: GraphqlClientOptions) {
    this.url = options.url;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.retries = options.retries ?? 4;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffMaxMs = options.backoffMaxMs ?? 15_000;
    this.onRetry = options.onRetry;
  }

  /**
   * Runs one query and returns the whole parsed reply (`{data: …}`). `what` names the request in
   * messages ("concepts of type skill from offset 500").
   */
  async query(query: string, what: string): Promise<{ data: unknown }> {
    const target = new URL(this.url);
    target.searchParams.set('query', query);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(target, what);
      } catch (error) {
        if (!(error instanceof Retryable)) throw error;
        if (attempt >= this.retries)
          throw new TaxonomySyncError(
            `${this.url}: ${what}: ${error.message} (gave up after ${attempt + 1} attempts)`,
          );
        const delayMs = Math.round(
          Math.random() * Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** attempt),
        );
        this.stats.retries++;
        this.onRetry?.({ what, attempt: attempt + 1, reason: error.message, delayMs });
        await sleep(delayMs);
      }
    }
  }

  private async once(target: URL, what: string): Promise<{ data: unknown }> {
    this.stats.requests++;
    let status: number;
    let text: string;
    try {
      const response = await fetch(target, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError')
        throw new Retryable(`no answer within ${this.timeoutMs / 1000} s`);
      throw new Retryable(`network error (${e.cause?.code ?? e.cause?.message ?? e.message})`);
    }
    if (status === 429 || status >= 500) throw new Retryable(`HTTP ${status} ${excerpt(text)}`.trim());
    if (status >= 400)
      throw new TaxonomySyncError(`${this.url}: ${what}: HTTP ${status} ${excerpt(text)}`.trim());
    let reply: unknown;
    try {
      reply = JSON.parse(text);
    } catch (error) {
      // A cut-off body is the usual cause, and asking again usually mends it.
      throw new Retryable(`the reply is not JSON (${(error as Error).message})`);
    }
    if (typeof reply !== 'object' || reply === null || Array.isArray(reply))
      throw new TaxonomySyncError(`${this.url}: ${what}: the reply is not a JSON object`);
    const { errors, data } = reply as { errors?: unknown; data?: unknown };
    if (Array.isArray(errors) && errors.length > 0) {
      const messages = errors
        .map((e) => (typeof e === 'object' && e && 'message' in e ? String(e.message) : JSON.stringify(e)))
        .slice(0, 3)
        .join('; ');
      throw new TaxonomySyncError(`${this.url}: ${what}: the API answered with errors: ${messages}`);
    }
    if (data === undefined || data === null)
      throw new TaxonomySyncError(`${this.url}: ${what}: the reply has no "data"`);
    return { data };
  }
}
