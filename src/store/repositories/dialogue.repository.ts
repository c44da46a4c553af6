/**
 * The Dialogue module's queries: dialogues and their phases, ideas, rounds, participant codes and
 * votes. Votes are written with "insert … on conflict do nothing", so the unique keys decide "one
 * code, one voice" on both backends and across app instances.
 */
import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { SqlFlavour } from '../backends/backend.js';
import type {
  DialogueIdeaTable,
  DialoguePhase,
  DialogueRoundTable,
  DialogueTable,
} from '../dialogue-schema.js';
import type { Database } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The fields of a pairwise answer as insertPairVotesChecked passes them to the statement. */
const PAIR_VOTE_COLUMNS = [
  ['round_id', 'integer'],
  ['code', 'text'],
  ['voter', 'text'],
  ['idea_a', 'integer'],
  ['idea_b', 'integer'],
  ['winner', 'integer'],
  ['created_at', 'text'],
] as const;
/** A pairwise answer as insertPairVotesChecked writes it. */
export interface PairVoteInsert {
  round_id: number;
  code: string | null;
  voter: string;
  idea_a: number;
  idea_b: number;
  winner: number | null;
  created_at: string;
}
export type DialogueRow = Selectable<DialogueTable>;
export type IdeaRow = Selectable<DialogueIdeaTable>;
export type RoundRow = Selectable<DialogueRoundTable>;
export interface PhaseRow {
  phase: DialoguePhase;
  starts_on: string | null;
  ends_on: string | null;
}

export interface LinkedAction {
  idea_id: number;
  action_id: number;
  plan_id: number;
  plan_title: string;
  code: string | null;
  title: string;
  status: string;
  progress: number | null;
}

export class DialogueRepository {
  constructor(
    readonly db: Db,
    private readonly flavour: SqlFlavour,
  ) {}

