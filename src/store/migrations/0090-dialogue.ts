import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { identityColumn } from './column-types.js';

/**
 * Dialogue: ideas from residents and newcomers, prioritisation rounds (dot votes and pairwise) with
 * one-time participant codes, and the answer to every idea linked to the plan's actions. No table
 * holds personal data: a voter is a participant code or an account id, never a name. Like Plan,
 * `organisation_id` has no foreign key (see the organisations contract).
 */
export function dialogueMigration(dialect: Dialect) {
  const id = identityColumn(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('dialogue')
        .addColumn('id', 'integer', id)
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'integer', (c) => c.references('plan.id').onDelete('set null'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dialogue_organisation').on('dialogue').column('organisation_id').execute();

      // collect → prioritise → decide → report, each with optional dates (ISO days).
      await db.schema
        .createTable('dialogue_phase')
        .addColumn('dialogue_id', 'integer', (c) => c.notNull().references('dialogue.id').onDelete('cascade'))
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('starts_on', 'text')
        .addColumn('ends_on', 'text')
        .addPrimaryKeyConstraint('dialogue_phase_pk', ['dialogue_id', 'phase'])
        .execute();

      await db.schema
        .createTable('dialogue_round')
        .addColumn('id', 'integer', id)
        .addColumn('dialogue_id', 'integer', (c) => c.notNull().references('dialogue.id').onDelete('cascade'))
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('dots', 'integer')
        .addColumn('max_per_idea', 'integer')
        .addColumn('hide_counts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('allow_ideas', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text')
        .addColumn('closed_at', 'text')
        .execute();
      await db.schema
        .createIndex('dialogue_round_dialogue')
        .on('dialogue_round')
        .column('dialogue_id')
        .execute();

      // The text as written, in its language; `text_sv` is staff's Swedish rendering (marked as such).
      await db.schema
        .createTable('dialogue_idea')
        .addColumn('id', 'integer', id)
        .addColumn('dialogue_id', 'integer', (c) => c.notNull().references('dialogue.id').onDelete('cascade'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('table_label', 'text')
        .addColumn('round_id', 'integer', (c) => c.references('dialogue_round.id').onDelete('set null'))
        .addColumn('node_id', 'integer')
        .addColumn('text_sv', 'text')
        .addColumn('text_sv_by', 'text')
        .addColumn('hidden_reason', 'text')
        .addColumn('hidden_by', 'text')
        .addColumn('hidden_at', 'text')
        .addColumn('merged_into', 'integer')
        .addColumn('answer', 'text')
        .addColumn('answer_reason', 'text')
        .addColumn('answer_by', 'text')
        .addColumn('answered_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('dialogue_idea_dialogue')
        .on('dialogue_idea')
        .column('dialogue_id')
        .execute();

      await db.schema
        .createTable('dialogue_idea_action')
        .addColumn('idea_id', 'integer', (c) =>
          c.notNull().references('dialogue_idea.id').onDelete('cascade'),
        )
        .addColumn('action_id', 'integer', (c) =>
          c.notNull().references('plan_action.id').onDelete('cascade'),
        )
        .addPrimaryKeyConstraint('dialogue_idea_action_pk', ['idea_id', 'action_id'])
        .execute();

      // One-time participant codes: one code, one voice per round.
      await db.schema
        .createTable('dialogue_code')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'integer', (c) =>
          c.notNull().references('dialogue_round.id').onDelete('cascade'),
        )
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dialogue_code_round').on('dialogue_code').column('round_id').execute();

      // A pairwise answer: the pair (idea_a < idea_b) and the winner, null for "can't decide". The
      // unique key lets a voter answer each pair once; votes keep the ideas they were cast on, and a
      // merge is applied when they are counted (so the votes follow the merge and stay as cast).
      await db.schema
        .createTable('dialogue_pair_vote')
        .addColumn('id', 'integer', id)
        .addColumn('round_id', 'integer', (c) =>
          c.notNull().references('dialogue_round.id').onDelete('cascade'),
        )
        .addColumn('voter', 'text', (c) => c.notNull())
        .addColumn('idea_a', 'integer', (c) => c.notNull())
        .addColumn('idea_b', 'integer', (c) => c.notNull())
        .addColumn('winner', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('dialogue_pair_vote_once')
        .on('dialogue_pair_vote')
        .columns(['round_id', 'voter', 'idea_a', 'idea_b'])
        .unique()
        .execute();

      // A dot ballot: one per voter and round (the primary key), its dots per idea below it.
      await db.schema
        .createTable('dialogue_ballot')
        .addColumn('round_id', 'integer', (c) =>
          c.notNull().references('dialogue_round.id').onDelete('cascade'),
        )
        .addColumn('voter', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dialogue_ballot_pk', ['round_id', 'voter'])
        .execute();
      await db.schema
        .createTable('dialogue_dot')
        .addColumn('round_id', 'integer', (c) =>
          c.notNull().references('dialogue_round.id').onDelete('cascade'),
        )
        .addColumn('voter', 'text', (c) => c.notNull())
        .addColumn('idea_id', 'integer', (c) => c.notNull())
        .addColumn('dots', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('dialogue_dot_pk', ['round_id', 'voter', 'idea_id'])
        .execute();
    },
  };
}
