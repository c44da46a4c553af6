/**
 * The Dialogue module: dialogues with phases, ideas from three sources with moderation, prioritisation
 * rounds (dot votes, pairwise) with one-time participant codes, and the answer to every idea linked to
 * plan actions. Staff operations take the actor and check the dialogue's organisation with
 * `authorise` (another organisation's dialogue is a 404); each is audited in its own transaction.
 * Participant operations take a voter (a code or an account) and never anything personal.
 */
import { type Actor, authorise } from '../../accounts/actor.js';
import type { AuditEntry, AuditLog } from '../../accounts/audit-log.js';
import type { Permission } from '../../accounts/roles.js';
import { isLocale } from '../../i18n/locales.js';
import type { DialoguePhase, IdeaAnswer, IdeaSource, RoundMethod } from '../../store/dialogue-schema.js';
import type {
  DialogueRepository,
  DialogueRow,
  IdeaRow,
  PhaseRow,
  RoundRow,
} from '../../store/repositories/dialogue.repository.js';
import { type Comparison, fitBradleyTerry } from './bradley-terry.js';
import { DialogueError } from './dialogue-error.js';
import { chooseAdaptivePair, type IdeaTally, pairKey } from './pair-choice.js';
import { PairVoteBatch } from './pair-vote-batch.js';
import { newCode, normaliseCode } from './participant-codes.js';

export const PHASES: readonly DialoguePhase[] = ['collect', 'prioritise', 'decide', 'report'];
export const ANSWERS: readonly IdeaAnswer[] = ['genomfors', 'delvis', 'genomfors_inte', 'gors_redan'];
export const MAX_IDEA_LENGTH = 1000;
export const MAX_CODES = 5000;

/** Who runs a staff operation: a signed-in actor, or the CLI (which has the store itself). */
export type Operator = Actor | { cli: true };
const isCli = (o: Operator): o is { cli: true } => 'cli' in o;

export interface PhaseInput {
  phase: DialoguePhase;
  starts_on?: string | null;
  ends_on?: string | null;
}

export interface RoundSettings {
  method: RoundMethod;
  title?: string;
  dots?: number;
  max_per_idea?: number;
  hide_counts?: boolean;
  allow_ideas?: boolean;
}

export interface IdeaInput {
  text: string;
  language?: string;
  source?: IdeaSource;
  table?: string | null;
  node?: number | null;
}

/** Who votes: a participant code (stored form) or an account. */
export type Voter = { code: string } | { userId: string };
const voterKey = (v: Voter) => ('code' in v ? `c:${v.code}` : `u:${v.userId}`);

export interface PairIdea {
  id: number;
  text: string;
  language: string;
  text_sv: string | null;
}

/** A value a row id can have (PostgreSQL's integer: 1 to 2³¹ − 1); others go the slow way to be refused. */
const isRowId = (n: number) => Number.isInteger(n) && n >= 1 && n <= 2_147_483_647;

const today = () => new Date().toISOString().slice(0, 10);
const isDay = (d: unknown): d is string =>
  typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d));

function invalid(message: string, field?: string): DialogueError {
  return new DialogueError(400, 'invalid', message, field);
}

/** The idea's text checked: not empty, not too long, in one of the seven languages. */
export function checkIdea(input: { text?: unknown; language?: unknown }): { text: string; language: string } {
  const text = typeof input.text === 'string' ? input.text.trim() : '';
  if (!text) throw invalid('the idea has no text', 'text');
  if (text.length > MAX_IDEA_LENGTH)
    throw invalid(`the idea is longer than ${MAX_IDEA_LENGTH} characters`, 'text');
  const language = input.language === undefined || input.language === '' ? 'sv' : input.language;
  if (!isLocale(language))
    throw invalid(`"${String(language)}" is not one of sv, en, ar, prs, ti, so, uk`, 'language');
  return { text, language };
}

export function checkRoundSettings(
  s: RoundSettings,
): Omit<RoundRow, 'id' | 'dialogue_id' | 'state' | 'created_at' | 'opened_at' | 'closed_at'> {
  if (s.method !== 'dots' && s.method !== 'pairwise')
    throw invalid('method is "dots" or "pairwise"', 'method');
  const title = (s.title ?? '').trim() || (s.method === 'dots' ? 'Prickröstning' : 'Parvis jämförelse');
  if (s.method === 'pairwise')
    return {
      method: s.method,
      title,
      dots: null,
      max_per_idea: null,
      hide_counts: s.hide_counts ? 1 : 0,
      allow_ideas: s.allow_ideas ? 1 : 0,
    };
  const dots = s.dots ?? 5;
  const max = s.max_per_idea ?? dots;
  if (!Number.isInteger(dots) || dots < 1 || dots > 100)
    throw invalid('dots is a whole number from 1 to 100', 'dots');
  if (!Number.isInteger(max) || max < 1 || max > dots)
    throw invalid('max_per_idea is a whole number from 1 to the number of dots', 'max_per_idea');
  return {
    method: s.method,
    title,
    dots,
    max_per_idea: max,
    hide_counts: s.hide_counts ? 1 : 0,
    allow_ideas: 0,
  };
}

