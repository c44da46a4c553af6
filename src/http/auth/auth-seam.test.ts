/**
 * No route can forget authorisation: every registered route is either public by the declared list
 * (public-routes.ts) or declares a permission, and every guarded route really refuses a caller
 * without credentials.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { isPermission } from '../../accounts/roles.js';
import { loadSettings } from '../../config/settings.js';
import { buildApp } from '../app.js';
import { isPublicRoute, PUBLIC_ROUTES } from './public-routes.js';

const dialect = DIALECTS[0] ?? 'sqlite';

describe(`the authorisation seam (${dialect})`, () => {
  let temp: TempStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    temp = await createTempStore(dialect);
    app = await buildApp({ store: temp.store, settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0' }) });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await temp?.destroy();
  });

  it('sees the routes of every feature', () => {
    const urls = new Set(app.routeAccess.map((r) => r.url));
    for (const url of ['/v3/kpi', '/kommun/:id', '/api/admin/sync', '/api/audit', '/konto', '/logga-in'])
      expect(urls).toContain(url);
    expect(app.routeAccess.length).toBeGreaterThan(40);
  });

  it('finds every route public by the declared list or guarded by a known permission', () => {
    const unguarded = app.routeAccess.filter((r) => !r.permission && !isPublicRoute(r.url));
    expect(unguarded.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    for (const r of app.routeAccess.filter((r) => r.permission))
      expect(
        r.permission === 'signed-in' || isPermission(r.permission as string),
        `${r.url}: ${r.permission}`,
      ).toBe(true);
    // A guarded route is never also matched by the public list (the list would hide a missing guard).
    const both = app.routeAccess.filter((r) => r.permission && isPublicRoute(r.url));
    expect(both.map((r) => r.url)).toEqual([]);
    expect(PUBLIC_ROUTES.length).toBeGreaterThan(0);
  });

  it('refuses every guarded route to a caller without credentials (401), writing nothing', async () => {
    const guarded = app.routeAccess.filter(
      (r) => r.permission && r.method !== 'HEAD' && r.method !== 'OPTIONS',
    );
    expect(guarded.length).toBeGreaterThan(5);
    const audit = async () => (await temp.store.db.selectFrom('audit_log').select('id').execute()).length;
    const before = await audit();
    for (const r of guarded) {
      const url = r.url.replace(/:(\w+)/g, 'x');
      const res = await app.inject({
        method: r.method as 'GET',
        url,
        headers: { accept: 'application/json' },
      });
      expect(res.statusCode, `${r.method} ${url}`).toBe(401);
      const withBadToken = await app.inject({
        method: r.method as 'GET',
        url,
        headers: { authorization: 'Bearer etb_forged' },
      });
      expect(withBadToken.statusCode, `${r.method} ${url} (forged token)`).toBe(401);
    }
    // Only the refused token uses were recorded.
    const rows = await temp.store.db.selectFrom('audit_log').selectAll().where('id', '>', before).execute();
    expect(rows.length).toBe(guarded.length);
    expect(rows.every((row) => row.action === 'token.use' && row.outcome === 'refused')).toBe(true);
    expect(before).toBe(0);
    await audit();
  });
});

describe(`/api/openapi.json (${dialect})`, () => {
  let temp: TempStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    temp = await createTempStore(dialect);
    app = await buildApp({ store: temp.store, settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0' }) });
  });
  afterAll(async () => {
    await app?.close();
    await temp?.destroy();
  });

  it('documents every /api route with the cookie and bearer schemes where a permission is needed', async () => {
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.0.3');
    expect(doc.components.securitySchemes).toEqual({
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'etablera_session' },
      bearerToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    const apiRoutes = app.routeAccess.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    for (const r of apiRoutes) {
      const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.url}`).toBeDefined();
      expect(op.security, r.url).toEqual(r.permission ? [{ sessionCookie: [] }, { bearerToken: [] }] : []);
      if (r.permission) expect(op['x-etablera-permission']).toBe(r.permission);
    }
    expect(doc.paths['/api/audit'].get['x-etablera-permission']).toBe('audit.read');
    // A path parameter with its own schema's description; the query's fields with bounds and defaults.
    expect(doc.paths['/api/people/{id}/matches'].get.parameters).toEqual([
      {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The person id (a UUID)',
        schema: { type: 'string' },
      },
      {
        name: 'kind',
        in: 'query',
        required: false,
        schema: expect.objectContaining({ default: 'occupation' }),
      },
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
      },
    ]);
    // A route's own summary and tags are published; the table names those without.
    expect(doc.paths['/api/people'].post).toMatchObject({
      summary: expect.stringMatching(/^Record a person/),
      tags: ['process'],
    });
    expect(doc.paths['/api/health'].get.summary).toBe('Liveness: the store answers');
    expect(
      doc.paths['/api/admin/sync'].post.requestBody.content['application/json'].schema.properties.kpis,
    ).toMatchObject({ type: 'array', maxItems: 10_000, items: { type: 'string' } });
  });
});
