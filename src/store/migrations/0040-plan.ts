import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { identityColumn } from './column-types.js';

/**
 * Plan: a municipality's programme as a versioned plan, a node tree of any depth (målområde → mål →
 * delmål …), indicators (Kolada-bound or own measures) and actions, and the follow-up rounds per
 * period. Display codes are plain columns (labels); rows are identified by their ids, and `lineage`
 * keys carry an item's identity from one plan version to the next. `organisation_id` has no foreign
 * key (see the organisations contract): the accounts tables may be created after these.
 */
export function planMigration(dialect: Dialect) {
  const id = identityColumn(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('plan')
        .addColumn('id', 'integer', id)
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('lineage', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('municipality_id', 'text', (c) => c.notNull())
        .addColumn('vision', 'text')
        .addColumn('decision', 'text')
        .addColumn('source', 'text')
        .addColumn('period_kind', 'text', (c) => c.notNull())
        .addColumn('period_from', 'integer', (c) => c.notNull())
        .addColumn('period_to', 'integer', (c) => c.notNull())
        .addColumn('deadline_rule', 'text', (c) => c.notNull())
        .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('adopted_at', 'text')
        .execute();
      await db.schema.createIndex('plan_organisation').on('plan').column('organisation_id').execute();
      await db.schema
        .createIndex('plan_lineage_version')
        .on('plan')
        .columns(['lineage', 'version'])
        .unique()
        .execute();

      await db.schema
        .createTable('plan_verdict_level')
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('icon', 'text', (c) => c.notNull())
        .addColumn('colour', 'text')
        .addColumn('is_missing', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('plan_verdict_level_pk', ['plan_id', 'key'])
        .execute();

      await db.schema
        .createTable('plan_node')
        .addColumn('id', 'integer', id)
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
        .addColumn('parent_id', 'integer', (c) => c.references('plan_node.id').onDelete('cascade'))
        .addColumn('lineage', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('responsible', 'text')
        .execute();
      await db.schema
        .createIndex('plan_node_plan')
        .on('plan_node')
        .columns(['plan_id', 'position'])
        .execute();

      await db.schema
        .createTable('plan_indicator')
        .addColumn('id', 'integer', id)
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
        .addColumn('node_id', 'integer', (c) => c.notNull().references('plan_node.id').onDelete('cascade'))
        .addColumn('lineage', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('unit', 'text')
        .addColumn('kpi_id', 'text')
        .addColumn('municipality_id', 'text')
        .addColumn('gender', 'text')
        .addColumn('baseline_period', 'text')
        .addColumn('baseline_value', 'double precision')
        .addColumn('trend_method', 'text', (c) => c.notNull())
        .addColumn('trend_from', 'text')
        .addColumn('compare_with', 'text')
        .addColumn('compare_group', 'text')
        .addColumn('published', 'text')
        .execute();
      await db.schema.createIndex('plan_indicator_plan').on('plan_indicator').column('plan_id').execute();
      await db.schema.createIndex('plan_indicator_node').on('plan_indicator').column('node_id').execute();

      await db.schema
        .createTable('plan_indicator_target')
        .addColumn('indicator_id', 'integer', (c) =>
          c.notNull().references('plan_indicator.id').onDelete('cascade'),
        )
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_indicator_target_pk', ['indicator_id', 'period'])
        .execute();

      // Values of own measures (entered, imported from CSV or pushed through the API).
      await db.schema
        .createTable('plan_indicator_value')
        .addColumn('indicator_id', 'integer', (c) =>
          c.notNull().references('plan_indicator.id').onDelete('cascade'),
        )
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('gender', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_indicator_value_pk', ['indicator_id', 'period', 'gender'])
        .execute();

      await db.schema
        .createTable('plan_action')
        .addColumn('id', 'integer', id)
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
        .addColumn('node_id', 'integer', (c) => c.notNull().references('plan_node.id').onDelete('cascade'))
        .addColumn('lineage', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('responsible', 'text')
        .addColumn('start', 'text')
        .addColumn('due', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('progress', 'integer')
        .addColumn('origin', 'text')
        .execute();
      await db.schema.createIndex('plan_action_plan').on('plan_action').column('plan_id').execute();

      // One follow-up entry per plan item (node, indicator or action) and period; the state machine
      // draft → ready → approved lives here, and every change is kept in plan_followup_change.
      await db.schema
        .createTable('plan_followup')
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
        .addColumn('item_kind', 'text', (c) => c.notNull())
        .addColumn('item_id', 'integer', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text')
        .addColumn('action_status', 'text')
        .addColumn('progress', 'integer')
        .addColumn('trend_override', 'text')
        .addColumn('override_reason', 'text')
        .addColumn('comment', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('ready_by', 'text')
        .addColumn('ready_at', 'text')
        .addColumn('approved_by', 'text')
        .addColumn('approved_at', 'text')
        .addPrimaryKeyConstraint('plan_followup_pk', ['plan_id', 'item_kind', 'item_id', 'period'])
        .execute();
      await db.schema
        .createTable('plan_followup_change')
        .addColumn('id', 'integer', id)
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
        .addColumn('item_kind', 'text', (c) => c.notNull())
        .addColumn('item_id', 'integer', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('plan_followup_change_item')
        .on('plan_followup_change')
        .columns(['plan_id', 'item_kind', 'item_id', 'period'])
        .execute();

      // Reminders sent: the primary key makes "exactly once" hold across app instances.
      await db.schema
        .createTable('plan_reminder')
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_reminder_pk', ['plan_id', 'period', 'kind', 'recipient'])
        .execute();
    },
  };
}
