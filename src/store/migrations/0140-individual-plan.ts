import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { identityColumn } from './column-types.js';

/**
 * The individual plan and the guidance log (issue 20):
 * - `person_plan_version`: every saved version of a person's plan (goal and steps, sealed as one JSON
 *   document); the highest version is the plan, the others its history. `source` says how it was made
 *   (`edit`, or `match:<occupation id>` for a plan made from a match's next steps).
 * - `person_note`: the case workers' guidance notes, text sealed; a follow-up date makes a reminder to
 *   the case workers until it is marked done.
 * - `process_setting.notes_to_person`: whether the organisation lets people read their own notes
 *   (off by default).
 */
export function individualPlanMigration(dialect: Dialect) {
  const id = identityColumn(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('person_plan_version')
        .addColumn('id', 'integer', id)
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('plan_sealed', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('saved_at', 'text', (c) => c.notNull())
        .addColumn('saved_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('person_plan_version_person')
        .on('person_plan_version')
        .columns(['person_id', 'version'])
        .unique()
        .execute();
      await db.schema
        .createTable('person_note')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('text_sealed', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('follow_up_on', 'text')
        .addColumn('follow_up_done_at', 'text')
        .execute();
      await db.schema
        .createIndex('person_note_person')
        .on('person_note')
        .columns(['person_id', 'at'])
        .execute();
      await db.schema
        .alterTable('process_setting')
        .addColumn('notes_to_person', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('process_setting').dropColumn('notes_to_person').execute();
      await db.schema.dropTable('person_note').execute();
      await db.schema.dropTable('person_plan_version').execute();
    },
  };
}
