/**
 * The comparator UI: server-rendered pages (preact TSX) that are also data (.json/.csv/.xlsx), and
 * their assets. Pages are served by the shared page runner.
 */
import type { FastifyInstance } from 'fastify';
import { CompareViewService } from '../../domain/comparison/compare-view.service.js';
import type { ComparisonService } from '../../domain/comparison/comparison.service.js';
import { KpiViewService } from '../../domain/comparison/kpi-view.service.js';
import { ProfileService } from '../../domain/comparison/profile.service.js';
import { InputError } from '../../errors/input-error.js';
import type { AssetBundle } from './assets.js';
import type { PageRunner } from './page-runner.js';
import { ComparePage, compareDocument } from './pages/compare.page.js';
import { kpiDocument } from './pages/kpi.export.js';
import { KpiPage } from './pages/kpi.page.js';
import { profileDocument } from './pages/profile.export.js';
import { ProfilePage } from './pages/profile.page.js';
import { StartPage, startDocument } from './pages/start.page.js';
import { readCompareQuery, readKpiQuery, readProfileQuery, readStartQuery } from './query.js';

export interface UiOptions {
  comparison: ComparisonService;
  assets: AssetBundle;
  pages: PageRunner;
}

export async function uiPlugin(
  app: FastifyInstance,
  { comparison, assets, pages }: UiOptions,
): Promise<void> {
  const profiles = new ProfileService(comparison);
  const kpiViews = new KpiViewService(comparison);
  const compares = new CompareViewService(comparison);

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
    const file = assets.files.get(name);
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send(`No asset named ${name}`);
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    return reply.type(file.type).send(file.body);
  });

  pages.get('/', async ({ request }) => {
    const { q } = readStartQuery(request.query);
    const [catalog, results] = await Promise.all([comparison.catalog(), comparison.searchKommuner(q)]);
    const kommuner = catalog.municipalities
      .filter((m) => m.type === 'K')
      .sort((a, b) => a.title.localeCompare(b.title, 'sv'));
    const view = { query: q, results, kommuner };
    return { html: (ctx) => StartPage({ ctx, view }), doc: (ctx) => startDocument(ctx, view) };
  });

  pages.get<{ id: string }>('/kommun/:id', async ({ request, params }) => {
    const q = readProfileQuery(request.query);
    const model = await profiles.profile({
      municipalityId: params.id,
      year: q.year,
      ref: q.ref,
      selection: q.selection,
    });
    if (!model) throw new InputError('unknownKommun', { status: 404, values: { id: params.id } });
    const view = { model, catalog: await comparison.catalog(), selectionText: q.selectionText };
    return { html: (c) => ProfilePage({ ctx: c, view }), doc: (c) => profileDocument(c, view) };
  });

  pages.get<{ kpi: string }>('/nyckeltal/:kpi', async ({ request, params }) => {
    const q = readKpiQuery(request.query);
    const model = await kpiViews.kpiView({ kpiId: params.kpi, ...q });
    if (!model) throw new InputError('unknownKpi', { status: 404, values: { ids: params.kpi } });
    return {
      html: (c) => KpiPage({ ctx: c, model, sort: q.sort }),
      doc: (c) => kpiDocument(c, model, q.sort),
    };
  });

  pages.get('/jamfor', async ({ request }) => {
    const model = await compares.compare(readCompareQuery(request.query));
    return { html: (c) => ComparePage({ ctx: c, model }), doc: (c) => compareDocument(c, model) };
  });
}
