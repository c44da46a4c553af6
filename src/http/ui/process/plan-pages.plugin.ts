/**
 * The individual plan's pages (issue 20), served by the page runner, with their form posts:
 *
 *   /personer/{id}/plan                        the plan, its history, the change form, a plan
 *                                              from a match, the guidance notes         read by need
 *   POST /personer/{id}/plan                   save the change form as the next version  write by need
 *   POST /personer/{id}/plan/fran-matchning    goal and next steps from a match          write by need
 *   POST /personer/{id}/anteckningar           a guidance note                           write by need
 *   POST /personer/{id}/anteckningar/{n}/uppfoljd   a follow-up done                    write by need
 *   /personer/arenden                          the case worker's caseload; the counts of the
 *                                              organisations the user is Process admin of  process.read
 *   /min-sida/plan                             the person's own plan in their language   process.own
 *
 * Access by need and the audit are the services' (another organisation, an unassigned case worker,
 * another person → the same 404 as an unknown id). Forms post back and redirect.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, can, NotFoundError } from '../../../accounts/actor.js';
import { MatchingService } from '../../../domain/process/matching/matching.service.js';
import { PeopleService } from '../../../domain/process/people/people.service.js';
import type { AccessLevel, PersonAccess } from '../../../domain/process/people/person-access.js';
import { CaseloadService } from '../../../domain/process/plan/caseload.service.js';
import type { PlanDocument, PlanOutcome, PlanStep } from '../../../domain/process/plan/individual-plan.js';
import { IndividualPlanService } from '../../../domain/process/plan/individual-plan.service.js';
import { LadderService } from '../../../domain/process/plan/ladder.service.js';
import type { Keyring } from '../../../domain/process/privacy/field-cipher.js';
import { InputError } from '../../../errors/input-error.js';
import { isLocale } from '../../../i18n/locales.js';
import { translator } from '../../../i18n/translator.js';
import type { Store } from '../../../store/database.js';
import { csrfBinding } from '../../auth/auth.js';
import { describeInputError } from '../../errors.js';
import { notFoundPage, type PageRunner } from '../page-runner.js';
import { CaseloadPage } from './caseload-page.js';
import type { Form } from './inventory-form.js';
import { CaseworkerPlanPage, LadderSection, OwnPlanPage } from './plan-pages.js';

export interface IndividualPlanPagesOptions {
  app: FastifyInstance;
  store: Store;
  pages: PageRunner;
  keyring: Keyring | null;
  /** The app's one matching service (its model is held once per taxonomy version). */
  matching?: MatchingService;
}

const one = (form: Form, key: string): string => {
  const v = form[key];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};

/** The change form applied to the plan as it was: statuses and due dates, the goal, one new step. */
export function planFromForm(current: PlanDocument, form: Form): PlanDocument {
  const steps: PlanStep[] = current.steps.map((s) => {
    const status = one(form, `status.${s.id}`) || s.status;
    const due = one(form, `due.${s.id}`);
    return {
      ...s,
      status: status as PlanStep['status'],
      due: due || null,
      doneOn: status === 'done' ? s.doneOn : null,
    };
  });
  const newType = one(form, 'newType');
  const next: unknown[] = [...steps];
  if (newType) {
    const ownerKind = one(form, 'newOwner') || 'caseworker';
    next.push({
      type: newType,
      title: one(form, 'newTitle'),
      owner: { kind: ownerKind, name: one(form, 'newPartner') || null },
      start: one(form, 'newStart') || null,
      due: one(form, 'newDue') || null,
      status: 'planned',
    });
  }
  const goalLabel = one(form, 'goalLabel').trim();
  const sameGoal = current.goal && current.goal.label === goalLabel;
  return {
    goal: goalLabel
      ? {
          kind: (one(form, 'goalKind') || 'other') as NonNullable<PlanDocument['goal']>['kind'],
          conceptId: sameGoal ? (current.goal?.conceptId ?? null) : null,
          label: goalLabel,
        }
      : null,
    steps: next as PlanStep[],
    ...outcomeFromForm(current, form),
  };
}

