import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';
import { identityColumn } from './column-types.js';

/**
 * Accounts: organisations, users and their memberships (the contract other modules rely on:
 * `organisation(id, kind, name)` and `membership(user_id, organisation_id, role)`), sessions, API
 * tokens, one-time links, second factors, identities at an IdP, sign-in throttling and the
 * append-only audit log. Secrets (session ids, tokens, link codes, recovery codes) are stored hashed.
 */
export function accountsMigration(dialect: Dialect) {
  const identity = identityColumn(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('organisation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('app_user')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text')
        .addColumn('password_hash', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('locale', 'text')
        .addColumn('totp_secret', 'text')
        .addColumn('totp_enabled_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .execute();
      await db.schema
        .createTable('membership')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('membership_pk', ['user_id', 'organisation_id'])
        .execute();
      await db.schema.createIndex('membership_org').on('membership').column('organisation_id').execute();
      await db.schema
        .createTable('user_session')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('user_session_user').on('user_session').column('user_id').execute();
      await db.schema
        .createTable('api_token')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('api_token_user').on('api_token').column('user_id').execute();
      await db.schema
        .createTable('account_link')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema
        .createTable('recovery_code')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addPrimaryKeyConstraint('recovery_code_pk', ['user_id', 'code_hash'])
        .execute();
      await db.schema
        .createTable('user_identity')
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_identity_pk', ['issuer', 'subject'])
        .execute();
      await db.schema
        .createTable('sign_in_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('window_started_at', 'text', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', identity)
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text')
        .addColumn('actor_user_id', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text')
        .addColumn('target_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_log_org_at')
        .on('audit_log')
        .columns(['organisation_id', 'id'])
        .execute();
      // Append-only whatever the role: the database itself refuses to change or remove an entry.
      if (dialect === 'sqlite') {
        for (const op of ['update', 'delete'])
          await sql
            .raw(
              `create trigger audit_log_no_${op} before ${op} on audit_log begin select raise(abort, 'audit_log is append-only'); end`,
            )
            .execute(db);
      } else {
        await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
          begin raise exception 'audit_log is append-only'; end $$`.execute(db);
        await sql`create trigger audit_log_append_only before update or delete or truncate on audit_log
          for each statement execute function audit_log_append_only()`.execute(db);
      }
    },
  };
}
