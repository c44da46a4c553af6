/**
 * Access by need, decided directly (the route walk in people-access.test.ts checks the routes refuse;
 * this checks which access each caller gets, at which level, and through what): on real stores, with
 * actors written out by hand so that each rule is met or missed by exactly one thing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { AccountService } from '../../../accounts/account.service.js';
import type { Actor } from '../../../accounts/actor.js';
import type { Role } from '../../../accounts/roles.js';
import { PeopleRepository } from '../../../store/repositories/people.repository.js';
import { type AccessLevel, decideAccess, PersonNotFoundError, personAuditEntry } from './person-access.js';

const USERS = [
  ['caseworker', 'cw@lulea.se', '2580', 'caseworker'],
  ['colleague', 'cw2@lulea.se', '2580', 'caseworker'],
  ['processAdmin', 'padmin@lulea.se', '2580', 'process-admin'],
  ['orgAdmin', 'admin@lulea.se', '2580', 'admin'],
  ['newcomer', 'ny@lulea.se', '2580', 'newcomer'],
  ['otherOrg', 'cw@malmo.se', '1280', 'caseworker'],
  ['otherOrgAdmin', 'padmin@malmo.se', '1280', 'process-admin'],
] as const;

const LEVELS: AccessLevel[] = ['read', 'write', 'manage', 'dpo', 'own'];

function actorOf(userId: string | null, memberships: [string, Role][]): Actor {
  return {
    userId,
    label: `${userId}`,
    via: 'session',
    memberships: memberships.map(([organisationId, role]) => ({ organisationId, role })),
    global: [],
  };
}

for (const dialect of DIALECTS) {
  describe(`decideAccess (${dialect})`, () => {
    let temp: TempStore;
    const users = {} as Record<(typeof USERS)[number][0], { userId: string }>;
    let repository: PeopleRepository;
    let personA: string;
    let personB: string;
    let grantId: number;
    let grantExpires: string;
    const opened: [string, number][] = [];
    const openReason = (sealed: string, id: number) => {
      opened.push([sealed, id]);
      return `reason of grant ${id}`;
    };

    // Set up on the repositories, without the app: mutation testing reruns this for every mutant, and
    // nothing here may pass through decideAccess itself.
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const accounts = new AccountService(temp.store.repositories);
      await accounts.addOrganisation(null, { id: '2580', name: 'Luleå kommun' });
      await accounts.addOrganisation(null, { id: '1280', name: 'Malmö stad' });
      for (const [name, email, organisationId, role] of USERS)
        users[name] = { userId: (await accounts.addUser(null, { email, organisationId, role })).user.id };
      repository = new PeopleRepository(temp.store.db);
      const now = new Date().toISOString();
      const person = (id: string, user_id: string | null) =>
        repository.insertPerson({
          id,
          organisation_id: '2580',
          audit_ref: `ref-${id}`,
          language: 'ar',
          name_sealed: 'sealed-name',
          contact_sealed: null,
          user_id,
          status: 'open',
          restricted: 0,
          created_at: now,
          closed_at: null,
        });
      personA = 'person-a';
      personB = 'person-b';
      await person(personA, null);
      await person(personB, users.newcomer.userId);
      await repository.replaceCaseworkers(personA, [users.caseworker.userId], now);
      grantExpires = new Date(Date.now() + 3_600_000).toISOString();
      await repository.insertGrant({
        person_id: personA,
        user_id: users.colleague.userId,
        reason_sealed: 'sealed-cover',
        granted_by: users.caseworker.userId,
        granted_at: now,
        expires_at: grantExpires,
      });
      grantId = (await repository.grants(personA))[0]!.id;
    }, 300_000);
    afterAll(async () => {
      await temp?.destroy();
    });

    /** The via of each level, or 404 where refused. */
    async function vias(actor: Actor, personId: string, now?: Date) {
      const out: Record<string, string> = {};
      for (const level of LEVELS) {
        try {
          const access = await decideAccess(repository, actor, personId, level, openReason, now);
          expect(access.level).toBe(level);
          expect(access.actor).toBe(actor);
          expect(access.person.id).toBe(personId);
          out[level] = access.via;
        } catch (error) {
          expect(error).toBeInstanceOf(PersonNotFoundError);
          expect(error).toMatchObject({ statusCode: 404, message: 'no such person' });
          out[level] = '404';
        }
      }
      return out;
    }

    it('the assigned case worker reads, writes and manages, but is no data protection officer', async () => {
      expect(await vias(actorOf(users.caseworker.userId, [['2580', 'caseworker']]), personA)).toEqual({
        read: 'caseworker',
        write: 'caseworker',
        manage: 'caseworker',
        dpo: '404',
        own: 'caseworker',
      });
    });

    it('the Process admin reaches every person of the organisation; an admin only the "who read it" report', async () => {
      expect(await vias(actorOf(users.processAdmin.userId, [['2580', 'process-admin']]), personA)).toEqual({
        read: 'process-admin',
        write: 'process-admin',
        manage: 'process-admin',
        dpo: 'dpo',
        own: 'process-admin',
      });
      expect(await vias(actorOf(users.orgAdmin.userId, [['2580', 'admin']]), personA)).toEqual({
        read: '404',
        write: '404',
        manage: '404',
        dpo: 'dpo',
        own: '404',
      });
    });

    it('a colleague with a live temporary access reads and writes with its reason, manages nothing', async () => {
      const colleague = actorOf(users.colleague.userId, [['2580', 'caseworker']]);
      opened.length = 0;
      expect(await vias(colleague, personA)).toEqual({
        read: 'temporary',
        write: 'temporary',
        manage: '404',
        dpo: '404',
        own: 'temporary',
      });
      expect(opened.map(([, id]) => id)).toEqual([grantId, grantId, grantId]);
      // The reason is opened from its sealed form, by the caller's key.
      expect(opened[0]![0]).toBe('sealed-cover');
      const access = await decideAccess(repository, colleague, personA, 'read', openReason);
      expect(access.reason).toBe(`reason of grant ${grantId}`);
      // At the moment it ends (and after), the access opens nothing; a millisecond before, it does.
      const end = new Date(grantExpires);
      expect((await vias(colleague, personA, new Date(end.getTime() - 1))).read).toBe('temporary');
      expect(await vias(colleague, personA, end)).toEqual({
        read: '404',
        write: '404',
        manage: '404',
        dpo: '404',
        own: '404',
      });
      // The grant is for person A only, and for this user only.
      expect((await vias(colleague, personB)).read).toBe('404');
      expect((await vias(actorOf(users.otherOrg.userId, [['2580', 'caseworker']]), personA)).read).toBe(
        '404',
      );
      // Without a case worker's permission the grant opens nothing.
      expect((await vias(actorOf(users.colleague.userId, [['2580', 'reader']]), personA)).read).toBe('404');
    });

    it('the person reads their own record and its answers, nothing else; a bare link to the account is not enough', async () => {
      expect(await vias(actorOf(users.newcomer.userId, [['2580', 'newcomer']]), personB)).toEqual({
        read: 'self',
        write: '404',
        manage: '404',
        dpo: '404',
        own: 'self',
      });
      expect((await vias(actorOf(users.newcomer.userId, [['2580', 'newcomer']]), personA)).read).toBe('404');
      // The linked user without the newcomer's role, or with it in another organisation.
      for (const memberships of [[['2580', 'reader']], [['1280', 'newcomer']]] as [string, Role][][])
        expect((await vias(actorOf(users.newcomer.userId, memberships), personB)).own).toBe('404');
    });

    it('another organisation, the operator token and an unknown id get the same 404 at every level', async () => {
      const refused = { read: '404', write: '404', manage: '404', dpo: '404', own: '404' };
      expect(await vias(actorOf(users.otherOrg.userId, [['1280', 'caseworker']]), personA)).toEqual(refused);
      expect(await vias(actorOf(users.otherOrgAdmin.userId, [['1280', 'process-admin']]), personA)).toEqual(
        refused,
      );
      expect(await vias(actorOf(null, [['2580', 'process-admin']]), personA)).toEqual(refused);
      expect(
        await vias(actorOf(users.processAdmin.userId, [['2580', 'process-admin']]), 'no-such-person'),
      ).toEqual(refused);
    });

    it('asks for process.read to read and process.write for the rest, and process.admin alone opens the report', async () => {
      // No role holds one without the other today; an actor holding a single permission tells them apart.
      const readOnly: Actor = { ...actorOf(users.caseworker.userId, []), global: ['process.read'] };
      expect(await vias(readOnly, personA)).toEqual({
        read: 'caseworker',
        write: '404',
        manage: '404',
        dpo: '404',
        own: '404',
      });
      const writeOnly: Actor = { ...actorOf(users.caseworker.userId, []), global: ['process.write'] };
      expect(await vias(writeOnly, personA)).toEqual({
        read: '404',
        write: 'caseworker',
        manage: 'caseworker',
        dpo: '404',
        own: 'caseworker',
      });
      const adminOnly: Actor = { ...actorOf(users.orgAdmin.userId, []), global: ['process.admin'] };
      expect((await vias(adminOnly, personA)).dpo).toBe('dpo');
    });

    it('audits a use by the reference, with the access and its reason only when there is one', async () => {
      const admin = await decideAccess(
        repository,
        actorOf(users.processAdmin.userId, [['2580', 'process-admin']]),
        personA,
        'read',
        openReason,
      );
      expect(Object.keys(admin)).not.toContain('reason');
      const ref = admin.person.audit_ref;
      expect(ref).toBe(`ref-${personA}`);
      expect(personAuditEntry(admin, 'person.read', 'inventory', '10.0.0.1')).toStrictEqual({
        actor: admin.actor,
        action: 'person.read',
        organisationId: '2580',
        target: { type: 'person', id: ref },
        ip: '10.0.0.1',
        detail: { part: 'inventory', via: 'process-admin' },
      });
      const lent = await decideAccess(
        repository,
        actorOf(users.colleague.userId, [['2580', 'caseworker']]),
        personA,
        'write',
        openReason,
      );
      expect(personAuditEntry(lent, 'person.write', 'work', null, { section: 'work' })).toStrictEqual({
        actor: lent.actor,
        action: 'person.write',
        organisationId: '2580',
        target: { type: 'person', id: ref },
        ip: null,
        detail: { part: 'work', via: 'temporary', reason: `reason of grant ${grantId}`, section: 'work' },
      });
    });
  });
}
