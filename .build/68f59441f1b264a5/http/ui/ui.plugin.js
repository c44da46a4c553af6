import { CompareService } from "../../domain/comparison/compare.service.js";
import { ComparisonService } from "../../domain/comparison/comparison.service.js";
import { KpiViewService } from "../../domain/comparison/kpi-view.service.js";
import { ProfileService } from "../../domain/comparison/profile.service.js";
import { ComparisonRepository } from "../../store/repositories/comparison.repository.js";
import { StoreMetaRepository } from "../../store/repositories/store-meta.repository.js";
import { prepareAssets } from "./assets.js";
import { sendDocument, splitFormat } from "./exports/respond.js";
import { requestContext, sendHtml } from "./page-request.js";
import { ComparePage, compareDocument } from "./pages/compare.page.js";
import { ErrorPage } from "./pages/error.page.js";
import { kpiDocument } from "./pages/kpi.export.js";
import { KpiPage } from "./pages/kpi.page.js";
import { profileDocument } from "./pages/profile.export.js";
import { ProfilePage } from "./pages/profile.page.js";
import { StartPage, startDocument } from "./pages/start.page.js";
import { BadRequest, readCompareQuery, readKpiQuery, readProfileQuery, readStartQuery } from "./query.js";
async function uiPlugin(app, { store, settings }) {
  const assets = await prepareAssets(settings.boundariesFile);
  const comparison = new ComparisonService(
    new ComparisonRepository(store.db),
    new StoreMetaRepository(store.db)
  );
  const sources = { app, comparison, assets };
  const profiles = new ProfileService(comparison);
  const kpiViews = new KpiViewService(comparison);
  const compares = new CompareService(comparison);
  app.addHook("onListen", () => {
    void comparison.catalog().then(
      (c) => c.kommunIds[0] ? profiles.profile({ municipalityId: c.kommunIds[0], year: "latest" }) : null
    ).catch((error) => app.log.warn({ err: error }, "comparator cache warm-up failed"));
  });
  app.get("/assets/:name", async (request, reply) => {
    const { name } = request.params;
    if (name === "kommuner.geojson" && assets.boundaries) {
      reply.header("cache-control", "public, max-age=86400");
      reply.type("application/geo+json");
      const { readFile } = await import("node:fs/promises");
      return reply.send(await readFile(assets.boundaries.path));
    }
    const file = assets.files.get(name);
    if (!file) return reply.code(404).type("text/plain; charset=utf-8").send(`No asset named ${name}`);
    reply.header("cache-control", "public, max-age=31536000, immutable");
    return reply.type(file.type).send(file.body);
  });
  async function page(request, reply, path, format, build) {
    const ctx = await requestContext(request, reply, path, sources, { repeatedParams: false });
    let result;
    try {
      result = await build(ctx);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      result = { status: 400, html: (c) => ErrorPage({ ctx: c, title: error.message, status: 400 }) };
      if (format !== "html") return reply.code(400).send({ error: "Bad Request", message: error.message });
    }
    const status = result.status ?? 200;
    if (format !== "html") {
      if (!result.doc || status !== 200)
        return reply.code(status === 200 ? 404 : status).send({ error: "Not Found", message: "No data here" });
      return sendDocument(reply.code(status), result.doc(ctx), format);
    }
    return sendHtml(reply, status, result.html(ctx));
  }
  const publicBase = (request) => settings.publicBaseUrl || `${request.protocol}://${request.host}`;
  for (const [route, format] of [
    ["/", "html"],
    ["/index.json", "json"],
    ["/index.csv", "csv"],
    ["/index.xlsx", "xlsx"]
  ]) {
    app.get(
      route,
      (request, reply) => page(request, reply, "/", format, async () => {
        const { q } = readStartQuery(request.query);
        const [catalog, results] = await Promise.all([comparison.catalog(), comparison.searchKommuner(q)]);
        const kommuner = catalog.municipalities.filter((m) => m.type === "K").sort((a, b) => a.title.localeCompare(b.title, "sv"));
        const view = { query: q, results, kommuner };
        return {
          html: (ctx) => StartPage({ ctx, view }),
          doc: (ctx) => startDocument(ctx, view, publicBase(request))
        };
      })
    );
  }
  app.get("/kommun/:id", (request, reply) => {
    const { base, format } = splitFormat(request.params.id);
    return page(request, reply, `/kommun/${base}`, format, async (ctx) => {
      const q = readProfileQuery(request.query);
      const model = await profiles.profile({
        municipalityId: base,
        year: q.year,
        ref: q.ref,
        selection: q.selection
      });
      if (!model) return notFound(`${ctx.t.notKommun} \u201D${base}\u201D.`);
      const view = { model, catalog: await comparison.catalog(), selectionText: q.selectionText };
      return {
        html: (c) => ProfilePage({ ctx: c, view }),
        doc: (c) => profileDocument(c, view, publicBase(request))
      };
    });
  });
  app.get("/nyckeltal/:kpi", (request, reply) => {
    const { base, format } = splitFormat(request.params.kpi);
    return page(request, reply, `/nyckeltal/${base}`, format, async (ctx) => {
      const q = readKpiQuery(request.query);
      const model = await kpiViews.kpiView({ kpiId: base, ...q });
      if (!model) return notFound(`${ctx.t.kpiNotFound} \u201D${base}\u201D.`);
      return {
        html: (c) => KpiPage({ ctx: c, model, sort: q.sort }),
        doc: (c) => kpiDocument(c, model, q.sort, publicBase(request))
      };
    });
  });
  for (const [route, format] of [
    ["/jamfor", "html"],
    ["/jamfor.json", "json"],
    ["/jamfor.csv", "csv"],
    ["/jamfor.xlsx", "xlsx"]
  ]) {
    app.get(
      route,
      (request, reply) => page(request, reply, "/jamfor", format, async () => {
        const q = readCompareQuery(request.query);
        const model = await compares.compare(q);
        return {
          html: (c) => ComparePage({ ctx: c, model }),
          doc: (c) => compareDocument(c, model, publicBase(request))
        };
      })
    );
  }
}
function notFound(message) {
  return { status: 404, html: (ctx) => ErrorPage({ ctx, title: message, status: 404 }) };
}
export {
  uiPlugin
};
//# sourceMappingURL=ui.plugin.js.map
