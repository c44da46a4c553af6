import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { clusteredByKey, floatType, identityColumn } from './column-types.js';

/** The KPI store's first schema. Value tables are keyed the way every query reads them: by KPI first. */
export function initialMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('kpi')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('is_divided_by_gender', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('municipality_type', 'text')
        .addColumn('auspice', 'text')
        .addColumn('operating_area', 'text')
        .addColumn('perspective', 'text')
        .addColumn('prel_publication_date', 'text')
        .addColumn('publication_date', 'text')
        .addColumn('publ_period', 'text')
        .addColumn('has_ou_data', 'integer')
        .addColumn('ou_publication_date', 'text')
        .addColumn('direction', 'text')
        .addColumn('unit', 'text')
        .addColumn('origin', 'text', (c) => c.notNull().defaultTo('kolada'))
        .execute();

      await db.schema
        .createTable('kpi_group')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('kpi_group_member')
        .addColumn('group_id', 'text', (c) => c.notNull().references('kpi_group.id').onDelete('cascade'))
        .addColumn('kpi_id', 'text', (c) => c.notNull())
        .addColumn('member_title', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('kpi_group_member_pk', ['group_id', 'kpi_id'])
        .execute();

      await db.schema
        .createTable('municipality')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('municipality_group')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('municipality_group_member')
        .addColumn('group_id', 'text', (c) =>
          c.notNull().references('municipality_group.id').onDelete('cascade'),
        )
        .addColumn('municipality_id', 'text', (c) => c.notNull())
        .addColumn('member_title', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('municipality_group_member_pk', ['group_id', 'municipality_id'])
        .execute();

      await db.schema
        .createTable('ou')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ou_municipality_idx').on('ou').column('municipality_id').execute();

      for (const [table, unit] of [
        ['value', 'municipality_id'],
        ['ou_value', 'ou_id'],
      ] as const) {
        await db.schema
          .createTable(table)
          .addColumn('kpi_id', 'text', (c) => c.notNull())
          .addColumn(unit, 'text', (c) => c.notNull())
          .addColumn('period', 'integer', (c) => c.notNull())
          .addColumn('gender', 'text', (c) => c.notNull())
          .addColumn('value', floatType(dialect))
          .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('status', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('is_deleted', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('changed_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_pk`, ['kpi_id', unit, 'period', 'gender'])
          .modifyEnd(clusteredByKey(dialect))
          .execute();
        // Reads by unit and year ("one municipality's values for 2022") need their own path.
        await db.schema
          .createIndex(`${table}_${unit}_period_idx`)
          .on(table)
          .columns([unit, 'period'])
          .execute();
      }

      await db.schema
        .createTable('import_log')
        .addColumn('id', 'integer', identityColumn(dialect))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('message', 'text')
        .execute();

      await db.schema
        .createTable('store_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
