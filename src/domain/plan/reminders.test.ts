/**
 * Plan reminders end to end on both databases, with a real SMTP server: 28 days before each level's
 * deadline and on the day, to the assigned reporter (or the strategists for an unassigned part), not
 * for parts marked ready, once only — across runs and across two app instances on one database.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedAccounts } from '../../../test/support/accounts.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { seedReminderPlan } from '../../../test/support/reminder-plan.js';
import { TestSmtpServer, TRUST_TEST_CERT } from '../../../test/support/smtp.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { loadSettings } from '../../config/settings.js';
import { buildApp } from '../../http/app.js';
import { Mailer } from '../../mail/mailer.js';
import { openStore, type Store } from '../../store/database.js';
import { PlanRepository } from '../../store/repositories/plan.repository.js';
import { advanceFollowup, recordFollowup } from './followup-entries.js';
import { leadDays, sendPlanReminders, swedishDate } from './reminders.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** Midday in Sweden on a day. */
const on = (day: string) => new Date(`${day}T11:00:00Z`);

describe('reminder rules', () => {
  it('warns 28 days ahead for periods of a month or longer, 7 for shorter ones', () => {
    expect(leadDays('2026-01-01', '2026-12-31')).toBe(28);
    expect(leadDays('2026-02-01', '2026-02-28')).toBe(28);
    expect(leadDays('2026-02-01', '2026-02-14')).toBe(7);
  });
  it('takes the day in Swedish time', () => {
    expect(swedishDate(new Date('2027-01-16T23:30:00Z'))).toBe('2027-01-17');
    expect(swedishDate(new Date('2027-06-30T21:59:00Z'))).toBe('2027-06-30');
  });
});

