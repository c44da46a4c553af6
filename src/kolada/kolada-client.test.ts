/**
 * The Kolada client against a scripted HTTP server (real sockets, real fetch): paging, what is
 * retried and what is not, the backoff and Retry-After, the messages, and the small helpers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  describeNetworkError,
  idSegments,
  KoladaClient,
  KoladaRequestError,
  PER_PAGE,
  parseRetryAfter,
  type RetryInfo,
} from './kolada-client.js';

type Reply = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let base: string;
/** Replies in the order requests arrive; when empty, 404. */
let script: Reply[] = [];
let seen: string[] = [];
let accepts: (string | undefined)[] = [];

const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
const text =
  (body: string, status: number, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, headers).end(body);
  };

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    accepts.push(req.headers.accept);
    const reply = script.shift() ?? text('no reply scripted', 404);
    reply(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
afterEach(() => {
  script = [];
  seen = [];
  accepts = [];
  vi.restoreAllMocks();
});

/** A client that retries quickly; `retries` and the rest as given. */
const quick = (more: Partial<ConstructorParameters<typeof KoladaClient>[0]> = {}) =>
  new KoladaClient({ baseUrl: base, backoffBaseMs: 1, backoffMaxMs: 2, ...more });

const envelope = (values: unknown[], next: Record<string, unknown> = {}) => json({ values, ...next });

describe('KoladaClient.url', () => {
  it('drops every trailing slash of the base URL and sets only the defined query parameters', () => {
    const client = new KoladaClient({ baseUrl: 'http://kolada.example/v3//' });
    expect(client.baseUrl).toBe('http://kolada.example/v3');
    expect(client.url('/kpi', { title: 'skola', page: 2, missing: undefined })).toBe(
      'http://kolada.example/v3/kpi?title=skola&page=2',
    );
    expect(client.url('/kpi')).toBe('http://kolada.example/v3/kpi');
    // Only trailing slashes go.
    expect(new KoladaClient({ baseUrl: 'http://kolada.example//v3' }).baseUrl).toBe(
      'http://kolada.example//v3',
    );
  });
});

describe('KoladaClient.items and all', () => {
  it('asks for the largest page and follows next_url, then next_page, relative to the page', async () => {
    script = [
      envelope([1, 2], { next_url: `${base}/kpi?page=2` }),
      envelope([3], { next_url: null, next_page: '/v3/kpi?page=3' }),
      envelope([4], { next_page: 'kpi?page=4' }),
      envelope([5], { next_url: '' }),
    ];
    const client = quick();
    expect(await client.all('/kpi', { title: 'x' })).toEqual([1, 2, 3, 4, 5]);
    expect(seen).toEqual([
      `/v3/kpi?title=x&per_page=${PER_PAGE}`,
      '/v3/kpi?page=2',
      '/v3/kpi?page=3',
      '/v3/kpi?page=4',
    ]);
    expect(PER_PAGE).toBe(5000);
    expect(accepts).toEqual(Array(4).fill('application/json'));
    expect(client.stats).toEqual({ requests: 4, retries: 0 });
  });

  it('stops at a page that links to one already read instead of looping', async () => {
    script = [
      envelope([1], { next_url: `${base}/kpi?page=2` }),
      envelope([2], { next_url: `${base}/kpi?page=2` }),
      envelope(['never'], {}),
    ];
    expect(await quick().all('/kpi')).toEqual([1, 2]);
    expect(seen).toHaveLength(2);
    script = [envelope([1], { next_url: `${base}/kpi?per_page=5000` })];
    expect(await quick().all('/kpi')).toEqual([1]);
    expect(seen).toHaveLength(3);
  });
});

describe('KoladaClient.getEnvelope', () => {
  it('retries 5xx, 429 and broken JSON, reporting each retry, and returns the good reply', async () => {
    script = [
      text('{"detail":"x"}', 500),
      text('{}', 503),
      text('{}', 429),
      text('{"values": [1, 2', 200),
      envelope(['ok']),
    ];
    const retries: RetryInfo[] = [];
    const client = quick({ onRetry: (info) => retries.push(info) });
    const url = `${base}/kpi`;
    expect(await client.getEnvelope(url)).toEqual({ values: ['ok'] });
    expect(retries.map(({ delayMs: _, ...r }) => r)).toEqual([
      { url, attempt: 1, reason: 'HTTP 500' },
      { url, attempt: 2, reason: 'HTTP 503' },
      { url, attempt: 3, reason: 'HTTP 429 Too Many Requests' },
      { url, attempt: 4, reason: 'incomplete or broken JSON (16 bytes)' },
    ]);
    expect(client.stats).toEqual({ requests: 5, retries: 4 });
  });

  it('gives up after the first attempt and as many retries as asked, naming the last reason', async () => {
    script = Array.from({ length: 10 }, () => text('', 502));
    const client = quick({ retries: 2 });
    const error = await client.getEnvelope(`${base}/kpi`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KoladaRequestError);
    expect(error).toMatchObject({
      url: `${base}/kpi`,
      status: null,
      name: 'KoladaRequestError',
      message: `${base}/kpi: gave up after 3 attempts (HTTP 502)`,
    });
    expect(seen).toHaveLength(3);
    expect(client.stats).toEqual({ requests: 3, retries: 2 });
  });

  it('makes six retries by default, each waiting a random share of a doubling ceiling up to the largest', async () => {
    script = Array.from({ length: 10 }, () => text('', 500));
    vi.spyOn(Math, 'random').mockReturnValue(0.001);
    const delays: number[] = [];
    const client = new KoladaClient({ baseUrl: base, onRetry: (i) => delays.push(i.delayMs) });
    await expect(client.getEnvelope(`${base}/kpi`)).rejects.toThrow('gave up after 7 attempts (HTTP 500)');
    // Default base 500 ms: ceilings 500, 1000, 2000, 4000, 8000, 16000; a thousandth of each.
    expect(delays.map((d) => Number(d.toFixed(6)))).toEqual([0.5, 1, 2, 4, 8, 16]);

    delays.length = 0;
    script = Array.from({ length: 10 }, () => text('', 500));
    const more = new KoladaClient({ baseUrl: base, retries: 8, onRetry: (i) => delays.push(i.delayMs) });
    await expect(more.getEnvelope(`${base}/kpi`)).rejects.toThrow('gave up after 9 attempts');
    // 32 000 and 64 000 are cut to the default largest ceiling, 30 000.
    expect(delays.map((d) => Number(d.toFixed(6)))).toEqual([0.5, 1, 2, 4, 8, 16, 30, 30]);

    delays.length = 0;
    script = Array.from({ length: 10 }, () => text('', 500));
    const capped = quick({
      retries: 4,
      backoffBaseMs: 1000,
      backoffMaxMs: 3000,
      onRetry: (i) => delays.push(i.delayMs),
    });
    await expect(capped.getEnvelope(`${base}/kpi`)).rejects.toThrow('gave up after 5 attempts');
    expect(delays.map((d) => Number(d.toFixed(6)))).toEqual([1, 2, 3, 3]);
  });

  it('waits at least what Retry-After asks (429 and 5xx), at most maxRetryAfterMs', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const delays: number[] = [];
    script = [
      text('', 429, { 'retry-after': '0.05' }),
      text('', 503, { 'retry-after': '0.03' }),
      text('', 429, { 'retry-after': '3' }),
      envelope([]),
    ];
    const client = quick({ maxRetryAfterMs: 70, onRetry: (i) => delays.push(i.delayMs) });
    await client.getEnvelope(`${base}/kpi`);
    expect(delays).toEqual([50, 30, 70]);

    // The default cut is two minutes: seen in the retry report, before any wait (the report stops it).
    script = [text('', 429, { 'retry-after': '86400' }), text('', 429, { 'retry-after': '100' })];
    const stop = new Error('stop before waiting');
    const reported: number[] = [];
    const patient = new KoladaClient({
      baseUrl: base,
      onRetry: (i) => {
        reported.push(i.delayMs);
        throw stop;
      },
    });
    await expect(patient.getEnvelope(`${base}/kpi`)).rejects.toBe(stop);
    await expect(patient.getEnvelope(`${base}/kpi`)).rejects.toBe(stop);
    expect(reported).toEqual([120_000, 100_000]);
  });

  it('waits before it asks again', async () => {
    script = [text('', 429, { 'retry-after': '0.4' }), envelope(['after the wait'])];
    const started = performance.now();
    expect(await quick().getEnvelope(`${base}/kpi`)).toEqual({ values: ['after the wait'] });
    // A lower bound only: the wait asked for has passed (however busy the machine).
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('retries a Retry-After it cannot read with the backoff alone', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const delays: number[] = [];
    script = [
      text('', 429, { 'retry-after': 'soon' }),
      text('', 500, { 'retry-after': 'soon' }),
      envelope([]),
    ];
    await quick({ backoffBaseMs: 8, backoffMaxMs: 100, onRetry: (i) => delays.push(i.delayMs) }).getEnvelope(
      `${base}/kpi`,
    );
    expect(delays).toEqual([4, 8]);
  });

  it('does not retry other statuses, and names the status and the start of the body', async () => {
    for (const status of [300, 400, 404, 422]) {
      script = [text(`refused ${'x'.repeat(400)}`, status), envelope(['not asked'])];
      seen = [];
      const client = quick();
      const error = await client.getEnvelope(`${base}/kpi`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KoladaRequestError);
      expect(error).toMatchObject({
        status,
        url: `${base}/kpi`,
        message: `${base}/kpi: HTTP ${status} refused ${'x'.repeat(292)}`,
      });
      expect(seen).toHaveLength(1);
      expect(client.stats).toEqual({ requests: 1, retries: 0 });
    }
  });

  it('accepts every 2xx and refuses a reply without a values list, without retrying', async () => {
    script = [json({ values: [7] }, 203), json({ values: [8] }, 299)];
    expect(await quick().getEnvelope(`${base}/a`)).toEqual({ values: [7] });
    expect(await quick().getEnvelope(`${base}/a`)).toEqual({ values: [8] });
    for (const body of ['null', '[]', '"values"', '{"values":{}}', '{"items":[]}', '7']) {
      script = [text(body, 200), envelope(['not asked'])];
      seen = [];
      const error = await quick()
        .getEnvelope(`${base}/kpi`)
        .catch((e: unknown) => e);
      expect(error, body).toBeInstanceOf(KoladaRequestError);
      expect(error).toMatchObject({ status: 200, message: `${base}/kpi: the reply has no "values" list` });
      expect(seen).toHaveLength(1);
    }
  });

  it('times out a reply that does not come, and retries it', async () => {
    script = [() => {}, envelope(['late but whole'])];
    const reasons: string[] = [];
    const client = quick({ timeoutMs: 300, onRetry: (i) => reasons.push(i.reason) });
    expect(await client.getEnvelope(`${base}/kpi`)).toEqual({ values: ['late but whole'] });
    expect(reasons).toEqual(['timed out']);
    script = [() => {}];
    await expect(quick({ timeoutMs: 200, retries: 0 }).getEnvelope(`${base}/kpi`)).rejects.toThrow(
      `${base}/kpi: gave up after 1 attempts (timed out)`,
    );
  });

  it('retries a connection the server drops', async () => {
    script = [(_req, res) => res.socket?.destroy(), envelope(['again'])];
    const reasons: string[] = [];
    expect(await quick({ onRetry: (i) => reasons.push(i.reason) }).getEnvelope(`${base}/kpi`)).toEqual({
      values: ['again'],
    });
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).not.toBe('');
  });
});

