/** SQL for Plan's follow-up reports: templates, reports and their workflow, frozen files. */
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { PlanReportTable } from '../report-schema.js';
import type { Database } from '../schema.js';

export type ReportRow = Selectable<PlanReportTable>;
export type ReportSummaryRow = Omit<ReportRow, 'snapshot'>;

type Db = Kysely<Database> | Transaction<Database>;

const SUMMARY_COLUMNS = [
  'id',
  'plan_id',
  'organisation_id',
  'period',
  'scope',
  'lang',
  'version',
  'state',
  'template',
  'created_by',
  'created_at',
  'activated_by',
  'activated_at',
  'approved_by',
  'approved_at',
  'frozen_by',
  'frozen_at',
] as const;

export class ReportRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(work: (repo: ReportRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this, this.db as Transaction<Database>);
    return (this.db as Kysely<Database>).transaction().execute((trx) => work(new ReportRepository(trx), trx));
  }

  async template(planId: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('plan_report_template')
      .select('template')
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    return row?.template;
  }

  async saveTemplate(planId: number, template: string, by: string, at: string): Promise<void> {
    await this.db
      .insertInto('plan_report_template')
      .values({ plan_id: planId, template, updated_by: by, updated_at: at })
      .onConflict((oc) => oc.column('plan_id').doUpdateSet({ template, updated_by: by, updated_at: at }))
      .execute();
  }

  async reports(planId: number): Promise<ReportSummaryRow[]> {
    return this.db
      .selectFrom('plan_report')
      .select(SUMMARY_COLUMNS)
      .where('plan_id', '=', planId)
      .orderBy('id')
      .execute();
  }

  async report(id: number): Promise<ReportRow | undefined> {
    return this.db.selectFrom('plan_report').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The latest version of a period's report in a scope and language. */
  async latest(planId: number, period: string, scope: string, lang: string): Promise<ReportRow | undefined> {
    return this.db
      .selectFrom('plan_report')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('period', '=', period)
      .where('scope', '=', scope)
      .where('lang', '=', lang)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async insert(row: Insertable<PlanReportTable>): Promise<number> {
    const r = await this.db.insertInto('plan_report').values(row).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  }

  /** Moves a report on from `from` only (a concurrent change wins once); false when it was not there. */
  async advance(id: number, from: ReportRow['state'], set: Updateable<PlanReportTable>): Promise<boolean> {
    const r = await this.db
      .updateTable('plan_report')
      .set(set)
      .where('id', '=', id)
      .where('state', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async insertFile(reportId: number, format: string, content: Buffer, sha256: string): Promise<void> {
    await this.db
      .insertInto('plan_report_file')
      .values({ report_id: reportId, format, content, sha256, bytes: content.length })
      .execute();
  }

  async file(reportId: number, format: string): Promise<{ content: Buffer; sha256: string } | undefined> {
    const row = await this.db
      .selectFrom('plan_report_file')
      .select(['content', 'sha256'])
      .where('report_id', '=', reportId)
      .where('format', '=', format)
      .executeTakeFirst();
    return row ? { content: Buffer.from(row.content), sha256: row.sha256 } : undefined;
  }

  async files(reportId: number): Promise<{ format: string; sha256: string; bytes: number }[]> {
    return this.db
      .selectFrom('plan_report_file')
      .select(['format', 'sha256', 'bytes'])
      .where('report_id', '=', reportId)
      .orderBy('format')
      .execute();
  }
}
