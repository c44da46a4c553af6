/**
 * Builds the Fastify application around a store. Transport only: routes call repositories and
 * services, never SQL. Features register themselves here as plugins.
 */
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { AccountMailService } from '../accounts/account-mail.service.js';
import { ScheduledReminders } from '../app-start/scheduled-reminders.js';
import { ScheduledSync } from '../app-start/scheduled-sync.js';
import { statusRoutes } from '../app-start/status.routes.js';
import type { Settings } from '../config/settings.js';
import { PdfRenderer } from '../documents/pdf-renderer.js';
import { CachedAnalysisReads } from '../domain/analysis/cached-analysis-reads.js';
import { ComparisonService } from '../domain/comparison/comparison.service.js';
import { DialogueService } from '../domain/dialogue/dialogue.service.js';
import { ReportService } from '../domain/plan/reports/report.service.js';
import { MatchingService } from '../domain/process/matching/matching.service.js';
import { processKeyring } from '../domain/process/privacy/process-keyring.js';
import { TaxonomyService } from '../domain/process/taxonomy/taxonomy.service.js';
import { KoladaClient } from '../kolada/kolada-client.js';
import { SyncProgress } from '../kolada/sync-progress.js';
import { Mailer } from '../mail/mailer.js';
import type { Store } from '../store/database.js';
import { adminRoutes } from './admin/admin.routes.js';
import { analysisApi } from './api/analysis/analysis-api.plugin.js';
import { dialogueApi } from './api/dialogue/dialogue-api.plugin.js';
import { planApi } from './api/plan/plan-api.plugin.js';
import { reportApi } from './api/plan/report-api.plugin.js';
import { adsApi } from './api/process/matching-routes.js';
import { peopleApi } from './api/process/people-api.plugin.js';
import { buildIndexOnFirstProcessRequest } from './api/taxonomy/index-on-first-use.js';
import { taxonomyApi } from './api/taxonomy/taxonomy-api.plugin.js';
import { accountRoutes } from './auth/account.routes.js';
import { auditRoutes } from './auth/audit.routes.js';
import { registerAuth } from './auth/auth.js';
import { registerEtag } from './cache/etag.js';
import { ResponseCache, registerResponseCache } from './cache/response-cache.js';
import { frameworkError, ownNotFound } from './errors.js';
import { MAX_V2_URL_LENGTH } from './kolada-api/params.js';
import { DATASET_HEADER, koladaApi } from './kolada-api/plugin.js';
import { lazySchemaCompilers } from './lazy-schema-compilers.js';
import { registerUserLocale } from './request-locale.js';
import { registerSecurity, serverLimits } from './security/security.js';
import { analysisPages } from './ui/analysis/analysis-pages.plugin.js';
import { prepareAssets } from './ui/assets.js';
import { dialoguePages } from './ui/dialogue/dialogue-pages.plugin.js';
import { createPageRunner } from './ui/page-runner.js';
import { planPages } from './ui/plan/plan-pages.plugin.js';
import { ladderPages } from './ui/process/ladder-pages.plugin.js';
import { individualPlanPages } from './ui/process/plan-pages.plugin.js';
import { processPages } from './ui/process/process-pages.plugin.js';
import { taxonomyPages } from './ui/taxonomy/taxonomy-pages.plugin.js';
import { uiPlugin } from './ui/ui.plugin.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: @fastify/cors leaves this route's replies alone (it reads the route's config; its types omit it). */
    cors?: false;
  }
  interface FastifyInstance {
    /** The one mail seam (outbox + SMTP); its rounds start when the server calls mailer.start(). */
    mailer: Mailer;
    /** Plan reminders on ETABLERA_REMINDER_SCHEDULE; its timer starts when the server calls start(). */
    planReminders: ScheduledReminders;
    /** Invitations and resets by e-mail; `settled()` waits for resets still being prepared. */
    accountMail: AccountMailService;
  }
}

