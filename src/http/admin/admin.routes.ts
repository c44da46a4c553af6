/**
 * HTTP endpoints that change the Kolada mirror, for operators and their scripts; each needs the
 * permission `mirror.admin` (an organisation admin's session or API token, or the operator's
 * ETABLERA_ADMIN_TOKEN; checked in onRequest, before any body is read, see ../auth/auth.ts).
 *
 * - POST /api/admin/sync   starts `etablera sync` in the background (202); 409 while one runs anywhere.
 * - GET  /api/admin/sync   the last sync started here: running, done (summary) or failed.
 * - POST /api/admin/import?name=<file name>  the body is a Kolada file (JSON envelope, NDJSON or CSV,
 *   optionally .gz) streamed to a temporary file and imported; the reply is the import report.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Settings } from '../../config/settings.js';
import { ImportError } from '../../import/import-error.js';
import { GROUP_ID, KPI_ID } from '../../kolada/ids.js';
import { KoladaClient } from '../../kolada/kolada-client.js';
import { SyncBusyError, type SyncSummary, syncFromKolada } from '../../kolada/sync.service.js';
import { SyncProgress } from '../../kolada/sync-progress.js';
import type { Store } from '../../store/database.js';
import { errorBody, ownErrorHandler } from '../errors.js';

export interface AdminRoutesOptions {
  store: Store;
  settings: Settings;
}

const SyncRequest = Type.Object(
  {
    kpis: Type.Optional(Type.Array(Type.String({ pattern: KPI_ID.source }), { maxItems: 10_000 })),
    kpiGroups: Type.Optional(Type.Array(Type.String({ pattern: GROUP_ID.source }), { maxItems: 1000 })),
    all: Type.Optional(Type.Boolean()),
    years: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1990, maximum: 2100 }), { minItems: 1, maxItems: 200 }),
    ),
    metadata: Type.Optional(Type.Boolean()),
    full: Type.Optional(Type.Boolean()),
    /** OU values: as `etablera sync --ou` (true) / `--no-ou` (false); absent: the sync's default. */
    ou: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

type SyncJob =
  | { state: 'running'; startedAt: string; progress: SyncProgress }
  | { state: 'done'; startedAt: string; finishedAt: string; summary: SyncSummary }
  | { state: 'failed'; startedAt: string; finishedAt: string; error: string };

/** A file name we may put on disk: the importer reads the container and kind from it. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.(json|ndjson|jsonl|csv)(\.gz)?$/;

class PayloadTooLarge extends Error {
  readonly statusCode = 413;
}

export async function adminRoutes(app: FastifyInstance, { store, settings }: AdminRoutesOptions) {
  app.setErrorHandler(ownErrorHandler);
  const guarded = { config: { permission: 'mirror.admin' as const } };
  let job: SyncJob | null = null;

  app.post<{ Body: Static<typeof SyncRequest> }>(
    '/api/admin/sync',
    { schema: { body: SyncRequest }, ...guarded },
    async (request, reply) => {
      const selection = request.body ?? {};
      const chosen = [selection.kpis?.length, selection.kpiGroups?.length, selection.all].filter(Boolean);
      if (chosen.length > 1)
        return reply.code(400).send(errorBody(400, 'choose one of kpis, kpiGroups and all', 'invalid'));
      const startedAt = new Date().toISOString();
      const client = new KoladaClient({ baseUrl: settings.koladaBaseUrl, timeoutMs: 60_000 });
      // Its own progress: the shared one belongs to the first-start sync, which may be what holds the lock.
      const progress = new SyncProgress();
      // The sync reports its first phase once it holds the store's sync lock; it fails at once with
      // SyncBusyError when another process or instance holds it.
      let stopWatching = () => {};
      const locked = new Promise<void>((resolve) => {
        stopWatching = progress.subscribe((p) => {
          if (p.phase !== null) resolve();
        });
      });
      const running = syncFromKolada(store, client, selection, { progress });
      try {
        await Promise.race([locked, running]);
      } catch (error) {
        if (error instanceof SyncBusyError)
          return reply
            .code(409)
            .send(
              errorBody(
                409,
                'A sync of this store is already running (in this or another Etablera instance)',
                'syncBusy',
              ),
            );
        throw error;
      } finally {
        stopWatching();
      }
      job = { state: 'running', startedAt, progress };
      running.then(
        (summary) => {
          job = { state: 'done', startedAt, finishedAt: new Date().toISOString(), summary };
          request.log.info({ summary }, 'admin sync finished');
        },
        (error: Error) => {
          job = { state: 'failed', startedAt, finishedAt: new Date().toISOString(), error: error.message };
          request.log.error({ err: error }, 'admin sync failed');
        },
      );
      return reply.code(202).send({ state: 'running', startedAt, status: '/api/admin/sync' });
    },
  );

  app.get('/api/admin/sync', guarded, async () => {
    if (!job) return { state: 'idle' };
    if (job.state === 'running')
      return { state: 'running', startedAt: job.startedAt, progress: job.progress.snapshot() };
    return job;
  });

  await app.register(async (uploads) => {
    // The body is the file itself, streamed to disk rather than buffered in memory.
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    uploads.post<{ Querystring: { name?: string } }>('/api/admin/import', guarded, async (request, reply) => {
      const name = request.query.name ?? '';
      if (!FILE_NAME.test(name) || name.includes('..'))
        return reply
          .code(400)
          .send(
            errorBody(
              400,
              'Query parameter "name" must be the file name, ending in .json, .ndjson, .jsonl or .csv (optionally .gz), e.g. ?name=kpi.json',
              'invalid',
              'name',
            ),
          );
      // Without a body Fastify calls no parser: there is nothing to read.
      if (!request.body)
        return reply.code(400).send(errorBody(400, 'The request body (the file) is empty', 'emptyBody'));
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > settings.importMaxBytes) throw tooLarge(settings.importMaxBytes);
      const dir = await mkdtemp(join(tmpdir(), 'etablera-upload-'));
      try {
        const file = join(dir, name);
        let received = 0;
        const limit = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            received += chunk.length;
            if (received > settings.importMaxBytes) callback(tooLarge(settings.importMaxBytes));
            else callback(null, chunk);
          },
        });
        await pipeline(request.body as NodeJS.ReadableStream, limit, createWriteStream(file));
        if (received === 0)
          return reply.code(400).send(errorBody(400, 'The request body (the file) is empty', 'emptyBody'));
        try {
          // The importer (parsers for every format) loads at the first upload, not at start.
          const { importFiles } = await import('../../import/import.service.js');
          const reports = await importFiles(store, [file]);
          return { file: name, bytes: received, reports: reports.map((r) => ({ ...r, file: name })) };
        } catch (error) {
          if (error instanceof ImportError)
            return reply.code(400).send(errorBody(400, error.message.replaceAll(dir, ''), 'invalidFile'));
          throw error;
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}

function tooLarge(max: number): PayloadTooLarge {
  return new PayloadTooLarge(`The file is larger than ${max} bytes (ETABLERA_IMPORT_MAX_BYTES)`);
}
