/**
 * The one mail seam. Whatever wants to send an e-mail writes it into the outbox (`enqueue`, in the
 * same transaction as the change that causes it) and calls `kick()` after committing; a delivery
 * round claims due messages one at a time and sends them over SMTP.
 *
 * - **Once**: a message is claimed by one instance (PostgreSQL: `FOR UPDATE SKIP LOCKED`) before it is
 *   sent, and marked sent after. Only a crash between the SMTP server's "250 OK" and that mark can
 *   send it twice (after the claim's lease of 10 minutes): at-least-once there, as any mailer.
 * - **Retried**: a failed attempt returns the message to the queue with a back-off (1, 2, 4 … minutes,
 *   at most 4 hours between tries, 12 tries ≈ 17 hours); a connection failure ends the round so a
 *   down server is not hammered. Only a recipient the server refuses for good (5xx to RCPT TO) or the
 *   twelfth failure marks it failed; it stays in the table, logged, and counted on /api/status.
 * - **Never crashes the server**: rounds catch everything and log it.
 * - **Off without settings**: `enabled` is false and `reason` says why (logged once at start, shown
 *   to organisation admins); features then show the link instead of sending it.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Transaction } from 'kysely';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Store } from '../store/database.js';
import type { MailOutboxRepository, NewMail } from '../store/repositories/mail-outbox.repository.js';
import type { Database } from '../store/schema.js';
import { createTransport, type MailConfig, type MailSettings, mailConfig } from './transport.js';

export interface MailLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface MailerOptions {
  store: Store;
  settings: MailSettings;
  log: MailLog;
  /** How often a round looks for due messages besides `kick()` (default 30 s). */
  pollMs?: number;
  /** Tests: trust the test server's certificate. */
  transportExtra?: Partial<SMTPTransport.Options>;
}

export interface RoundResult {
  sent: number;
  retried: number;
  failed: number;
}

export const MAX_ATTEMPTS = 12;
const LEASE_MS = 10 * 60_000;
const MAX_BACKOFF_MS = 4 * 3_600_000;

/** Milliseconds to wait after the `attempts`-th failed attempt. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

export class Mailer {
  readonly config: MailConfig;
  readonly instance = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly outbox: MailOutboxRepository;
  private transport: Transporter<SMTPTransport.SentMessageInfo> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RoundResult> | null = null;
  private again = false;

  constructor(private readonly options: MailerOptions) {
    this.config = mailConfig(options.settings);
    this.outbox = options.store.repositories.mailOutbox;
  }

  get enabled(): boolean {
    return this.config.enabled;
  }

  /** What setting is missing when e-mail is off (for a translated message), or null when it is on. */
  get offCause(): 'server' | 'sender' | null {
    return this.config.enabled ? null : this.config.missing;
  }

  /** Why e-mail is off, or null when it is on. */
  get offReason(): string | null {
    return this.config.enabled ? null : this.config.reason;
  }

  /**
   * Puts a message in the outbox (pass the transaction it belongs to). Returns its id, or null when
   * e-mail is off (nothing is queued: the caller shows what it would have sent).
   */
  async enqueue(mail: NewMail, trx?: Transaction<Database>): Promise<number | null> {
    if (!this.config.enabled) return null;
    const { repositories } = this.options.store;
    return (trx ? repositories.in(trx) : repositories).mailOutbox.add(mail, new Date().toISOString());
  }

  /** Starts a delivery round soon (after a commit that queued mail); never throws. */
  kick(): void {
    if (!this.config.enabled) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.deliverDue();
  }

  /** Starts the periodic rounds (the server does; the CLI calls `deliverDue` itself). */
  start(): void {
    if (this.timer) return;
    if (!this.config.enabled) {
      this.options.log.warn(`${this.config.reason}. Invitation and reset links are shown to admins instead.`);
      return;
    }
    this.options.log.info(`E-mail on: SMTP ${this.config.server}, from ${this.config.from}`);
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 30_000);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.again = false;
    await this.running?.catch(() => undefined);
    this.transport?.close();
    this.transport = null;
  }

  /** One delivery round: every due message, one claim at a time, until none is due. Never throws. */
  deliverDue(now?: Date): Promise<RoundResult> {
    if (this.running) return this.running;
    const round = this.round(now).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.deliverDue();
      }
    });
    this.running = round;
    return round;
  }

  private async round(fixedNow?: Date): Promise<RoundResult> {
    const result: RoundResult = { sent: 0, retried: 0, failed: 0 };
    if (!this.config.enabled) return result;
    const { log } = this.options;
    try {
      this.transport ??= createTransport(this.config, this.options.transportExtra);
      for (;;) {
        const now = fixedNow ?? new Date();
        const [message] = await this.outbox.claim(
          this.instance,
          now.toISOString(),
          new Date(now.getTime() + LEASE_MS).toISOString(),
          1,
        );
        if (!message) break;
        const id = Number(message.id);
        try {
          const info = await this.transport.sendMail({
            to: message.recipient,
            subject: message.subject,
            text: message.body_text,
            html: message.body_html,
          });
          await this.outbox.sent(id, this.instance, new Date().toISOString(), info.messageId ?? null);
          result.sent++;
        } catch (error) {
          const e = error as Error & { responseCode?: number; command?: string; code?: string };
          const text = `${e.code ?? ''} ${e.responseCode ?? ''} ${e.message}`.trim();
          const refused = e.command === 'RCPT TO' && (e.responseCode ?? 0) >= 500;
          if (refused || message.attempts >= MAX_ATTEMPTS) {
            await this.outbox.attemptFailed(id, this.instance, text, { giveUp: true });
            log.error(
              `E-mail ${id} (${message.purpose}) to ${message.recipient} not sent, given up after ${message.attempts} attempt(s): ${text}`,
            );
            result.failed++;
          } else {
            const retryAt = new Date(now.getTime() + backoffMs(message.attempts)).toISOString();
            await this.outbox.attemptFailed(id, this.instance, text, { retryAt });
            log.warn(`E-mail ${id} (${message.purpose}) not sent (${text}); next try at ${retryAt}`);
            result.retried++;
          }
          // No answer from the server at all: the rest would fail the same way; wait for the next round.
          if (!e.responseCode) break;
        }
      }
    } catch (error) {
      log.error(`E-mail delivery round failed: ${(error as Error).message}`);
    }
    return result;
  }

  /** For /api/status and the admin page. */
  async status() {
    const { counts, lastError } = await this.outbox.summary();
    return {
      enabled: this.config.enabled,
      reason: this.offReason,
      pending: (counts.pending ?? 0) + (counts.sending ?? 0),
      sent: counts.sent ?? 0,
      failed: counts.failed ?? 0,
      lastError,
    };
  }
}
