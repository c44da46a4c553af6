/**
 * Mounts the Kolada-compatible API: /v3 and /v2, each an encapsulated Fastify context with its own
 * OpenAPI document (/v3/openapi.json, /v2/openapi.json), JSON errors and 404s. Swagger UI at /v3/docs.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Store } from '../../store/database.js';
import type { MetadataRepository } from '../../store/repositories/metadata.repository.js';
import type { DatasetKind } from '../../store/repositories/store-meta.repository.js';
import { KoladaDataService } from './data.service.js';
import { koladaErrorHandler, koladaNotFound, koladaUrlLengthLimit } from './errors.js';
import { MAX_IDS_PER_SEGMENT, MAX_PER_PAGE, MAX_V2_URL_LENGTH } from './params.js';
import { registerKoladaRoutes } from './routes.js';
import { type ApiVersion, ErrorReply } from './schemas.js';

export interface KoladaApiOptions {
  store: Store;
  publicBaseUrl: string;
}

/** The header that tells a client whether it is reading Kolada's figures or generated demo data. */
export const DATASET_HEADER = 'x-etablera-dataset';
// The dataset kind changes only on an import or sync; re-reading it every few seconds is plenty.
const DATASET_TTL_MS = 5000;

function description(version: ApiVersion): string {
  return [
    `A Kolada-compatible API (${version}) served by Etablera from its local mirror of Kolada, the Swedish`,
    'national database of municipal key performance indicators. A Kolada client whose base URL is set to',
    `this server's /${version} works unchanged.`,
    '',
    "**Källa: Kolada.** The figures and metadata are Kolada's (RKA); Etablera only stores and serves them.",
    '',
    '**Computed by Etablera:** when a data route is given a municipality-group id (for example `G33621`),',
    "the value is the unweighted mean of the members' values and `count` is the number of members that",
    "contributed a value. These group means are Etablera's own computation, not figures published by Kolada.",
    '',
    `**Which data:** every reply carries the header \`X-Etablera-Dataset\`: \`kolada\` when the store holds`,
    'data imported from Kolada, `demo` when it holds **generated demo data** (not real figures; used when',
    'Etablera could not reach Kolada), `empty` when nothing is loaded yet.',
    '',
    version === 'v3'
      ? `Limits: at most ${MAX_IDS_PER_SEGMENT} ids in one segment or list parameter (422 above), at most`
      : `Limits: id lists as long as the URL allows (at most ${MAX_V2_URL_LENGTH} characters of path and query; 400 above), at most`,
    version === 'v3'
      ? `${MAX_PER_PAGE} items a page (\`per_page\` above that gives 422). Errors are JSON with \`error\`,`
      : `${MAX_PER_PAGE} items a page (a larger \`per_page\` is served as ${MAX_PER_PAGE}: Kolada v2 documented every reply as limited to that). Errors are JSON with \`error\`,`,
    '`parameter` and a FastAPI-style `detail` list.',
  ].join('\n');
}

const versionApi: FastifyPluginAsync<{
  version: ApiVersion;
  metadata: MetadataRepository;
  data: KoladaDataService;
  dataset: () => Promise<DatasetKind>;
  publicBaseUrl: string;
}> = async (app, { version, metadata, data, dataset, publicBaseUrl }) => {
  // Hooks and handlers first: Fastify binds them to routes as the routes are declared.
  app.setErrorHandler(koladaErrorHandler);
  app.setNotFoundHandler(koladaNotFound);
  if (version === 'v2') app.addHook('onRequest', koladaUrlLengthLimit(MAX_V2_URL_LENGTH));
  app.addHook('onRequest', async (_request, reply) => {
    reply.header(DATASET_HEADER, await dataset());
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: `Etablera – Kolada-compatible API ${version}`,
        version,
        description: description(version),
      },
      tags: [
        { name: 'metadata', description: 'KPIs, groups, municipalities and organisational units' },
        { name: 'data', description: 'Values by municipality (and municipality-group means)' },
        { name: 'oudata', description: 'Values by organisational unit' },
      ],
    },
    // Stryker disable next-line StringLiteral: the only shared schema (KoladaError) has an $id, so the fallback name is never used
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  app.addSchema(ErrorReply);
  registerKoladaRoutes(app, { version, metadata, data, publicBaseUrl });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  if (version === 'v3') await app.register(swaggerUi, { routePrefix: '/docs', indexPrefix: `/${version}` });
};

export async function koladaApi(
  app: FastifyInstance,
  { store, publicBaseUrl }: KoladaApiOptions,
): Promise<void> {
  const metadata = store.repositories.metadata;
  const values = store.repositories.values;
  const data = new KoladaDataService(values, metadata);
  const meta = store.repositories.storeMeta;
  let cached: { kind: Promise<DatasetKind>; at: number } | undefined;
  const dataset = () => {
    if (!cached || Date.now() - cached.at > DATASET_TTL_MS) {
      const kind = meta.dataset().catch(() => 'empty' as const);
      cached = { kind, at: Date.now() };
    }
    return cached.kind;
  };
  for (const version of ['v3', 'v2'] as const) {
    await app.register(versionApi, {
      prefix: `/${version}`,
      version,
      metadata,
      data,
      dataset,
      publicBaseUrl,
    });
  }
}
