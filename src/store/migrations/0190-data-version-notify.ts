import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * PostgreSQL: every write to import_log or store_meta (what the data version is made of) notifies
 * channel `etablera_data_version` at its commit, so a server process knows its version still holds
 * without reading it for every request (src/store/data-version-signal.ts; issue 24). Statement-level:
 * one notification a statement, and PostgreSQL folds the same notification within a transaction.
 * SQLite reads the version in-process and needs nothing.
 */
export function dataVersionNotifyMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`create function etablera_data_version_changed() returns trigger language plpgsql as $$
        begin perform pg_notify('etablera_data_version', ''); return null; end $$`.execute(db);
      for (const table of ['import_log', 'store_meta'])
        await sql
          .raw(
            `create trigger ${table}_data_version after insert or update or delete or truncate on ${table}
              for each statement execute function etablera_data_version_changed()`,
          )
          .execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`drop function etablera_data_version_changed() cascade`.execute(db);
    },
  };
}