interface RoundCache {
  at: number;
  dialogueId: number;
  ideas: Map<number, PairIdea>;
  tallies: Map<number, IdeaTally>;
}

export class DialogueService {
  /** Per round, the ideas and their tallies for choosing pairs: reloaded every few seconds. */
  private readonly roundCache = new Map<number, RoundCache>();
  /** Pairwise answers arriving together are written by one statement (group commit). */
  private readonly pairVotes: PairVoteBatch;

  constructor(
    private readonly repo: DialogueRepository,
    private readonly audit: AuditLog,
    private readonly random: () => number = Math.random,
  ) {
    this.pairVotes = new PairVoteBatch((answers, options) => repo.insertPairVotesChecked(answers, options));
  }

  // ---- staff: dialogues -------------------------------------------------------------------------

  private async record(operator: Operator, entry: Omit<AuditEntry, 'actor'>, repo: DialogueRepository) {
    await this.audit.record(
      { ...entry, actor: isCli(operator) ? { userId: null, label: 'cli' } : operator },
      repo.db.isTransaction ? (repo.db as never) : undefined,
    );
  }

  async dialogueFor(operator: Operator, id: number, permission: Permission): Promise<DialogueRow> {
    const row = Number.isSafeInteger(id) ? await this.repo.dialogue(id) : undefined;
    if (isCli(operator)) {
      if (!row) throw new DialogueError(404, 'notFound', `no dialogue ${id}`);
      return row;
    }
    try {
      return authorise(operator, permission, row, 'no such dialogue');
    } catch {
      throw new DialogueError(404, 'notFound', 'no such dialogue');
    }
  }

  async createDialogue(
    actor: Actor,
    input: {
      title: string;
      organisation: string;
      purpose?: string | null;
      plan?: number | null;
      phases?: PhaseInput[];
    },
  ): Promise<number> {
    const title = (input.title ?? '').trim();
    if (!title) throw invalid('the dialogue has no title', 'title');
    try {
      authorise(actor, 'plan.edit', { organisation_id: input.organisation });
    } catch {
      throw new DialogueError(404, 'notFound', 'no such organisation');
    }
    if (input.plan != null) {
      const plan = await this.repo.db
        .selectFrom('plan')
        .select(['id', 'organisation_id'])
        .where('id', '=', input.plan)
        .executeTakeFirst();
      if (!plan || plan.organisation_id !== input.organisation)
        throw invalid('no such plan in the organisation', 'plan');
    }
    const phases = checkPhases(input.phases ?? [{ phase: 'collect', starts_on: today(), ends_on: null }]);
    return this.repo.transaction(async (repo) => {
      const id = await repo.insertDialogue({
        organisation_id: input.organisation,
        plan_id: input.plan ?? null,
        title,
        purpose: input.purpose?.trim() || null,
        created_at: new Date().toISOString(),
        created_by: actor.label,
      });
      await repo.setPhases(id, phases);
      await this.record(
        actor,
        {
          action: 'dialogue.create',
          organisationId: input.organisation,
          target: { type: 'dialogue', id: String(id) },
          detail: { title, plan: input.plan ?? null },
        },
        repo,
      );
      return id;
    });
  }

  async setPhases(actor: Actor, dialogueId: number, phases: PhaseInput[]): Promise<void> {
    const d = await this.dialogueFor(actor, dialogueId, 'plan.edit');
    const rows = checkPhases(phases);
    await this.repo.transaction(async (repo) => {
      await repo.setPhases(d.id, rows);
      await this.record(
        actor,
        {
          action: 'dialogue.phases',
          organisationId: d.organisation_id,
          target: { type: 'dialogue', id: String(d.id) },
          detail: { phases: rows },
        },
        repo,
      );
    });
  }

  list(organisations: readonly string[]): Promise<DialogueRow[]> {
    return this.repo.dialogues(organisations);
  }

  phases(dialogueId: number): Promise<PhaseRow[]> {
    return this.repo.phases(dialogueId);
  }

  // ---- ideas -----------------------------------------------------------------------------------

