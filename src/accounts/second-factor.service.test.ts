/**
 * The second factor's rules without the app (second-factor.test.ts has the HTTP flow): who needs it,
 * what enabling writes, TOTP codes within one step of drift and never twice, recovery codes once and
 * only the user's own, and the throttle: five wrong codes in 15 minutes lock it for 15 minutes.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganisationRow, addUserRow } from '../../test/support/account-rows.js';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import type { Actor } from './actor.js';
import { needsSecondFactor, RECOVERY_CODES, SecondFactorService } from './second-factor.service.js';
import { hashSecret } from './secrets.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const MINUTE = 60_000;
const step = (epochSeconds: number) => Math.floor(epochSeconds / 30);
const nowSeconds = () => Math.floor(Date.now() / 1000);
const actorOf = (userId: string): Actor & { userId: string } => ({
  userId,
  label: `${userId}@x.se`,
  via: 'session',
  memberships: [],
  global: [],
});

for (const dialect of DIALECTS) {
  describe(`the second factor service (${dialect})`, () => {
    let temp: TempStore;
    let service: SecondFactorService;
    const user = (id: string) => temp.store.repositories.accounts.user(id);
    const audit = (userId: string, action: string) =>
      temp.store.db
        .selectFrom('audit_log')
        .select(['actor', 'actor_user_id', 'outcome', 'ip', 'detail', 'target_type', 'target_id'])
        .where('actor_user_id', '=', userId)
        .where('action', '=', action)
        .orderBy('id')
        .execute();
    const recoveryRows = (userId: string) =>
      temp.store.db
        .selectFrom('recovery_code')
        .select(['code_hash', 'used_at'])
        .where('user_id', '=', userId)
        .execute();
    /** Sets the throttle row of a user's second step as if failures had begun `agoMs` ago. */
    const failedBefore = async (userId: string, failures: number, agoMs: number) => {
      await temp.store.repositories.signInThrottle.clear(`totp:${userId}`);
      const began = Date.now() - agoMs;
      for (let i = 0; i < failures; i++)
        await temp.store.repositories.signInThrottle.fail(
          `totp:${userId}`,
          new Date(began).toISOString(),
          new Date(began).toISOString(),
        );
      const row = await temp.store.db
        .selectFrom('sign_in_throttle')
        .select('failures')
        .where('key', '=', `totp:${userId}`)
        .executeTakeFirst();
      expect(row?.failures).toBe(failures);
    };

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      service = new SecondFactorService(temp.store.repositories);
      await addOrganisationRow(temp.store, '0180');
      await addOrganisationRow(temp.store, '2580');
      await addUserRow(temp.store, 'cw@x.se', [['0180', 'caseworker']]);
      await addUserRow(temp.store, 'pa@x.se', [
        ['2580', 'reader'],
        ['0180', 'process-admin'],
      ]);
      await addUserRow(temp.store, 'ad@x.se', [['2580', 'admin']]);
      await addUserRow(temp.store, 'rd@x.se', [
        ['0180', 'reader'],
        ['2580', 'strategist'],
      ]);
      await addUserRow(temp.store, 'tf@x.se', [['0180', 'reader']], { totp: true });
      await addUserRow(temp.store, 'none@x.se');
      await addUserRow(temp.store, 'other@x.se', [['0180', 'reader']]);
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    it('asks it of admins, case workers and process admins, and of anyone who turned it on', async () => {
      const needs = async (id: string) => {
        const row = await user(id);
        if (!row) throw new Error(`no user ${id}`);
        return needsSecondFactor(temp.store.repositories.accounts, row);
      };
      expect(await needs('cw')).toBe(true);
      expect(await needs('pa')).toBe(true);
      expect(await needs('ad')).toBe(true);
      expect(await needs('tf')).toBe(true);
      expect(await needs('rd')).toBe(false);
      expect(await needs('none')).toBe(false);
    });

    it('proposes a base32 secret with an otpauth URI naming Etablera and the e-mail', () => {
      const { secret, uri } = service.proposal('cw@x.se');
      expect(secret).toMatch(/^[A-Z2-7]{16,64}$/);
      expect(uri).toMatch(/^otpauth:\/\/totp\/Etablera:cw%40x\.se\?/);
      expect(uri).toContain(`secret=${secret}`);
      expect(uri).toContain('issuer=Etablera');
      expect(service.proposal('cw@x.se').secret).not.toBe(secret);
    });

    it('turns TOTP on only for a well-formed secret proved by its code, and writes nothing otherwise', async () => {
      const code = await generate({ secret: SECRET });
      for (const bad of [SECRET.toLowerCase(), SECRET.slice(0, 15), `${SECRET}${SECRET}A`, `${SECRET}1`])
        expect(await service.enable(actorOf('cw'), bad, code), bad).toBeNull();
      expect(await service.enable(actorOf('cw'), SECRET, code === '000000' ? '111111' : '000000')).toBeNull();
      expect(await user('cw')).toMatchObject({ totp_secret: null, totp_enabled_at: null });
      expect(await recoveryRows('cw')).toEqual([]);
      expect(await audit('cw', 'second-factor.enable')).toEqual([]);
    });

    it('turns it on with the step its code matched, ten recovery codes stored hashed, and audits it', async () => {
      const epoch = nowSeconds();
      const code = await generate({ secret: SECRET, epoch });
      const before = Date.now();
      const codes =
        (await service.enable(actorOf('cw'), SECRET, ` ${code.slice(0, 3)} ${code.slice(3)} `)) ?? [];
      expect(RECOVERY_CODES).toBe(10);
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
      const row = await user('cw');
      expect(row?.totp_secret).toBe(SECRET);
      expect(row?.totp_last_step).toBe(step(epoch));
      expect(Date.parse(row?.totp_enabled_at ?? '')).toBeGreaterThanOrEqual(before - 1);
      const stored = await recoveryRows('cw');
      expect(stored.map((r) => r.code_hash).sort()).toEqual(codes.map((c) => hashSecret(c)).sort());
      expect(stored.every((r) => r.used_at === null)).toBe(true);
      expect(await audit('cw', 'second-factor.enable')).toEqual([
        {
          actor: 'cw@x.se',
          actor_user_id: 'cw',
          outcome: 'ok',
          ip: null,
          detail: '{}',
          target_type: 'user',
          target_id: 'cw',
        },
      ]);

      // Turned on again: new codes replace the old ones, which no longer work.
      await temp.store.db
        .updateTable('app_user')
        .set({ totp_last_step: null })
        .where('id', '=', 'cw')
        .execute();
      const again = (await service.enable(actorOf('cw'), SECRET, await generate({ secret: SECRET }))) ?? [];
      expect(again).toHaveLength(10);
      expect((await recoveryRows('cw')).map((r) => r.code_hash).sort()).toEqual(
        again.map((c) => hashSecret(c)).sort(),
      );
      expect(await recoveryRows('other')).toEqual([]);
      expect(await service.check('cw', codes[0] as string, null)).toBe('wrong');
    });

    it('takes a TOTP code once, never one of an earlier step, and records its step and the audit entry', async () => {
      await temp.store.db
        .updateTable('app_user')
        .set({ totp_secret: SECRET, totp_last_step: null })
        .where('id', 'in', ['other', 'tf'])
        .execute();
      const epoch = nowSeconds();
      const previous = await generate({ secret: SECRET, epoch });
      expect(await service.check('other', ` ${previous} `, '10.0.0.7')).toBe('ok');
      expect((await user('other'))?.totp_last_step).toBe(step(epoch));
      // The same code, or one of an earlier step, never works again.
      expect(await service.check('other', previous, null)).toBe('wrong');
      expect(await service.check('other', await generate({ secret: SECRET, epoch: epoch - 30 }), null)).toBe(
        'wrong',
      );
      // Three steps back is beyond the one step of drift allowed.
      expect(await service.check('tf', await generate({ secret: SECRET, epoch: epoch - 90 }), null)).toBe(
        'wrong',
      );
      expect(await audit('other', 'sign-in.second-factor')).toEqual([
        {
          actor: 'other@x.se',
          actor_user_id: 'other',
          outcome: 'ok',
          ip: '10.0.0.7',
          detail: '{"how":"totp"}',
          target_type: null,
          target_id: null,
        },
        expect.objectContaining({ outcome: 'failed', detail: '{"how":"totp"}' }),
        expect.objectContaining({ outcome: 'failed', detail: '{"how":"totp"}' }),
      ]);
    });

    it("takes a recovery code once, in any case and spacing, and only the user's own", async () => {
      await temp.store.db
        .updateTable('app_user')
        .set({ totp_last_step: null })
        .where('id', '=', 'ad')
        .execute();
      const own = (await service.enable(actorOf('ad'), SECRET, await generate({ secret: SECRET }))) ?? [];
      // Another user's code is refused and stays unused.
      expect(await service.check('cw', own[1] as string, null)).toBe('wrong');
      expect((await recoveryRows('ad')).filter((r) => r.used_at !== null)).toEqual([]);
      expect(await service.check('ad', `  ${(own[1] as string).toUpperCase()} `, '10.0.0.8')).toBe('ok');
      expect((await recoveryRows('ad')).filter((r) => r.used_at !== null).map((r) => r.code_hash)).toEqual([
        hashSecret(own[1] as string),
      ]);
      expect(await service.check('ad', own[1] as string, null)).toBe('wrong');
      expect(await service.check('ad', `${own[2] as string}x`, null)).toBe('wrong');
      // Neither form, whole: no lookup of a recovery code, and no error from the TOTP check.
      expect(await service.check('ad', `x${own[3] as string}`, null)).toBe('wrong');
      expect(await service.check('ad', `x${await generate({ secret: SECRET })}`, null)).toBe('wrong');
      expect((await audit('ad', 'sign-in.second-factor')).map((r) => [r.outcome, r.ip, r.detail])).toEqual([
        ['ok', '10.0.0.8', '{"how":"recovery-code"}'],
        ['failed', null, '{"how":"recovery-code"}'],
        ['failed', null, '{"how":"totp"}'],
        ['failed', null, '{"how":"totp"}'],
        ['failed', null, '{"how":"totp"}'],
      ]);
    });

    it('refuses a user without a secret without counting a failure', async () => {
      expect(await service.check('rd', await generate({ secret: SECRET }), null)).toBe('wrong');
      expect(await service.check('nobody', '123456', null)).toBe('wrong');
      const row = await temp.store.db
        .selectFrom('sign_in_throttle')
        .select('failures')
        .where('key', '=', 'totp:rd')
        .executeTakeFirst();
      expect(row).toBeUndefined();
    });

    it('locks after the fifth wrong code within 15 minutes, for 15 minutes, even for the right code', async () => {
      const right = async () => {
        await temp.store.db
          .updateTable('app_user')
          .set({ totp_last_step: null })
          .where('id', '=', 'tf')
          .execute();
        return generate({ secret: SECRET });
      };
      await temp.store.repositories.signInThrottle.clear('totp:tf');
      for (let i = 0; i < 4; i++) expect(await service.check('tf', 'abcdefg', null)).toBe('wrong');
      expect(await temp.store.repositories.signInThrottle.lockedUntil('totp:tf')).toBeNull();
      // A right code after four wrong ones opens, and starts the count again.
      expect(await service.check('tf', await right(), null)).toBe('ok');
      for (let i = 0; i < 4; i++) expect(await service.check('tf', '000000x', null)).toBe('wrong');
      expect(await temp.store.repositories.signInThrottle.lockedUntil('totp:tf')).toBeNull();
      const before = Date.now();
      expect(await service.check('tf', '12', null)).toBe('wrong');
      const after = Date.now();
      const until = Date.parse((await temp.store.repositories.signInThrottle.lockedUntil('totp:tf')) ?? '');
      expect(until).toBeGreaterThanOrEqual(before + 15 * MINUTE);
      expect(until).toBeLessThanOrEqual(after + 15 * MINUTE);
      expect(await service.check('tf', await right(), null)).toBe('locked');
      // Once the lock is over, the right code works.
      await temp.store.repositories.signInThrottle.lock('totp:tf', new Date(Date.now() - 1000).toISOString());
      expect(await service.check('tf', await right(), null)).toBe('ok');
    });

    it('counts failures within the last 15 minutes only', async () => {
      await failedBefore('tf', 4, 14 * MINUTE);
      expect(await service.check('tf', 'wrong', null)).toBe('wrong');
      expect(await temp.store.repositories.signInThrottle.lockedUntil('totp:tf')).not.toBeNull();
      await failedBefore('tf', 4, 16 * MINUTE);
      expect(await service.check('tf', 'wrong', null)).toBe('wrong');
      expect(await temp.store.repositories.signInThrottle.lockedUntil('totp:tf')).toBeNull();
    });

    it('gives the current code of a secret', async () => {
      const before = nowSeconds();
      const code = await SecondFactorService.code(SECRET);
      const after = nowSeconds();
      expect([
        await generate({ secret: SECRET, epoch: before }),
        await generate({ secret: SECRET, epoch: after }),
      ]).toContain(code);
    });
  });
}
