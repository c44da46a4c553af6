import type { Kysely } from 'kysely';

/**
 * The groups a kommun belongs to (`ComparisonRepository.groupsContaining`: profile pages, the
 * reference choice) were a full scan of `municipality_group_member` (26,000 rows in Kolada's data):
 * its primary key starts with the group. Each worker asks once per kommun; on PostgreSQL those scans
 * were the mix's heaviest queries (issue 24, BENCHMARKS.md *Session 33*).
 */
export function groupMemberByMunicipalityMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('municipality_group_member_municipality')
        .on('municipality_group_member')
        .columns(['municipality_id', 'group_id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('municipality_group_member_municipality').execute();
    },
  };
}
