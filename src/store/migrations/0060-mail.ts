import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { identityColumn } from './column-types.js';

/**
 * The mail outbox: every e-mail Etablera sends is first a row here, written in the same transaction
 * as whatever caused it (an invitation, a reset, a plan reminder), then delivered by whichever app
 * instance claims it. `state` pending → sending (claimed until `claimed_until`) → sent | failed;
 * a failed attempt goes back to pending with a later `next_attempt_at`.
 */
export function mailMigration(dialect: Dialect) {
  const id = identityColumn(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('mail_outbox')
        .addColumn('id', 'integer', id)
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_until', 'text')
        .addColumn('sent_at', 'text')
        .addColumn('message_id', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createIndex('mail_outbox_due')
        .on('mail_outbox')
        .columns(['state', 'next_attempt_at'])
        .execute();
    },
  };
}
