import type { Kysely } from 'kysely';

/** The last TOTP time step a user signed in with, so that a code cannot be used twice. */
export function totpReplayMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('app_user').addColumn('totp_last_step', 'integer').execute();
    },
  };
}
