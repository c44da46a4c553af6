/**
 * Headers, rate limit, size and time limits, and who may change data (admin token), in-process
 * except where a real socket is the point (idle-connection timeout).
 */
import { Agent, get as httpGet } from 'node:http';
import { connect } from 'node:net';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings, type Settings, SettingsError } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS } from '../support/dialects.js';
import { createTempStore, type TempStore } from '../support/temp-store.js';

const dialect = DIALECTS[0] ?? 'sqlite';
const TOKEN = 'test-admin-token-0123456789abcdef';

function portOf(app: FastifyInstance): number {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return address.port;
}

describe(`security headers and limits (${dialect})`, () => {
  let temp: TempStore;
  const apps: FastifyInstance[] = [];
  const app = async (env: Record<string, string> = {}, overrides: Partial<Settings> = {}) => {
    const a = await buildApp({ store: temp.store, settings: loadSettings(env, overrides) });
    apps.push(a);
    return a;
  };

  beforeAll(async () => {
    temp = await createTempStore(dialect);
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await temp?.destroy();
  });

  it('sends a CSP without inline script, nosniff, frame-ancestors and Referrer-Policy on every kind of route', async () => {
    const a = await app();
    for (const url of [
      '/v3/kpi',
      '/v2/municipality',
      '/api/health',
      '/v3/docs/',
      '/v3/openapi.json',
      '/nope',
    ]) {
      const res = await a.inject({ url });
      const csp = String(res.headers['content-security-policy']);
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc, url).toBe("'self'");
      expect(csp, url).not.toMatch(/unsafe-eval/);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
  });

  it('rate-limits with a JSON 429 and Retry-After, per client', async () => {
    const a = await app({ ETABLERA_RATE_LIMIT_MAX: '5', ETABLERA_RATE_LIMIT_WINDOW_S: '60' });
    for (const url of ['/v3/kpi', '/api/health']) {
      const statuses: number[] = [];
      let last = await a.inject({ url, remoteAddress: `10.0.0.${url.length}` });
      statuses.push(last.statusCode);
      for (let i = 0; i < 6; i++) {
        last = await a.inject({ url, remoteAddress: `10.0.0.${url.length}` });
        statuses.push(last.statusCode);
      }
      expect(statuses, url).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect(last.headers['content-type'], url).toMatch(/^application\/json/);
      // The Kolada API answers in its error shape ({error, detail}); /api in Fastify's ({error, message}).
      const body = last.json() as { error: string; message?: string };
      const said =
        /Too many requests: at most 5 per 1 minute from one client; try again in (\d+) s \(see Retry-After\)/.exec(
          `${body.error} ${body.message ?? ''}`,
        );
      // The wait the message names is the header's, and within the 60 s window.
      expect(said?.[1], url).toBe(last.headers['retry-after']);
      expect(Number(said?.[1]), url).toBeGreaterThanOrEqual(1);
      expect(Number(said?.[1]), url).toBeLessThanOrEqual(60);
      // Another client is not affected.
      expect((await a.inject({ url, remoteAddress: '10.9.9.9' })).statusCode).toBe(200);
    }
  });

  it('does not rate-limit clients on this machine: 10 connections from 127.0.0.1 get no 429', async () => {
    const a = await app({ ETABLERA_RATE_LIMIT_MAX: '20' });
    await a.listen({ port: 0, host: '127.0.0.1' });
    const result = await autocannon({
      url: `http://127.0.0.1:${portOf(a)}/api/health`,
      connections: 10,
      amount: 1000,
    });
    expect(result['2xx']).toBe(1000);
    expect(result.non2xx).toBe(0);
    // The same budget does apply to a client elsewhere, and to requests a local proxy forwards
    // while ETABLERA_TRUST_PROXY is off (every user behind it would otherwise be unlimited).
    const remote = [];
    for (let i = 0; i < 21; i++)
      remote.push((await a.inject({ url: '/api/health', remoteAddress: '192.0.2.7' })).statusCode);
    expect(remote.filter((s) => s === 429)).toHaveLength(1);
    const proxied = [];
    for (let i = 0; i < 21; i++)
      proxied.push(
        (await a.inject({ url: '/api/health', headers: { 'x-forwarded-for': '192.0.2.8' } })).statusCode,
      );
    expect(proxied.at(-1)).toBe(429);
  });

  it('behind a trusted proxy, gives each forwarded client IP its own budget and ignores spoofed entries', async () => {
    const a = await app({ ETABLERA_RATE_LIMIT_MAX: '5', ETABLERA_TRUST_PROXY: 'true' });
    await a.listen({ port: 0, host: '0.0.0.0' });
    // What a proxy on this machine sends: it appends the address of the client that connected to it.
    const viaProxy = async (forwardedFor: string) =>
      (
        await fetch(`http://127.0.0.1:${portOf(a)}/api/health`, {
          headers: { 'x-forwarded-for': forwardedFor },
        })
      ).status;
    const first: number[] = [];
    for (let i = 0; i < 6; i++) first.push(await viaProxy('203.0.113.1'));
    expect(first).toEqual([200, 200, 200, 200, 200, 429]);
    const second: number[] = [];
    for (let i = 0; i < 6; i++) second.push(await viaProxy('203.0.113.2'));
    expect(second).toEqual([200, 200, 200, 200, 200, 429]);
    // A client cannot escape by writing its own X-Forwarded-For: the proxy appends the real one.
    expect(await viaProxy('127.0.0.1, 203.0.113.1')).toBe(429);
    expect(await viaProxy('198.51.100.9, 203.0.113.2')).toBe(429);
    // A client that reaches the server directly (not through a private proxy) is not believed.
    const direct = [];
    for (let i = 0; i < 6; i++)
      direct.push(
        (
          await a.inject({
            url: '/api/health',
            remoteAddress: '198.51.100.1',
            headers: { 'x-forwarded-for': `127.0.0.${i + 1}` },
          })
        ).statusCode,
      );
    expect(direct).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('turns the rate limit off with 0', async () => {
    const a = await app({ ETABLERA_RATE_LIMIT_MAX: '0' });
    for (let i = 0; i < 30; i++) expect((await a.inject({ url: '/api/health' })).statusCode).toBe(200);
  });

  it('refuses bodies over ETABLERA_BODY_LIMIT with a JSON 413', async () => {
    const a = await app({ ETABLERA_BODY_LIMIT: '1024' }, { adminToken: TOKEN });
    const res = await a.inject({
      method: 'POST',
      url: '/api/admin/sync',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ kpis: Array.from({ length: 300 }, () => 'N00700') }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatch(/too large/i);
  });

  it('applies the time limits to the HTTP server and closes idle connections', async () => {
    const a = await app({ ETABLERA_REQUEST_TIMEOUT_MS: '4321', ETABLERA_CONNECTION_TIMEOUT_MS: '300' });
    await a.listen({ port: 0, host: '127.0.0.1' });
    expect(a.server.requestTimeout).toBe(4321);
    expect(a.server.timeout).toBe(300);
    const address = a.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    // A client that connects and sends nothing is dropped by the server, not kept forever.
    const closedByServer = await new Promise<boolean>((resolve) => {
      const socket = connect(address.port, '127.0.0.1');
      const guard = setTimeout(() => {
        socket.destroy();
        resolve(false);
      }, 20_000);
      socket.on('close', () => {
        clearTimeout(guard);
        resolve(true);
      });
      socket.on('error', () => {});
    });
    expect(closedByServer).toBe(true);
  });

  it('closes a kept-alive connection after ETABLERA_KEEPALIVE_MAX_REQUESTS replies, so the client opens a new one', async () => {
    const a = await app({ ETABLERA_KEEPALIVE_MAX_REQUESTS: '3' });
    await a.listen({ port: 0, host: '127.0.0.1' });
    expect(a.server.maxRequestsPerSocket).toBe(3);
    let connections = 0;
    a.server.on('connection', () => {
      connections++;
    });
    const address = a.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const replies: { status: number; connection: string | undefined }[] = [];
      for (let i = 0; i < 7; i++)
        replies.push(
          await new Promise((resolve, reject) => {
            httpGet({ host: '127.0.0.1', port: address.port, path: '/api/health', agent }, (res) => {
              res.resume();
              res.on('end', () =>
                resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }),
              );
            }).on('error', reject);
          }),
        );
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
      expect(replies.map((r) => r.connection)).toEqual([
        'keep-alive',
        'keep-alive',
        'close',
        'keep-alive',
        'keep-alive',
        'close',
        'keep-alive',
      ]);
      // One connection for each three requests, one at a time.
      expect(connections).toBe(3);
    } finally {
      agent.destroy();
    }
    expect(loadSettings({}).keepAliveMaxRequests).toBe(100);
    expect(() => loadSettings({ ETABLERA_KEEPALIVE_MAX_REQUESTS: '-1' })).toThrow(
      /ETABLERA_KEEPALIVE_MAX_REQUESTS/,
    );
  });

  it('rejects bad limit settings and guessable admin tokens, naming the setting', () => {
    expect(() => loadSettings({ ETABLERA_BODY_LIMIT: '-1' })).toThrow(/ETABLERA_BODY_LIMIT.*"-1"/);
    expect(() => loadSettings({ ETABLERA_RATE_LIMIT_MAX: '1e3' })).toThrow(SettingsError);
    for (const bad of ['yes', '1', '10.0.0.0/33', '10.0.0', '10.0.0.1,nginx'])
      expect(() => loadSettings({ ETABLERA_TRUST_PROXY: bad }), bad).toThrow(/ETABLERA_TRUST_PROXY/);
    expect(loadSettings({ ETABLERA_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadSettings({ ETABLERA_TRUST_PROXY: '10.0.0.0/8, ::1' }).trustProxy).toBe('10.0.0.0/8,::1');
    expect(loadSettings({}).trustProxy).toBe(false);
    expect(loadSettings({}).host).toBe('127.0.0.1');
    expect(() => loadSettings({ ETABLERA_ADMIN_TOKEN: 'secret' })).toThrow(/ETABLERA_ADMIN_TOKEN.*16/);
    expect(loadSettings({}).adminToken).toBe('');
  });
});
