/**
 * The Process admin's ladder editor (issue 20 item 3):
 *
 *   /personer/stege          the organisation's ladder: versions, the form        process.admin
 *   POST /personer/stege     save the form as a new version from its date         process.admin
 *
 * The save goes through the ladder service (the same checks and audit entry, `ladder.update`, as
 * `PUT /api/organisations/{org}/ladder`). A refused save is answered with the page as typed (400) and
 * the error at its field, not a redirect, so nothing typed is lost.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, can, NotFoundError } from '../../../accounts/actor.js';
import { IndividualPlanService } from '../../../domain/process/plan/individual-plan.service.js';
import { EXAMPLE_LADDER } from '../../../domain/process/plan/ladder.js';
import { LadderService } from '../../../domain/process/plan/ladder.service.js';
import type { Keyring } from '../../../domain/process/privacy/field-cipher.js';
import { InputError } from '../../../errors/input-error.js';
import { isLocale } from '../../../i18n/locales.js';
import { translator } from '../../../i18n/translator.js';
import type { Store } from '../../../store/database.js';
import { csrfBinding } from '../../auth/auth.js';
import { describeInputError } from '../../errors.js';
import { notFoundPage, type PageRunner, type PageView } from '../page-runner.js';
import type { Form } from './inventory-form.js';
import { fieldOf, formValues, type LadderFormValues, ladderFromForm, ladderRows } from './ladder-form.js';
import { LadderPage, type LadderPageError } from './ladder-page.js';

export interface LadderPagesOptions {
  app: FastifyInstance;
  store: Store;
  pages: PageRunner;
  keyring: Keyring | null;
}

const PATH = '/personer/stege';

export function ladderPages({ app, store, pages, keyring }: LadderPagesOptions): void {
  if (!keyring) return; // Process off: no pages (the API says why).
  const ladders = new LadderService(store, new IndividualPlanService(store, keyring));
  const actorOf = (request: FastifyRequest) => request.actor as Actor;
  const adminOrgs = (actor: Actor) => [
    ...new Set(
      actor.memberships
        .filter((m) => can(actor, 'process.admin', m.organisationId))
        .map((m) => m.organisationId),
    ),
  ];

  async function view(
    request: FastifyRequest,
    reply: FastifyReply,
    organisation: string,
    typed: { values: LadderFormValues; error: LadderPageError } | null,
  ): Promise<PageView> {
    const actor = actorOf(request);
    const state = await ladders.organisationLadder(actor, organisation);
    // The newest version's levels are what the admin changes (an upcoming one, else the current one).
    const latest = state.upcoming.at(-1) ?? state.current;
    const values = typed?.values ?? {
      validFrom: '',
      rows: ladderRows(latest ?? EXAMPLE_LADDER),
    };
    const csrf = reply.generateCsrf({ userInfo: csrfBinding(request) });
    return {
      ...(typed ? { status: 400 } : {}),
      html: (ctx) =>
        LadderPage({
          ctx,
          csrf,
          organisation,
          organisations: adminOrgs(actor),
          current: state.current,
          upcoming: state.upcoming,
          versions: state.versions,
          values,
          example: latest === null,
          error: typed?.error ?? null,
          today: new Date().toISOString().slice(0, 10),
        }),
    };
  }

  pages.get(
    PATH,
    async ({ request, reply }) => {
      const orgs = adminOrgs(actorOf(request));
      const asked = (request.query as Record<string, unknown>).organisation;
      const organisation = typeof asked === 'string' && orgs.includes(asked) ? asked : orgs[0];
      if (!organisation) return notFoundPage('/personer');
      return view(request, reply, organisation, null);
    },
    { permission: 'process.admin' },
  );

  app.post<{ Body: Form }>(PATH, { config: { permission: 'process.admin' } }, async (request, reply) => {
    const form = request.body ?? {};
    const organisation = typeof form.organisation === 'string' ? form.organisation : '';
    const lang = typeof form.lang === 'string' && isLocale(form.lang) ? form.lang : 'sv';
    let rowOf: number[] = [];
    try {
      const read = ladderFromForm(form);
      rowOf = read.rowOf;
      await ladders.saveLadder(actorOf(request), organisation, read.input, request.ip);
    } catch (error) {
      if (error instanceof NotFoundError)
        return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      if (!(error instanceof InputError)) throw error;
      const typed = {
        values: formValues(form),
        error: {
          field: fieldOf(error.parameter, rowOf),
          message: describeInputError(error, translator(lang)),
        },
      };
      return pages.send(request, reply, PATH, await view(request, reply, organisation, typed), {
        ...(lang !== 'sv' ? { lang } : {}),
      });
    }
    const q = new URLSearchParams({ organisation, klart: 'ladder', ...(lang !== 'sv' ? { lang } : {}) });
    return reply.redirect(`${PATH}?${q}`, 303);
  });
}
