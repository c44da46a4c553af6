/**
 * The comparator UI: server-rendered pages (preact TSX) that are also data (.json/.csv/.xlsx), their
 * assets, and the security headers pages need (a CSP without inline scripts or styles).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Settings } from '../../config/settings.js';
import { CompareService } from '../../domain/comparison/compare.service.js';
import { ComparisonService } from '../../domain/comparison/comparison.service.js';
import { KpiViewService } from '../../domain/comparison/kpi-view.service.js';
import { ProfileService } from '../../domain/comparison/profile.service.js';
import type { Store } from '../../store/database.js';
import { ComparisonRepository } from '../../store/repositories/comparison.repository.js';
import { StoreMetaRepository } from '../../store/repositories/store-meta.repository.js';
import { prepareAssets } from './assets.js';
import { type DataFormat, type Format, sendDocument, splitFormat } from './exports/respond.js';
import type { TableDocument } from './exports/table-document.js';
import type { PageContext } from './page-context.js';
import { requestContext, sendHtml } from './page-request.js';
import { ComparePage, compareDocument } from './pages/compare.page.js';
import { ErrorPage } from './pages/error.page.js';
import { kpiDocument } from './pages/kpi.export.js';
import { KpiPage } from './pages/kpi.page.js';
import { profileDocument } from './pages/profile.export.js';
import { ProfilePage } from './pages/profile.page.js';
import { StartPage, startDocument } from './pages/start.page.js';
import { BadRequest, readCompareQuery, readKpiQuery, readProfileQuery, readStartQuery } from './query.js';

export interface UiOptions {
  store: Store;
  settings: Settings;
}

interface PageResult {
  status?: number;
  html: (ctx: PageContext) => VNode;
  doc?: (ctx: PageContext) => TableDocument;
}

export async function uiPlugin(app: FastifyInstance, { store, settings }: UiOptions): Promise<void> {
  const assets = await prepareAssets(settings.boundariesFile);
  const comparison = new ComparisonService(
    new ComparisonRepository(store.db),
    new StoreMetaRepository(store.db),
  );
  const sources = { app, comparison, assets };
  const profiles = new ProfileService(comparison);
  const kpiViews = new KpiViewService(comparison);
  const compares = new CompareService(comparison);

  // A server that listens warms the every-kommun cache in the background, so the first visitor
  // does not pay for it (about 2–3 s on the real data); in-process tests skip this.
  app.addHook('onListen', () => {
    void comparison
      .catalog()
      .then((c) =>
        c.kommunIds[0] ? profiles.profile({ municipalityId: c.kommunIds[0], year: 'latest' }) : null,
      )
      .catch((error) => app.log.warn({ err: error }, 'comparator cache warm-up failed'));
  });

  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const { name } = request.params;
    if (name === 'kommuner.geojson' && assets.boundaries) {
      reply.header('cache-control', 'public, max-age=86400');
      reply.type('application/geo+json');
      const { readFile } = await import('node:fs/promises');
      return reply.send(await readFile(assets.boundaries.path));
    }
    const file = assets.files.get(name);
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send(`No asset named ${name}`);
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    return reply.type(file.type).send(file.body);
  });

  /** Runs a page handler: language, context, HTML or a data format, clear errors for bad input. */
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    format: Format,
    build: (ctx: PageContext) => Promise<PageResult>,
  ): Promise<unknown> {
    const ctx = await requestContext(request, reply, path, sources, { repeatedParams: false });
    let result: PageResult;
    try {
      result = await build(ctx);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      result = { status: 400, html: (c) => ErrorPage({ ctx: c, title: error.message, status: 400 }) };
      if (format !== 'html') return reply.code(400).send({ error: 'Bad Request', message: error.message });
    }
    const status = result.status ?? 200;
    if (format !== 'html') {
      if (!result.doc || status !== 200)
        return reply
          .code(status === 200 ? 404 : status)
          .send({ error: 'Not Found', message: 'No data here' });
      return sendDocument(reply.code(status), result.doc(ctx), format as DataFormat);
    }
    return sendHtml(reply, status, result.html(ctx));
  }

  const publicBase = (request: FastifyRequest) =>
    settings.publicBaseUrl || `${request.protocol}://${request.host}`;

  for (const [route, format] of [
    ['/', 'html'],
    ['/index.json', 'json'],
    ['/index.csv', 'csv'],
    ['/index.xlsx', 'xlsx'],
  ] as const) {
    app.get(route, (request, reply) =>
      page(request, reply, '/', format, async () => {
        const { q } = readStartQuery(request.query);
        const [catalog, results] = await Promise.all([comparison.catalog(), comparison.searchKommuner(q)]);
        const kommuner = catalog.municipalities
          .filter((m) => m.type === 'K')
          .sort((a, b) => a.title.localeCompare(b.title, 'sv'));
        const view = { query: q, results, kommuner };
        return {
          html: (ctx) => StartPage({ ctx, view }),
          doc: (ctx) => startDocument(ctx, view, publicBase(request)),
        };
      }),
    );
  }

  app.get<{ Params: { id: string } }>('/kommun/:id', (request, reply) => {
    const { base, format } = splitFormat(request.params.id);
    return page(request, reply, `/kommun/${base}`, format, async (ctx) => {
      const q = readProfileQuery(request.query);
      const model = await profiles.profile({
        municipalityId: base,
        year: q.year,
        ref: q.ref,
        selection: q.selection,
      });
      if (!model) return notFound(`${ctx.t.notKommun} ”${base}”.`);
      const view = { model, catalog: await comparison.catalog(), selectionText: q.selectionText };
      return {
        html: (c) => ProfilePage({ ctx: c, view }),
        doc: (c) => profileDocument(c, view, publicBase(request)),
      };
    });
  });

  app.get<{ Params: { kpi: string } }>('/nyckeltal/:kpi', (request, reply) => {
    const { base, format } = splitFormat(request.params.kpi);
    return page(request, reply, `/nyckeltal/${base}`, format, async (ctx) => {
      const q = readKpiQuery(request.query);
      const model = await kpiViews.kpiView({ kpiId: base, ...q });
      if (!model) return notFound(`${ctx.t.kpiNotFound} ”${base}”.`);
      return {
        html: (c) => KpiPage({ ctx: c, model, sort: q.sort }),
        doc: (c) => kpiDocument(c, model, q.sort, publicBase(request)),
      };
    });
  });

  for (const [route, format] of [
    ['/jamfor', 'html'],
    ['/jamfor.json', 'json'],
    ['/jamfor.csv', 'csv'],
    ['/jamfor.xlsx', 'xlsx'],
  ] as const) {
    app.get(route, (request, reply) =>
      page(request, reply, '/jamfor', format, async () => {
        const q = readCompareQuery(request.query);
        const model = await compares.compare(q);
        return {
          html: (c) => ComparePage({ ctx: c, model }),
          doc: (c) => compareDocument(c, model, publicBase(request)),
        };
      }),
    );
  }
}

function notFound(message: string): PageResult {
  return { status: 404, html: (ctx) => ErrorPage({ ctx, title: message, status: 404 }) };
}