  /** Staff add ideas (online on someone's behalf, workshop tables, imports): all or none. */
  async addIdeas(operator: Operator, dialogueId: number, inputs: IdeaInput[]): Promise<number[]> {
    const d = await this.dialogueFor(operator, dialogueId, 'plan.edit');
    const rows = inputs.map((input) => {
      const { text, language } = checkIdea(input);
      const table = input.table?.trim() || null;
      return this.ideaRow(
        d.id,
        text,
        language,
        input.source ?? (table ? 'workshop' : 'online'),
        table,
        input.node ?? null,
      );
    });
    return this.repo.transaction(async (repo) => {
      const ids = await repo.insertIdeas(rows);
      await this.record(
        operator,
        {
          action: 'dialogue.ideas.add',
          organisationId: d.organisation_id,
          target: { type: 'dialogue', id: String(d.id) },
          detail: { ideas: ids, source: rows[0]?.source ?? null },
        },
        repo,
      );
      this.forget(d.id);
      return ids;
    });
  }

  private ideaRow(
    dialogueId: number,
    text: string,
    language: string,
    source: IdeaSource,
    table: string | null,
    node: number | null,
    round: number | null = null,
  ) {
    return {
      dialogue_id: dialogueId,
      text,
      language,
      source,
      table_label: table,
      node_id: node,
      round_id: round,
      created_at: new Date().toISOString(),
    };
  }

  /**
   * An idea from a participant without an account: while the dialogue's collect phase runs, or with a
   * code of an open round that takes ideas (then it joins that round and later voters see it).
   */
  async addParticipantIdea(
    dialogueId: number,
    input: { text?: unknown; language?: unknown },
    code?: unknown,
  ): Promise<number> {
    const d = await this.repo.dialogue(dialogueId);
    if (!d) throw new DialogueError(404, 'notFound', 'no such dialogue');
    const { text, language } = checkIdea(input);
    let round: number | null = null;
    if (code !== undefined && code !== null && code !== '') {
      const r = await this.roundOfCode(code);
      if (!r || r.dialogue_id !== d.id)
        throw new DialogueError(403, 'invalidCode', 'the participant code is not valid for this dialogue');
      if (r.state !== 'open')
        throw new DialogueError(
          409,
          r.state === 'closed' ? 'roundClosed' : 'roundNotOpen',
          'the round is not open',
        );
      if (!r.allow_ideas) throw new DialogueError(409, 'ideasClosed', 'this round does not take new ideas');
      round = r.id;
    } else if (!(await this.collecting(d.id))) {
      throw new DialogueError(409, 'collectClosed', 'the dialogue does not collect ideas now');
    }
    const [id] = await this.repo.insertIdeas([
      this.ideaRow(d.id, text, language, round ? 'round' : 'online', null, null, round),
    ]);
    this.forget(d.id);
    return id!;
  }

  /** True while the collect phase runs (today within its dates; a missing date is open-ended). */
  async collecting(dialogueId: number): Promise<boolean> {
    const day = today();
    return (await this.repo.phases(dialogueId)).some(
      (p) =>
        p.phase === 'collect' && (!p.starts_on || p.starts_on <= day) && (!p.ends_on || day <= p.ends_on),
    );
  }

  private async ideaFor(
    operator: Operator,
    ideaId: number,
  ): Promise<{ idea: IdeaRow; dialogue: DialogueRow }> {
    const idea = Number.isSafeInteger(ideaId) ? await this.repo.idea(ideaId) : undefined;
    if (!idea) throw new DialogueError(404, 'notFound', 'no such idea');
    return { idea, dialogue: await this.dialogueFor(operator, idea.dialogue_id, 'plan.edit') };
  }

  async editIdea(
    actor: Actor,
    ideaId: number,
    changes: { text_sv?: string | null; node?: number | null },
  ): Promise<void> {
    const { idea, dialogue } = await this.ideaFor(actor, ideaId);
    const set: Record<string, unknown> = {};
    if (changes.text_sv !== undefined) {
      const sv = changes.text_sv?.trim() || null;
      if (sv && sv.length > MAX_IDEA_LENGTH) throw invalid('the Swedish rendering is too long', 'text_sv');
      set.text_sv = sv;
      set.text_sv_by = sv ? actor.label : null;
    }
    if (changes.node !== undefined) {
      if (changes.node !== null) {
        const areas = dialogue.plan_id ? await this.repo.goalAreas(dialogue.plan_id) : [];
        if (!areas.some((a) => a.id === changes.node))
          throw invalid("no such goal area in the dialogue's plan", 'node');
      }
      set.node_id = changes.node;
    }
    await this.repo.transaction(async (repo) => {
      await repo.updateIdea(idea.id, set);
      await this.record(
        actor,
        {
          action: 'dialogue.idea.edit',
          organisationId: dialogue.organisation_id,
          target: { type: 'dialogue-idea', id: String(idea.id) },
          detail: { before: { text_sv: idea.text_sv, node: idea.node_id }, after: set },
        },
        repo,
      );
    });
    this.forget(dialogue.id);
  }

