/**
 * Invitations and password resets by e-mail without the app (link.routes.test.ts has the pages and the
 * delivery): what is queued in the outbox, for whom and in which language; what each refused reset
 * writes to the audit log and why; and the throttles, 20 requests an hour from one IP and 3 reset
 * e-mails an hour to one address, at their edges. A real SMTP server takes what the mailer delivers.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addUserRow } from '../../test/support/account-rows.js';
import { DIALECTS } from '../../test/support/dialects.js';
import { TestSmtpServer, TRUST_TEST_CERT } from '../../test/support/smtp.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { loadSettings } from '../config/settings.js';
import { Mailer } from '../mail/mailer.js';
import { AccountMailService, RESET_LIMITS } from './account-mail.service.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const BASE = 'https://etablera.example';
const T = new Date('2026-06-01T10:00:00.000Z');
const minutesAfter = (minutes: number) => new Date(T.getTime() + minutes * 60_000);

for (const dialect of DIALECTS) {
  describe(`account e-mail: invitations and resets (${dialect})`, () => {
    let temp: TempStore;
    let smtp: TestSmtpServer;
    let service: AccountMailService;
    let off: AccountMailService;
    const logged: string[] = [];
    // The audit log is append-only: each test reads the entries after the last one before it.
    let auditFrom = 0;
    const outbox = () =>
      temp.store.db
        .selectFrom('mail_outbox')
        .select(['purpose', 'recipient', 'subject', 'body_text'])
        .orderBy('id')
        .execute();
    const resetAudit = () =>
      temp.store.db
        .selectFrom('audit_log')
        .select(['actor', 'actor_user_id', 'outcome', 'ip', 'target_type', 'target_id', 'detail'])
        .where('action', '=', 'password-reset.request')
        .where('id', '>', auditFrom)
        .orderBy('id')
        .execute();
    const reset = (email: string, ip = '10.0.0.1', at = T, locale: 'sv' | 'en' = 'sv') =>
      service.requestReset({ email, ip, baseUrl: BASE, locale }, at);

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      smtp = await new TestSmtpServer().start();
      const mailer = new Mailer({
        store: temp.store,
        settings: loadSettings(smtp.env()),
        log: quiet,
        transportExtra: TRUST_TEST_CERT,
      });
      service = new AccountMailService(temp.store.repositories, mailer, (m) => logged.push(m));
      off = new AccountMailService(
        temp.store.repositories,
        new Mailer({ store: temp.store, settings: loadSettings({}), log: quiet }),
      );
      await addUserRow(temp.store, 'anna@x.se');
      await addUserRow(temp.store, 'berit@x.se', [], { status: 'disabled' });
      await addUserRow(temp.store, 'cecilia@x.se');
      await temp.store.repositories.accounts.updateUser('cecilia', { locale: 'en' });
    });
    beforeEach(async () => {
      await service.settled();
      for (const table of ['mail_outbox', 'sign_in_throttle', 'account_link'] as const)
        await temp.store.db.deleteFrom(table).execute();
      const last = await temp.store.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      auditFrom = Number(last?.id ?? 0);
      logged.length = 0;
    });
    afterAll(async () => {
      await service?.settled();
      await smtp?.stop();
      await temp?.destroy();
    });

    it('queues nothing and writes nothing with e-mail off', async () => {
      expect(
        await off.requestReset({ email: 'anna@x.se', ip: '10.0.0.1', baseUrl: BASE, locale: 'sv' }, T),
      ).toBe('mail-off');
      const user = (await temp.store.repositories.accounts.user('anna'))!;
      expect(await off.sendInvitation(user, `${BASE}/x`, { id: 'o', name: 'Org' }, 'sv')).toBe(false);
      await off.settled();
      expect(await outbox()).toEqual([]);
      expect(await resetAudit()).toEqual([]);
      expect(await temp.store.db.selectFrom('sign_in_throttle').selectAll().execute()).toEqual([]);
    });

    it("e-mails a reset link to an active account, in the user's language, and audits who asked", async () => {
      expect(await reset('  Anna@X.se ', '10.0.0.9')).toBe('accepted');
      await service.settled();
      const [mail, ...more] = await outbox();
      expect(more).toEqual([]);
      expect(mail).toMatchObject({
        purpose: 'reset',
        recipient: 'anna@x.se',
        subject: 'Återställ ditt lösenord i Etablera',
      });
      expect(mail?.body_text).toMatch(new RegExp(`${BASE}/konto/aterstall/[\\w-]{43}`));
      expect(mail?.body_text).toContain('60');
      expect(await resetAudit()).toEqual([
        {
          actor: 'anna@x.se',
          actor_user_id: 'anna',
          outcome: 'ok',
          ip: '10.0.0.9',
          target_type: 'user',
          target_id: 'anna',
          detail: '{}',
        },
      ]);
      const links = await temp.store.db.selectFrom('account_link').selectAll().execute();
      expect(links.map((l) => [l.user_id, l.purpose])).toEqual([['anna', 'reset']]);
      // The user's own language wins over the page's.
      expect(await reset('cecilia@x.se', '10.0.0.9', T, 'sv')).toBe('accepted');
      await service.settled();
      expect((await outbox())[1]).toMatchObject({
        recipient: 'cecilia@x.se',
        subject: 'Reset your password in Etablera',
      });
      expect(logged).toEqual([]);
    });

    it('answers an unknown, empty or disabled address the same, sends nothing, and audits why', async () => {
      // An address longer than any e-mail can be is cut at 254 characters before it is looked up or logged.
      for (const email of ['nobody@x.se', '   ', 'berit@x.se', `${'a'.repeat(300)}@x.se`]) {
        expect(await reset(email)).toBe('accepted');
        // The work behind the answer runs in the background; settling each keeps the audit rows in asked order.
        await service.settled();
      }
      expect(await outbox()).toEqual([]);
      const rows = await resetAudit();
      expect(
        rows.map((r) => [
          r.actor,
          r.actor_user_id,
          r.outcome,
          r.target_type,
          r.target_id,
          JSON.parse(r.detail!),
        ]),
      ).toEqual([
        ['nobody@x.se', null, 'refused', null, null, { reason: 'no such account' }],
        ['(none)', null, 'refused', null, null, { reason: 'no such account' }],
        ['berit@x.se', 'berit', 'refused', 'user', 'berit', { reason: 'account disabled' }],
        ['a'.repeat(254), null, 'refused', null, null, { reason: 'no such account' }],
      ]);
    });

    it(`sends at most ${RESET_LIMITS.perAddressPerHour} reset e-mails an hour to one address, then again after the hour`, async () => {
      for (let i = 0; i < RESET_LIMITS.perAddressPerHour + 1; i++) {
        expect(await reset('anna@x.se', `10.0.1.${i}`, minutesAfter(i))).toBe('accepted');
        await service.settled();
      }
      expect((await outbox()).length).toBe(RESET_LIMITS.perAddressPerHour);
      const last = (await resetAudit()).at(-1)!;
      expect([last.outcome, last.target_id, JSON.parse(last.detail!)]).toEqual([
        'refused',
        'anna',
        { reason: 'too many reset e-mails to this address' },
      ]);
      // An hour after the first three, the window holds only the refused one: one more is sent.
      expect(await reset('anna@x.se', '10.0.2.1', minutesAfter(61))).toBe('accepted');
      await service.settled();
      expect((await outbox()).length).toBe(RESET_LIMITS.perAddressPerHour + 1);
    });

    it(`refuses the ${RESET_LIMITS.perIpPerHour + 1}st request from one IP within the hour, and only that IP`, async () => {
      // Different addresses, so the per-address limit does not interfere.
      for (let i = 0; i < RESET_LIMITS.perIpPerHour; i++)
        expect(await reset(`nobody${i}@x.se`, '10.0.0.7', minutesAfter(i))).toBe('accepted');
      expect(await reset('anna@x.se', '10.0.0.7', minutesAfter(30))).toBe('throttled');
      expect(await reset('  ', '10.0.0.7', minutesAfter(31))).toBe('throttled');
      expect(await reset('anna@x.se', '10.0.0.8', minutesAfter(30))).toBe('accepted');
      await service.settled();
      const rows = await resetAudit();
      const refusedFromIp = rows.filter((r) => r.detail?.includes('too many requests from this IP'));
      expect(refusedFromIp.map((r) => [r.actor, r.actor_user_id, r.outcome, r.ip, r.target_type])).toEqual([
        ['anna@x.se', null, 'refused', '10.0.0.7', null],
        ['(none)', null, 'refused', '10.0.0.7', null],
      ]);
      // Only the other IP's request reached the account: one e-mail.
      expect((await outbox()).map((m) => m.recipient)).toEqual(['anna@x.se']);
      // After the hour the IP may ask again.
      expect(await reset('anna@x.se', '10.0.0.7', minutesAfter(90))).toBe('accepted');
    });

    it('queues an invitation with its organisation and the days it lasts, in the language given or the user’s', async () => {
      const anna = (await temp.store.repositories.accounts.user('anna'))!;
      const cecilia = (await temp.store.repositories.accounts.user('cecilia'))!;
      expect(
        await service.sendInvitation(
          anna,
          `${BASE}/konto/inbjudan/abc`,
          { id: '2580', name: 'Luleå kommun' },
          'sv',
        ),
      ).toBe(true);
      expect(
        await service.sendInvitation(
          cecilia,
          `${BASE}/konto/inbjudan/def`,
          { id: '2580', name: 'Luleå kommun' },
          'sv',
        ),
      ).toBe(true);
      const [sv, en] = await outbox();
      expect(sv).toMatchObject({
        purpose: 'invitation',
        recipient: 'anna@x.se',
        subject: 'Inbjudan till Etablera (Luleå kommun)',
      });
      expect(sv?.body_text).toContain(`${BASE}/konto/inbjudan/abc`);
      expect(sv?.body_text).toContain('7');
      expect(en).toMatchObject({
        recipient: 'cecilia@x.se',
        subject: 'Invitation to Etablera (Luleå kommun)',
      });
      await smtp.waitFor(2);
    });

    it('logs a reset that fails after the answer, naming the IP', async () => {
      const broken = new AccountMailService(
        {
          ...temp.store.repositories,
          accounts: { userByEmail: () => Promise.reject(new Error('disk on fire')) },
        } as never,
        { enabled: true } as never,
        (m) => logged.push(m),
      );
      expect(
        await broken.requestReset({ email: 'anna@x.se', ip: '10.0.0.5', baseUrl: BASE, locale: 'sv' }, T),
      ).toBe('accepted');
      await broken.settled();
      expect(logged).toEqual(['Password reset for a request from 10.0.0.5 failed: disk on fire']);
    });
  });
}