/** Work or studies from the form ('' = not yet); a form without the fields keeps what the plan had. */
function outcomeFromForm(current: PlanDocument, form: Form): Pick<PlanDocument, 'outcome'> {
  if (!('outcomeKind' in form)) return current.outcome ? { outcome: current.outcome } : {};
  const kind = one(form, 'outcomeKind');
  // The plan's validation names a missing or wrong date or kind (outcome.from, outcome.kind).
  return kind ? { outcome: { kind: kind as PlanOutcome['kind'], from: one(form, 'outcomeFrom') } } : {};
}

export function individualPlanPages({
  app,
  store,
  pages,
  keyring,
  matching: shared,
}: IndividualPlanPagesOptions): void {
  if (!keyring) return; // Process off: no pages (the API says why).
  const people = new PeopleService(store, keyring);
  const plans = new IndividualPlanService(store, keyring);
  const ladders = new LadderService(store, plans);
  const matching = shared ?? new MatchingService(store, keyring);
  const actorOf = (request: FastifyRequest) => request.actor as Actor;

  async function accessOr404(request: FastifyRequest, id: string, level: AccessLevel) {
    try {
      return await people.access(actorOf(request), id, level);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }
  const back = (reply: FastifyReply, path: string, form: Form, outcome: Record<string, string> = {}) => {
    const q = new URLSearchParams(outcome);
    const lang = one(form, 'lang');
    if (lang && /^[a-z]{2,3}$/.test(lang)) q.set('lang', lang);
    const s = q.toString();
    return reply.redirect(`${path}${s ? `?${s}` : ''}`, 303);
  };
  const notFound = (reply: FastifyReply) =>
    reply.code(404).type('text/plain; charset=utf-8').send('Not found');
  const failed = (error: unknown, form: Form) => {
    if (!(error instanceof InputError)) throw error;
    const lang = one(form, 'lang');
    return describeInputError(error, translator(isLocale(lang) ? lang : 'sv'));
  };

  pages.get<{ id: string }>(
    '/personer/:id/plan',
    async ({ request, reply, params }) => {
      const access = await accessOr404(request, params.id, 'read');
      if (!access || access.via === 'self') return notFoundPage('/personer');
      const version = Number((request.query as Record<string, string>).version);
      const person = await people.get(access, request.ip);
      let plan: Awaited<ReturnType<typeof plans.plan>>;
      try {
        plan = await plans.plan(
          access,
          request.ip,
          Number.isInteger(version) && version > 0 ? version : undefined,
        );
      } catch (error) {
        if (error instanceof InputError) return notFoundPage('/personer');
        throw error;
      }
      const { notes } = await plans.notes(access, request.ip);
      const canWrite = await accessOr404(request, params.id, 'write').then((a) => a !== null);
      const csrf = reply.generateCsrf({ userInfo: csrfBinding(request) });
      // The plan shown is the current one unless an earlier version was asked for: then the ladder reads its own.
      const ladder = await ladders.personLadder(
        access,
        request.ip,
        plan.version === plan.history.at(-1)?.version ? plan : undefined,
      );
      return {
        html: (ctx) =>
          CaseworkerPlanPage({
            ctx,
            person,
            plan,
            notes,
            csrf,
            canWrite,
            extra: LadderSection({
              ctx,
              ladder,
              personId: person.id,
              ...(canWrite ? { confirm: { action: `/personer/${person.id}/stege`, csrf } } : {}),
            }),
          }),
        // The steps as a table (.json/.csv/.xlsx), for the case worker's own follow-up.
        doc: (ctx) => ({
          title: `${ctx.t('iplan.page.title')}: ${person.name}`,
          filename: 'individuell-plan',
          meta: [
            { key: 'version', label: 'version', value: String(plan.version) },
            { key: 'goal', label: ctx.t('iplan.goal'), value: plan.goal?.label ?? '' },
          ],
          columns: [
            { key: 'type', header: ctx.t('iplan.edit.type'), type: 'text' },
            { key: 'title', header: ctx.t('iplan.col.step'), type: 'text' },
            { key: 'owner', header: ctx.t('iplan.col.owner'), type: 'text' },
            { key: 'start', header: ctx.t('iplan.col.start'), type: 'text' },
            { key: 'due', header: ctx.t('iplan.col.due'), type: 'text' },
            { key: 'status', header: ctx.t('iplan.col.status'), type: 'text' },
            { key: 'doneOn', header: 'doneOn', type: 'text' },
          ],
          rows: plan.steps.map((s) => ({
            type: s.type,
            title: [s.level, s.title].filter(Boolean).join(' '),
            owner: s.owner.kind === 'partner' ? (s.owner.name ?? 'partner') : s.owner.kind,
            start: s.start,
            due: s.due,
            status: s.status,
            doneOn: s.doneOn,
          })),
        }),
      };
    },
    { permission: 'signed-in' },
  );

  type PlanFormParams = { id: string; note?: string };

  /**
   * A form on the plan page: the person if the user may write to them (otherwise 404), the action,
   * then back to the plan page with `klart=<done>`, or with the error and the form as it was sent.
   */
  function planForm(
    route: string,
    done: string,
    action: (
      access: PersonAccess,
      form: Form,
      request: FastifyRequest<{ Params: PlanFormParams; Body: Form }>,
    ) => Promise<unknown>,
  ): void {
    app.post<{ Params: PlanFormParams; Body: Form }>(
      route,
      { config: { permission: 'signed-in' } },
      async (request, reply) => {
        const access = await accessOr404(request, request.params.id, 'write');
        if (!access) return notFound(reply);
        const form = request.body ?? {};
        const path = `/personer/${access.person.id}/plan`;
        try {
          await action(access, form, request);
        } catch (error) {
          return back(reply, path, form, { fel: failed(error, form) });
        }
        return back(reply, path, form, { klart: done });
      },
    );
  }

  planForm('/personer/:id/plan', 'plan', async (access, form, request) => {
    const current = await plans.view(access.person.id);
    const basedOn = Number(one(form, 'basedOn'));
    await plans.save(access, planFromForm(current, form), {
      ...(Number.isInteger(basedOn) ? { basedOn } : {}),
      ip: request.ip,
    });
  });
  planForm('/personer/:id/plan/fran-matchning', 'plan', (access, form, request) =>
    plans.fromMatch(access, people, matching, one(form, 'occupation').trim(), request.ip),
  );
  planForm('/personer/:id/anteckningar', 'note', (access, form, request) =>
    plans.addNote(
      access,
      { text: one(form, 'text'), followUpOn: one(form, 'followUpOn') || null },
      request.ip,
    ),
  );
  planForm(
    '/personer/:id/anteckningar/:note/uppfoljd',
    'followUp',
    (
      access,
      _form,
      request, // The route names :note, so it is there.
    ) => plans.followUpDone(access, request.params.note as string, request.ip),
  );
  planForm('/personer/:id/stege', 'ladder', (access, form, request) =>
    ladders.confirm(access, Number(one(form, 'level')), request.ip),
  );

  const caseload = new CaseloadService(store, keyring);
  pages.get(
    '/personer/arenden',
    async ({ request }) => {
      const actor = actorOf(request);
      const reads = actor.memberships.some((m) => can(actor, 'process.read', m.organisationId));
      const manages = [
        ...new Set(
          actor.memberships
            .filter((m) => can(actor, 'process.admin', m.organisationId))
            .map((m) => m.organisationId),
        ),
      ];
      const mine = reads ? await caseload.mine(actor, { ip: request.ip }) : null;
      const organisations: Parameters<typeof CaseloadPage>[0]['organisations'] = [];
      for (const org of manages) {
        const { summary } = await caseload.summary(actor, org, { ip: request.ip });
        const name = (await store.repositories.accounts.organisation(org))?.name ?? org;
        organisations.push({ organisation: org, name, summary });
      }
      return { html: (ctx) => CaseloadPage({ ctx, mine, organisations }) };
    },
    { permission: 'process.read' },
  );

  pages.get(
    '/min-sida/plan',
    async ({ request }) => {
      const id = await people.ownPerson(actorOf(request));
      const access = id ? await accessOr404(request, id, 'read') : null;
      if (!access) return notFoundPage('/min-sida');
      const plan = await plans.plan(access, request.ip);
      const ladder = await ladders.personLadder(access, request.ip, plan);
      return {
        html: (ctx) =>
          OwnPlanPage({ ctx, plan, extra: LadderSection({ ctx, ladder, personId: access.person.id }) }),
      };
    },
    { permission: 'process.own' },
  );
}