  /** Hides an idea from rounds and the public page; the reason is kept and audited. */
  async hideIdea(actor: Actor, ideaId: number, reason: string): Promise<void> {
    const { idea, dialogue } = await this.ideaFor(actor, ideaId);
    const why = (reason ?? '').trim();
    if (!why) throw invalid('give a reason for hiding the idea', 'reason');
    await this.repo.transaction(async (repo) => {
      await repo.updateIdea(idea.id, {
        hidden_reason: why,
        hidden_by: actor.label,
        hidden_at: new Date().toISOString(),
      });
      await this.record(
        actor,
        {
          action: 'dialogue.idea.hide',
          organisationId: dialogue.organisation_id,
          target: { type: 'dialogue-idea', id: String(idea.id) },
          detail: { reason: why, text: idea.text },
        },
        repo,
      );
    });
    this.forget(dialogue.id);
  }

  async unhideIdea(actor: Actor, ideaId: number): Promise<void> {
    const { idea, dialogue } = await this.ideaFor(actor, ideaId);
    await this.repo.transaction(async (repo) => {
      await repo.updateIdea(idea.id, { hidden_reason: null, hidden_by: null, hidden_at: null });
      await this.record(
        actor,
        {
          action: 'dialogue.idea.unhide',
          organisationId: dialogue.organisation_id,
          target: { type: 'dialogue-idea', id: String(idea.id) },
          detail: { reason: idea.hidden_reason },
        },
        repo,
      );
    });
    this.forget(dialogue.id);
  }

  /**
   * Merges a duplicate into another idea of the same dialogue. Votes stay as cast and are counted for
   * the idea merged into; links to actions move over; ideas merged into the duplicate follow it.
   */
  async mergeIdea(actor: Actor, ideaId: number, intoId: number): Promise<void> {
    const { idea, dialogue } = await this.ideaFor(actor, ideaId);
    const into = await this.repo.idea(intoId);
    if (!into || into.dialogue_id !== idea.dialogue_id || into.id === idea.id || into.merged_into !== null)
      throw invalid('merge into another idea of the same dialogue that is not merged itself', 'into');
    await this.repo.transaction(async (repo) => {
      await repo.updateIdea(idea.id, { merged_into: into.id });
      await repo.remerge(idea.id, into.id);
      await repo.moveLinks(idea.id, into.id);
      await this.record(
        actor,
        {
          action: 'dialogue.idea.merge',
          organisationId: dialogue.organisation_id,
          target: { type: 'dialogue-idea', id: String(idea.id) },
          detail: { into: into.id },
        },
        repo,
      );
    });
    this.forget(dialogue.id);
  }

  /** The answer to an idea, who decided (a body or a person, as staff write it) and linked actions. */
  async answerIdea(
    actor: Actor,
    ideaId: number,
    input: { answer: string; reason: string; decided_by: string; actions?: number[] },
  ): Promise<void> {
    const { idea, dialogue } = await this.ideaFor(actor, ideaId);
    if (!(ANSWERS as readonly string[]).includes(input.answer))
      throw invalid('answer is genomfors, delvis, genomfors_inte or gors_redan', 'answer');
    const reason = (input.reason ?? '').trim();
    const decidedBy = (input.decided_by ?? '').trim();
    if (!reason) throw invalid('give the reason for the answer', 'reason');
    if (!decidedBy) throw invalid('say who decided', 'decided_by');
    const wanted = [...new Set(input.actions ?? [])];
    const actions = await this.repo.actionsOf(dialogue.organisation_id, wanted);
    if (actions.length !== wanted.length)
      throw invalid("an action is not one of the organisation's plans", 'actions');
    await this.repo.transaction(async (repo) => {
      await repo.updateIdea(idea.id, {
        answer: input.answer as IdeaAnswer,
        answer_reason: reason,
        answer_by: decidedBy,
        answered_at: new Date().toISOString(),
      });
      if (input.actions) await repo.setLinks(idea.id, actions);
      await this.record(
        actor,
        {
          action: 'dialogue.idea.answer',
          organisationId: dialogue.organisation_id,
          target: { type: 'dialogue-idea', id: String(idea.id) },
          detail: {
            before: { answer: idea.answer, reason: idea.answer_reason },
            answer: input.answer,
            reason,
            decided_by: decidedBy,
            actions,
          },
        },
        repo,
      );
    });
  }

  ideas(dialogueId: number): Promise<IdeaRow[]> {
    return this.repo.ideas(dialogueId);
  }

  // ---- rounds ----------------------------------------------------------------------------------

  async roundFor(
    operator: Operator,
    roundId: number,
    permission: Permission,
  ): Promise<{ round: RoundRow; dialogue: DialogueRow }> {
    const round = Number.isSafeInteger(roundId) ? await this.repo.round(roundId) : undefined;
    if (!round) throw new DialogueError(404, 'notFound', 'no such round');
    return { round, dialogue: await this.dialogueFor(operator, round.dialogue_id, permission) };
  }

