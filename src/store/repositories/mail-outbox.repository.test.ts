/** The mail outbox's SQL on both backends: claims, leases, the claim holder's updates, the summary. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import type { MailOutboxRepository, NewMail } from './mail-outbox.repository.js';

const mail = (n: number): NewMail => ({
  purpose: 'test',
  recipient: `r${n}@example.org`,
  subject: `Ämne ${n}`,
  body_text: `text ${n}`,
  body_html: `<p>${n}</p>`,
});

for (const dialect of DIALECTS) {
  describe(`mail outbox on ${dialect}`, () => {
    let temp: TempStore;
    let outbox: MailOutboxRepository;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      outbox = temp.store.repositories.mailOutbox;
    });
    afterAll(() => temp.destroy());

    it('claims due messages in id order up to a limit, counting the attempt, and re-claims an expired lease', async () => {
      const a = await outbox.add(mail(1), '2026-01-01T10:00:00Z');
      const b = await outbox.add(mail(2), '2026-01-01T10:00:00Z');
      const c = await outbox.add(mail(3), '2026-01-01T10:35:00Z');
      expect(await outbox.summary()).toEqual({ counts: { pending: 3 }, lastError: null });

      // c is not due yet; the limit leaves b.
      const first = await outbox.claim('i1', '2026-01-01T10:30:00Z', '2026-01-01T10:35:00Z', 1);
      expect(first).toHaveLength(1);
      expect(first[0]).toMatchObject({
        id: a,
        ...mail(1),
        state: 'sending',
        attempts: 1,
        claimed_by: 'i1',
        claimed_until: '2026-01-01T10:35:00Z',
        created_at: '2026-01-01T10:00:00Z',
      });
      const second = await outbox.claim('i2', '2026-01-01T10:30:00Z', '2026-01-01T10:35:00Z', 10);
      expect(second.map((m) => m.id)).toEqual([b]);
      // Exactly at the due time and the end of a lease: c is due, a's and b's leases still hold.
      const third = await outbox.claim('i3', '2026-01-01T10:35:00Z', '2026-01-01T11:05:00Z', 10);
      expect(third.map((m) => m.id)).toEqual([c]);
      expect(await outbox.claim('i3', '2026-01-01T10:34:59Z', 'x', 10)).toEqual([]);
      // After the leases of a and b ran out, another instance takes both, a second attempt each.
      const retaken = await outbox.claim('i4', '2026-01-01T10:35:01Z', '2026-01-01T10:40:00Z', 10);
      expect(retaken.map((m) => [m.id, m.claimed_by, m.attempts])).toEqual([
        [a, 'i4', 2],
        [b, 'i4', 2],
      ]);
      // Claimed in id order also when the earlier message was updated last (on PostgreSQL its row
      // version then lies after the later one's).
      const d = await outbox.add(mail(4), '2026-01-01T11:00:00Z');
      const e = await outbox.add(mail(5), '2026-01-01T11:00:00Z');
      await outbox.claim('i5', '2026-01-01T11:00:00Z', '2026-01-01T11:01:00Z', 1);
      const both = await outbox.claim('i6', '2026-01-01T11:02:00Z', '2026-01-01T11:05:00Z', 10);
      expect(both.map((m) => m.id)).toEqual([a, b, d, e]);
    });

    it('lets only the claim holder mark a message sent or failed', async () => {
      const other = await createTempStore(dialect);
      try {
        const box = other.store.repositories.mailOutbox;
        const ids = [];
        for (let n = 1; n <= 4; n++) ids.push(await box.add(mail(n), '2026-01-01T10:00:00Z'));
        await box.claim('me', '2026-01-01T10:00:00Z', '2026-01-01T12:00:00Z', 10);
        const [sent, retry, given, stolen] = ids as [number, number, number, number];
        await box.sent(sent, 'me', '2026-01-01T10:01:00Z', '<m1@x>');
        await box.sent(stolen, 'someone else', '2026-01-01T10:01:00Z', '<m4@x>');
        await box.attemptFailed(retry, 'me', 'timeout', { retryAt: '2026-01-01T10:10:00Z' });
        await box.attemptFailed(given, 'me', 'refused', { giveUp: true });
        await box.attemptFailed(stolen, 'someone else', 'nope', { giveUp: true });
        expect(await box.summary()).toEqual({
          counts: { sent: 1, pending: 1, failed: 1, sending: 1 },
          lastError: 'refused',
        });
        const rows = new Map(
          (await other.store.db.selectFrom('mail_outbox').selectAll().execute()).map((r) => [
            Number(r.id),
            r,
          ]),
        );
        expect(rows.get(sent)).toMatchObject({
          state: 'sent',
          sent_at: '2026-01-01T10:01:00Z',
          message_id: '<m1@x>',
          claimed_until: null,
          last_error: null,
        });
        expect(rows.get(retry)).toMatchObject({
          state: 'pending',
          next_attempt_at: '2026-01-01T10:10:00Z',
          claimed_until: null,
          last_error: 'timeout',
        });
        expect(rows.get(given)).toMatchObject({
          state: 'failed',
          claimed_until: null,
          last_error: 'refused',
        });
        expect(rows.get(stolen)).toMatchObject({ state: 'sending', last_error: null, sent_at: null });
        // The pending message is claimed again once it is due, not before.
        expect(await box.claim('me', '2026-01-01T10:09:59Z', '2026-01-01T10:20:00Z', 10)).toEqual([]);
        expect(
          (await box.claim('me', '2026-01-01T10:10:00Z', '2026-01-01T10:20:00Z', 10)).map((m) => m.id),
        ).toEqual([retry]);
        // A sent message's error is not the latest error; the latest by id among pending and failed is.
        await box.attemptFailed(retry, 'me', 'later', { retryAt: '2026-01-01T11:00:00Z' });
        expect((await box.summary()).lastError).toBe('refused');
        // A pending message's error is the latest once its id is the highest.
        const fifth = await box.add(mail(5), '2026-01-01T12:00:00Z');
        await box.claim('me', '2026-01-01T12:00:00Z', '2026-01-01T12:30:00Z', 10);
        await box.attemptFailed(fifth, 'me', 'greylisted', { retryAt: '2026-01-01T13:00:00Z' });
        expect((await box.summary()).lastError).toBe('greylisted');
      } finally {
        await other.destroy();
      }
    });
  });
}
