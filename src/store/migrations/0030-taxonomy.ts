import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { floatType, identityColumn } from './column-types.js';

/**
 * The labour-market taxonomy (JobTech concepts and relations, ESCO related names, drafted label packs)
 * and Arbetsförmedlingen's forecasts. Concepts are never deleted: profiles keep old ids, so a concept
 * an update no longer lists stays resolvable, marked deprecated when the source says so.
 */
export function taxonomyMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('taxonomy_version')
        .addColumn('id', 'integer', identityColumn(dialect))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('loaded_at', 'text', (c) => c.notNull())
        .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();
      await db.schema
        .createTable('taxonomy_concept')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('definition', 'text')
        // The code the concept carries in its classification (SSYK, ISCO, ISO 639/3166, SUN, SNI).
        .addColumn('code', 'text')
        .addColumn('deprecated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('replaced_by', 'text')
        .addColumn('version_id', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('taxonomy_concept_type')
        .on('taxonomy_concept')
        .columns(['type', 'code'])
        .execute();
      await db.schema
        .createTable('taxonomy_label')
        .addColumn('concept_id', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        // alt (a synonym from the source) | related (ESCO name joined by ISCO group) | draft (a label pack)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('reviewed', 'integer', (c) => c.notNull().defaultTo(1))
        .addPrimaryKeyConstraint('taxonomy_label_pk', ['concept_id', 'lang', 'kind', 'label'])
        .execute();
      await db.schema.createIndex('taxonomy_label_source').on('taxonomy_label').column('source').execute();
      await db.schema
        .createTable('taxonomy_relation')
        // broader (child → parent) | related (as the source lists it) | substitutes (weight = 25 or 75 %)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_id', 'text', (c) => c.notNull())
        .addColumn('to_id', 'text', (c) => c.notNull())
        .addColumn('weight', 'integer')
        .addPrimaryKeyConstraint('taxonomy_relation_pk', ['kind', 'from_id', 'to_id'])
        .execute();
      await db.schema
        .createIndex('taxonomy_relation_from')
        .on('taxonomy_relation')
        .columns(['from_id', 'kind'])
        .execute();
      await db.schema
        .createIndex('taxonomy_relation_to')
        .on('taxonomy_relation')
        .columns(['to_id', 'kind'])
        .execute();

      // Yrkesprognoser, national and SSYK-keyed: one row per SSYK-4 group and forecast year.
      await db.schema
        .createTable('taxonomy_forecast')
        .addColumn('ssyk_code', 'text', (c) => c.notNull())
        .addColumn('concept_id', 'text')
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('value', floatType(dialect), (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('taxonomy_forecast_pk', ['ssyk_code', 'year'])
        .execute();
      // Regional assessments keyed by forecast occupation (a concept id no published file maps to SSYK).
      await db.schema
        .createTable('taxonomy_regional_assessment')
        .addColumn('forecast_occupation_id', 'text', (c) => c.notNull())
        .addColumn('region', 'integer', (c) => c.notNull())
        .addColumn('index_value', 'integer')
        .addColumn('national_short', 'integer')
        .addColumn('national_long', 'integer')
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('taxonomy_regional_assessment_pk', ['forecast_occupation_id', 'region'])
        .execute();
      await db.schema
        .createTable('taxonomy_labour_region')
        .addColumn('kommun_code', 'text', (c) => c.primaryKey())
        .addColumn('kommun_name', 'text', (c) => c.notNull())
        .addColumn('region', 'integer', (c) => c.notNull())
        .addColumn('region_name', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