  async createRound(actor: Actor, dialogueId: number, settings: RoundSettings): Promise<number> {
    const d = await this.dialogueFor(actor, dialogueId, 'plan.edit');
    const rules = checkRoundSettings(settings);
    return this.repo.transaction(async (repo) => {
      const id = await repo.insertRound({
        ...rules,
        dialogue_id: d.id,
        state: 'draft',
        created_at: new Date().toISOString(),
      });
      await this.record(
        actor,
        {
          action: 'dialogue.round.create',
          organisationId: d.organisation_id,
          target: { type: 'dialogue-round', id: String(id) },
          detail: { rules },
        },
        repo,
      );
      return id;
    });
  }

  /** New rules for a round that has not opened; once open its rules are locked. */
  async updateRound(actor: Actor, roundId: number, settings: Partial<RoundSettings>): Promise<void> {
    const { round, dialogue } = await this.roundFor(actor, roundId, 'plan.edit');
    if (round.state !== 'draft')
      throw new DialogueError(409, 'rulesLocked', 'the round has opened: its rules are locked');
    const rules = checkRoundSettings({
      method: settings.method ?? round.method,
      title: settings.title ?? round.title,
      dots: settings.dots ?? round.dots ?? undefined,
      max_per_idea: settings.max_per_idea ?? round.max_per_idea ?? undefined,
      hide_counts: settings.hide_counts ?? round.hide_counts === 1,
      allow_ideas: settings.allow_ideas ?? round.allow_ideas === 1,
    });
    await this.repo.transaction(async (repo) => {
      // The state condition is in the update: an open racing this change wins, the change is refused.
      if (!(await repo.updateDraftRound(round.id, rules)))
        throw new DialogueError(409, 'rulesLocked', 'the round has opened: its rules are locked');
      await this.record(
        actor,
        {
          action: 'dialogue.round.update',
          organisationId: dialogue.organisation_id,
          target: { type: 'dialogue-round', id: String(round.id) },
          detail: { rules },
        },
        repo,
      );
    });
  }

  async setRoundState(actor: Actor, roundId: number, to: 'open' | 'closed'): Promise<void> {
    const { round, dialogue } = await this.roundFor(actor, roundId, 'plan.edit');
    const from = to === 'open' ? 'draft' : 'open';
    await this.repo.transaction(async (repo) => {
      if (!(await repo.setRoundState(round.id, from, to, new Date().toISOString())))
        throw new DialogueError(
          409,
          to === 'open' ? 'rulesLocked' : 'roundNotOpen',
          to === 'open'
            ? `the round is ${round.state}, not a draft`
            : `the round is ${round.state}, not open`,
        );
      await this.record(
        actor,
        {
          action: `dialogue.round.${to === 'open' ? 'open' : 'close'}`,
          organisationId: dialogue.organisation_id,
          target: { type: 'dialogue-round', id: String(round.id) },
          detail: {
            rules: {
              method: round.method,
              dots: round.dots,
              max_per_idea: round.max_per_idea,
              hide_counts: round.hide_counts,
              allow_ideas: round.allow_ideas,
            },
          },
        },
        repo,
      );
    });
  }

  async createCodes(actor: Actor, roundId: number, count: number): Promise<string[]> {
    const { round, dialogue } = await this.roundFor(actor, roundId, 'plan.edit');
    if (!Number.isInteger(count) || count < 1 || count > MAX_CODES)
      throw invalid(`count is a whole number from 1 to ${MAX_CODES}`, 'count');
    if (round.state === 'closed') throw new DialogueError(409, 'roundClosed', 'the round is closed');
    const codes = new Set<string>();
    while (codes.size < count) codes.add(newCode());
    const list = [...codes];
    await this.repo.transaction(async (repo) => {
      await repo.insertCodes(round.id, list, new Date().toISOString());
      await this.record(
        actor,
        {
          action: 'dialogue.round.codes',
          organisationId: dialogue.organisation_id,
          target: { type: 'dialogue-round', id: String(round.id) },
          detail: { count },
        },
        repo,
      );
    });
    return list;
  }

  rounds(dialogueId: number): Promise<RoundRow[]> {
    return this.repo.rounds(dialogueId);
  }

  // ---- participants ----------------------------------------------------------------------------

  async roundOfCode(typed: unknown): Promise<RoundRow | undefined> {
    const code = normaliseCode(typed);
    const roundId = code ? await this.repo.codeRound(code) : undefined;
    return roundId ? this.repo.round(roundId) : undefined;
  }

