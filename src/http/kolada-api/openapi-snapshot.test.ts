/**
 * The OpenAPI documents are committed (src/http/kolada-api/openapi-snapshots/) so an API change shows
 * up in review. This test fails when the running app's documents differ from them; to accept a
 * change, regenerate with UPDATE_OPENAPI_SNAPSHOTS=1 (see the README) and commit the result.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { loadSettings } from '../../config/settings.js';
import { buildApp } from '../app.js';

const SNAPSHOTS = join(import.meta.dirname, 'openapi-snapshots');
const UPDATE = process.env.UPDATE_OPENAPI_SNAPSHOTS === '1';

// The documents do not depend on the backend; one backend is enough.
const dialect = DIALECTS[0] ?? 'sqlite';

describe(`OpenAPI documents (${dialect})`, () => {
  let temp: TempStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    temp = await createTempStore(dialect);
    app = await buildApp({ store: temp.store, settings: loadSettings({}) });
  });
  afterAll(async () => {
    await app?.close();
    await temp?.destroy();
  });

  for (const version of ['v3', 'v2'] as const) {
    it(`/${version}/openapi.json equals the committed snapshot`, async () => {
      const res = await app.inject({ method: 'GET', url: `/${version}/openapi.json` });
      expect(res.statusCode).toBe(200);
      const doc = res.json() as {
        openapi: string;
        info: { description: string };
        paths: Record<string, unknown>;
      };
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.description).toContain('Källa: Kolada');
      expect(doc.info.description).toContain('Computed by Etablera');
      const paths = Object.keys(doc.paths);
      expect(paths).toContain(`/${version}/data/kpi/{kpi}/municipality/{unit}/year/{year}`);
      expect(paths).toContain(`/${version}/oudata/ou/{unit}/year/{year}`);
      expect(paths.some((p) => p.includes('openapi.json') || p.includes('/docs'))).toBe(false);
      const file = join(SNAPSHOTS, `${version}.json`);
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      if (UPDATE) {
        mkdirSync(SNAPSHOTS, { recursive: true });
        writeFileSync(file, text);
      }
      expect(existsSync(file), `${file} is missing: run with UPDATE_OPENAPI_SNAPSHOTS=1`).toBe(true);
      expect(JSON.parse(text), 'the API changed: regenerate with UPDATE_OPENAPI_SNAPSHOTS=1').toEqual(
        JSON.parse(readFileSync(file, 'utf8')),
      );
    });
  }

  it('serves Swagger UI at /v3/docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/v3/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('/v3/docs/static/swagger-ui-bundle.js');
    const bundle = await app.inject({ method: 'GET', url: '/v3/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
  });
});
