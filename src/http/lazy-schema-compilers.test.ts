/**
 * Route schemas are compiled at each route's first request (lazy-schema-compilers.ts). A schema that
 * does not compile would then only fail when someone calls that route, so this test compiles all of
 * them, and checks that validation and reply serialisation still do what Fastify's own compilers do.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { loadSettings } from '../config/settings.js';
import { buildApp } from './app.js';
import { compileAllSchemas } from './lazy-schema-compilers.js';

// Compilation does not depend on the backend; one is enough.
const dialect = DIALECTS[0] ?? 'sqlite';

describe(`lazily compiled route schemas (${dialect})`, () => {
  let temp: TempStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    temp = await createTempStore(dialect);
    app = await buildApp({ store: temp.store, settings: loadSettings({}) });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await temp?.destroy();
  });

  it('validates a request and serialises a reply on first use', async () => {
    // A Kolada route's query schema (per_page is an integer 1–5000), through the compiled validator.
    const notANumber = await app.inject('/v3/kpi?per_page=abc');
    expect(notANumber.statusCode).toBe(400);
    expect(notANumber.json()).toMatchObject({ error: 'per_page must be integer', parameter: 'per_page' });
    const tooMany = await app.inject('/v3/kpi?per_page=99999');
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json()).toMatchObject({ error: 'per_page must be <= 5000', parameter: 'per_page' });
    // Coercion (a string in the URL becomes the schema's integer) still happens.
    const good = await app.inject('/v3/kpi?per_page=2');
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ count: expect.any(Number), values: expect.any(Array) });
  });

  it('compiles every other schema of every route without an error', () => {
    const compiled = compileAllSchemas(app);
    // Several hundred routes carry schemas; far fewer would mean the deferral lost track of them.
    expect(compiled).toBeGreaterThan(100);
    expect(compileAllSchemas(app)).toBe(0);
  });
});
