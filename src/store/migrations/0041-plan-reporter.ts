import type { Kysely } from 'kysely';

/**
 * Who reports on which part of a plan: a user assigned to a node reports on it, its indicators and
 * actions and everything below it. A reporter sees and edits only those (a strategist, who holds
 * plan.edit, reports on the whole plan). `user_id` has no foreign key, as elsewhere in Plan: the
 * accounts tables may be created after these.
 */
export function planReporterMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('plan_node_reporter')
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
        .addColumn('node_id', 'integer', (c) => c.notNull().references('plan_node.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('assigned_by', 'text', (c) => c.notNull())
        .addColumn('assigned_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_node_reporter_pk', ['node_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('plan_node_reporter_user')
        .on('plan_node_reporter')
        .columns(['user_id', 'plan_id'])
        .execute();
    },
  };
}