describe('KoladaClient.probe', () => {
  it('answers null when Kolada answers, else says what failed; one request, no retry', async () => {
    script = [json({ values: [] })];
    const client = quick();
    expect(await client.probe()).toBeNull();
    expect(seen).toEqual(['/v3/municipality/0000']);
    script = [text('', 503), envelope([])];
    expect(await client.probe()).toBe(`${base}/municipality/0000 answered HTTP 503`);
    expect(client.stats).toEqual({ requests: 2, retries: 0 });

    script = [() => {}];
    expect(await client.probe(200)).toBe(`${base}/municipality/0000 cannot be reached (timed out)`);

    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const gone = new KoladaClient({ baseUrl: `http://127.0.0.1:${port}/v3` });
    expect(await gone.probe()).toMatch(
      new RegExp(
        `^http://127\\.0\\.0\\.1:${port}/v3/municipality/0000 cannot be reached \\(ECONNREFUSED: .+\\)$`,
      ),
    );
    expect(gone.stats.requests).toBe(1);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds (also with a fraction and spaces) and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('')).toBeNull();
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('1.5')).toBe(1500);
    expect(parseRetryAfter(' 3 ')).toBe(3000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter('1e3')).toBeNull();
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBe(0);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const wait = parseRetryAfter(inAMinute);
    expect(wait).toBeGreaterThan(58_000);
    expect(wait).toBeLessThanOrEqual(60_000);
  });
});

