import type { Kysely } from 'kysely';

/**
 * Per KPI, the date its OU values (Kolada's /oudata) were last fetched up to, for `from_date`, and
 * the years they cover: the OU-level twin of sync_kpi_state. A table of its own, because a KPI's
 * municipality values and its OU values are fetched, and can fail, apart.
 */
export function ouSyncStateMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('sync_ou_state')
        .addColumn('kpi_id', 'text', (c) => c.primaryKey())
        .addColumn('high_water', 'text', (c) => c.notNull())
        .addColumn('years', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
