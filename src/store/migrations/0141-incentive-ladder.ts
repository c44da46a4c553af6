import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { identityColumn } from './column-types.js';

/**
 * The incentive ladder (issue 20), configured per organisation as data:
 * - `ladder_version`: each saved ladder (levels, rules as json-logic, rewards) with the day it applies
 *   from; a change is a new row, so what applied before its day stays as it was.
 * - `person_ladder_step`: a level a case worker confirmed for a person (never automatic), with the
 *   ladder version whose rule proposed it and the level's name then, so a later change of the ladder
 *   does not rewrite it.
 */
export function incentiveLadderMigration(dialect: Dialect) {
  const id = identityColumn(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('ladder_version')
        .addColumn('id', 'integer', id)
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('ladder_json', 'text', (c) => c.notNull())
        .addColumn('saved_by', 'text', (c) => c.notNull())
        .addColumn('saved_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ladder_version_organisation')
        .on('ladder_version')
        .columns(['organisation_id', 'valid_from'])
        .execute();
      await db.schema
        .createTable('person_ladder_step')
        .addColumn('id', 'integer', id)
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('level_name', 'text', (c) => c.notNull())
        .addColumn('ladder_version_id', 'integer', (c) => c.notNull())
        .addColumn('confirmed_by', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('person_ladder_step_person')
        .on('person_ladder_step')
        .columns(['person_id', 'level'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('person_ladder_step').execute();
      await db.schema.dropTable('ladder_version').execute();
    },
  };
}
