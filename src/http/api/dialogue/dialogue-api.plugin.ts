/**
 * The Dialogue API (JSON). Names are what users' scripts rely on:
 *
 *   POST /api/dialogues                 {title, organisation, …} → {id}            plan.edit
 *   POST /api/dialogues/{id}/ideas      {text, language[, code]} → {id}            public (see below)
 *   POST /api/dialogues/{id}/rounds     {method: "dots"|"pairwise", …} → {id}     plan.edit
 *   POST /api/rounds/{id}/open | /close                                            plan.edit
 *   POST /api/rounds/{id}/codes         {count} → {codes: [...]}                   plan.edit
 *   GET  /api/rounds/{id}/pair?code=    → {left, right}                            the code
 *   POST /api/rounds/{id}/votes         {code, winner, loser} | {code, ideas}      the code
 *   GET  /api/rounds/{id}/results       → {results: [{idea, score, …}]}, best first public
 *
 * and beside them GET /api/dialogues, GET /api/dialogues/{id}, PATCH /api/rounds/{id} (rules, while
 * a draft), POST /api/ideas/{id}/hide|unhide|merge|answer|edit, and the public report
 * GET /api/dialogues/{id}/report. A participant code needs no other credential (and no CSRF token:
 * these routes read no cookie). An idea without a code is taken while the collect phase runs, or from
 * staff with a Bearer token at any time.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, organisationsWith } from '../../../accounts/actor.js';
import type { DialogueService } from '../../../domain/dialogue/dialogue.service.js';
import { DialogueError } from '../../../domain/dialogue/dialogue-error.js';
import { LOCALES } from '../../../i18n/locales.js';
import { errorBody, ownErrorHandler } from '../../errors.js';

const Id = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) });
type IdParams = Static<typeof Id>;
const Day = Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()]);
const Phase = Type.Object(
  {
    phase: Type.Union(['collect', 'prioritise', 'decide', 'report'].map((p) => Type.Literal(p))),
    starts_on: Type.Optional(Day),
    ends_on: Type.Optional(Day),
  },
  { additionalProperties: false },
);
const DialogueBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    organisation: Type.String({ minLength: 1, maxLength: 100 }),
    purpose: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
    plan: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    phases: Type.Optional(Type.Array(Phase, { maxItems: 4 })),
  },
  { additionalProperties: false },
);
const IdeaBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 1000 }),
    language: Type.Optional(Type.Union(LOCALES.map((l) => Type.Literal(l)))),
    code: Type.Optional(Type.String({ maxLength: 20 })),
    table: Type.Optional(Type.String({ maxLength: 100 })),
    node: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  },
  { additionalProperties: false },
);
const RoundBody = Type.Object(
  {
    method: Type.Union([Type.Literal('dots'), Type.Literal('pairwise')]),
    title: Type.Optional(Type.String({ maxLength: 300 })),
    dots: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    max_per_idea: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    hide_counts: Type.Optional(Type.Boolean()),
    allow_ideas: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const RoundPatch = Type.Partial(RoundBody, { additionalProperties: false });
const CodesBody = Type.Object(
  { count: Type.Integer({ minimum: 1, maximum: 5000 }) },
  { additionalProperties: false },
);
const PairQuery = Type.Object({ code: Type.Optional(Type.String({ maxLength: 20 })) });
const VoteBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 20 }),
    winner: Type.Optional(Type.Integer({ minimum: 1 })),
    loser: Type.Optional(Type.Integer({ minimum: 1 })),
    skip: Type.Optional(
      Type.Boolean({ description: '"can\'t decide": winner and loser name the pair, neither wins' }),
    ),
    ideas: Type.Optional(
      Type.Array(
        Type.Union([
          Type.Integer({ minimum: 1 }),
          Type.Object(
            { idea: Type.Integer({ minimum: 1 }), dots: Type.Integer({ minimum: 0, maximum: 100 }) },
            { additionalProperties: false },
          ),
        ]),
        { maxItems: 1000 },
      ),
    ),
  },
  { additionalProperties: false },
);
const HideBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
const MergeBody = Type.Object({ into: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const AnswerBody = Type.Object(
  {
    answer: Type.Union(['genomfors', 'delvis', 'genomfors_inte', 'gors_redan'].map((a) => Type.Literal(a))),
    reason: Type.String({ minLength: 1, maxLength: 5000 }),
    decided_by: Type.String({ minLength: 1, maxLength: 300 }),
    actions: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);
const EditBody = Type.Object(
  {
    text_sv: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
    node: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  },
  { additionalProperties: false },
);

const JSON_TYPE = 'application/json; charset=utf-8';
const VOTED = JSON.stringify({ ok: true });

function dialogueErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const e: unknown = error;
  if (e instanceof DialogueError)
    return reply.code(e.status).send(errorBody(e.status, e.message, e.code, e.field));
  return ownErrorHandler(error, request, reply);
}

export async function dialogueApi(
  app: FastifyInstance,
  { service }: { service: DialogueService },
): Promise<void> {
  app.setErrorHandler(dialogueErrors);
  const actorOf = (request: FastifyRequest) => request.actor as Actor;
  const id = (request: FastifyRequest) => Number((request.params as IdParams).id);
  /** The Bearer token's actor on a public route (staff calling it), or null. */
  const bearerActor = async (request: FastifyRequest): Promise<Actor | null> => {
    const token = /^Bearer[ ]+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    return token ? app.signIn.tokenActor(token, request.ip) : null;
  };
  const tags = ['dialogue'];
  const edit = { config: { permission: 'plan.edit' as const } };

  app.get(
    '/api/dialogues',
    {
      config: { permission: 'plan.read' },
      schema: { tags, summary: "Dialogues of the caller's organisations" },
    },
    async (request) => {
      const rows = await service.list(organisationsWith(actorOf(request), 'plan.read'));
      return {
        dialogues: rows.map((d) => ({
          id: d.id,
          title: d.title,
          organisation: d.organisation_id,
          plan: d.plan_id,
        })),
      };
    },
  );

  app.post<{ Body: Static<typeof DialogueBody> }>(
    '/api/dialogues',
    { ...edit, schema: { tags, summary: 'Create a dialogue', body: DialogueBody } },
    async (request, reply) => {
      const created = await service.createDialogue(
        actorOf(request),
        request.body as Parameters<DialogueService['createDialogue']>[1],
      );
      return reply.code(201).send({ id: created });
    },
  );

  app.get<{ Params: IdParams }>(
    '/api/dialogues/:id',
    {
      config: { permission: 'plan.read' },
      schema: { tags, summary: 'A dialogue: phases, ideas (with moderation) and rounds', params: Id },
    },
    async (request) => {
      const d = await service.dialogueFor(actorOf(request), id(request), 'plan.read');
      const [phases, ideas, rounds] = await Promise.all([
        service.phases(d.id),
        service.ideas(d.id),
        service.rounds(d.id),
      ]);
      return {
        id: d.id,
        title: d.title,
        purpose: d.purpose,
        organisation: d.organisation_id,
        plan: d.plan_id,
        phases,
        ideas: ideas.map((i) => ({
          id: i.id,
          text: i.text,
          language: i.language,
          text_sv: i.text_sv,
          text_sv_by: i.text_sv_by,
          source: i.source,
          table: i.table_label,
          round: i.round_id,
          node: i.node_id,
          hidden: i.hidden_at ? { reason: i.hidden_reason, by: i.hidden_by, at: i.hidden_at } : null,
          merged_into: i.merged_into,
          answer: i.answer
            ? { answer: i.answer, reason: i.answer_reason, decided_by: i.answer_by, at: i.answered_at }
            : null,
        })),
        rounds,
      };
    },
  );

  app.post<{ Params: IdParams; Body: Static<typeof IdeaBody> }>(
    '/api/dialogues/:id/ideas',
    {
      config: { ownCredential: true },
      schema: {
        tags,
        summary:
          'Add an idea: a participant while ideas are collected (or with a code of an open round that takes ideas), staff with a Bearer token at any time',
        params: Id,
        body: IdeaBody,
      },
    },
    async (request, reply) => {
      const body = request.body;
      const staff = await bearerActor(request);
      if (request.headers.authorization && !staff)
        return reply
          .code(401)
          .send(errorBody(401, 'The token is not valid (unknown, revoked or expired)', 'unauthorized'));
      const ideaId = staff
        ? (
            await service.addIdeas(staff, id(request), [
              { text: body.text, language: body.language, table: body.table, node: body.node },
            ])
          )[0]
        : await service.addParticipantIdea(id(request), body, body.code);
      return reply.code(201).send({ id: ideaId });
    },
  );

  app.get<{ Params: IdParams }>(
    '/api/dialogues/:id/report',
    {
      schema: {
        tags,
        summary: 'What became of every idea: answers, actions and their follow-up (public)',
        params: Id,
      },
    },
    async (request) => service.report(id(request)),
  );

  app.post<{ Params: IdParams; Body: Static<typeof RoundBody> }>(
    '/api/dialogues/:id/rounds',
    {
      ...edit,
      schema: {
        tags,
        summary: 'Create a prioritisation round (a draft until opened)',
        params: Id,
        body: RoundBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send({ id: await service.createRound(actorOf(request), id(request), request.body) }),
  );

  app.patch<{ Params: IdParams; Body: Static<typeof RoundPatch> }>(
    '/api/rounds/:id',
    {
      ...edit,
      schema: {
        tags,
        summary: "Change a draft round's rules (409 once it has opened)",
        params: Id,
        body: RoundPatch,
      },
    },
    async (request) => {
      await service.updateRound(actorOf(request), id(request), request.body);
      return { ok: true };
    },
  );

  for (const to of ['open', 'close'] as const)
    app.post<{ Params: IdParams }>(
      `/api/rounds/:id/${to}`,
      {
        ...edit,
        schema: {
          tags,
          summary: to === 'open' ? 'Open a round: its rules lock' : 'Close a round: it takes no more votes',
          params: Id,
        },
      },
      async (request) => {
        await service.setRoundState(actorOf(request), id(request), to === 'open' ? 'open' : 'closed');
        return { ok: true, state: to === 'open' ? 'open' : 'closed' };
      },
    );

  app.post<{ Params: IdParams; Body: Static<typeof CodesBody> }>(
    '/api/rounds/:id/codes',
    {
      ...edit,
      schema: { tags, summary: 'One-time participant codes for a round', params: Id, body: CodesBody },
    },
    async (request) => ({
      codes: await service.createCodes(actorOf(request), id(request), request.body.count),
    }),
  );

  app.get<{ Params: IdParams; Querystring: Static<typeof PairQuery> }>(
    '/api/rounds/:id/pair',
    {
      schema: {
        tags,
        summary: 'The next pair for a participant code (204 when every pair is answered)',
        params: Id,
        querystring: PairQuery,
      },
    },
    async (request, reply) => {
      const pair = await service.nextPair(id(request), { code: request.query.code });
      if (!pair) return reply.code(204).send();
      return pair;
    },
  );

  app.post<{ Params: IdParams; Body: Static<typeof VoteBody> }>(
    '/api/rounds/:id/votes',
    {
      // The hot path when 300 participants vote at once (BENCHMARKS.md, dialogue): the reply is 11
      // bytes, so compression would never apply and a request body is never compressed by a phone;
      // CORS lets other sites *read* the public API (GET/HEAD), which a vote is not.
      config: { ownCredential: true, cors: false },
      compress: false,
      decompress: false,
      schema: {
        tags,
        summary: 'A vote with a participant code: {code, winner, loser} (pairwise) or {code, ideas} (dots)',
        params: Id,
        body: VoteBody,
      },
    },
    async (request, reply) => {
      const { code, winner, loser, skip, ideas } = request.body;
      if (ideas !== undefined) await service.voteDots(id(request), { code }, ideas);
      else if (winner !== undefined && loser !== undefined)
        await service.votePair(id(request), { code }, { winner, loser, skip });
      else
        throw new DialogueError(
          400,
          'invalid',
          'send {code, winner, loser} or {code, ideas: [...]}',
          'winner',
        );
      // Serialised once (the same 201 for every vote).
      return reply.code(201).type(JSON_TYPE).send(VOTED);
    },
  );

  app.get<{ Params: IdParams }>(
    '/api/rounds/:id/results',
    {
      schema: {
        tags,
        summary: "A round's results, best first (hidden while open if the round says so, except to staff)",
        params: Id,
      },
    },
    async (request) => {
      const staff = await bearerActor(request).catch(() => null);
      let isStaff = false;
      if (staff) {
        try {
          await service.roundFor(staff, id(request), 'plan.read');
          isStaff = true;
        } catch {
          isStaff = false;
        }
      }
      return service.results(id(request), { staff: isStaff });
    },
  );

  const ideaOp = <B>(
    path: string,
    summary: string,
    body: object,
    work: (actor: Actor, ideaId: number, body: B) => Promise<void>,
  ) =>
    app.post<{ Params: IdParams; Body: B }>(
      path,
      { ...edit, schema: { tags, summary, params: Id, body } },
      async (request) => {
        await work(actorOf(request), id(request), request.body as B);
        return { ok: true };
      },
    );
  ideaOp<Static<typeof HideBody>>(
    '/api/ideas/:id/hide',
    'Hide an idea, with the reason (kept and audited)',
    HideBody,
    (a, i, b) => service.hideIdea(a, i, b.reason),
  );
  ideaOp<Record<string, never>>(
    '/api/ideas/:id/unhide',
    'Show a hidden idea again',
    Type.Object({}),
    (a, i) => service.unhideIdea(a, i),
  );
  ideaOp<Static<typeof MergeBody>>(
    '/api/ideas/:id/merge',
    'Merge a duplicate into another idea (votes and links follow)',
    MergeBody,
    (a, i, b) => service.mergeIdea(a, i, b.into),
  );
  ideaOp<Static<typeof AnswerBody>>(
    '/api/ideas/:id/answer',
    'Answer an idea and link it to plan actions',
    AnswerBody,
    (a, i, b) => service.answerIdea(a, i, b),
  );
  ideaOp<Static<typeof EditBody>>(
    '/api/ideas/:id/edit',
    "Staff's Swedish rendering and the goal area tag",
    EditBody,
    (a, i, b) => service.editIdea(a, i, b),
  );
}
