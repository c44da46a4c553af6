/**
 * The mail seam against a real SMTP server started here (STARTTLS and a login required): what
 * arrives, once only with two instances on one store, a server that is down (retried later, nothing
 * lost), a recipient refused for good, and e-mail off without settings.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { TestSmtpServer, TRUST_TEST_CERT } from '../../test/support/smtp.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { loadSettings } from '../config/settings.js';
import { openStore, type Store } from '../store/database.js';
import { invitationMail, reminderMail } from './compose.js';
import { backoffMs, Mailer } from './mailer.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

for (const dialect of DIALECTS) {
  describe(`mail outbox and delivery (${dialect})`, () => {
    let temp: TempStore;
    let smtp: TestSmtpServer;
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
    const rows = () => temp.store.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      smtp = await new TestSmtpServer().start();
    });
    afterEach(async () => {
      for (const m of mailers.splice(0)) await m.stop();
      await temp.store.db.deleteFrom('mail_outbox').execute();
      smtp.messages.length = 0;
    });
    afterAll(async () => {
      await smtp?.stop();
      await temp?.destroy();
    });

    it('sends a queued message over STARTTLS with a login, text and HTML, to the right recipient', async () => {
      const m = mailer();
      await m.enqueue(
        invitationMail('sv', {
          to: 'ny@lulea.se',
          link: 'https://etablera.example/konto/inbjudan/abc',
          organisation: 'Luleå',
          days: 7,
        }),
      );
      expect(await m.deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
      const [mail] = await smtp.waitFor(1);
      expect(mail?.to).toEqual(['ny@lulea.se']);
      expect(mail?.from).toBe('etablera@kommun.example');
      expect(mail?.secure).toBe(true);
      expect(mail?.user).toBe('etablera');
      expect(mail?.subject).toBe('Inbjudan till Etablera (Luleå)');
      expect(mail?.text).toContain('https://etablera.example/konto/inbjudan/abc');
      expect(mail?.text).toContain('gäller i 7 dagar');
      expect(mail?.html).toContain('<html lang="sv" dir="ltr">');
      expect(mail?.html).toContain('href="https://etablera.example/konto/inbjudan/abc"');
      const [row] = await rows();
      expect(row).toMatchObject({ state: 'sent', attempts: 1, last_error: null });
      expect(row?.message_id).toMatch(/@/);
      expect(await m.status()).toMatchObject({ enabled: true, pending: 0, sent: 1, failed: 0 });
    });

    it('escapes what it puts into the HTML part', async () => {
      const m = mailer();
      await m.enqueue(
        reminderMail('en', {
          to: 'r@lulea.se',
          plan: 'Plan <b>&</b>',
          period: '2026',
          deadline: '2027-02-14',
          daysLeft: 28,
          items: ['1.2 <script>'],
          link: 'https://etablera.example/plan/1',
        }),
      );
      await m.deliverDue();
      const [mail] = await smtp.waitFor(1);
      expect(mail?.html).toContain('Plan &lt;b&gt;&amp;&lt;/b&gt;');
      expect(mail?.html).not.toContain('<script>');
      expect(mail?.text).toContain('- 1.2 <script>');
      expect(mail?.subject).toBe('Reminder: the follow-up of Plan <b>&</b> for 2026 is due 2027-02-14');
    });

    it('sends each message once when two instances on one store deliver at the same time', async () => {
      // A second connection to the same database, as a second app instance has.
      const other = await openStore({
        databaseUrl: temp.env.DATABASE_URL,
        dataDir: temp.env.ETABLERA_DATA_DIR,
      });
      try {
        const a = mailer(temp.store);
        const b = mailer(other);
        for (let i = 0; i < 12; i++)
          await (i % 2 ? a : b).enqueue({
            purpose: 'test',
            recipient: `person${i}@lulea.se`,
            subject: `Message ${i}`,
            body_text: `Text ${i}`,
            body_html: `<p>Text ${i}</p>`,
          });
        const [ra, rb] = await Promise.all([a.deliverDue(), b.deliverDue()]);
        expect((ra?.sent ?? 0) + (rb?.sent ?? 0)).toBe(12);
        await smtp.waitFor(12);
        const subjects = smtp.messages.map((m) => m.subject).sort();
        expect(subjects).toEqual([...Array(12)].map((_, i) => `Message ${i}`).sort());
        expect(new Set(subjects).size).toBe(12);
        // Nothing left to send, by either.
        expect(await a.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
        expect(await b.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
        expect(smtp.messages).toHaveLength(12);
        expect((await rows()).every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
      } finally {
        await other.close();
      }
    });

    it('keeps a message when the SMTP server is down and sends it once it is back, after the back-off', async () => {
      const m = mailer();
      const port = smtp.port;
      await smtp.stop();
      try {
        await m.enqueue({
          purpose: 'test',
          recipient: 'x@lulea.se',
          subject: 'While down',
          body_text: 'x',
          body_html: '<p>x</p>',
        });
        const t0 = new Date();
        expect(await m.deliverDue(t0)).toEqual({ sent: 0, retried: 1, failed: 0 });
        let [row] = await rows();
        expect(row).toMatchObject({ state: 'pending', attempts: 1 });
        expect(row?.last_error).toMatch(/ECONNREFUSED/);
        expect(row?.next_attempt_at).toBe(new Date(t0.getTime() + backoffMs(1)).toISOString());
        // A second failure waits twice as long.
        const t1 = new Date(t0.getTime() + backoffMs(1));
        expect(await m.deliverDue(t1)).toEqual({ sent: 0, retried: 1, failed: 0 });
        [row] = await rows();
        expect(row?.next_attempt_at).toBe(new Date(t1.getTime() + backoffMs(2)).toISOString());
      } finally {
        await smtp.start(port);
      }
      // Back up, but the message is not due yet: nothing is sent before its time.
      const [row] = await rows();
      const due = new Date(row?.next_attempt_at as string);
      expect(await m.deliverDue(new Date(due.getTime() - 1000))).toEqual({ sent: 0, retried: 0, failed: 0 });
      expect(smtp.messages).toHaveLength(0);
      expect(await m.deliverDue(due)).toEqual({ sent: 1, retried: 0, failed: 0 });
      const [mail] = await smtp.waitFor(1);
      expect(mail?.subject).toBe('While down');
      expect((await rows())[0]).toMatchObject({ state: 'sent', attempts: 3, last_error: null });
    });

    it('gives up on a recipient the server refuses for good, and sends the others', async () => {
      const m = mailer();
      smtp.refuse.add('gone@lulea.se');
      for (const to of ['gone@lulea.se', 'here@lulea.se'])
        await m.enqueue({ purpose: 'test', recipient: to, subject: to, body_text: 'x', body_html: 'x' });
      expect(await m.deliverDue()).toEqual({ sent: 1, retried: 0, failed: 1 });
      expect((await rows()).map((r) => r.state)).toEqual(['failed', 'sent']);
      expect((await rows())[0]?.last_error).toMatch(/550/);
      expect((await m.status()).failed).toBe(1);
    });

    it('retries when the login is refused (a configuration problem loses nothing)', async () => {
      const m = mailer(temp.store, { ...smtp.env(), ETABLERA_SMTP_PASSWORD: 'wrong' });
      await m.enqueue({
        purpose: 'test',
        recipient: 'a@lulea.se',
        subject: 's',
        body_text: 'x',
        body_html: 'x',
      });
      expect(await m.deliverDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
      expect((await rows())[0]).toMatchObject({ state: 'pending' });
    });

    it('is off, says why and queues nothing without an SMTP server in the settings', async () => {
      const warnings: string[] = [];
      const m = new Mailer({
        store: temp.store,
        settings: loadSettings({}),
        log: { ...quiet, warn: (s) => warnings.push(s) },
      });
      expect(m.enabled).toBe(false);
      expect(m.offReason).toMatch(/ETABLERA_SMTP_HOST/);
      m.start();
      expect(warnings[0]).toMatch(/E-mail is off/);
      expect(
        await m.enqueue(invitationMail('sv', { to: 'a@b.se', link: 'x', organisation: 'o', days: 7 })),
      ).toBe(null);
      expect(await rows()).toHaveLength(0);
      await m.stop();
      // A host without a sender is off too, naming the missing setting.
      const noFrom = new Mailer({
        store: temp.store,
        settings: loadSettings({ ETABLERA_SMTP_HOST: 'smtp.example' }),
        log: quiet,
      });
      expect(noFrom.offReason).toMatch(/ETABLERA_MAIL_FROM/);
    });
  });
}
