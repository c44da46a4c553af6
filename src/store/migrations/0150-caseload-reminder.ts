import type { Kysely } from 'kysely';

/**
 * The caseload reminders (issue 20): one row per case worker and Swedish day on which they were sent
 * an e-mail about their steps due and follow-ups due. The primary key makes the reminder once a day
 * across runs and instances: the run that inserts the row queues the e-mail in the same transaction.
 */
export function caseloadReminderMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('caseload_reminder')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('caseload_reminder_pk', ['user_id', 'day'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('caseload_reminder').execute();
    },
  };
}
