import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { AuditLogTable, Database } from '../schema.js';

export type AuditRow = Selectable<AuditLogTable>;
export type NewAuditRow = Insertable<AuditLogTable>;

/**
 * The audit log: insert and select only. No method changes or removes an entry, and the database
 * refuses it too (triggers; on PostgreSQL the app's role may also lack UPDATE/DELETE on the table).
 */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database> | Transaction<Database>) {}

  async append(row: NewAuditRow): Promise<void> {
    await this.db.insertInto('audit_log').values(row).execute();
  }

  /**
   * Newest first; `before` is the id to continue below (paging). An organisation's log holds its own
   * entries and its members' entries that belong to no organisation (sign-ins, their tokens).
   */
  page(filter: { organisationId?: string; before?: number; limit: number }): Promise<AuditRow[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    const organisationId = filter.organisationId;
    if (organisationId !== undefined)
      query = query.where((eb) =>
        eb.or([
          eb('organisation_id', '=', organisationId),
          eb.and([
            eb('organisation_id', 'is', null),
            eb(
              'actor_user_id',
              'in',
              eb.selectFrom('membership').select('user_id').where('organisation_id', '=', organisationId),
            ),
          ]),
        ]),
      );
    if (filter.before !== undefined) query = query.where('id', '<', filter.before);
    return query.orderBy('id', 'desc').limit(filter.limit).execute();
  }

  /** Every entry about one record (e.g. a person's audit reference), oldest first. */
  forTarget(type: string, id: string): Promise<AuditRow[]> {
    return this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_type', '=', type)
      .where('target_id', '=', id)
      .orderBy('id')
      .execute();
  }

  /** Oldest first, streamed in pages, for export. */
  async *all(filter: { organisationId?: string; since?: string }): AsyncGenerator<AuditRow> {
    let after = 0;
    for (;;) {
      let query = this.db.selectFrom('audit_log').selectAll().where('id', '>', after);
      if (filter.organisationId !== undefined)
        query = query.where('organisation_id', '=', filter.organisationId);
      if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
      const rows = await query.orderBy('id').limit(1000).execute();
      yield* rows;
      if (rows.length < 1000) return;
      // Stryker disable next-line OptionalChaining: reached only with 1000 rows, so the last one exists
      after = rows[rows.length - 1]?.id ?? after;
    }
  }
}
