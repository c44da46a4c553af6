import type { Kysely } from 'kysely';

/**
 * Process, the competence inventory (issue 18) and its protections (issue 21):
 * - `person_access_code`: one-time codes a case worker gives a person to open their own view (only the
 *   SHA-256 of the code is stored; used once, then marked).
 * - `person_inventory_section`: per section of the inventory, when it last changed, by whom and whether
 *   the person made the change (shown to the case worker as such) with the paths of the fields changed.
 *   No content: the content is in the sealed inventory.
 * - `process_setting.hidden_sections` (JSON list) and `health_basis` (the legal basis the organisation
 *   states for the health-related constraint; null: the question is off, the default).
 */
export function inventoryMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('person_access_code')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema
        .createIndex('person_access_code_person')
        .on('person_access_code')
        .column('person_id')
        .execute();
      await db.schema
        .createTable('person_inventory_section')
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('section', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('by_person', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('changed_fields', 'text', (c) => c.notNull().defaultTo('[]'))
        .addPrimaryKeyConstraint('person_inventory_section_pk', ['person_id', 'section'])
        .execute();
      await db.schema.alterTable('process_setting').addColumn('hidden_sections', 'text').execute();
      await db.schema.alterTable('process_setting').addColumn('health_basis', 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('process_setting').dropColumn('health_basis').execute();
      await db.schema.alterTable('process_setting').dropColumn('hidden_sections').execute();
      await db.schema.dropTable('person_inventory_section').execute();
      await db.schema.dropTable('person_access_code').execute();
    },
  };
}
