import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { identityColumn } from './column-types.js';

/**
 * Process: people and what is held about them. Personal text (name, contact, the inventory) is stored
 * only sealed (`*_sealed`, AES-256-GCM, see domain/process/privacy/field-cipher.ts); the key is never
 * here. `audit_ref` is what the audit log names instead of the person's id, so that after an erasure
 * the log keeps only that something happened to someone no longer identifiable. No foreign keys to
 * the accounts tables (see the organisations contract); rows of a person are removed by the erasure.
 */
export function processPeopleMigration(dialect: Dialect) {
  const id = identityColumn(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('person')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('audit_ref', 'text', (c) => c.notNull().unique())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('name_sealed', 'text', (c) => c.notNull())
        .addColumn('contact_sealed', 'text')
        .addColumn('user_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('restricted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .execute();
      await db.schema.createIndex('person_organisation').on('person').column('organisation_id').execute();
      await db.schema.createIndex('person_user').on('person').column('user_id').execute();
      await db.schema
        .createTable('person_caseworker')
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('assigned_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('person_caseworker_pk', ['person_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('person_caseworker_user')
        .on('person_caseworker')
        .column('user_id')
        .execute();
      await db.schema
        .createTable('person_access_grant')
        .addColumn('id', 'integer', id)
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('reason_sealed', 'text', (c) => c.notNull())
        .addColumn('granted_by', 'text', (c) => c.notNull())
        .addColumn('granted_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('person_access_grant_person')
        .on('person_access_grant')
        .columns(['person_id', 'user_id'])
        .execute();
      await db.schema
        .createTable('person_consent')
        .addColumn('id', 'integer', id)
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('text_version', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('legal_basis', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('person_consent_person').on('person_consent').column('person_id').execute();
      await db.schema
        .createTable('person_inventory')
        .addColumn('person_id', 'text', (c) => c.primaryKey())
        .addColumn('inventory_sealed', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      // The DPO's "who read this person's data" looks entries up by the person's audit reference.
      await db.schema
        .createIndex('audit_log_target')
        .on('audit_log')
        .columns(['target_type', 'target_id'])
        .execute();
      await db.schema
        .createTable('process_setting')
        .addColumn('organisation_id', 'text', (c) => c.primaryKey())
        .addColumn('retention_days', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of [
        'process_setting',
        'person_inventory',
        'person_consent',
        'person_access_grant',
        'person_caseworker',
        'person',
      ])
        await db.schema.dropTable(table).execute();
      await db.schema.dropIndex('audit_log_target').execute();
    },
  };
}
