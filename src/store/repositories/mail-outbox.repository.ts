import type { Selectable } from 'kysely';
import type { Db, SqlFlavour } from '../backends/backend.js';
import type { MailOutboxTable } from '../schema.js';

export type OutboxRow = Selectable<MailOutboxTable>;

export interface NewMail {
  purpose: string;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string;
}

/** The mail outbox (SQL only; the rules of delivery live in src/mail/outbox.ts). */
export class MailOutboxRepository {
  constructor(
    private readonly db: Db,
    private readonly sql: SqlFlavour,
  ) {}

  async add(mail: NewMail, now: string): Promise<number> {
    const row = await this.db
      .insertInto('mail_outbox')
      .values({ ...mail, state: 'pending', attempts: 0, created_at: now, next_attempt_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /**
   * Claims up to `limit` messages that are due (pending and due, or claimed by an instance whose lease
   * ran out) for `instance`, counting the attempt. One statement: on PostgreSQL the rows are picked
   * `FOR UPDATE SKIP LOCKED`, so two instances claiming at once get disjoint sets; SQLite runs one
   * writer at a time anyway.
   */
  async claim(instance: string, now: string, leaseUntil: string, limit: number): Promise<OutboxRow[]> {
    const due = this.db
      .selectFrom('mail_outbox')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('state', '=', 'sending'), eb('claimed_until', '<', now)]),
        ]),
      )
      .orderBy('id')
      .limit(limit)
      .$call((q) => this.sql.lockForClaim(q));
    const rows = await this.db
      .updateTable('mail_outbox')
      .set((eb) => ({
        state: 'sending',
        claimed_by: instance,
        claimed_until: leaseUntil,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', due)
      .returningAll()
      .execute();
    // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: SQLite returns the updated rows in id order anyway; killed on PostgreSQL only (mail-outbox.repository.test.ts, checked by hand)
    return rows.sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** Marks a message sent, if this instance still holds the claim. */
  async sent(id: number, instance: string, at: string, messageId: string | null): Promise<void> {
    await this.db
      .updateTable('mail_outbox')
      .set({ state: 'sent', sent_at: at, message_id: messageId, claimed_until: null, last_error: null })
      .where('id', '=', id)
      .where('claimed_by', '=', instance)
      .execute();
  }

  /** Back to pending until `nextAttemptAt` (a failed attempt), or failed for good. */
  async attemptFailed(
    id: number,
    instance: string,
    error: string,
    next: { retryAt: string } | { giveUp: true },
  ): Promise<void> {
    await this.db
      .updateTable('mail_outbox')
      .set(
        'retryAt' in next
          ? { state: 'pending', next_attempt_at: next.retryAt, claimed_until: null, last_error: error }
          : { state: 'failed', claimed_until: null, last_error: error },
      )
      .where('id', '=', id)
      .where('claimed_by', '=', instance)
      .execute();
  }

  /** How many messages are in each state, and the latest error of one not sent. */
  async summary(): Promise<{ counts: Record<string, number>; lastError: string | null }> {
    const rows = await this.db
      .selectFrom('mail_outbox')
      .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    const last = await this.db
      .selectFrom('mail_outbox')
      .select('last_error')
      .where('state', 'in', ['pending', 'failed'])
      .where('last_error', 'is not', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return {
      counts: Object.fromEntries(rows.map((r) => [r.state, Number(r.n)])),
      lastError: last?.last_error ?? null,
    };
  }
}
