/**
 * The organisation admin page: `GET /organisation/:id` (members and roles) and
 * `POST /organisation/:id/medlemmar` (add a member or change a role; a new person gets an invitation
 * link). Permission `organisation.admin` in that organisation; any other organisation is a 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccountError, AccountService } from '../../accounts/account.service.js';
import type { Actor } from '../../accounts/actor.js';
import type { Settings } from '../../config/settings.js';
import type { Store } from '../../store/database.js';
import { OrganisationPage } from './account-pages.js';
import type { PageTools } from './page-tools.js';
import { accountTexts } from './texts.js';

export async function organisationRoutes(
  app: FastifyInstance,
  { store, settings, pages }: { store: Store; settings: Settings; pages: PageTools },
) {
  const accounts = new AccountService(store.repositories);
  const accountMail = app.accountMail;
  const guarded = { config: { permission: 'organisation.admin' as const } };

  async function show(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    status: number,
    extra: { error?: string; saved?: boolean; invitation?: string | null; mailedTo?: string } = {},
  ) {
    const actor = request.actor as Actor;
    const organisation = await accounts.administered(actor, request.params.id);
    const ctx = pages.context(request, reply, `/organisation/${organisation.id}`);
    const members = await accounts.members(actor, organisation.id);
    return pages.page(
      reply,
      status,
      OrganisationPage({
        ctx,
        form: {
          csrf: pages.csrf(request, reply),
          error: extra.error,
          notice: extra.mailedTo
            ? `${accountTexts(ctx.lang).memberSaved} ${ctx.t('mail.admin.invitationSent', { email: extra.mailedTo })}`
            : extra.saved
              ? accountTexts(ctx.lang).memberSaved
              : undefined,
        },
        organisation,
        members,
        invitation: extra.invitation,
        mailOff: app.mailer.offCause,
      }),
    );
  }

  app.get<{ Params: { id: string } }>('/organisation/:id', guarded, (request, reply) =>
    show(request, reply, 200),
  );

  app.post<{ Params: { id: string }; Body: Record<string, string | undefined> }>(
    '/organisation/:id/medlemmar',
    guarded,
    async (request, reply) => {
      const actor = request.actor as Actor;
      // Only the organisation in the address counts; any organisation field in the form is ignored.
      const organisation = await accounts.administered(actor, request.params.id);
      try {
        const { invitation, user } = await accounts.setMember(actor, {
          organisationId: request.params.id,
          email: request.body?.email ?? '',
          role: request.body?.role ?? '',
          baseUrl: settings.publicBaseUrl || `${request.protocol}://${request.host}`,
        });
        // With e-mail on, the link goes only to the person; with it off, the admin sees it to pass on.
        const lang = pages.context(request, reply, `/organisation/${organisation.id}`).lang;
        if (invitation && (await accountMail.sendInvitation(user, invitation, organisation, lang)))
          return show(request, reply, 200, { saved: true, mailedTo: user.email });
        return show(request, reply, 200, { invitation, saved: true });
      } catch (error) {
        if (error instanceof AccountError)
          return show(request, reply, error.statusCode, { error: error.message });
        throw error;
      }
    },
  );
}
