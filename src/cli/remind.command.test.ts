/** `etablera plan remind` through the real CLI, against a real SMTP server: sends once, bad input, e-mail off. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccounts } from '../../test/support/accounts.js';
import { cliResult } from '../../test/support/cli.js';
import { DIALECTS } from '../../test/support/dialects.js';
import { seedReminderPlan } from '../../test/support/reminder-plan.js';
import { TestSmtpServer } from '../../test/support/smtp.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';

for (const dialect of DIALECTS) {
  describe(`etablera plan remind (${dialect})`, () => {
    let temp: TempStore;
    let smtp: TestSmtpServer;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      smtp = await new TestSmtpServer().start();
      await seedAccounts(temp.store);
      await seedReminderPlan(temp.store);
    });
    afterAll(async () => {
      await smtp?.stop();
      await temp?.destroy();
    });

    const cli = (args: string[], env: Record<string, string>) =>
      cliResult(args, { env: { ...temp.env, ETABLERA_PUBLIC_URL: 'https://etablera.example', ...env } });
    // The child trusts the test server's self-signed certificate; STARTTLS is still required.
    const mailEnv = () => ({ ...smtp.env(), NODE_TLS_REJECT_UNAUTHORIZED: '0' });

    it('sends the reminders due on the day and delivers them, once', async () => {
      const first = await cli(['plan', 'remind', '--date', '2027-01-17'], mailEnv());
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain(
        '3 reminder(s) queued, 0 sent before; 0 caseload reminder(s) queued, 0 sent before; e-mail: 3 sent, 0 to retry, 0 failed',
      );
      await smtp.waitFor(3);
      expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual([
        'rapport@lulea.se',
        'rapport@lulea.se',
        'strateg@lulea.se',
      ]);
      const again = await cli(['plan', 'remind', '--date', '2027-01-17'], mailEnv());
      expect(again.stdout).toContain('0 reminder(s) queued, 3 sent before');
      expect(smtp.messages).toHaveLength(3);
    });

    it('names a bad --date, and says when e-mail is off', async () => {
      const bad = await cli(['plan', 'remind', '--date', '2027-13-01'], mailEnv());
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('--date must be a day as YYYY-MM-DD, got "2027-13-01"');
      const off = await cli(['plan', 'remind'], {});
      expect(off.code).toBe(1);
      expect(off.stderr).toContain('E-mail is off: no SMTP server is set');
    });
  });
}
