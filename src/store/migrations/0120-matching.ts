import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { identityColumn } from './column-types.js';

/**
 * Matching: imported job ads and the case worker's decisions on suggestions. An ad keeps what matching
 * needs and nothing about people: the contact persons' names, e-mails and phone numbers of JobTech's ad
 * shape are dropped before this table is reached (there is no column for them). `match_decision`
 * holds "hide (with a reason)" and "pin to the plan" per person and suggestion; the reason is sealed
 * like the person's other text.
 */
export function matchingMigration(dialect: Dialect) {
  const id = identityColumn(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('job_ad')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('occupation_id', 'text', (c) => c.notNull())
        .addColumn('employer', 'text')
        .addColumn('municipality_id', 'text')
        .addColumn('region_id', 'text')
        .addColumn('publication_date', 'text')
        .addColumn('application_deadline', 'text')
        /** JSON: {must, nice, extracted: [{id, words}], licences, languages}. */
        .addColumn('skills_json', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('job_ad_occupation').on('job_ad').column('occupation_id').execute();
      await db.schema
        .createTable('match_decision')
        .addColumn('id', 'integer', id)
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('reason_sealed', 'text')
        .addColumn('decided_by', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('match_decision_person')
        .on('match_decision')
        .columns(['person_id', 'kind', 'target_id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('match_decision').execute();
      await db.schema.dropTable('job_ad').execute();
    },
  };
}