  /** The round, checked open, and the voter, checked to hold a code of this round. */
  async voterIn(
    roundId: number,
    who: { code?: unknown; userId?: string | null },
  ): Promise<{ round: RoundRow; voter: Voter }> {
    const round = Number.isSafeInteger(roundId) ? await this.repo.round(roundId) : undefined;
    if (!round) throw new DialogueError(404, 'notFound', 'no such round');
    let voter: Voter;
    if (who.code !== undefined && who.code !== null && who.code !== '') {
      const code = normaliseCode(who.code);
      if (!code || (await this.repo.codeRound(code)) !== round.id)
        throw new DialogueError(403, 'invalidCode', 'the participant code is not valid for this round');
      voter = { code };
    } else if (who.userId) voter = { userId: who.userId };
    else throw new DialogueError(403, 'invalidCode', 'give a participant code (code=…)');
    if (round.state === 'closed')
      throw new DialogueError(409, 'roundClosed', 'the round is closed: it takes no more votes');
    if (round.state !== 'open') throw new DialogueError(409, 'roundNotOpen', 'the round has not opened yet');
    return { round, voter };
  }

  private forget(dialogueId: number) {
    for (const [id, c] of this.roundCache) if (c.dialogueId === dialogueId) this.roundCache.delete(id);
  }

  /** Ideas of the round (visible ones) with their tallies so far; cached for two seconds. */
  private async roundState(round: RoundRow): Promise<RoundCache> {
    const cached = this.roundCache.get(round.id);
    if (cached && Date.now() - cached.at < 2000) return cached;
    const rows = (await this.repo.ideas(round.dialogue_id)).filter(
      (i) => i.hidden_at === null && i.merged_into === null,
    );
    const ideas = new Map(
      rows.map((i) => [i.id, { id: i.id, text: i.text, language: i.language, text_sv: i.text_sv }]),
    );
    const tallies = new Map([...ideas.keys()].map((id) => [id, { idea: id, wins: 0, losses: 0 }]));
    for (const c of await this.comparisons(round)) {
      const w = tallies.get(c.winner);
      const l = tallies.get(c.loser);
      if (w && l) {
        w.wins++;
        l.losses++;
      }
    }
    const state = { at: Date.now(), dialogueId: round.dialogue_id, ideas, tallies };
    this.roundCache.set(round.id, state);
    return state;
  }

  /** The next pair for the voter, or null when they have answered every pair there is. */
  async nextPair(
    roundId: number,
    who: { code?: unknown; userId?: string | null },
  ): Promise<{ left: PairIdea; right: PairIdea; answered: number } | null> {
    const { round, voter } = await this.voterIn(roundId, who);
    if (round.method !== 'pairwise') throw invalid('this round is a dot vote', 'round');
    const state = await this.roundState(round);
    const answered = new Set(
      (await this.repo.answeredPairs(round.id, voterKey(voter))).map((p) => pairKey(p.idea_a, p.idea_b)),
    );
    const pair = chooseAdaptivePair([...state.tallies.values()], answered, this.random);
    if (!pair) return null;
    return { left: state.ideas.get(pair[0])!, right: state.ideas.get(pair[1])!, answered: answered.size };
  }

  /** A pairwise answer: `winner` over `loser`, or neither (`skip`, "can't decide"). */
  async votePair(
    roundId: number,
    who: { code?: unknown; userId?: string | null },
    vote: { winner: number; loser: number; skip?: boolean },
  ): Promise<void> {
    // The fast path: the answer joins the next group-committed statement, which writes it only if
    // every check below would pass. When it is not written, the checks run one by one to say what was
    // wrong (or that it was a repeat).
    const { winner: w0, loser: l0 } = vote;
    const code =
      who.code !== undefined && who.code !== null && who.code !== '' ? normaliseCode(who.code) : null;
    const fastVoter: Voter | null = code ? { code } : who.code || !who.userId ? null : { userId: who.userId };
    if (
      fastVoter &&
      isRowId(roundId) &&
      isRowId(w0) &&
      isRowId(l0) &&
      w0 !== l0 &&
      (await this.pairVotes.add({
        round_id: roundId,
        code,
        voter: voterKey(fastVoter),
        idea_a: Math.min(w0, l0),
        idea_b: Math.max(w0, l0),
        winner: vote.skip ? null : w0,
        created_at: new Date().toISOString(),
      }))
    ) {
      if (!vote.skip) this.countInCache(roundId, w0, l0);
      return;
    }
    const { round, voter } = await this.voterIn(roundId, who);
    if (round.method !== 'pairwise')
      throw invalid('this round is a dot vote: send {code, ideas: [...]}', 'ideas');
    const { winner, loser } = vote;
    if (!Number.isSafeInteger(winner) || !Number.isSafeInteger(loser) || winner === loser)
      throw invalid('winner and loser are two different ideas', 'winner');
    // The vote path never reloads the pair-choice cache (that scans every vote): it reads the cache
    // when there is one, else asks which ideas are visible.
    const state = this.roundCache.get(round.id);
    const visible =
      state?.ideas.has(winner) && state.ideas.has(loser)
        ? true
        : await this.repo
            .visibleIdeaIds(round.dialogue_id)
            .then((ids) => ids.includes(winner) && ids.includes(loser));
    if (!visible)
      throw new DialogueError(400, 'ideaNotInRound', 'an idea is not (or no longer) in this round');
    const [a, b] = winner < loser ? [winner, loser] : [loser, winner];
    const fresh = await this.repo.insertPairVote({
      round_id: round.id,
      voter: voterKey(voter),
      idea_a: a,
      idea_b: b,
      winner: vote.skip ? null : winner,
      created_at: new Date().toISOString(),
    });
    if (!fresh)
      throw new DialogueError(409, 'alreadyVoted', 'this participant has answered this pair already');
    if (!vote.skip) this.countInCache(round.id, winner, loser);
  }

