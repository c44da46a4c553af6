import type { Kysely } from 'kysely';

/** Process: the legal basis an organisation states in the information given to each person. */
export function processInformationMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('process_setting').addColumn('legal_basis', 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('process_setting').dropColumn('legal_basis').execute();
    },
  };
}
