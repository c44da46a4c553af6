/**
 * The audit log (AuditLog over AuditRepository): every field of an entry as written and as presented,
 * an organisation's log (its entries and its members' entries of no organisation), paging, a record's
 * entries, the export in pages and since a date, and a transaction's entry rolled back with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganisationRow, addUserRow } from '../../../test/support/account-rows.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { type AuditEntry, AuditLog, presentAudit } from '../../accounts/audit-log.js';

for (const dialect of DIALECTS) {
  describe(`the audit log (${dialect})`, () => {
    let temp: TempStore;
    let log: AuditLog;
    const ids: Record<string, number> = {};

    /** Writes an entry and returns its id. */
    async function write(name: string, entry: AuditEntry) {
      await log.record(entry);
      const row = await temp.store.db
        .selectFrom('audit_log')
        .select('id')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      ids[name] = Number(row.id);
    }

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      log = new AuditLog(temp.store.repositories);
      await addOrganisationRow(temp.store, '2580');
      await addOrganisationRow(temp.store, '1280');
      await addUserRow(temp.store, 'anna@lulea.se', [['2580', 'admin']]);
      await addUserRow(temp.store, 'bo@malmo.se', [['1280', 'admin']]);
      const anna = { userId: 'anna', label: 'anna@lulea.se' };
      const bo = { userId: 'bo', label: 'bo@malmo.se' };
      await write('full', {
        actor: anna,
        action: 'plan.update',
        organisationId: '2580',
        outcome: 'refused',
        target: { type: 'plan', id: 'p1' },
        ip: '10.1.1.1',
        detail: { before: { a: 1 }, after: { a: 2 } },
      });
      await write('bare', { actor: null, action: 'sync' });
      await write('annaSignIn', { actor: anna, action: 'sign-in' });
      await write('boSignIn', { actor: bo, action: 'sign-in' });
      await write('malmo', {
        actor: bo,
        action: 'plan.update',
        organisationId: '1280',
        target: { type: 'plan', id: 'p2' },
      });
      await write('lulea2', {
        actor: anna,
        action: 'plan.update',
        organisationId: '2580',
        target: { type: 'plan', id: 'p1' },
      });
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    it('writes every field of an entry, and presents it as the API gives it', async () => {
      const [full] = await log.forTarget('plan', 'p1');
      expect(full).toEqual({
        id: ids.full,
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        organisation: '2580',
        actor: 'anna@lulea.se',
        actorUserId: 'anna',
        action: 'plan.update',
        outcome: 'refused',
        target: { type: 'plan', id: 'p1' },
        ip: '10.1.1.1',
        detail: { before: { a: 1 }, after: { a: 2 } },
      });
      expect(Math.abs(Date.parse(full?.at ?? '') - Date.now())).toBeLessThan(60_000);
      const bare = await temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('id', '=', ids.bare as number)
        .executeTakeFirstOrThrow();
      expect({ ...bare, id: Number(bare.id) }).toEqual({
        id: ids.bare,
        at: bare.at,
        organisation_id: null,
        actor_user_id: null,
        actor: 'system',
        action: 'sync',
        outcome: 'ok',
        target_type: null,
        target_id: null,
        ip: null,
        detail: '{}',
      });
      expect(presentAudit(bare)).toMatchObject({
        organisation: null,
        actorUserId: null,
        target: null,
        detail: {},
      });
      // A target with only one of its two parts is no target.
      expect(presentAudit({ ...bare, target_type: 'plan' }).target).toBeNull();
      expect(presentAudit({ ...bare, target_id: 'p1' }).target).toBeNull();
    });

    it("gives an organisation's log newest first: its own entries and its members' entries of no organisation", async () => {
      const lulea = await log.page({ organisationId: '2580', limit: 100 });
      expect(lulea.map((e) => e.id)).toEqual([ids.lulea2, ids.annaSignIn, ids.full]);
      const malmo = await log.page({ organisationId: '1280', limit: 100 });
      expect(malmo.map((e) => e.id)).toEqual([ids.malmo, ids.boSignIn]);
      // Without an organisation: everything; pages below an id, at most `limit`.
      const all = await log.page({ limit: 100 });
      expect(all.map((e) => e.id)).toEqual([
        ids.lulea2,
        ids.malmo,
        ids.boSignIn,
        ids.annaSignIn,
        ids.bare,
        ids.full,
      ]);
      expect((await log.page({ organisationId: '2580', limit: 2 })).map((e) => e.id)).toEqual([
        ids.lulea2,
        ids.annaSignIn,
      ]);
      expect(
        (await log.page({ organisationId: '2580', before: ids.annaSignIn, limit: 100 })).map((e) => e.id),
      ).toEqual([ids.full]);
    });

    it("gives a record's entries oldest first, only of that type and id", async () => {
      expect((await log.forTarget('plan', 'p1')).map((e) => e.id)).toEqual([ids.full, ids.lulea2]);
      expect((await log.forTarget('plan', 'p2')).map((e) => e.id)).toEqual([ids.malmo]);
      expect(await log.forTarget('person', 'p1')).toEqual([]);
    });

    it('exports oldest first, by organisation and since a time, across pages of 1000', async () => {
      const exported = async (filter: { organisationId?: string; since?: string }) => {
        const out: number[] = [];
        for await (const e of log.export(filter)) out.push(e.id);
        return out;
      };
      expect(await exported({ organisationId: '2580' })).toEqual([ids.full, ids.lulea2]);
      const at = (await log.forTarget('plan', 'p2'))[0]?.at as string;
      const everything = await log.page({ limit: 100 });
      const expected = everything.filter((e) => e.at >= at).map((e) => e.id);
      expect(expected).toContain(ids.malmo);
      expect(await exported({ since: at })).toEqual(expected.sort((a, b) => a - b));
      expect(await exported({ since: '2999-01-01T00:00:00.000Z' })).toEqual([]);
      // 1,001 entries more: read in two pages, none twice, none left out.
      const rows = Array.from({ length: 1001 }, (_, i) => ({
        at: `2026-02-01T00:00:00.${String(i % 1000).padStart(3, '0')}Z`,
        organisation_id: '1280',
        actor_user_id: null,
        actor: 'system',
        action: `bulk-${i}`,
        outcome: 'ok',
        target_type: null,
        target_id: null,
        ip: null,
        detail: '{}',
      }));
      for (let i = 0; i < rows.length; i += 200)
        await temp.store.db
          .insertInto('audit_log')
          .values(rows.slice(i, i + 200))
          .execute();
      const malmo = await exported({ organisationId: '1280' });
      expect(malmo.length).toBe(1002);
      expect(new Set(malmo).size).toBe(1002);
      expect(malmo).toEqual([...malmo].sort((a, b) => a - b));
    });

    it('writes an entry inside the transaction of the change: rolled back with it', async () => {
      const before = (await log.page({ limit: 1 }))[0]?.id;
      await expect(
        temp.store.db.transaction().execute(async (trx) => {
          await log.record({ actor: null, action: 'doomed' }, trx);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect((await log.page({ limit: 1 }))[0]?.id).toBe(before);
    });
  });
}