  /** A written answer counts at once in the cached tallies the pair choice reads (if cached). */
  private countInCache(roundId: number, winner: number, loser: number) {
    const state = this.roundCache.get(roundId);
    const w = state?.tallies.get(winner);
    const l = state?.tallies.get(loser);
    if (w && l) {
      w.wins++;
      l.losses++;
    }
  }

  /** A dot ballot: each idea id once per dot (or {idea, dots}); at most N dots, M per idea; once. */
  async voteDots(
    roundId: number,
    who: { code?: unknown; userId?: string | null },
    ideas: Array<number | { idea: number; dots: number }>,
  ): Promise<void> {
    const { round, voter } = await this.voterIn(roundId, who);
    if (round.method !== 'dots')
      throw invalid('this round is pairwise: send {code, winner, loser}', 'winner');
    const allocation = new Map<number, number>();
    for (const item of ideas) {
      const [id, n] = typeof item === 'number' ? [item, 1] : [item.idea, item.dots];
      if (!Number.isSafeInteger(id) || !Number.isInteger(n) || n < 0)
        throw invalid('ideas are idea ids or {idea, dots}', 'ideas');
      if (n > 0) allocation.set(id, (allocation.get(id) ?? 0) + n);
    }
    const total = [...allocation.values()].reduce((s, n) => s + n, 0);
    if (total === 0) throw new DialogueError(400, 'noDots', 'place at least one dot', 'ideas');
    if (total > (round.dots ?? 0))
      throw new DialogueError(400, 'tooManyDots', `at most ${round.dots} dots in this round`, 'ideas');
    if ([...allocation.values()].some((n) => n > (round.max_per_idea ?? 0)))
      throw new DialogueError(400, 'tooManyDots', `at most ${round.max_per_idea} dots on one idea`, 'ideas');
    const visible = new Set(await this.repo.visibleIdeaIds(round.dialogue_id));
    if ([...allocation.keys()].some((id) => !visible.has(id)))
      throw new DialogueError(400, 'ideaNotInRound', 'an idea is not (or no longer) in this round', 'ideas');
    if (!(await this.repo.insertBallot(round.id, voterKey(voter), allocation, new Date().toISOString())))
      throw new DialogueError(409, 'alreadyVoted', 'this participant has voted in this round already');
  }

  async hasVoted(roundId: number, voter: Voter): Promise<boolean> {
    return this.repo.hasBallot(roundId, voterKey(voter));
  }

  /** Each idea id → the idea its votes count for (itself, or the idea it was merged into). */
  private async canonical(
    dialogueId: number,
  ): Promise<{ canon: (id: number) => number | null; ideas: IdeaRow[] }> {
    const ideas = await this.repo.ideas(dialogueId);
    const byId = new Map(ideas.map((i) => [i.id, i]));
    const canon = (id: number): number | null => {
      let row = byId.get(id);
      for (let hops = 0; row && row.merged_into !== null && hops < 10; hops++)
        row = byId.get(row.merged_into);
      return row && row.hidden_at === null && row.merged_into === null ? row.id : null;
    };
    return { canon, ideas };
  }

  private async comparisons(round: RoundRow): Promise<Comparison[]> {
    const { canon } = await this.canonical(round.dialogue_id);
    const out: Comparison[] = [];
    for (const v of await this.repo.pairVotes(round.id)) {
      if (v.winner === null) continue;
      const winner = canon(v.winner);
      const loser = canon(v.winner === v.idea_a ? v.idea_b : v.idea_a);
      if (winner !== null && loser !== null && winner !== loser) out.push({ winner, loser });
    }
    return out;
  }

