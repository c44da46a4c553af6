import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { bytesType, identityColumn } from './column-types.js';

/**
 * Plan's follow-up reports (issue 15): a plan's report template; each report of a period and scope
 * (the whole plan, or one goal and what lies below it) with its workflow state, its language and
 * version; and a frozen report's snapshot and files (the exact bytes handed out, so a frozen report
 * never changes). A report has no foreign key to the plan's nodes: a frozen report outlives a goal
 * deleted later.
 */
export function planReportMigration(dialect: Dialect) {
  const id = identityColumn(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('plan_report_template')
        .addColumn('plan_id', 'integer', (c) => c.primaryKey().references('plan.id').onDelete('cascade'))
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('plan_report')
        .addColumn('id', 'integer', id)
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan.id').onDelete('cascade'))
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        // 'plan' for the whole plan, else the id of the goal whose part it is.
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('activated_by', 'text')
        .addColumn('activated_at', 'text')
        .addColumn('approved_by', 'text')
        .addColumn('approved_at', 'text')
        .addColumn('frozen_by', 'text')
        .addColumn('frozen_at', 'text')
        .addColumn('snapshot', 'text')
        .addUniqueConstraint('plan_report_version', ['plan_id', 'period', 'scope', 'lang', 'version'])
        .execute();
      await db.schema
        .createTable('plan_report_file')
        .addColumn('report_id', 'integer', (c) =>
          c.notNull().references('plan_report.id').onDelete('cascade'),
        )
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('content', bytesType(dialect), (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_report_file_pk', ['report_id', 'format'])
        .execute();
    },
  };
}