  transaction<T>(work: (repo: DialogueRepository) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this);
    return (this.db as Kysely<Database>)
      .transaction()
      .execute((trx) => work(new DialogueRepository(trx, this.flavour)));
  }

  async insertDialogue(row: Insertable<DialogueTable>): Promise<number> {
    const r = await this.db.insertInto('dialogue').values(row).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  }

  dialogue(id: number): Promise<DialogueRow | undefined> {
    return this.db.selectFrom('dialogue').selectAll().where('id', '=', id).executeTakeFirst();
  }

  dialogues(organisations: readonly string[]): Promise<DialogueRow[]> {
    if (organisations.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('dialogue')
      .selectAll()
      .where('organisation_id', 'in', organisations)
      .orderBy('id', 'desc')
      .execute();
  }

  phases(dialogueId: number): Promise<PhaseRow[]> {
    return this.db
      .selectFrom('dialogue_phase')
      .select(['phase', 'starts_on', 'ends_on'])
      .where('dialogue_id', '=', dialogueId)
      .execute();
  }

  async setPhases(dialogueId: number, phases: readonly PhaseRow[]): Promise<void> {
    await this.db.deleteFrom('dialogue_phase').where('dialogue_id', '=', dialogueId).execute();
    if (phases.length)
      await this.db
        .insertInto('dialogue_phase')
        .values(phases.map((p) => ({ dialogue_id: dialogueId, ...p })))
        .execute();
  }

  async insertIdeas(rows: Insertable<DialogueIdeaTable>[]): Promise<number[]> {
    if (rows.length === 0) return [];
    const ids: number[] = [];
    // In chunks: SQLite limits the number of bound values per statement.
    for (let i = 0; i < rows.length; i += 200) {
      const r = await this.db
        .insertInto('dialogue_idea')
        .values(rows.slice(i, i + 200))
        .returning('id')
        .execute();
      ids.push(...r.map((x) => Number(x.id)));
    }
    return ids;
  }

  idea(id: number): Promise<IdeaRow | undefined> {
    return this.db.selectFrom('dialogue_idea').selectAll().where('id', '=', id).executeTakeFirst();
  }

  ideas(dialogueId: number): Promise<IdeaRow[]> {
    return this.db
      .selectFrom('dialogue_idea')
      .selectAll()
      .where('dialogue_id', '=', dialogueId)
      .orderBy('id')
      .execute();
  }

  /** Ideas that take part in rounds: neither hidden nor merged into another. */
  async visibleIdeaIds(dialogueId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('dialogue_idea')
      .select('id')
      .where('dialogue_id', '=', dialogueId)
      .where('hidden_at', 'is', null)
      .where('merged_into', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => Number(r.id));
  }

  async updateIdea(id: number, changes: Partial<Insertable<DialogueIdeaTable>>): Promise<void> {
    await this.db.updateTable('dialogue_idea').set(changes).where('id', '=', id).execute();
  }

  /** Points ideas merged into `from` at `to` (a merge of a merge keeps one level). */
  async remerge(from: number, to: number): Promise<void> {
    await this.db
      .updateTable('dialogue_idea')
      .set({ merged_into: to })
      .where('merged_into', '=', from)
      .execute();
  }

  linkedActions(ideaIds: readonly number[]): Promise<LinkedAction[]> {
    if (ideaIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('dialogue_idea_action as l')
      .innerJoin('plan_action as a', 'a.id', 'l.action_id')
      .innerJoin('plan', 'plan.id', 'a.plan_id')
      .select([
        'l.idea_id',
        'l.action_id',
        'a.plan_id',
        'plan.title as plan_title',
        'a.code',
        'a.title',
        'a.status',
        'a.progress',
      ])
      .where('l.idea_id', 'in', ideaIds)
      .orderBy('l.idea_id')
      .orderBy('a.position')
      .execute();
  }

  async setLinks(ideaId: number, actionIds: readonly number[]): Promise<void> {
    await this.db.deleteFrom('dialogue_idea_action').where('idea_id', '=', ideaId).execute();
    if (actionIds.length)
      await this.db
        .insertInto('dialogue_idea_action')
        .values(actionIds.map((action_id) => ({ idea_id: ideaId, action_id })))
        .execute();
  }

  /** Moves the links of `from` to `to`, keeping one row per action. */
  async moveLinks(from: number, to: number): Promise<void> {
    const rows = await this.db
      .selectFrom('dialogue_idea_action')
      .select('action_id')
      .where('idea_id', '=', from)
      .execute();
    for (const r of rows)
      await this.db
        .insertInto('dialogue_idea_action')
        .values({ idea_id: to, action_id: r.action_id })
        .onConflict((oc) => oc.columns(['idea_id', 'action_id']).doNothing())
        .execute();
    await this.db.deleteFrom('dialogue_idea_action').where('idea_id', '=', from).execute();
  }

  /** Actions of the organisation's plans with the given ids (those that may be linked). */
  async actionsOf(organisationId: string, ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('plan_action as a')
      .innerJoin('plan', 'plan.id', 'a.plan_id')
      .select('a.id')
      .where('plan.organisation_id', '=', organisationId)
      .where('a.id', 'in', ids)
      .execute();
    return rows.map((r) => Number(r.id));
  }

  /** The actions of a plan, for the answer form. */
  planActions(planId: number) {
    return this.db
      .selectFrom('plan_action')
      .select(['id', 'code', 'title', 'status', 'progress'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .execute();
  }

  /** The goal areas (top nodes) of a plan, to tag ideas with. */
  goalAreas(planId: number) {
    return this.db
      .selectFrom('plan_node')
      .select(['id', 'code', 'title'])
      .where('plan_id', '=', planId)
      .where('parent_id', 'is', null)
      .orderBy('position')
      .execute();
  }

  /** The latest approved follow-up of each action: what the public may see of its status and progress. */
  approvedActionFollowups(actionIds: readonly number[]) {
    if (actionIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('plan_followup')
      .select(['item_id', 'period', 'action_status', 'progress', 'approved_at'])
      .where('item_kind', '=', 'action')
      .where('state', '=', 'approved')
      .where('item_id', 'in', actionIds)
      .orderBy('period', 'desc')
      .execute();
  }

  async insertRound(row: Insertable<DialogueRoundTable>): Promise<number> {
    const r = await this.db
      .insertInto('dialogue_round')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  round(id: number): Promise<RoundRow | undefined> {
    return this.db.selectFrom('dialogue_round').selectAll().where('id', '=', id).executeTakeFirst();
  }

  rounds(dialogueId: number): Promise<RoundRow[]> {
    return this.db
      .selectFrom('dialogue_round')
      .selectAll()
      .where('dialogue_id', '=', dialogueId)
      .orderBy('id')
      .execute();
  }

  /** Changes a round only while it is a draft (the condition is in the update itself). */
  async updateDraftRound(id: number, changes: Partial<Insertable<DialogueRoundTable>>): Promise<boolean> {
    const r = await this.db
      .updateTable('dialogue_round')
      .set(changes)
      .where('id', '=', id)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async setRoundState(
    id: number,
    from: RoundRow['state'],
    to: RoundRow['state'],
    at: string,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('dialogue_round')
      .set(to === 'open' ? { state: to, opened_at: at } : { state: to, closed_at: at })
      .where('id', '=', id)
      .where('state', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async insertCodes(roundId: number, codes: readonly string[], at: string): Promise<void> {
    for (let i = 0; i < codes.length; i += 300)
      await this.db
        .insertInto('dialogue_code')
        .values(codes.slice(i, i + 300).map((code) => ({ code, round_id: roundId, created_at: at })))
        .execute();
  }

  async codeRound(code: string): Promise<number | undefined> {
    const r = await this.db
      .selectFrom('dialogue_code')
      .select('round_id')
      .where('code', '=', code)
      .executeTakeFirst();
    return r ? Number(r.round_id) : undefined;
  }

  async countCodes(roundId: number): Promise<number> {
    const r = await this.db
      .selectFrom('dialogue_code')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('round_id', '=', roundId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * The vote path's one statement, for any number of pairwise answers at once (group commit, see
   * domain/dialogue/pair-vote-batch.ts): each answer is written only if, at that moment, its round is
   * an open pairwise round, its code (when the voter is a code) belongs to that round, and both ideas
   * are visible ideas of the round's dialogue; a repeated answer writes nothing (the unique key
   * decides "one code, one voice", also across server processes). Returns, in order, whether each
   * answer was written; when one was not, the caller asks the slow questions to say which check
   * failed. The answers travel as one JSON parameter, so the statement's text is the same for one
   * answer or three hundred. Two answers with the same key (round, voter, pair) must not be in one
   * call: the second could not be told from the first in what the statement returns.
   * With `waitForWriter: false`: null instead of waiting when another connection holds the
   * database's write lock (SQLite: another server process), nothing written.
   */
  insertPairVotesChecked(rows: readonly PairVoteInsert[]): Promise<boolean[]>;
  insertPairVotesChecked(
    rows: readonly PairVoteInsert[],
    options: { waitForWriter: boolean },
  ): Promise<boolean[] | null>;
  insertPairVotesChecked(
    rows: readonly PairVoteInsert[],
    { waitForWriter = true }: { waitForWriter?: boolean } = {},
  ): Promise<boolean[] | null> {
    if (waitForWriter) return this.pairVotesChecked(this.db, rows);
    return this.flavour.withoutWaitingForWriter(this.db, (db) => this.pairVotesChecked(db, rows));
  }

  private async pairVotesChecked(db: Db, rows: readonly PairVoteInsert[]): Promise<boolean[]> {
    const answers = this.flavour.jsonRecords('v', JSON.stringify(rows), PAIR_VOTE_COLUMNS);
    // Written as SQL text, not built: building a query with Kysely's builder cost more than running it.
    const { rows: written } = await sql<{ round_id: number; voter: string; idea_a: number; idea_b: number }>`
      insert into dialogue_pair_vote (round_id, voter, idea_a, idea_b, winner, created_at)
        select r.id, v.voter, v.idea_a, v.idea_b, v.winner, v.created_at
        from ${answers} join dialogue_round r on r.id = v.round_id
        where r.state = 'open' and r.method = 'pairwise'
          and (v.code is null
               or exists (select 1 from dialogue_code c where c.code = v.code and c.round_id = r.id))
          and (select count(*) from dialogue_idea i
               where i.id in (v.idea_a, v.idea_b) and i.dialogue_id = r.dialogue_id
                 and i.hidden_at is null and i.merged_into is null) = 2
      on conflict (round_id, voter, idea_a, idea_b) do nothing
      returning round_id, voter, idea_a, idea_b`.execute(db);
    const key = (r: { round_id: number; voter: string; idea_a: number; idea_b: number }) =>
      `${Number(r.round_id)} ${Number(r.idea_a)} ${Number(r.idea_b)} ${r.voter}`;
    const done = new Set(written.map(key));
    return rows.map((r) => done.has(key(r)));
  }

  async insertPairVote(row: {
    round_id: number;
    voter: string;
    idea_a: number;
    idea_b: number;
    winner: number | null;
    created_at: string;
  }): Promise<boolean> {
    const r = await this.db
      .insertInto('dialogue_pair_vote')
      .values(row)
      .onConflict((oc) => oc.columns(['round_id', 'voter', 'idea_a', 'idea_b']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return r !== undefined;
  }

  async answeredPairs(roundId: number, voter: string): Promise<Array<{ idea_a: number; idea_b: number }>> {
    return this.db
      .selectFrom('dialogue_pair_vote')
      .select(['idea_a', 'idea_b'])
      .where('round_id', '=', roundId)
      .where('voter', '=', voter)
      .execute();
  }

  pairVotes(roundId: number) {
    return this.db
      .selectFrom('dialogue_pair_vote')
      .select(['idea_a', 'idea_b', 'winner'])
      .where('round_id', '=', roundId)
      .execute();
  }

  /** Records a dot ballot whole; false when this voter has voted in the round already. */
  async insertBallot(
    roundId: number,
    voter: string,
    dots: ReadonlyMap<number, number>,
    at: string,
  ): Promise<boolean> {
    return this.transaction(async (repo) => {
      const r = await repo.db
        .insertInto('dialogue_ballot')
        .values({ round_id: roundId, voter, created_at: at })
        .onConflict((oc) => oc.columns(['round_id', 'voter']).doNothing())
        .returning('voter')
        .executeTakeFirst();
      if (!r) return false;
      await repo.db
        .insertInto('dialogue_dot')
        .values([...dots].map(([idea_id, n]) => ({ round_id: roundId, voter, idea_id, dots: n })))
        .execute();
      return true;
    });
  }

  async hasBallot(roundId: number, voter: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('dialogue_ballot')
      .select('voter')
      .where('round_id', '=', roundId)
      .where('voter', '=', voter)
      .executeTakeFirst();
    return r !== undefined;
  }

  dots(roundId: number) {
    return this.db
      .selectFrom('dialogue_dot')
      .select(['voter', 'idea_id', 'dots'])
      .where('round_id', '=', roundId)
      .execute();
  }

  async voteCount(roundId: number): Promise<{ pairs: number; ballots: number }> {
    const [p, b] = await Promise.all([
      this.db
        .selectFrom('dialogue_pair_vote')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('round_id', '=', roundId)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('dialogue_ballot')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('round_id', '=', roundId)
        .executeTakeFirstOrThrow(),
    ]);
    return { pairs: Number(p.n), ballots: Number(b.n) };
  }
}
