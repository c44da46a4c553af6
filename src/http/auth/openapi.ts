/**
 * `/api/openapi.json`: Etablera's own API (everything under /api/), built from the routes as they
 * are registered, so a new route appears with the permission it declares. Guarded operations name
 * both ways to authenticate: the session cookie (browsers, with the CSRF token on writes) and a
 * Bearer API token (scripts). The Kolada-compatible API has its own documents at /v3 and /v2.
 */
import type { RouteRecord } from './auth.js';
import { SESSION_COOKIE } from './auth.js';

const SUMMARIES: Record<string, string> = {
  'GET /api/health': 'Liveness: the store answers',
  'GET /api/status': 'Which dataset the store holds and the progress of a running sync',
  'GET /api/audit':
    "An organisation's audit log, newest first (?organisation=, limit 1–1000, before=<id>); another organisation's is a 404",
  'POST /api/admin/sync': 'Start a sync from Kolada in the background (202; 409 while one runs)',
  'GET /api/admin/sync': 'The last sync started by this instance',
  'POST /api/admin/import': 'Import an uploaded Kolada file (?name=kpi.json; the body is the file)',
  'GET /api/openapi.json': 'This document',
};

type JsonSchema = Record<string, unknown>;
const propertiesOf = (schema: unknown): Record<string, JsonSchema> =>
  (schema as { properties?: Record<string, JsonSchema> } | undefined)?.properties ?? {};
const requiredOf = (schema: unknown): string[] =>
  (schema as { required?: string[] } | undefined)?.required ?? [];
/** An OpenAPI parameter; a description in the field's schema is the parameter's own. */
const parameter = (name: string, where: 'path' | 'query', required: boolean, field: JsonSchema) => {
  const { description, ...rest } = field;
  return {
    name,
    in: where,
    required,
    ...(typeof description === 'string' ? { description } : {}),
    schema: rest,
  };
};

export function etableraOpenApi(routes: readonly RouteRecord[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (!route.url.startsWith('/api/') || route.method === 'HEAD' || route.method === 'OPTIONS') continue;
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    const schema = route.schema ?? {};
    // A path parameter's own schema (its description, a length) where the route declares one; the
    // query's fields with theirs (bounds, defaults), so a script's author sees what is accepted.
    const pathSchemas = propertiesOf(schema.params);
    const requiredQuery = requiredOf(schema.querystring);
    const parameters = [
      ...[...route.url.matchAll(/:(\w+)/g)].map(([, name]) =>
        parameter(name as string, 'path', true, pathSchemas[name as string] ?? { type: 'string' }),
      ),
      ...Object.entries(propertiesOf(schema.querystring)).map(([name, field]) =>
        parameter(name, 'query', requiredQuery.includes(name), field),
      ),
    ];
    const guarded = route.permission !== undefined;
    const operation: Record<string, unknown> = {
      // A route's own summary (its schema's) is published; the table names those that declare none.
      summary:
        SUMMARIES[`${route.method} ${route.url}`] ??
        (typeof schema.summary === 'string' ? schema.summary : `${route.method} ${route.url}`),
      ...(Array.isArray(schema.tags) ? { tags: schema.tags } : {}),
      security: guarded ? [{ sessionCookie: [] }, { bearerToken: [] }] : [],
      responses: {
        '200': { description: 'OK' },
        ...(guarded
          ? {
              '401': { description: 'Not signed in, or the token is unknown, revoked or expired' },
              '403': { description: `Needs the permission ${route.permission}` },
            }
          : {}),
      },
    };
    if (guarded) operation['x-etablera-permission'] = route.permission;
    if (parameters.length) operation.parameters = parameters;
    if (schema.body)
      operation.requestBody = { required: true, content: { 'application/json': { schema: schema.body } } };
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.0.3',
    info: {
      title: "Etablera's API",
      version,
      description: [
        "Etablera's own API. Guarded operations take either the session cookie of a signed-in browser",
        "(writes then need the form's CSRF token as `x-csrf-token`) or an API token as",
        "`Authorization: Bearer etb_…` (`etablera token create`). The operator's `ETABLERA_ADMIN_TOKEN`",
        'is a Bearer token too, for scripts, and grants only `mirror.admin`. A record of another',
        'organisation answers 404. The Kolada-compatible API is documented at /v3/openapi.json.',
      ].join(' '),
    },
    components: {
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (etb_…) or ETABLERA_ADMIN_TOKEN',
        },
      },
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
  };
}
