import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Outcomes → own KPIs (issue 20, item 4).
 *
 * - `person.gender`: optional, `K`, `M` or `declined` (vill inte svara); null when not asked. Only the
 *   own KPIs' K/M split uses it (data minimisation: nothing else reads it).
 * - `person.outcome_ref`: a random pseudonym naming the person in `outcome_event`, made the first time
 *   their outcomes are derived. Erasure deletes the person row and with it the only link from the
 *   pseudonym to anyone; the events stay, so the published aggregates do not change (issue 21).
 * - `person_inventory.first_saved_at`: when the inventory was first saved ("kartläggning gjord"), which
 *   `updated_at` forgets at the next save. Existing rows take their `updated_at`, the best known.
 * - `outcome_event`: one row per pseudonym, kind and month — what happened (inventory, plan, a step done,
 *   work or studies, a ladder level), in which organisation, the gender (K/M/U) and the month only: no
 *   person id, no day, no content.
 */
export function ownKpisMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('person').addColumn('gender', 'text').execute();
      await db.schema.alterTable('person').addColumn('outcome_ref', 'text').execute();
      await db.schema.alterTable('person_inventory').addColumn('first_saved_at', 'text').execute();
      await sql`update person_inventory set first_saved_at = updated_at`.execute(db);
      await db.schema
        .createTable('outcome_event')
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('gender', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('detail', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('outcome_event_pk', ['subject', 'kind', 'month', 'detail'])
        .execute();
      await db.schema
        .createIndex('outcome_event_organisation_idx')
        .on('outcome_event')
        .column('organisation_id')
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('outcome_event').execute();
      await db.schema.alterTable('person_inventory').dropColumn('first_saved_at').execute();
      await db.schema.alterTable('person').dropColumn('outcome_ref').execute();
      await db.schema.alterTable('person').dropColumn('gender').execute();
    },
  };
}
