/**
 * `etablera plan remind [--date YYYY-MM-DD]`: sends the Plan reminders due today (or on the given day,
 * to catch up) and delivers the mail outbox, for installations that run jobs from cron instead of the
 * server's schedule. Safe beside a running server: each reminder is recorded and sent once.
 */
import type { Command } from 'commander';
import { loadSettings } from '../config/settings.js';
import { isIsoDate } from '../domain/plan/periods.js';
import { UsageError } from './usage-error.js';

export function registerRemindCommand(plan: Command): void {
  plan
    .command('remind')
    .description(
      "Send the follow-up reminders due today (28 or 7 days before a deadline, and on the day), the case workers' caseload reminders (steps and follow-ups due), and deliver queued e-mail.",
    )
    .option('--date <day>', 'act as if it were this day (YYYY-MM-DD, Swedish time), e.g. to catch up')
    .action(async (opts: { date?: string }) => {
      if (opts.date !== undefined && !isIsoDate(opts.date))
        throw new UsageError(`--date must be a day as YYYY-MM-DD, got "${opts.date}"`);
      // Loaded when the command runs, so `etablera --help` stays fast (see src/cli/main.ts).
      const { sendPlanReminders } = await import('../domain/plan/reminders.js');
      const { sendCaseloadReminders } = await import('../domain/process/plan/caseload-reminders.js');
      const { processKeyring } = await import('../domain/process/privacy/process-keyring.js');
      const { Mailer } = await import('../mail/mailer.js');
      const { openStore } = await import('../store/database.js');
      const settings = loadSettings();
      const store = await openStore({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
      const mailer = new Mailer({
        store,
        settings,
        log: { info: console.log, warn: console.error, error: console.error },
      });
      try {
        if (!mailer.enabled) {
          console.error(`${mailer.offReason}. No reminders were sent.`);
          process.exitCode = 1;
          return;
        }
        // Midday in Sweden on the day asked for, so the calendar day is the one given.
        const now = opts.date ? new Date(`${opts.date}T10:00:00Z`) : new Date();
        const result = await sendPlanReminders({
          store,
          mailer,
          baseUrl: settings.publicBaseUrl || 'http://localhost:3000',
          now,
        });
        // Without Process's data key there are no plans to read: only the Plan reminders go out.
        const caseload = await sendCaseloadReminders({
          store,
          mailer,
          keyring: processKeyring(settings).keyring,
          baseUrl: settings.publicBaseUrl || 'http://localhost:3000',
          now,
        });
        const delivered = await mailer.deliverDue();
        console.log(
          `${result.queued} reminder(s) queued, ${result.already} sent before; ${caseload.queued} caseload reminder(s) queued, ${caseload.already} sent before; e-mail: ${delivered.sent} sent, ${delivered.retried} to retry, ${delivered.failed} failed`,
        );
        if (delivered.retried || delivered.failed) process.exitCode = 1;
      } finally {
        await mailer.stop();
        await store.close();
      }
    });
}
