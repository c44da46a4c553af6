/**
 * Plan reminders on a cron schedule in the server (ETABLERA_REMINDER_SCHEDULE, Swedish time; the same
 * work as `etablera plan remind`). Every instance may run it at every slot: each reminder is recorded
 * once (see src/domain/plan/reminders.ts), so a second instance finds nothing left to send. Nothing
 * here throws into the server: a failed run is logged and the next slot tries again.
 */
import { Cron } from 'croner';
import { type ReminderRunResult, sendPlanReminders } from '../domain/plan/reminders.js';
import {
  type CaseloadReminderResult,
  sendCaseloadReminders,
} from '../domain/process/plan/caseload-reminders.js';
import type { Keyring } from '../domain/process/privacy/field-cipher.js';
import type { Mailer } from '../mail/mailer.js';
import type { Store } from '../store/database.js';
import type { StartLog } from './first-start.js';
import { SCHEDULE_TIMEZONE } from './sync-schedule.js';

export interface ScheduledRemindersOptions {
  store: Store;
  mailer: Mailer;
  schedule: string;
  /** The site's address for links in the e-mails (ETABLERA_PUBLIC_URL). */
  baseUrl: string;
  log: StartLog;
  /** Process's data key: with it, the case workers' caseload reminders go out on the same schedule. */
  keyring?: Keyring | null;
}

export class ScheduledReminders {
  private job: Cron | null = null;

  constructor(private readonly options: ScheduledRemindersOptions) {}

  start(): void {
    if (this.options.schedule === 'off' || this.job) return;
    if (!this.options.mailer.enabled) {
      this.options.log.warn(`Plan reminders are not sent: ${this.options.mailer.offReason}`);
      return;
    }
    if (!this.options.baseUrl)
      this.options.log.warn(
        'Plan reminders link to http://localhost:3000: set ETABLERA_PUBLIC_URL to the address users open',
      );
    this.job = new Cron(
      this.options.schedule,
      { timezone: SCHEDULE_TIMEZONE, protect: true, unref: true, catch: true, name: 'etablera-reminders' },
      async () => {
        await this.run();
      },
    );
    this.options.log.info(
      `Plan reminders: "${this.options.schedule}" (${SCHEDULE_TIMEZONE}), next at ${this.job.nextRun()?.toISOString()}`,
    );
  }

  stop(): void {
    this.job?.stop();
    this.job = null;
  }

  /** One run (the timer's, or a test's with a chosen `now`). Never throws; null when it failed. */
  async run(now?: Date): Promise<(ReminderRunResult & { caseload: CaseloadReminderResult }) | null> {
    try {
      const common = {
        store: this.options.store,
        mailer: this.options.mailer,
        baseUrl: this.options.baseUrl || 'http://localhost:3000',
        ...(now ? { now } : {}),
      };
      const result = await sendPlanReminders(common);
      if (result.queued) this.options.log.info(`Plan reminders: ${result.queued} e-mail(s) queued`);
      const caseload = await sendCaseloadReminders({ ...common, keyring: this.options.keyring ?? null });
      if (caseload.queued) this.options.log.info(`Caseload reminders: ${caseload.queued} e-mail(s) queued`);
      return { ...result, caseload };
    } catch (error) {
      this.options.log.error(`Plan reminders failed: ${(error as Error).message}; the next run tries again`);
      return null;
    }
  }
}