export interface AppOptions {
  store: Store;
  settings: Settings;
  logger?: boolean;
  /** A mailer built by the caller (tests: one that trusts the test SMTP server); else from settings. */
  mailer?: Mailer;
  /** Shared with the background sync (first start); a fresh idle one by default. */
  syncProgress?: SyncProgress;
  /** Tests: seconds added to the clock when checking IdP tokens (to present an expired one). */
  oidcClockSkewS?: number;
}

export async function buildApp({
  store,
  settings,
  logger = false,
  syncProgress,
  mailer,
  oidcClockSkewS,
}: AppOptions): Promise<FastifyInstance> {
  const schemas = lazySchemaCompilers();
  const app = Fastify({
    logger: logger ? { level: settings.logLevel } : false,
    // Kolada clients send comma lists (v2: as long as the URL allows) and sometimes a bare trailing
    // "?"; keep routing lenient there.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_V2_URL_LENGTH },
    frameworkErrors: frameworkError,
    // Each route's schemas are compiled at its first request, not all before listening (start time).
    schemaController: { compilersFactory: schemas.compilersFactory },
    ...serverLimits(settings),
  });
  schemas.attach(app);

  // Headers and the rate limit first, so they cover every route registered after them.
  await registerSecurity(app, settings);
  app.setNotFoundHandler(ownNotFound);
  registerUserLocale(app);
  // Who is asking, what each route needs, CSRF on every cookie-authenticated write (see auth.ts).
  await registerAuth(app, { store, settings });

  // Cheap repeats for public data: ETag (304 on If-None-Match) is computed on the uncompressed body,
  // so it is registered before compression; CORS lets browser clients read the public API. The reply
  // cache comes first, so it sees replies before both (see response-cache.ts).
  const meta = store.repositories.storeMeta;
  const cache = new ResponseCache({
    maxBytes: settings.apiCacheMb * 1024 * 1024,
    prefixes: ['/v3/', '/v2/'],
    keptHeaders: ['content-type', DATASET_HEADER],
    currentVersion: () => meta.dataVersion(),
  });
  registerResponseCache(app, cache);
  registerEtag(app);
  await app.register(compress);
  await app.register(cors, { origin: '*', methods: ['GET', 'HEAD'] });

  await app.register(koladaApi, { store, publicBaseUrl: settings.publicBaseUrl });

  // One comparison service (and its every-kommun caches) for the API and the pages.
  const comparison = new ComparisonService(
    store.repositories.comparison,
    meta,
    settings.comparisonCacheMb * 1024 * 1024,
  );
  // One analysis cache for the analysis API and pages (what they read only changes with the data).
  const analysisReads =
    settings.analysisCacheMb > 0
      ? new CachedAnalysisReads(
          store.repositories.analysis,
          () => meta.dataVersion(),
          settings.analysisCacheMb * 1024 * 1024,
        )
      : null;
  await app.register(analysisApi, { store, reads: analysisReads ?? store.repositories.analysis });
  await app.register(planApi, { store, comparison });
  // One chromium for every PDF the server makes (reports, people's documents), started at the first
  // one and closed with the server: a second chromium would cost its start and ~300 MB again.
  const pdf = new PdfRenderer();
  app.addHook('onClose', () => pdf.close());
  await app.register(reportApi, { store, comparison, pdf, baseUrl: settings.publicBaseUrl });
  const taxonomy = new TaxonomyService(store);
  app.decorate('taxonomy', taxonomy);
  if (settings.taxonomyIndexOnStart === 'process')
    buildIndexOnFirstProcessRequest(
      app,
      () => taxonomy.searchIndex(),
      (e) => app.log.error(`Building the taxonomy search index failed: ${String(e)}`),
    );
  await app.register(taxonomyApi, { store, service: taxonomy });
  const dialogues = new DialogueService(store.repositories.dialogues, app.audit);
  await app.register(dialogueApi, { service: dialogues });
  // Process holds personal data: without a data key it stays off (503, logged), Position runs on.
  const processKeys = processKeyring(settings);
  if (!processKeys.keyring) app.log.error(processKeys.offReason);
  // One matching service for the API and the pages: its model and ad index are held once per taxonomy version.
  const matching = new MatchingService(store, processKeys.keyring);
  await app.register(peopleApi, {
    store,
    keyring: processKeys.keyring,
    offReason: processKeys.offReason,
    pdf,
    publicBaseUrl: settings.publicBaseUrl,
    matching,
  });
  await app.register(adsApi, { store, matching });

  app.get('/api/health', async () => ({ status: 'ok', store: store.dialect }));
  app.decorate('syncProgress', syncProgress ?? new SyncProgress());
  // Built here so /api/status can show it; its timer starts only when the server calls start().
  const scheduledSync = new ScheduledSync({
    store,
    schedule: settings.syncSchedule,
    client: () => new KoladaClient({ baseUrl: settings.koladaBaseUrl, timeoutMs: 60_000 }),
    progress: app.syncProgress,
    log: { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m), error: (m) => app.log.error(m) },
  });
  app.decorate('scheduledSync', scheduledSync);
  app.addHook('onClose', async () => scheduledSync.stop());
  const log = {
    info: (m: string) => app.log.info(m),
    warn: (m: string) => app.log.warn(m),
    error: (m: string) => app.log.error(m),
  };
  app.decorate('mailer', mailer ?? new Mailer({ store, settings, log }));
  const planReminders = new ScheduledReminders({
    store,
    mailer: app.mailer,
    schedule: settings.reminderSchedule,
    baseUrl: settings.publicBaseUrl,
    log,
    keyring: processKeys.keyring,
  });
  app.decorate('planReminders', planReminders);
  app.decorate('accountMail', new AccountMailService(store.repositories, app.mailer, log.error));
  app.addHook('onClose', async () => {
    planReminders.stop();
    await app.accountMail.settled();
    await app.mailer.stop();
  });
  await app.register(statusRoutes, {
    store,
    workers: settings.workers,
    heapMb: settings.heapMb,
    taxonomyIndex: () => taxonomy.indexState(),
    caches: () => ({
      reply: { setting: 'ETABLERA_API_CACHE_MB', ...cache.status() },
      comparison: { setting: 'ETABLERA_COMPARISON_CACHE_MB', ...comparison.cacheStatus() },
      analysis: {
        setting: 'ETABLERA_ANALYSIS_CACHE_MB',
        ...(analysisReads?.status() ?? { budgetBytes: 0, usedBytes: 0, entries: 0 }),
      },
    }),
  });
  await app.register(adminRoutes, { store, settings });
  await app.register(auditRoutes);
  await app.register(accountRoutes, { store, settings, oidcClockSkewS });

  // One page runner for every page.
  const assets = await prepareAssets(settings.boundariesFile);
  const pages = createPageRunner({ app, settings, comparison, assets });
  await uiPlugin(app, { comparison, assets, pages });
  analysisPages({ store, pages, reads: analysisReads ?? store.repositories.analysis });
  planPages({
    app,
    store,
    pages,
    comparison,
    reports: new ReportService({
      store,
      comparison,
      pdf: () => pdf,
      audit: app.audit,
      mailer: () => app.mailer,
      baseUrl: settings.publicBaseUrl,
    }),
  });
  dialoguePages({
    app,
    pages,
    service: dialogues,
    repo: store.repositories.dialogues,
    assets: assets.urls,
    publicBaseUrl: settings.publicBaseUrl,
  });
  processPages({ app, store, pages, settings, keyring: processKeys.keyring, matching });
  individualPlanPages({ app, store, pages, keyring: processKeys.keyring, matching });
  ladderPages({ app, store, pages, keyring: processKeys.keyring });
  taxonomyPages({ app, store, pages, service: taxonomy });

  return app;
}