for (const dialect of DIALECTS) {
  describe(`plan reminders (${dialect})`, () => {
    let temp: TempStore;
    let smtp: TestSmtpServer;
    let plan: Awaited<ReturnType<typeof seedReminderPlan>>;
    const mailers: Mailer[] = [];
    const mailer = (store: Store = temp.store, env: Record<string, string> = smtp.env()) => {
      const m = new Mailer({
        store,
        settings: loadSettings(env),
        log: quiet,
        transportExtra: TRUST_TEST_CERT,
      });
      mailers.push(m);
      return m;
    };
    const run = (m: Mailer, day: string) =>
      sendPlanReminders({ store: temp.store, mailer: m, baseUrl: 'https://etablera.example', now: on(day) });
    const received = () =>
      smtp.messages
        .map((m) => ({ to: m.to.join(','), subject: m.subject }))
        .sort((a, b) => a.to.localeCompare(b.to));

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      smtp = await new TestSmtpServer().start();
      await seedAccounts(temp.store);
      plan = await seedReminderPlan(temp.store);
    });
    beforeEach(async () => {
      smtp.messages.length = 0;
      await temp.store.db.deleteFrom('plan_reminder').execute();
      await temp.store.db.deleteFrom('plan_followup_change').execute();
      await temp.store.db.deleteFrom('plan_followup').execute();
    });
    afterAll(async () => {
      for (const m of mailers) await m.stop();
      await smtp?.stop();
      await temp?.destroy();
    });

    it('reminds each level 28 days before its deadline and on the day, once, and not for parts marked ready', async () => {
      const m = mailer();
      // 2026's follow-up: top level due 2027-02-14, the level below 2027-02-07 (a week earlier).
      expect(await run(m, '2027-01-09')).toEqual({ queued: 0, already: 0, mailOff: false });
      expect(await run(m, '2027-01-10')).toEqual({ queued: 1, already: 0, mailOff: false });
      await m.deliverDue();
      const [first] = await smtp.waitFor(1);
      expect(first?.to).toEqual(['rapport@lulea.se']);
      expect(first?.subject).toBe(
        'Påminnelse: uppföljningen av Integrationsprogram för 2026 senast 2027-02-07',
      );
      expect(first?.text).toContain('om 28 dagar');
      expect(first?.text).toContain('- 1.1 Fler i arbete');
      expect(first?.text).toContain('https://etablera.example/plan/');
      expect(first?.text).toContain('/rapportera?period=2026');
      // The same day again, and the next day: nothing new.
      expect(await run(m, '2027-01-10')).toEqual({ queued: 0, already: 1, mailOff: false });
      expect(await run(m, '2027-01-11')).toEqual({ queued: 0, already: 1, mailOff: false });

      // The top level's window opens: the reporter for "Arbete", the strategist for the unassigned "Språk".
      smtp.messages.length = 0;
      expect(await run(m, '2027-01-17')).toMatchObject({ queued: 2, already: 1 });
      await m.deliverDue();
      await smtp.waitFor(2);
      expect(received()).toEqual([
        {
          to: 'rapport@lulea.se',
          subject: 'Påminnelse: uppföljningen av Integrationsprogram för 2026 senast 2027-02-14',
        },
        {
          to: 'strateg@lulea.se',
          subject: 'Påminnelse: uppföljningen av Integrationsprogram för 2026 senast 2027-02-14',
        },
      ]);
      expect(smtp.messages.find((x) => x.to[0] === 'strateg@lulea.se')?.text).toContain('- 2 Språk');

      // On the level below's day: due, unless the part is ready. Mark the goal and its indicator ready.
      smtp.messages.length = 0;
      const repo = new PlanRepository(temp.store.db);
      for (const [kind, id] of [
        ['node', plan.workGoal],
        ['indicator', plan.indicator],
      ] as const) {
        await recordFollowup(
          repo,
          plan.planId,
          { kind, itemId: id, period: '2026', comment: 'klart' },
          'rapport@lulea.se',
        );
        await advanceFollowup(repo, plan.planId, kind, id, '2026', 'ready', 'rapport@lulea.se');
      }
      expect(await run(m, '2027-02-07')).toMatchObject({ queued: 0 });
      // The top level's day: "Arbete" (its own entry not ready) and "Språk".
      expect(await run(m, '2027-02-14')).toMatchObject({ queued: 2 });
      await m.deliverDue();
      await smtp.waitFor(2);
      expect(received().map((r) => r.subject)).toEqual([
        'I dag: uppföljningen av Integrationsprogram för 2026',
        'I dag: uppföljningen av Integrationsprogram för 2026',
      ]);
      expect(smtp.messages[0]?.text).toContain('I dag är sista dagen');
      // After the deadline: nothing more.
      expect(await run(m, '2027-02-15')).toMatchObject({ queued: 0, already: 0 });
    });

    it('sends each reminder once with two app instances on one database running at the same time', async () => {
      const other = await openStore({
        databaseUrl: temp.env.DATABASE_URL,
        dataDir: temp.env.ETABLERA_DATA_DIR,
      });
      const apps: FastifyInstance[] = [];
      try {
        for (const store of [temp.store, other]) {
          const settings = loadSettings({ ...smtp.env(), ETABLERA_PUBLIC_URL: 'https://etablera.example' });
          apps.push(await buildApp({ store, settings, mailer: mailer(store) }));
        }
        const results = await Promise.all(apps.map((a) => a.planReminders.run(on('2027-01-17'))));
        expect(results.reduce((n, r) => n + (r?.queued ?? 0), 0)).toBe(3);
        await Promise.all(apps.map((a) => a.mailer.deliverDue()));
        await smtp.waitFor(3);
        // Both instances run again at the next slot: nothing more.
        await Promise.all(apps.map((a) => a.planReminders.run(on('2027-01-17'))));
        await Promise.all(apps.map((a) => a.mailer.deliverDue()));
        expect(smtp.messages).toHaveLength(3);
        expect(received().map((r) => r.to)).toEqual([
          'rapport@lulea.se',
          'rapport@lulea.se',
          'strateg@lulea.se',
        ]);
        expect(new Set(smtp.messages.map((x) => `${x.to}|${x.subject}`)).size).toBe(3);
      } finally {
        for (const a of apps) await a.close();
        await other.close();
      }
    });

    it('keeps a reminder when the SMTP server is down and delivers it later', async () => {
      const m = mailer();
      const port = smtp.port;
      await smtp.stop();
      try {
        expect(await run(m, '2027-01-10')).toMatchObject({ queued: 1 });
        expect(await m.deliverDue(on('2027-01-10'))).toMatchObject({ sent: 0, retried: 1 });
      } finally {
        await smtp.start(port);
      }
      expect(await run(m, '2027-01-10')).toMatchObject({ queued: 0, already: 1 });
      expect(await m.deliverDue(new Date(on('2027-01-10').getTime() + 120_000))).toMatchObject({ sent: 1 });
      await smtp.waitFor(1);
      expect(smtp.messages[0]?.to).toEqual(['rapport@lulea.se']);
    });

    it('records nothing while e-mail is off, so the reminders go out once it is on', async () => {
      const off = mailer(temp.store, {});
      expect(await run(off, '2027-01-10')).toEqual({ queued: 0, already: 0, mailOff: true });
      expect(await temp.store.db.selectFrom('plan_reminder').selectAll().execute()).toHaveLength(0);
      expect(await run(mailer(), '2027-01-10')).toMatchObject({ queued: 1 });
    });
  });
}
