/**
 * The Dialogue pages, on the one page runner (GET) and plain form posts (POST → redirect):
 *
 *   /delta                         enter a participant code (QR codes point here with ?kod=)  public
 *   /delta/{round}?kod=            vote: a pair, or the dot ballot; add an idea if allowed   the code
 *   /delta/{round}/resultat        results as a chart and a table (+ .json/.csv/.xlsx)      public*
 *   /delta/sprak                   the translations and their status (drafts)               public
 *   /forslag/{id}                  "Vad hände med våra förslag?" + idea form while collecting public
 *   /dialog, /dialog/{id}          staff: dialogues, ideas, moderation, answers, rounds      plan.read/edit
 *   /dialog/{id}/omgang/{r}/koder  POST: a printable sheet of new codes with QR codes         plan.edit
 *
 * (*) hidden while an open round hides its counts. A signed-in member of the dialogue's organisation
 * may vote without a code (their account is the voter). No page asks for anything personal.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { type Actor, can, organisationsWith } from '../../../accounts/actor.js';
import { type DialogueService, PHASES } from '../../../domain/dialogue/dialogue.service.js';
import { DialogueError } from '../../../domain/dialogue/dialogue-error.js';
import { normaliseCode } from '../../../domain/dialogue/participant-codes.js';
import { isLocale } from '../../../i18n/locales.js';
import type { DialogueRepository } from '../../../store/repositories/dialogue.repository.js';
import { csrfBinding, SESSION_COOKIE } from '../../auth/auth.js';
import { type AssetUrls, createContext } from '../page-context.js';
import { notFoundPage, type PageRunner, sendHtml } from '../page-runner.js';
import {
  DotsPage,
  EnterCodePage,
  PairPage,
  ReportPage,
  ResultsPage,
  TranslationsPage,
} from './participant-pages.js';
import { CodesPage, DialogueListPage, DialogueManagePage } from './staff-pages.js';

type Form = Record<string, string | string[] | undefined>;
const int = (v: unknown) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');

export interface DialoguePagesOptions {
  app: FastifyInstance;
  pages: PageRunner;
  service: DialogueService;
  repo: DialogueRepository;
  assets: AssetUrls;
  publicBaseUrl: string;
}

export function dialoguePages({
  app,
  pages,
  service,
  repo,
  assets,
  publicBaseUrl,
}: DialoguePagesOptions): void {
  const baseOf = (request: FastifyRequest) => publicBaseUrl || `${request.protocol}://${request.host}`;
  const actorOf = (request: FastifyRequest) => request.actor as Actor;

  /** A signed-in member of the organisation votes as their account (no code needed). */
  async function member(request: FastifyRequest, organisationId: string): Promise<string | null> {
    const sid = request.cookies?.[SESSION_COOKIE];
    if (!sid) return null;
    const actor = await app.signIn.sessionActor(sid);
    if (actor?.stage !== 'full' || !actor.userId) return null;
    return actor.memberships.some((m) => m.organisationId === organisationId) ? actor.userId : null;
  }

  function back(reply: FastifyReply, path: string, form: Form, outcome: Record<string, string>, anchor = '') {
    const q = new URLSearchParams();
    const code = normaliseCode(form.kod);
    if (code) q.set('kod', code);
    const lang = str(form.lang);
    if (isLocale(lang) && lang !== 'sv') q.set('lang', lang);
    for (const [key, v] of Object.entries(outcome)) q.set(key, v);
    const s = q.toString();
    return reply.redirect(`${path}${s ? `?${s}` : ''}${anchor}`, 303);
  }

  // ---- participants ------------------------------------------------------------------------------

  pages.get('/delta', async ({ ctx }) => ({
    status: ctx.params.get('fel') ? 400 : 200,
    html: (c) => EnterCodePage({ ctx: c, wrong: ctx.params.get('fel') === 'invalidCode' }),
  }));

  // The code form (and every QR code) lands here: on to the code's round, or back to say it is wrong.
  app.get<{ Querystring: Form }>('/delta/kod', async (request, reply) => {
    const form = request.query ?? {};
    const round = await service.roundOfCode(str(form.kod));
    if (!round) return back(reply, '/delta', { lang: form.lang }, { fel: 'invalidCode' });
    return back(reply, `/delta/${round.id}`, form, {});
  });

  pages.get('/delta/sprak', async () => ({ html: (ctx) => TranslationsPage({ ctx }) }));

  pages.get<{ round: string }>('/delta/:round', async ({ request, reply, params, ctx }) => {
    const round = await repo.round(int(params.round));
    if (!round) return notFoundPage(ctx.t('dialogue.error.notFound'));
    const d = (await repo.dialogue(round.dialogue_id))!;
    const typed = (request.query as Record<string, unknown>).kod;
    const code = normaliseCode(typed);
    const userId = code ? null : await member(request, d.organisation_id);
    if (!code && !userId)
      return { status: 403, html: (c) => EnterCodePage({ ctx: c, wrong: typed !== undefined }) };
    const who = code ? { code } : { userId };
    const csrf = reply.generateCsrf({ userInfo: csrfBinding(request) });
    const view = {
      roundId: round.id,
      title: round.title,
      code: code ?? '',
      csrf,
      allowIdeas: round.allow_ideas === 1 && round.state === 'open',
      resultsVisible: !(round.hide_counts && round.state === 'open'),
    };
    try {
      if (round.method === 'pairwise') {
        const pair = await service.nextPair(round.id, who);
        return { html: (c) => PairPage({ ctx: c, view, pair }) };
      }
      await service.voterIn(round.id, who);
      const voted = await service.hasVoted(round.id, code ? { code } : { userId: userId! });
      const ideas = (await repo.ideas(round.dialogue_id)).filter(
        (i) => i.hidden_at === null && i.merged_into === null,
      );
      return {
        html: (c) =>
          DotsPage({ ctx: c, view, ideas, dots: round.dots ?? 0, max: round.max_per_idea ?? 0, voted }),
      };
    } catch (error) {
      if (!(error instanceof DialogueError)) throw error;
      const key = `dialogue.error.${error.code}` as const;
      if (error.code === 'invalidCode')
        return { status: 403, html: (c) => EnterCodePage({ ctx: c, wrong: true }) };
      return notFoundPage(ctx.t(key as never), error.status);
    }
  });

  app.post<{ Params: { round: string }; Body: Form }>('/delta/:round/rosta', async (request, reply) => {
    const form = request.body ?? {};
    const round = await repo.round(int(request.params.round));
    if (!round) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    const d = (await repo.dialogue(round.dialogue_id))!;
    const code = normaliseCode(form.kod);
    const who = code ? { code } : { userId: await member(request, d.organisation_id) };
    const path = `/delta/${round.id}`;
    try {
      if (round.method === 'pairwise') {
        const a = int(form.a);
        const b = int(form.b);
        const choice = str(form.val);
        if (!['a', 'b', 'skip'].includes(choice)) return back(reply, path, form, { fel: 'invalid' });
        const [winner, loser] = choice === 'b' ? [b, a] : [a, b];
        await service.votePair(round.id, who, { winner, loser, skip: choice === 'skip' });
      } else {
        const ideas = Object.entries(form)
          .filter(([key]) => /^dots-\d{1,9}$/.test(key))
          .map(([key, v]) => ({
            idea: Number(key.slice(5)),
            dots: /^\d{1,3}$/.test(str(v).trim()) ? Number(str(v).trim()) : -1,
          }));
        if (ideas.some((i) => i.dots < 0)) return back(reply, path, form, { fel: 'invalid' });
        await service.voteDots(round.id, who, ideas);
      }
      return back(reply, path, form, { klart: 'vote' });
    } catch (error) {
      if (error instanceof DialogueError) return back(reply, path, form, { fel: error.code });
      throw error;
    }
  });

  app.post<{ Params: { round: string }; Body: Form }>('/delta/:round/ide', async (request, reply) => {
    const form = request.body ?? {};
    const round = await repo.round(int(request.params.round));
    if (!round) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    const path = `/delta/${round.id}`;
    try {
      await service.addParticipantIdea(
        round.dialogue_id,
        { text: str(form.text), language: str(form.language) },
        str(form.kod),
      );
      return back(reply, path, form, { klart: 'idea' });
    } catch (error) {
      if (error instanceof DialogueError) return back(reply, path, form, { fel: error.code });
      throw error;
    }
  });

  pages.get<{ round: string }>('/delta/:round/resultat', async ({ params, request, ctx }) => {
    const round = await repo.round(int(params.round));
    if (!round) return notFoundPage(ctx.t('dialogue.error.notFound'));
    const d = (await repo.dialogue(round.dialogue_id))!;
    const sid = request.cookies?.[SESSION_COOKIE];
    const actor = sid ? await app.signIn.sessionActor(sid) : null;
    const staff = !!actor && actor.stage === 'full' && can(actor, 'plan.read', d.organisation_id);
    try {
      const results = await service.results(round.id, { staff });
      return {
        html: (c) => ResultsPage({ ctx: c, title: round.title, results }),
        doc: (c) => ({
          title: `${c.t('dialogue.results.title')}: ${round.title}`,
          filename: `etablera-omgang-${round.id}`,
          meta: [
            {
              key: 'votes',
              label: c.t('dialogue.results.votes', { count: results.votes }),
              value: String(results.votes),
            },
          ],
          columns: [
            { key: 'idea', header: 'id', type: 'integer' as const },
            { key: 'text', header: c.t('dialogue.results.idea'), type: 'text' as const },
            { key: 'language', header: c.t('dialogue.idea.language'), type: 'text' as const },
            {
              key: 'score',
              header: c.t(round.method === 'pairwise' ? 'dialogue.results.score' : 'dialogue.results.dots'),
              type: 'number' as const,
            },
            ...(round.method === 'pairwise'
              ? [
                  { key: 'low', header: `${c.t('dialogue.results.band')} −`, type: 'number' as const },
                  { key: 'high', header: `${c.t('dialogue.results.band')} +`, type: 'number' as const },
                  { key: 'simple', header: c.t('dialogue.results.simple'), type: 'number' as const },
                ]
              : []),
          ],
          rows: results.results.map((r) => ({
            idea: r.idea,
            text: r.text,
            language: r.language,
            score: r.score,
            low: 'low' in r ? r.low : null,
            high: 'high' in r ? r.high : null,
            simple: 'simple' in r ? r.simple : null,
          })),
        }),
      };
    } catch (error) {
      if (error instanceof DialogueError)
        return notFoundPage(ctx.t(`dialogue.error.${error.code}` as never), error.status);
      throw error;
    }
  });

  // ---- the public report back --------------------------------------------------------------------

  pages.get<{ id: string }>('/forslag/:id', async ({ params, reply, request, ctx }) => {
    const d = await repo.dialogue(int(params.id));
    if (!d) return notFoundPage(ctx.t('dialogue.error.notFound'));
    const [report, collecting] = await Promise.all([service.report(d.id), service.collecting(d.id)]);
    const csrf = collecting ? reply.generateCsrf({ userInfo: csrfBinding(request) }) : '';
    return {
      html: (c) => ReportPage({ ctx: c, report, collecting, csrf }),
      doc: (c) => ({
        title: `${c.t('dialogue.report.title')} ${d.title}`,
        filename: `etablera-forslag-${d.id}`,
        meta: [],
        columns: [
          { key: 'idea', header: 'id', type: 'integer' as const },
          { key: 'text', header: c.t('dialogue.results.idea'), type: 'text' as const },
          { key: 'answer', header: c.t('dialogue.staff.answer'), type: 'text' as const },
          { key: 'reason', header: c.t('dialogue.report.reason'), type: 'text' as const },
          { key: 'decided_by', header: c.t('dialogue.report.decidedBy'), type: 'text' as const },
          { key: 'actions', header: c.t('dialogue.report.actions'), type: 'text' as const },
        ],
        rows: report.ideas.map((i) => ({
          idea: i.id,
          text: i.text,
          answer: i.answer,
          reason: i.reason,
          decided_by: i.decided_by,
          actions: i.actions
            .map((a) => `${a.title}: ${a.status}${a.progress !== null ? ` ${a.progress} %` : ''}`)
            .join('; '),
        })),
      }),
    };
  });

  app.post<{ Params: { id: string }; Body: Form }>('/forslag/:id', async (request, reply) => {
    const form = request.body ?? {};
    const id = int(request.params.id);
    try {
      await service.addParticipantIdea(id, { text: str(form.text), language: str(form.language) });
      return back(reply, `/forslag/${id}`, form, { klart: 'idea' });
    } catch (error) {
      if (error instanceof DialogueError) return back(reply, `/forslag/${id}`, form, { fel: error.code });
      throw error;
    }
  });

  // ---- staff -------------------------------------------------------------------------------------

  pages.get(
    '/dialog',
    async ({ request, reply }) => {
      const actor = actorOf(request);
      const organisations = organisationsWith(actor, 'plan.edit');
      const dialogues = await service.list(organisationsWith(actor, 'plan.read'));
      const plans = organisations.length
        ? await repo.db
            .selectFrom('plan')
            .select(['id', 'title', 'organisation_id'])
            .where('organisation_id', 'in', organisations)
            .orderBy('id')
            .execute()
        : [];
      const csrf = organisations.length ? reply.generateCsrf({ userInfo: csrfBinding(request) }) : null;
      return { html: (ctx) => DialogueListPage({ ctx, dialogues, organisations, plans, csrf }) };
    },
    { permission: 'plan.read' },
  );

  app.post<{ Body: Form }>('/dialog', { config: { permission: 'plan.edit' } }, async (request, reply) => {
    const form = request.body ?? {};
    try {
      const id = await service.createDialogue(actorOf(request), {
        title: str(form.title),
        organisation: str(form.organisation),
        purpose: str(form.purpose) || null,
        plan: int(form.plan) || null,
      });
      return back(reply, `/dialog/${id}`, form, { klart: 'ok' });
    } catch (error) {
      if (error instanceof DialogueError) return back(reply, '/dialog', form, { fel: error.code });
      throw error;
    }
  });

  pages.get<{ id: string }>(
    '/dialog/:id',
    async ({ request, reply, params, ctx }) => {
      const actor = actorOf(request);
      let d: Awaited<ReturnType<DialogueService['dialogueFor']>>;
      try {
        d = await service.dialogueFor(actor, int(params.id), 'plan.read');
      } catch {
        return notFoundPage(ctx.t('dialogue.error.notFound'));
      }
      const [phases, ideas, rounds] = await Promise.all([
        repo.phases(d.id),
        repo.ideas(d.id),
        repo.rounds(d.id),
      ]);
      const areas = d.plan_id ? await repo.goalAreas(d.plan_id) : [];
      const actions = d.plan_id ? await repo.planActions(d.plan_id) : [];
      const linked = await repo.linkedActions(ideas.map((i) => i.id));
      const links = new Map<number, number[]>();
      for (const l of linked) links.set(l.idea_id, [...(links.get(l.idea_id) ?? []), l.action_id]);
      const csrf = can(actor, 'plan.edit', d.organisation_id)
        ? reply.generateCsrf({ userInfo: csrfBinding(request) })
        : null;
      return {
        html: (c) =>
          DialogueManagePage({
            ctx: c,
            view: { dialogue: d, phases, ideas, rounds, areas, actions, links, csrf },
          }),
      };
    },
    { permission: 'plan.read' },
  );

  app.post<{ Params: { id: string }; Body: Form }>(
    '/dialog/:id',
    { config: { permission: 'plan.edit' } },
    async (request, reply) => {
      const form = request.body ?? {};
      const actor = actorOf(request);
      const id = int(request.params.id);
      const path = `/dialog/${id}`;
      const idea = int(form.idea);
      const round = int(form.round);
      try {
        await service.dialogueFor(actor, id, 'plan.edit');
        switch (str(form.op)) {
          case 'phases':
            await service.setPhases(
              actor,
              id,
              PHASES.filter((p) => str(form[`${p}_from`]) || str(form[`${p}_to`])).map((p) => ({
                phase: p,
                starts_on: str(form[`${p}_from`]) || null,
                ends_on: str(form[`${p}_to`]) || null,
              })),
            );
            break;
          case 'workshop': {
            const lines = str(form.notes)
              .split(/\r?\n/)
              .map((l) => l.trim())
              .filter(Boolean);
            await service.addIdeas(
              actor,
              id,
              lines.map((text) => ({
                text,
                language: str(form.language) || 'sv',
                table: str(form.table),
                source: 'workshop' as const,
              })),
            );
            break;
          }
          case 'translate':
            await service.editIdea(actor, idea, {
              text_sv: str(form.text_sv) || null,
              ...(form.node !== undefined ? { node: int(form.node) || null } : {}),
            });
            break;
          case 'answer':
            await service.answerIdea(actor, idea, {
              answer: str(form.answer),
              reason: str(form.reason),
              decided_by: str(form.decided_by),
              actions: [form.actions ?? []].flat().map(int).filter(Boolean),
            });
            break;
          case 'hide':
            await service.hideIdea(actor, idea, str(form.reason));
            break;
          case 'unhide':
            await service.unhideIdea(actor, idea);
            break;
          case 'merge':
            await service.mergeIdea(actor, idea, int(form.into));
            break;
          case 'round':
            await service.createRound(actor, id, {
              method: str(form.method) === 'dots' ? 'dots' : 'pairwise',
              title: str(form.title),
              dots: int(form.dots) || undefined,
              max_per_idea: int(form.max_per_idea) || undefined,
              hide_counts: str(form.hide_counts) === '1',
              allow_ideas: str(form.allow_ideas) === '1',
            });
            break;
          case 'open':
          case 'close':
            await service.setRoundState(actor, round, str(form.op) === 'open' ? 'open' : 'closed');
            break;
          default:
            return back(reply, path, form, { fel: 'invalid' });
        }
        return back(reply, path, form, { klart: 'ok' }, idea ? `#idea-${idea}` : '');
      } catch (error) {
        if (error instanceof DialogueError) {
          if (error.status === 404)
            return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
          return back(reply, path, form, { fel: error.code }, idea ? `#idea-${idea}` : '');
        }
        throw error;
      }
    },
  );

  app.post<{ Params: { id: string; round: string }; Body: Form }>(
    '/dialog/:id/omgang/:round/koder',
    { config: { permission: 'plan.edit' } },
    async (request, reply) => {
      const form = request.body ?? {};
      try {
        const { round, dialogue } = await service.roundFor(
          actorOf(request),
          int(request.params.round),
          'plan.edit',
        );
        if (dialogue.id !== int(request.params.id)) throw new DialogueError(404, 'notFound', 'no such round');
        const codes = await service.createCodes(actorOf(request), round.id, int(form.count));
        const base = baseOf(request);
        const sheet = await Promise.all(
          codes.map(async (code) => ({
            code,
            svg: await QRCode.toString(`${base}/delta/kod?kod=${code}`, {
              type: 'svg',
              margin: 1,
              errorCorrectionLevel: 'M',
            }),
          })),
        );
        const lang = str(form.lang);
        const ctx = createContext({
          lang: isLocale(lang) ? lang : 'sv',
          path: request.url,
          params: new URLSearchParams(),
          dataset: 'kolada',
          lastLoadedAt: null,
          syncRunning: false,
          assets,
          now: new Date().toISOString(),
          publicBase: base,
        });
        return sendHtml(
          reply,
          200,
          CodesPage({ ctx, title: round.title, codes: sheet, entryUrl: `${base}/delta` }),
        );
      } catch (error) {
        if (error instanceof DialogueError)
          return error.status === 404
            ? reply.code(404).type('text/plain; charset=utf-8').send('Not found')
            : back(reply, `/dialog/${int(request.params.id)}`, form, { fel: error.code });
        throw error;
      }
    },
  );
}
