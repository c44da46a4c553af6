/**
 * The security seam on its own (no store): the exact CSP, which peers count as a trusted proxy or as
 * this machine, the NUL-byte door, the rate limit's allow list and message, and the one-time proxy
 * warning. test/reliability/security.test.ts checks the same promises through the whole app.
 */
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../config/settings.js';
import { isLoopback, registerSecurity, securityHeaders, serverLimits, trustedProxy } from './security.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

/** A bare app with the security seam and two routes, its warnings collected. */
async function appWith(env: Record<string, string>) {
  const settings = loadSettings(env);
  const warnings: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      const line = JSON.parse(String(chunk)) as { level: number; msg: string };
      if (line.level === 40) warnings.push(line.msg);
      done();
    },
  });
  const app = Fastify({ ...serverLimits(settings), logger: { level: 'warn', stream } });
  apps.push(app);
  await registerSecurity(app, settings);
  app.get('/api/ping', async () => ({ ok: true }));
  app.get('/v3/kpi', async (request) => ({ query: request.query }));
  await app.ready();
  return { app, warnings };
}

describe('security seam', () => {
  it('sends exactly the documented Content-Security-Policy', async () => {
    const { app } = await appWith({});
    const res = await app.inject({ url: '/api/ping', remoteAddress: '127.0.0.1' });
    expect(res.headers['content-security-policy']).toBe(
      [
        "default-src 'self'",
        "base-uri 'self'",
        "script-src 'self'",
        "script-src-attr 'none'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join(';'),
    );
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it("sends every one of helmet's headers, rendered once, on every reply: a page, a 404, a refusal", async () => {
    const { app } = await appWith({});
    const helmet = await securityHeaders();
    expect(Object.keys(helmet)).toEqual(
      expect.arrayContaining(['content-security-policy', 'x-content-type-options', 'x-frame-options']),
    );
    for (const url of ['/api/ping', '/nowhere', '/api/ping?q=%00']) {
      const res = await app.inject({ url, remoteAddress: '127.0.0.1' });
      for (const [name, value] of Object.entries(helmet))
        expect([url, name, res.headers[name]]).toEqual([url, name, value]);
    }
  });

  it('refuses a NUL byte in an Etablera URL, and leaves the Kolada API to name its parameter', async () => {
    const { app } = await appWith({});
    // Also when a parameter's value merely looks like a Kolada path: only the path itself counts.
    for (const url of ['/api/ping?q=a%00b', '/api/ping%00', '/api/ping?next=/v3/kpi%00']) {
      const res = await app.inject({ url, remoteAddress: '127.0.0.1' });
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toEqual({
        statusCode: 400,
        error: 'The URL contains a NUL byte (%00), which no parameter may hold',
        code: 'nulByte',
      });
    }
    for (const url of ['/v3/kpi?title=a%00b', '/v2/kpi?title=%00']) {
      const res = await app.inject({ url, remoteAddress: '127.0.0.1' });
      expect(res.json().code, url).not.toBe('nulByte');
    }
    expect((await app.inject({ url: '/api/ping?q=a00b', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
  });

  it('counts 127.0.0.0/8 and ::1 as this machine, also IPv4-mapped, and nothing else', () => {
    for (const ip of ['127.0.0.1', '127.255.0.9', '::ffff:127.0.0.1', '::1'])
      expect(isLoopback(ip), ip).toBe(true);
    for (const ip of ['128.0.0.1', '10.0.0.1', '::2', '::ffff:10.0.0.1', '1.127.0.0', '::11', '1271::1'])
      expect(isLoopback(ip), ip).toBe(false);
  });

  it('trusts only the nearest proxy, and only on this machine or a private network', () => {
    const trusted = [
      '127.0.0.1',
      '127.9.9.9',
      '10.0.0.1',
      '10.255.255.255',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.3.4',
      '::ffff:10.1.2.3',
      '::ffff:192.168.0.7',
      '::1',
      'fc00::1',
      'fdff:ffff::1',
      'fe80::1',
      'febf::1',
    ];
    for (const address of trusted) {
      expect(trustedProxy(address, 0), address).toBe(true);
      expect(trustedProxy(address, 1), `${address} at hop 1`).toBe(false);
    }
    const untrusted = [
      '8.8.8.8',
      '9.255.255.255',
      '11.0.0.1',
      '172.15.255.255',
      '172.32.0.1',
      '192.169.0.1',
      '169.253.0.1',
      '::ffff:8.8.8.8',
      '::2',
      'fbff::1',
      'fe00::1',
      'fec0::1',
      '2001:db8::1',
    ];
    for (const address of untrusted) expect(trustedProxy(address, 0), address).toBe(false);
  });

  it('maps the limit settings onto the server, with the trusted-proxy rule only for "true"', () => {
    const limits = serverLimits(
      loadSettings({
        ETABLERA_BODY_LIMIT: '1234',
        ETABLERA_REQUEST_TIMEOUT_MS: '4321',
        ETABLERA_CONNECTION_TIMEOUT_MS: '99',
        ETABLERA_KEEPALIVE_MAX_REQUESTS: '7',
        ETABLERA_TRUST_PROXY: 'true',
      }),
    );
    expect(limits).toEqual({
      bodyLimit: 1234,
      requestTimeout: 4321,
      connectionTimeout: 99,
      maxRequestsPerSocket: 7,
      trustProxy: trustedProxy,
    });
    expect(serverLimits(loadSettings({ ETABLERA_TRUST_PROXY: '10.0.0.0/8' })).trustProxy).toBe('10.0.0.0/8');
    expect(serverLimits(loadSettings({})).trustProxy).toBe(false);
  });

  it('limits remote clients and local clients behind an untrusted proxy, with the limit in the message', async () => {
    const { app } = await appWith({ ETABLERA_RATE_LIMIT_MAX: '2', ETABLERA_RATE_LIMIT_WINDOW_S: '60' });
    const statuses = async (remoteAddress: string, headers: Record<string, string> = {}) => {
      const seen: number[] = [];
      for (let i = 0; i < 3; i++)
        seen.push((await app.inject({ url: '/api/ping', remoteAddress, headers })).statusCode);
      return seen;
    };
    expect(await statuses('127.0.0.1')).toEqual([200, 200, 200]);
    expect(await statuses('::1')).toEqual([200, 200, 200]);
    expect(await statuses('10.0.0.5')).toEqual([200, 200, 429]);
    expect(await statuses('127.0.0.2', { 'x-forwarded-for': '203.0.113.4' })).toEqual([200, 200, 429]);
    const refused = await app.inject({ url: '/api/ping', remoteAddress: '10.0.0.5' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      statusCode: 429,
      error: 'Too many requests: at most 2 per 1 minute from one client; try again in 60 s (see Retry-After)',
      code: 'rate_limited',
    });
    expect(refused.headers['retry-after']).toBe('60');
  });

  it('limits nobody with ETABLERA_RATE_LIMIT_MAX=0', async () => {
    const { app } = await appWith({ ETABLERA_RATE_LIMIT_MAX: '0' });
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ url: '/api/ping', remoteAddress: '10.0.0.5' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });

  it('lets a local client through a trusted proxy, and limits the clients it names', async () => {
    const { app, warnings } = await appWith({ ETABLERA_RATE_LIMIT_MAX: '1', ETABLERA_TRUST_PROXY: 'true' });
    const viaProxy = (client: string) =>
      app.inject({ url: '/api/ping', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': client } });
    expect((await viaProxy('127.0.0.1')).statusCode).toBe(200);
    expect((await viaProxy('127.0.0.1')).statusCode).toBe(200);
    expect((await viaProxy('203.0.113.8')).statusCode).toBe(200);
    expect((await viaProxy('203.0.113.8')).statusCode).toBe(429);
    expect(warnings).toEqual([]);
  });

  it('warns once that a proxy seems to be in front while ETABLERA_TRUST_PROXY is off, and only then', async () => {
    const off = await appWith({ ETABLERA_RATE_LIMIT_MAX: '100' });
    await off.app.inject({ url: '/api/ping', remoteAddress: '127.0.0.1' });
    expect(off.warnings).toEqual([]);
    for (let i = 0; i < 3; i++)
      await off.app.inject({
        url: '/api/ping',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '1.2.3.4' },
      });
    expect(off.warnings).toHaveLength(1);
    expect(off.warnings[0]).toMatch(/X-Forwarded-For but ETABLERA_TRUST_PROXY is off/);

    const unlimited = await appWith({ ETABLERA_RATE_LIMIT_MAX: '0' });
    await unlimited.app.inject({ url: '/api/ping', headers: { 'x-forwarded-for': '1.2.3.4' } });
    expect(unlimited.warnings).toEqual([]);
  });
});
