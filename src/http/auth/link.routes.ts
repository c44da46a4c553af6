/**
 * One-time links and what sends them (public: the person is not signed in yet):
 *
 *   GET/POST /konto/inbjudan/:code   accept an invitation: choose a password (the link works once, 7 days)
 *   GET/POST /konto/aterstall        ask for a reset link by e-mail (same answer whether the account exists)
 *   GET/POST /konto/aterstall/:code  choose a new password (the link works once, 1 hour)
 *
 * A used, expired or unknown link answers 404 with a sentence saying so. Every POST needs the form's
 * CSRF token (auth.ts), bound to the anonymous visitor's CSRF cookie.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AccountError, AccountService } from '../../accounts/account.service.js';
import type { Settings } from '../../config/settings.js';
import type { Mailer } from '../../mail/mailer.js';
import type { Store } from '../../store/database.js';
import { LinkMessagePage, ResetRequestPage, SetPasswordPage } from './link-pages.js';
import type { PageTools } from './page-tools.js';

type Form = Record<string, string | undefined>;
const PATHS = { invitation: '/konto/inbjudan', reset: '/konto/aterstall' } as const;

export async function linkRoutes(
  app: FastifyInstance,
  { store, settings, mailer, pages }: { store: Store; settings: Settings; mailer: Mailer; pages: PageTools },
) {
  const accounts = new AccountService(store.repositories);
  const accountMail = app.accountMail;
  const baseUrl = (request: FastifyRequest) =>
    settings.publicBaseUrl || `${request.protocol}://${request.host}`;

  for (const purpose of ['invitation', 'reset'] as const) {
    const path = PATHS[purpose];

    app.get<{ Params: { code: string } }>(`${path}/:code`, async (request, reply) => {
      const ctx = pages.context(request, reply, path);
      const user = await accounts.linkUser(request.params.code, purpose);
      if (!user) return pages.page(reply, 404, LinkMessagePage({ ctx, purpose, outcome: 'invalid' }));
      const form = { csrf: pages.csrf(request, reply) };
      const action = `${path}/${request.params.code}`;
      return pages.page(reply, 200, SetPasswordPage({ ctx, form, purpose, email: user.email, action }));
    });

    app.post<{ Params: { code: string }; Body: Form }>(`${path}/:code`, async (request, reply) => {
      const ctx = pages.context(request, reply, path);
      const code = request.params.code;
      try {
        await accounts.useLink(code, purpose, request.body?.password ?? '', request.ip);
      } catch (error) {
        if (!(error instanceof AccountError)) throw error;
        const user = await accounts.linkUser(code, purpose);
        if (!user) return pages.page(reply, 404, LinkMessagePage({ ctx, purpose, outcome: 'invalid' }));
        const form = { csrf: pages.csrf(request, reply), error: error.message };
        return pages.page(
          reply,
          error.statusCode,
          SetPasswordPage({ ctx, form, purpose, email: user.email, action: `${path}/${code}` }),
        );
      }
      return pages.page(reply, 200, LinkMessagePage({ ctx, purpose, outcome: 'done' }));
    });
  }

  app.get('/konto/aterstall', async (request, reply) => {
    const ctx = pages.context(request, reply, PATHS.reset);
    const form = { csrf: pages.csrf(request, reply) };
    return pages.page(reply, 200, ResetRequestPage({ ctx, form, mailOff: !mailer.enabled, sent: false }));
  });

  app.post<{ Body: Form }>('/konto/aterstall', async (request, reply) => {
    const ctx = pages.context(request, reply, PATHS.reset);
    const outcome = await accountMail.requestReset({
      email: request.body?.email ?? '',
      ip: request.ip,
      baseUrl: baseUrl(request),
      locale: ctx.lang,
    });
    const form = { csrf: pages.csrf(request, reply) };
    if (outcome === 'throttled') {
      reply.header('retry-after', '3600');
      return pages.page(
        reply,
        429,
        ResetRequestPage({
          ctx,
          form: { ...form, error: ctx.t('mail.page.throttled') },
          mailOff: false,
          sent: false,
        }),
      );
    }
    return pages.page(
      reply,
      outcome === 'mail-off' ? 503 : 200,
      ResetRequestPage({ ctx, form, mailOff: outcome === 'mail-off', sent: outcome === 'accepted' }),
    );
  });
}
