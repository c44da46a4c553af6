import type { Kysely } from 'kysely';

/**
 * Retention may pseudonymise instead of erase (issue 21 item 4):
 * - `process_setting.retention_action`: `erase` (the default) or `pseudonymise`, per organisation.
 * - `person_outcome`: what a pseudonymised person leaves behind, only the outcomes own KPIs count
 *   (case opened, inventory done, plan made, a step of a type done, a ladder level reached, case closed)
 *   with the month they happened. `subject` is a random id drawn when the person is pseudonymised, so a
 *   subject's outcomes stay together (for "in work N months after the inventory") but lead back to no
 *   person, audit entry or account: no person id, no audit reference, no exact dates, no time of writing,
 *   and a random primary key so that the order of the rows does not tell when they were written either.
 */
export function retentionPseudonymiseMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('process_setting')
        .addColumn('retention_action', 'text', (c) => c.notNull().defaultTo('erase'))
        .execute();
      await db.schema
        .createTable('person_outcome')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addColumn('month', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('person_outcome_organisation')
        .on('person_outcome')
        .columns(['organisation_id', 'event', 'month'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('person_outcome').execute();
      await db.schema.alterTable('process_setting').dropColumn('retention_action').execute();
    },
  };
}