  /**
   * The round's results, best first. Pairwise: Bradley–Terry score (probability of beating a random
   * other idea) with its 95 % band and the simple score; dots: the dots counted exactly. While an open
   * round hides its counts, only staff (`staff: true`) see them.
   */
  async results(roundId: number, { staff = false } = {}) {
    const round = Number.isSafeInteger(roundId) ? await this.repo.round(roundId) : undefined;
    if (!round) throw new DialogueError(404, 'notFound', 'no such round');
    if (round.hide_counts && round.state === 'open' && !staff)
      throw new DialogueError(409, 'countsHidden', 'the round shows its results when it closes');
    const { canon, ideas } = await this.canonical(round.dialogue_id);
    const visible = ideas.filter((i) => i.hidden_at === null && i.merged_into === null);
    const text = new Map(visible.map((i) => [i.id, i]));
    const counts = await this.repo.voteCount(round.id);
    const describe = (id: number) => {
      const i = text.get(id)!;
      return { text: i.text, language: i.language, text_sv: i.text_sv };
    };
    if (round.method === 'pairwise') {
      const fit = fitBradleyTerry(
        visible.map((i) => i.id),
        await this.comparisons(round),
      );
      return {
        round: round.id,
        method: round.method,
        state: round.state,
        votes: counts.pairs,
        results: fit.map((f) => ({
          idea: f.idea,
          ...describe(f.idea),
          score: f.score,
          low: f.low,
          high: f.high,
          simple: f.simple,
          wins: f.wins,
          losses: f.losses,
        })),
      };
    }
    const dots = new Map(visible.map((i) => [i.id, { dots: 0, voters: new Set<string>() }]));
    for (const d of await this.repo.dots(round.id)) {
      const id = canon(d.idea_id);
      const t = id === null ? undefined : dots.get(id);
      if (t) {
        t.dots += d.dots;
        t.voters.add(d.voter);
      }
    }
    return {
      round: round.id,
      method: round.method,
      state: round.state,
      votes: counts.ballots,
      results: [...dots]
        .map(([idea, t]) => ({ idea, ...describe(idea), score: t.dots, dots: t.dots, voters: t.voters.size }))
        .sort((a, b) => b.score - a.score || a.idea - b.idea),
    };
  }

  // ---- report back -----------------------------------------------------------------------------

  /**
   * What became of every idea: its answer, who decided and why, and its actions with their status and
   * progress from the latest approved follow-up (the plan's own values until one is approved). Read
   * at every request, so it follows the follow-up rounds without anyone updating it.
   */
  async report(dialogueId: number) {
    const d = await this.repo.dialogue(dialogueId);
    if (!d) throw new DialogueError(404, 'notFound', 'no such dialogue');
    const ideas = (await this.repo.ideas(d.id)).filter((i) => i.hidden_at === null && i.merged_into === null);
    const merged = (await this.repo.ideas(d.id)).filter(
      (i) => i.merged_into !== null && i.hidden_at === null,
    );
    const links = await this.repo.linkedActions(ideas.map((i) => i.id));
    const followups = await this.repo.approvedActionFollowups([...new Set(links.map((l) => l.action_id))]);
    const latest = new Map<number, (typeof followups)[number]>();
    for (const f of followups) if (!latest.has(f.item_id)) latest.set(f.item_id, f);
    return {
      dialogue: {
        id: d.id,
        title: d.title,
        purpose: d.purpose,
        organisation: d.organisation_id,
        plan: d.plan_id,
      },
      phases: await this.repo.phases(d.id),
      ideas: ideas.map((i) => ({
        id: i.id,
        text: i.text,
        language: i.language,
        text_sv: i.text_sv,
        source: i.source,
        merged: merged
          .filter((m) => m.merged_into === i.id)
          .map((m) => ({ id: m.id, text: m.text, language: m.language })),
        answer: i.answer,
        reason: i.answer_reason,
        decided_by: i.answer_by,
        answered_at: i.answered_at,
        actions: links
          .filter((l) => l.idea_id === i.id)
          .map((l) => {
            const f = latest.get(l.action_id);
            return {
              id: l.action_id,
              plan: l.plan_id,
              plan_title: l.plan_title,
              code: l.code,
              title: l.title,
              status: f?.action_status ?? l.status,
              progress: f ? f.progress : l.progress,
              period: f?.period ?? null,
            };
          }),
      })),
    };
  }
}

function checkPhases(phases: readonly PhaseInput[]): PhaseRow[] {
  const seen = new Set<string>();
  return phases.map((p) => {
    if (!PHASES.includes(p.phase)) throw invalid(`phase is one of ${PHASES.join(', ')}`, 'phases');
    if (seen.has(p.phase)) throw invalid(`the phase ${p.phase} is given twice`, 'phases');
    seen.add(p.phase);
    for (const d of [p.starts_on, p.ends_on])
      if (d != null && d !== '' && !isDay(d)) throw invalid(`"${d}" is not a date (YYYY-MM-DD)`, 'phases');
    const starts = p.starts_on || null;
    const ends = p.ends_on || null;
    if (starts && ends && ends < starts)
      throw invalid(`the phase ${p.phase} ends before it starts`, 'phases');
    return { phase: p.phase, starts_on: starts, ends_on: ends };
  });
}
