/**
 * The session and sign-in throttle repositories at their edges: a session live until the instant of
 * its expiry or idle limit, one row per membership in order, touch and the removals; the throttle's
 * window (a failure at its first instant still counts in it), lock and clear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganisationRow, addSessionRow, addUserRow } from '../../../test/support/account-rows.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { hashSecret } from '../../accounts/secrets.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const iso = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();

for (const dialect of DIALECTS) {
  describe(`sessions and the sign-in throttle (${dialect})`, () => {
    let temp: TempStore;
    const sessions = () => temp.store.repositories.sessions;
    const throttle = () => temp.store.repositories.signInThrottle;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await addOrganisationRow(temp.store, '2580');
      await addOrganisationRow(temp.store, '1280');
      await addUserRow(temp.store, 'two@lulea.se', [
        ['2580', 'reader'],
        ['1280', 'admin'],
      ]);
      await addUserRow(temp.store, 'none@lulea.se');
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    it('finds a session strictly before its expiry and its idle limit, with one row per membership', async () => {
      const id = await addSessionRow(temp.store, 'two', {
        lastSeen: new Date(iso(-10_000)),
        expires: new Date(iso(10_000)),
      });
      const hash = hashSecret(id);
      const rows = await sessions().liveWithMemberships(hash, NOW.toISOString(), iso(-20_000));
      expect(rows.map((r) => [r.user_id, r.email, r.status, r.organisation_id, r.role, r.id_hash])).toEqual([
        ['two', 'two@lulea.se', 'active', '1280', 'admin', hash],
        ['two', 'two@lulea.se', 'active', '2580', 'reader', hash],
      ]);
      // At the instant of expiry, or of the idle limit, it is over.
      expect(await sessions().liveWithMemberships(hash, iso(10_000), iso(-20_000))).toEqual([]);
      expect(await sessions().liveWithMemberships(hash, NOW.toISOString(), iso(-10_000))).toEqual([]);
      expect(
        await sessions().liveWithMemberships(hashSecret('other'), NOW.toISOString(), iso(-20_000)),
      ).toEqual([]);
      // A user without memberships: one row, organisation and role null.
      const lonely = hashSecret(await addSessionRow(temp.store, 'none'));
      const one = await sessions().liveWithMemberships(lonely, new Date().toISOString(), iso(-86_400_000));
      expect(one.map((r) => [r.user_id, r.organisation_id, r.role])).toEqual([['none', null, null]]);
    });

    it('touches, removes one, and removes all sessions of a user (counting them)', async () => {
      const a = hashSecret(await addSessionRow(temp.store, 'none'));
      const b = hashSecret(await addSessionRow(temp.store, 'none'));
      const other = hashSecret(await addSessionRow(temp.store, 'two'));
      const lastSeen = async (hash: string) =>
        (
          await temp.store.db
            .selectFrom('user_session')
            .select('last_seen_at')
            .where('id_hash', '=', hash)
            .executeTakeFirst()
        )?.last_seen_at;
      const before = await lastSeen(b);
      await sessions().touch(a, '2030-01-01T00:00:00.000Z');
      expect(await lastSeen(a)).toBe('2030-01-01T00:00:00.000Z');
      expect(await lastSeen(b)).toBe(before);
      await sessions().remove(a);
      expect(await lastSeen(a)).toBeUndefined();
      expect(await lastSeen(b)).toBe(before);
      expect(await sessions().removeAllOf('none')).toBe(2);
      expect(await lastSeen(b)).toBeUndefined();
      expect(await lastSeen(other)).toBeDefined();
      expect(await sessions().removeAllOf('none')).toBe(0);
    });

    it('removes the sessions that are expired or idle, from their limit on', async () => {
      await temp.store.db.deleteFrom('user_session').execute();
      const live = await addSessionRow(temp.store, 'two', {
        lastSeen: new Date(iso(-1)),
        expires: new Date(iso(1)),
      });
      const expired = await addSessionRow(temp.store, 'two', { lastSeen: new Date(iso(-1)), expires: NOW });
      const idle = await addSessionRow(temp.store, 'two', {
        lastSeen: new Date(iso(-60_000)),
        expires: new Date(iso(1)),
      });
      await sessions().removeExpired(NOW.toISOString(), iso(-60_000));
      const left = await temp.store.db.selectFrom('user_session').select('id_hash').execute();
      expect(left.map((r) => r.id_hash)).toEqual([hashSecret(live)]);
      expect([expired, idle].length).toBe(2);
    });

    it('counts failures per key in a window that begins anew once it is older than the window start', async () => {
      expect(await throttle().lockedUntil('k1')).toBeNull();
      expect(await throttle().fail('k1', iso(0), iso(-900_000))).toBe(1);
      expect(await throttle().fail('k1', iso(1000), iso(-899_000))).toBe(2);
      expect(await throttle().fail('k2', iso(1000), iso(-899_000))).toBe(1);
      // The window began exactly at the window start: still the same window.
      expect(await throttle().fail('k1', iso(900_000), iso(0))).toBe(3);
      // Begun before it: a new window from now.
      expect(await throttle().fail('k1', iso(900_001), iso(1))).toBe(1);
      const row = await temp.store.db
        .selectFrom('sign_in_throttle')
        .selectAll()
        .where('key', '=', 'k1')
        .executeTakeFirst();
      expect(row).toMatchObject({ failures: 1, window_started_at: iso(900_001), locked_until: null });
      expect(await throttle().fail('k1', iso(900_002), iso(2))).toBe(2);
    });

    it('locks a key until a time, and clears only that key', async () => {
      await throttle().fail('k3', iso(0), iso(-1));
      await throttle().lock('k3', iso(60_000));
      expect(await throttle().lockedUntil('k3')).toBe(iso(60_000));
      expect(await throttle().lockedUntil('k2')).toBeNull();
      await throttle().clear('k3');
      expect(await throttle().lockedUntil('k3')).toBeNull();
      expect(await throttle().fail('k3', iso(1), iso(-1))).toBe(1);
      expect(await throttle().fail('k2', iso(2000), iso(-1))).toBe(2);
    });
  });
}