describe('describeNetworkError', () => {
  it('says timed out for a timeout or abort, else the cause’s code and message, or the message', () => {
    const named = (name: string) => Object.assign(new Error('whatever'), { name });
    expect(describeNetworkError(named('TimeoutError'))).toBe('timed out');
    expect(describeNetworkError(named('AbortError'))).toBe('timed out');
    expect(describeNetworkError(named('TypeError'))).toBe('whatever');
    const withCause = (cause: unknown) => new Error('fetch failed', { cause });
    expect(describeNetworkError(withCause({ code: 'ECONNRESET', message: 'socket hang up' }))).toBe(
      'ECONNRESET: socket hang up',
    );
    expect(describeNetworkError(withCause({ code: 'ECONNRESET' }))).toBe('ECONNRESET');
    expect(describeNetworkError(withCause({ message: 'other side closed' }))).toBe('other side closed');
    expect(describeNetworkError(withCause({}))).toBe('fetch failed');
    expect(describeNetworkError('a string')).toBe('a string');
    expect(describeNetworkError({ name: 'TimeoutError' })).toBe('[object Object]');
  });
});

describe('idSegments', () => {
  it('splits ids into even comma lists of at most 25', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => 1990 + i);
    expect(idSegments([])).toEqual([]);
    expect(idSegments(['N1'])).toEqual(['N1']);
    expect(idSegments(ids(25))).toEqual([ids(25).join(',')]);
    expect(idSegments(ids(26)).map((s) => s.split(',').length)).toEqual([13, 13]);
    expect(idSegments(ids(37)).map((s) => s.split(',').length)).toEqual([19, 18]);
    expect(idSegments(ids(51)).map((s) => s.split(',').length)).toEqual([17, 17, 17]);
    expect(idSegments(ids(37)).join(',')).toBe(ids(37).join(','));
    expect(idSegments(['a', 'b', 'c', 'd', 'e'], 2)).toEqual(['a,b', 'c,d', 'e']);
  });
});
