/**
 * The people service on real stores, without the app (the API tests walk the routes): who may record a
 * person, what is stored and sealed, what each read and write leaves in the audit log, the inventory's
 * preconditions, one-time codes, temporary access, the settings, the export and the DPO's report.
 * Set up on the repositories, with actors written out by hand: mutation testing reruns the setup for
 * every mutant, and nothing in it may pass through the service itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { CONCEPTS, keyLine, seedConcepts } from '../../../../test/support/process.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { AccountService } from '../../../accounts/account.service.js';
import { type Actor, NotFoundError } from '../../../accounts/actor.js';
import { AuditLog, type AuditRecord } from '../../../accounts/audit-log.js';
import type { Role } from '../../../accounts/roles.js';
import { hashSecret } from '../../../accounts/secrets.js';
import { InputError } from '../../../errors/input-error.js';
import {
  NEWCOMER_EMAIL_DOMAIN,
  type PeopleRepository,
} from '../../../store/repositories/people.repository.js';
import { Keyring } from '../privacy/field-cipher.js';
import { PLACES } from '../privacy/sealed-columns.js';
import { INFORMATION_VERSION } from './information.js';
import { EMPTY_INVENTORY } from './inventory.js';
import { SECTIONS } from './inventory-sections.js';
import { ACCESS_CODE_HOURS, normaliseAccessCode, PeopleService } from './people.service.js';
import type { AccessLevel, AccessVia, PersonAccess } from './person-access.js';

const USERS = [
  ['caseworker', 'cw@lulea.se', '2580', 'caseworker'],
  ['colleague', 'cw2@lulea.se', '2580', 'caseworker'],
  ['processAdmin', 'padmin@lulea.se', '2580', 'process-admin'],
  ['reader', 'reader@lulea.se', '2580', 'reader'],
  ['newcomer', 'ny@lulea.se', '2580', 'newcomer'],
  ['otherOrg', 'cw@malmo.se', '1280', 'caseworker'],
] as const;
type UserName = (typeof USERS)[number][0];
const BASIS = 'Lag (2017:584) om ansvar för etableringsinsatser';

function actorOf(userId: string | null, memberships: [string, Role][], label = `label-${userId}`): Actor {
  return {
    userId,
    label,
    via: 'session',
    memberships: memberships.map(([organisationId, role]) => ({ organisationId, role })),
    global: [],
  };
}

/** The error a promise is rejected with, in the fields a caller sees. */
async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof InputError) {
    const { reason, status, parameter, values } = error;
    return { reason, status, parameter, values };
  }
  if (error instanceof NotFoundError) return { notFound: error.message };
  throw new Error(`expected a refusal, got ${String(error)}`);
}

const within = (at: string | null, before: number, after = Date.now()) => {
  expect(at).not.toBeNull();
  const t = Date.parse(at as string);
  expect(t).toBeGreaterThanOrEqual(before);
  expect(t).toBeLessThanOrEqual(after);
};

for (const dialect of DIALECTS) {
  describe(`the people service (${dialect})`, () => {
    let temp: TempStore;
    let people: PeopleRepository;
    let audit: AuditLog;
    let service: PeopleService;
    const keyring = Keyring.parse(keyLine('k1'), 'test');
    const users = {} as Record<UserName, string>;
    let caseworker: Actor;
    let admin: Actor;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const accounts = new AccountService(temp.store.repositories);
      await accounts.addOrganisation(null, { id: '2580', name: 'Luleå kommun' });
      await accounts.addOrganisation(null, { id: '1280', name: 'Malmö stad' });
      for (const [name, email, organisationId, role] of USERS)
        users[name] = (await accounts.addUser(null, { email, organisationId, role })).user.id;
      // Accounts made without a password wait for their first sign-in; these act at once.
      await temp.store.db.updateTable('app_user').set({ status: 'active' }).execute();
      await seedConcepts(temp.store);
      people = temp.store.repositories.people;
      await people.setLegalBasis('2580', BASIS);
      audit = new AuditLog(temp.store.repositories);
      service = new PeopleService(temp.store, keyring);
      caseworker = actorOf(users.caseworker, [['2580', 'caseworker']]);
      admin = actorOf(users.processAdmin, [['2580', 'process-admin']]);
    }, 300_000);
    afterAll(async () => {
      await temp?.destroy();
    });

    /** A person of 2580 written on the repository (not through the service). */
    async function person(changes: { user_id?: string | null; language?: string } = {}) {
      const id = `p-${Math.random().toString(36).slice(2, 10)}`;
      await people.insertPerson({
        id,
        organisation_id: '2580',
        audit_ref: `ref-${id}`,
        language: changes.language ?? 'ar',
        name_sealed: keyring.seal(`Namn ${id}`, PLACES.personName(id)),
        contact_sealed: null,
        user_id: changes.user_id ?? null,
        status: 'open',
        restricted: 0,
        created_at: new Date().toISOString(),
        closed_at: null,
      });
      return (await people.person(id))!;
    }

    const accessTo = async (
      personId: string,
      actor: Actor = caseworker,
      via: AccessVia = 'caseworker',
      level: AccessLevel = 'write',
      reason?: string,
    ): Promise<PersonAccess> => ({
      actor,
      person: (await people.person(personId))!,
      level,
      via,
      ...(reason !== undefined ? { reason } : {}),
    });

    const entries = async (personId: string): Promise<AuditRecord[]> =>
      audit.forTarget('person', (await people.person(personId))!.audit_ref);

    /** A person with an acknowledged information text, ready for the inventory. */
    async function informed() {
      const p = await person();
      await people.insertConsent({
        person_id: p.id,
        text_version: 'v',
        language: 'ar',
        legal_basis: BASIS,
        acknowledged_at: new Date().toISOString(),
        recorded_by: users.caseworker,
      });
      return p;
    }

    describe('recording a person', () => {
      it('stores the person sealed, makes the recording case worker theirs, and audits it', async () => {
        const before = Date.now();
        const { id } = await service.create(
          caseworker,
          { organisation: '2580', name: '  Amina Y  ', language: 'so', contact: '070-1', gender: 'K' },
          '10.1.1.1',
        );
        const row = (await people.person(id))!;
        expect(row).toMatchObject({
          id,
          organisation_id: '2580',
          language: 'so',
          user_id: null,
          status: 'open',
          restricted: 0,
          closed_at: null,
          gender: 'K',
        });
        within(row.created_at, before);
        expect(row.audit_ref).not.toBe(id);
        expect(row.audit_ref).toMatch(/^[0-9a-f-]{36}$/);
        // Sealed at rest, each for its place.
        expect(row.name_sealed).not.toContain('Amina');
        expect(keyring.open(row.name_sealed, PLACES.personName(id))).toBe('Amina Y');
        expect(keyring.open(row.contact_sealed!, PLACES.personContact(id))).toBe('070-1');
        expect((await people.caseworkers(id)).map((c) => [c.user_id, c.assigned_at])).toEqual([
          [users.caseworker, row.created_at],
        ]);
        const [entry, ...more] = await entries(id);
        expect(more).toEqual([]);
        expect(entry).toMatchObject({
          organisation: '2580',
          actor: caseworker.label,
          actorUserId: users.caseworker,
          action: 'person.create',
          outcome: 'ok',
          target: { type: 'person', id: row.audit_ref },
          ip: '10.1.1.1',
          detail: { part: 'person', via: 'caseworker' },
        });
        expect(Object.keys(entry!.detail)).toEqual(['part', 'via']);
      });

      it('leaves a Process admin’s person without a case worker, and takes the defaults', async () => {
        // A case worker elsewhere is no case worker here.
        const actor = actorOf(users.processAdmin, [
          ['1280', 'caseworker'],
          ['2580', 'process-admin'],
        ]);
        const { id } = await service.create(actor, { organisation: '2580', name: 'B', language: 'sv' });
        const row = (await people.person(id))!;
        expect(row.contact_sealed).toBeNull();
        expect(row.gender).toBeNull();
        expect(await people.caseworkers(id)).toEqual([]);
        const [entry] = await entries(id);
        expect(entry).toMatchObject({ ip: null, detail: { part: 'person', via: 'process-admin' } });
        // A global writer with no membership is nobody's case worker either.
        const global: Actor = { ...actorOf(users.caseworker, []), global: ['process.write'] };
        const other = await service.create(global, { organisation: '2580', name: 'C', language: 'sv' });
        expect(await people.caseworkers(other.id)).toEqual([]);
      });

      it('refuses an organisation where the actor may not write, as unknown', async () => {
        for (const actor of [
          actorOf(users.reader, [['2580', 'reader']]),
          actorOf(users.otherOrg, [['1280', 'caseworker']]),
          actorOf(users.newcomer, [['2580', 'newcomer']]),
        ])
          expect(
            await rejection(service.create(actor, { organisation: '2580', name: 'A', language: 'sv' })),
          ).toEqual({ notFound: 'no such organisation' });
        expect(
          await rejection(
            service.create(caseworker, {
              organisation: undefined as unknown as string,
              name: 'A',
              language: 'sv',
            }),
          ),
        ).toEqual({ notFound: 'no such organisation' });
      });

      it('refuses a bad name, language, contact or gender, and writes nothing', async () => {
        const base = { organisation: '2580', name: 'A', language: 'sv' };
        const ok = async (input: object) => {
          const { id } = await service.create(caseworker, { ...base, ...input });
          return (await people.person(id))!;
        };
        const refused = (input: object) => rejection(service.create(caseworker, { ...base, ...input }));
        const count = async () => (await people.openPeopleOf('2580')).length;
        const before = await count();
        for (const name of ['', '   ', undefined])
          expect(await refused({ name })).toStrictEqual({
            reason: 'required',
            status: 400,
            parameter: 'name',
            values: {},
          });
        expect(await refused({ name: 'x'.repeat(201) })).toStrictEqual({
          reason: 'tooLong',
          status: 400,
          parameter: 'name',
          values: { max: 200 },
        });
        for (const language of ['SV', 'svenska', 's', 'sv_SE', 'sv-', '', ' sv', 'sv-x', undefined])
          expect(await refused({ language })).toStrictEqual({
            reason: 'invalidChoice',
            status: 400,
            parameter: 'language',
            values: { value: String(language), allowed: 'a language code such as sv, ar, prs, ti' },
          });
        expect((await refused({ language: 'q'.repeat(50) })).values).toEqual({
          value: 'q'.repeat(40),
          allowed: 'a language code such as sv, ar, prs, ti',
        });
        expect(await refused({ contact: 'x'.repeat(2001) })).toStrictEqual({
          reason: 'tooLong',
          status: 400,
          parameter: 'contact',
          values: { max: 2000 },
        });
        expect(await refused({ gender: 'g'.repeat(50) })).toMatchObject({
          parameter: 'gender',
          values: { value: 'g'.repeat(40) },
        });
        for (const gender of ['X', 'k', ''])
          expect(await refused({ gender })).toStrictEqual({
            reason: 'invalidChoice',
            status: 400,
            parameter: 'gender',
            values: { value: gender, allowed: 'K, M, declined' },
          });
        expect(await count()).toBe(before);
        // At the limits, and the language forms that are taken.
        const long = await ok({ name: 'x'.repeat(200) });
        expect(keyring.open(long.name_sealed, PLACES.personName(long.id))).toBe('x'.repeat(200));
        expect((await ok({ contact: 'c'.repeat(2000) })).contact_sealed).not.toBeNull();
        for (const language of ['sv', 'prs', 'sv-SE', 'zh-Hant-TW', 'ti-ER'])
          expect((await ok({ language })).language).toBe(language);
        for (const gender of ['M', 'declined']) expect((await ok({ gender })).gender).toBe(gender);
      });
    });

    describe('reading the record', () => {
      it('gives the whole record and audits the read', async () => {
        const p = await person({ language: 'ti' });
        await people.updatePerson(p.id, {
          contact_sealed: keyring.seal('Storgatan 1', PLACES.personContact(p.id)),
          gender: 'M',
          restricted: 1,
        });
        await people.replaceCaseworkers(
          p.id,
          [users.caseworker, users.processAdmin],
          '2026-01-02T03:04:05.000Z',
        );
        await people.insertConsent({
          person_id: p.id,
          text_version: 'info-1',
          language: 'ti',
          legal_basis: BASIS,
          acknowledged_at: '2026-01-03T00:00:00.000Z',
          recorded_by: 'someone',
        });
        const view = await service.get(await accessTo(p.id, admin, 'process-admin', 'read'), '10.0.0.2');
        expect({
          ...view,
          caseworkers: [...view.caseworkers].sort((a, b) => (a.email! < b.email! ? -1 : 1)),
        }).toStrictEqual({
          id: p.id,
          organisation: '2580',
          name: `Namn ${p.id}`,
          language: 'ti',
          contact: 'Storgatan 1',
          status: 'open',
          restricted: true,
          gender: 'M',
          createdAt: p.created_at,
          closedAt: null,
          caseworkers: [
            { userId: users.caseworker, email: 'cw@lulea.se', assignedAt: '2026-01-02T03:04:05.000Z' },
            { userId: users.processAdmin, email: 'padmin@lulea.se', assignedAt: '2026-01-02T03:04:05.000Z' },
          ],
          consents: [
            {
              textVersion: 'info-1',
              language: 'ti',
              legalBasis: BASIS,
              acknowledgedAt: '2026-01-03T00:00:00.000Z',
              recordedBy: 'someone',
            },
          ],
        });
        const log = await entries(p.id);
        expect(log.map((e) => [e.action, e.detail.part, e.detail.via, e.ip, e.actorUserId])).toEqual([
          ['person.read', 'person', 'process-admin', '10.0.0.2', users.processAdmin],
        ]);
        // An unrestricted person without contact, case workers or consents.
        const bare = await person();
        const plain = await service.view(bare);
        expect(plain).toMatchObject({ contact: null, restricted: false, caseworkers: [], consents: [] });
        // view() itself leaves no entry.
        expect(await entries(bare.id)).toEqual([]);
      });

      it('lists the people the actor may read, and audits each listed name', async () => {
        const mine = await person();
        const lent = await person();
        const expired = await person();
        const notMine = await person();
        await people.replaceCaseworkers(mine.id, [users.colleague], new Date().toISOString());
        const grant = (personId: string, hours: number) =>
          people.insertGrant({
            person_id: personId,
            user_id: users.colleague,
            reason_sealed: keyring.seal('r', PLACES.grantReason(personId)),
            granted_by: users.caseworker,
            granted_at: new Date().toISOString(),
            expires_at: new Date(Date.now() + hours * 3_600_000).toISOString(),
          });
        await grant(lent.id, 1);
        await grant(expired.id, -1);
        await people.updatePerson(lent.id, { restricted: 1, status: 'closed' });
        const colleague = actorOf(users.colleague, [['2580', 'caseworker']]);
        const listed = await service.list(colleague, '10.0.0.3');
        expect(listed.map((i) => i.id).sort()).toEqual([mine.id, lent.id].sort());
        expect(listed.find((i) => i.id === lent.id)).toStrictEqual({
          id: lent.id,
          name: `Namn ${lent.id}`,
          language: 'ar',
          status: 'closed',
          restricted: true,
          createdAt: lent.created_at,
        });
        expect(listed.find((i) => i.id === mine.id)?.restricted).toBe(false);
        for (const p of [mine, lent]) {
          const log = await entries(p.id);
          expect(log).toHaveLength(1);
          expect(log[0]).toMatchObject({
            action: 'person.read',
            organisation: '2580',
            actorUserId: users.colleague,
            ip: '10.0.0.3',
            target: { type: 'person', id: p.audit_ref },
            detail: { part: 'list' },
          });
          expect(Object.keys(log[0]!.detail)).toEqual(['part']);
        }
        for (const p of [expired, notMine]) expect(await entries(p.id)).toEqual([]);
        // A Process admin lists everyone of the organisation; a reader, another organisation and the
        // operator token nobody.
        const all = (await service.list(admin)).map((i) => i.id);
        expect(all).toEqual(expect.arrayContaining([mine.id, lent.id, expired.id, notMine.id]));
        expect(all).toHaveLength((await people.peopleFor(['2580'], [], users.processAdmin, '9')).length);
        expect(await service.list(actorOf(users.reader, [['2580', 'reader']]))).toEqual([]);
        expect(await service.list(actorOf(users.otherOrg, [['1280', 'caseworker']]))).toEqual([]);
        expect(await service.list(actorOf(null, [['2580', 'process-admin']]))).toEqual([]);
        // A Process admin who is also a case worker in another organisation: all of one, assigned of the other.
        const both = actorOf(users.colleague, [
          ['2580', 'process-admin'],
          ['1280', 'caseworker'],
        ]);
        expect((await service.list(both)).map((i) => i.id)).toEqual(all);
      });
    });

    describe('case workers, consent, status and restriction', () => {
      it('assigns members who are case workers or Process admins, by id or e-mail, and audits the ids', async () => {
        const p = await person();
        const access = await accessTo(p.id, admin, 'process-admin', 'manage');
        const before = Date.now();
        await service.setCaseworkers(access, ['CW2@lulea.se', users.processAdmin], '10.0.0.4');
        const assigned = await people.caseworkers(p.id);
        expect(assigned.map((c) => c.user_id).sort()).toEqual([users.colleague, users.processAdmin].sort());
        within(assigned[0]!.assigned_at, before);
        const [entry] = await entries(p.id);
        expect(entry).toMatchObject({
          action: 'person.write',
          ip: '10.0.0.4',
          detail: {
            part: 'caseworkers',
            via: 'process-admin',
            caseworkers: [users.colleague, users.processAdmin],
          },
        });
        for (const [refs, at] of [
          [[users.caseworker, users.reader], 1],
          [['cw@malmo.se'], 0],
          [[users.newcomer], 0],
          [['nobody@lulea.se'], 0],
        ] as const)
          expect(await rejection(service.setCaseworkers(access, refs))).toStrictEqual({
            reason: 'unknownUser',
            status: 422,
            parameter: `caseworkers[${at}]`,
            values: { value: refs[at] },
          });
        // Nothing changed by a refused list.
        expect((await people.caseworkers(p.id)).map((c) => c.user_id).sort()).toEqual(
          [users.colleague, users.processAdmin].sort(),
        );
        expect(await entries(p.id)).toHaveLength(1);
        await service.setCaseworkers(access, []);
        expect(await people.caseworkers(p.id)).toEqual([]);
      });

      it('records a consent with the organisation’s basis, the current text and the person’s language', async () => {
        const p = await person({ language: 'prs' });
        const before = Date.now();
        const consent = await service.recordConsent(await accessTo(p.id), {}, '10.0.0.5');
        expect(consent).toMatchObject({
          textVersion: INFORMATION_VERSION,
          language: 'prs',
          legalBasis: BASIS,
          recordedBy: users.caseworker,
        });
        within(consent.acknowledgedAt, before);
        expect((await service.view(p)).consents).toStrictEqual([consent]);
        const [entry] = await entries(p.id);
        expect(entry).toMatchObject({
          action: 'person.write',
          ip: '10.0.0.5',
          detail: { part: 'consent', via: 'caseworker', textVersion: INFORMATION_VERSION },
        });
        // As given, the time normalised; recorded by the label where there is no user.
        const operator = actorOf(null, [], 'operator-token');
        const given = await service.recordConsent(await accessTo(p.id, operator, 'process-admin'), {
          textVersion: 'info-old',
          legalBasis: 'Annan grund',
          language: 'en',
          acknowledgedAt: '2026-02-01T10:00:00+01:00',
        });
        expect(given).toStrictEqual({
          textVersion: 'info-old',
          language: 'en',
          legalBasis: 'Annan grund',
          acknowledgedAt: '2026-02-01T09:00:00.000Z',
          recordedBy: 'operator-token',
        });
        expect((await entries(p.id))[1]!.detail.textVersion).toBe('info-old');
      });

      it('refuses a consent without a basis, with a bad time or language, and writes nothing', async () => {
        const p = await person();
        const access = await accessTo(p.id);
        expect(await rejection(service.recordConsent(access, { acknowledgedAt: 'igår' }))).toStrictEqual({
          reason: 'invalidChoice',
          status: 400,
          parameter: 'acknowledgedAt',
          values: { value: 'igår', allowed: 'an ISO 8601 time' },
        });
        expect(await rejection(service.recordConsent(access, { language: 'Arabic' }))).toStrictEqual({
          reason: 'invalidChoice',
          status: 400,
          parameter: 'language',
          values: { value: 'Arabic', allowed: 'a language code' },
        });
        // 1280 states no basis.
        const { id } = await service.create(actorOf(users.otherOrg, [['1280', 'caseworker']]), {
          organisation: '1280',
          name: 'M',
          language: 'sv',
        });
        const malmo = actorOf(users.otherOrg, [['1280', 'caseworker']]);
        expect(await rejection(service.recordConsent(await accessTo(id, malmo), {}))).toStrictEqual({
          reason: 'required',
          status: 400,
          parameter: 'legalBasis',
          values: {},
        });
        expect(
          await rejection(service.recordConsent(await accessTo(id, malmo), { legalBasis: '' })),
        ).toMatchObject({ reason: 'required', parameter: 'legalBasis' });
        expect(await people.consents(p.id)).toEqual([]);
        expect(await people.consents(id)).toEqual([]);
        expect(await entries(p.id)).toEqual([]);
      });

      it('closes and reopens a case, with the time retention counts from', async () => {
        const p = await person();
        const access = await accessTo(p.id, admin, 'process-admin', 'manage');
        const before = Date.now();
        await service.setStatus(access, 'closed', '10.0.0.6');
        const closed = (await people.person(p.id))!;
        expect(closed.status).toBe('closed');
        within(closed.closed_at, before);
        await service.setStatus(access, 'open');
        expect(await people.person(p.id)).toMatchObject({ status: 'open', closed_at: null });
        expect((await entries(p.id)).map((e) => [e.action, e.ip, e.detail])).toEqual([
          ['person.write', '10.0.0.6', { part: 'status', via: 'process-admin', status: 'closed' }],
          ['person.write', null, { part: 'status', via: 'process-admin', status: 'open' }],
        ]);
      });

      it('sets and lifts the restriction, audited', async () => {
        const p = await person();
        const access = await accessTo(p.id);
        await service.setRestriction(access, true, '10.0.0.7');
        expect((await people.person(p.id))!.restricted).toBe(1);
        await service.setRestriction(access, false);
        expect((await people.person(p.id))!.restricted).toBe(0);
        expect((await entries(p.id)).map((e) => [e.action, e.ip, e.detail])).toEqual([
          ['person.write', '10.0.0.7', { part: 'restriction', via: 'caseworker', restricted: true }],
          ['person.write', null, { part: 'restriction', via: 'caseworker', restricted: false }],
        ]);
      });
    });

    describe('the inventory', () => {
      const WORK = {
        work: [{ occupation: CONCEPTS.sfiTeacher.id, years: '2-4', country: CONCEPTS.somalia.id }],
      };

      it('reads an empty inventory before the first save, and audits the read', async () => {
        const p = await informed();
        expect(
          await service.inventory(await accessTo(p.id, caseworker, 'caseworker', 'read'), '10.0.0.8'),
        ).toStrictEqual({ ...EMPTY_INVENTORY, updatedAt: null });
        expect((await entries(p.id)).map((e) => [e.action, e.ip, e.detail])).toEqual([
          ['person.read', '10.0.0.8', { part: 'inventory', via: 'caseworker' }],
        ]);
      });

      it('saves it sealed, records the changed sections and fields, and audits which sections', async () => {
        const p = await informed();
        const access = await accessTo(p.id);
        const before = Date.now();
        const saved = await service.saveInventory(
          access,
          { ...WORK, skills: [CONCEPTS.steel.id], freeText: 'Hemlig text' },
          '10.0.0.9',
        );
        within(saved.updatedAt, before);
        const expected = {
          ...EMPTY_INVENTORY,
          work: [{ occupation: CONCEPTS.sfiTeacher.id, years: '2-4', country: CONCEPTS.somalia.id }],
          skills: [CONCEPTS.steel.id],
          freeText: 'Hemlig text',
        };
        expect(saved).toStrictEqual({ ...expected, updatedAt: saved.updatedAt });
        const row = (await people.inventory(p.id))!;
        expect(row.inventory_sealed).not.toContain('Hemlig');
        expect(row).toMatchObject({ updated_at: saved.updatedAt, updated_by: users.caseworker });
        expect(await service.openInventory(p.id)).toStrictEqual({ ...expected, updatedAt: saved.updatedAt });
        expect(
          (await service.sectionMeta(p.id)).sort((a, b) => a.section.localeCompare(b.section)),
        ).toStrictEqual(
          [
            { section: 'freeText', changedFields: ['freeText'] },
            { section: 'skills', changedFields: ['skills[0]'] },
            { section: 'work', changedFields: ['work[0].country', 'work[0].occupation', 'work[0].years'] },
          ].map((m) => ({ ...m, updatedAt: saved.updatedAt, byPerson: false })),
        );
        const [entry] = await entries(p.id);
        expect(entry).toMatchObject({ action: 'person.write', ip: '10.0.0.9' });
        expect(entry!.detail).toStrictEqual({
          part: 'inventory',
          via: 'caseworker',
          sections: ['work', 'skills', 'freeText'],
        });
        expect(SECTIONS.indexOf('work')).toBeLessThan(SECTIONS.indexOf('freeText'));
      });

      it('saves one section as the person’s own change, leaving the others', async () => {
        const p = await informed();
        await people.updatePerson(p.id, { user_id: users.newcomer });
        await service.saveInventory(await accessTo(p.id), { ...WORK, freeText: 'a' });
        const self = actorOf(users.newcomer, [['2580', 'newcomer']], 'newcomer');
        const saved = await service.saveSection(await accessTo(p.id, self, 'self', 'own'), 'skills', {
          skills: [CONCEPTS.refrigeration.id],
          work: [],
        });
        expect(saved).toMatchObject({ ...WORK, skills: [CONCEPTS.refrigeration.id], freeText: 'a' });
        const meta = await service.sectionMeta(p.id);
        expect(meta.find((m) => m.section === 'skills')).toMatchObject({
          byPerson: true,
          changedFields: ['skills[0]'],
        });
        expect(meta.find((m) => m.section === 'work')?.byPerson).toBe(false);
        expect((await people.sections(p.id)).find((s) => s.section === 'skills')?.updated_by).toBe(
          users.newcomer,
        );
        const last = (await entries(p.id)).at(-1)!;
        expect(last.detail).toStrictEqual({ part: 'inventory', via: 'self', sections: ['skills'] });
        // A section saved unchanged records no section and names none.
        await service.saveSection(await accessTo(p.id), 'skills', { skills: [CONCEPTS.refrigeration.id] });
        expect((await entries(p.id)).at(-1)!.detail.sections).toEqual([]);
        // Without a user, the label is who changed it.
        const operator = actorOf(null, [], 'operator-token');
        await service.saveSection(await accessTo(p.id, operator, 'process-admin'), 'freeText', {
          freeText: 'b',
        });
        expect((await people.inventory(p.id))!.updated_by).toBe('operator-token');
      });

      it('refuses before the person has been informed, and a health answer the organisation has not turned on', async () => {
        const p = await person();
        expect(await rejection(service.saveInventory(await accessTo(p.id), WORK))).toStrictEqual({
          reason: 'informationNotAcknowledged',
          status: 409,
          parameter: 'consents',
          values: {},
        });
        const q = await informed();
        expect(
          await rejection(service.saveInventory(await accessTo(q.id), { health: 'rygg' })),
        ).toStrictEqual({
          reason: 'healthQuestionOff',
          status: 422,
          parameter: 'health',
          values: {},
        });
        expect(
          await rejection(service.saveInventory(await accessTo(q.id), { skills: [CONCEPTS.somalia.id] })),
        ).toMatchObject({ reason: 'wrongConceptType', status: 422, parameter: 'skills[0]' });
        expect(
          await rejection(service.saveInventory(await accessTo(q.id), { skills: ['Nope_Nope_123'] })),
        ).toMatchObject({ reason: 'unknownConcept', parameter: 'skills[0]' });
        for (const x of [p, q]) {
          expect(await people.inventory(x.id)).toBeUndefined();
          expect(await people.sections(x.id)).toEqual([]);
        }
        expect(await entries(q.id)).toEqual([]);
      });

      it('takes a health answer where the organisation configured it, and marks every save that touches it', async () => {
        const { id } = await service.create(actorOf(users.otherOrg, [['1280', 'caseworker']]), {
          organisation: '1280',
          name: 'H',
          language: 'sv',
        });
        const malmo = actorOf(users.otherOrg, [['1280', 'caseworker']]);
        await people.insertConsent({
          person_id: id,
          text_version: 'v',
          language: 'sv',
          legal_basis: 'x',
          acknowledged_at: new Date().toISOString(),
          recorded_by: 'x',
        });
        await people.setSetting('1280', { hidden_sections: '[]', health_basis: 'Art. 9.2 b' });
        const access = await accessTo(id, malmo);
        await service.saveInventory(access, { health: 'rygg' });
        expect((await service.openInventory(id)).health).toBe('rygg');
        // Removing the answer is a save about health too; a save that never had it is not.
        await service.saveInventory(access, {});
        await service.saveInventory(access, { freeText: 'x' });
        expect((await entries(id)).slice(-3).map((e) => e.detail.health)).toEqual([true, true, undefined]);
        await people.setSetting('1280', { hidden_sections: '[]', health_basis: null });
      });
    });

    describe('the organisation’s inventory settings', () => {
      it('asks every section and no health question by default, and reads only known sections', async () => {
        expect(await service.settings('2580')).toStrictEqual({ hiddenSections: [], healthBasis: null });
        // An organisation that never saved a setting.
        expect(await service.settings('0999')).toStrictEqual({ hiddenSections: [], healthBasis: null });
        await people.setSetting('2580', {
          hidden_sections: '["goals","shoeSize","digital"]',
          health_basis: 'B',
        });
        expect(await service.settings('2580')).toStrictEqual({
          hiddenSections: ['goals', 'digital'],
          healthBasis: 'B',
        });
        await people.setSetting('2580', { hidden_sections: '', health_basis: null });
        expect(await service.settings('2580')).toStrictEqual({ hiddenSections: [], healthBasis: null });
      });

      it('saves them for a Process admin only, in the sections’ order, audited in the same write', async () => {
        const saved = await service.saveSettings(
          admin,
          '2580',
          { hiddenSections: ['goals', 'digital', 'goals'], healthBasis: '  Art. 9.2 h  ' },
          '10.0.1.1',
        );
        expect(saved).toStrictEqual({ hiddenSections: ['digital', 'goals'], healthBasis: 'Art. 9.2 h' });
        expect(await service.settings('2580')).toStrictEqual(saved);
        const [entry] = (await audit.forTarget('organisation', '2580')).filter(
          (e) => e.action === 'process.settings',
        );
        expect(entry).toMatchObject({
          action: 'process.settings',
          actorUserId: users.processAdmin,
          organisation: '2580',
          target: { type: 'organisation', id: '2580' },
          ip: '10.0.1.1',
          detail: { hiddenSections: ['digital', 'goals'], healthBasis: 'Art. 9.2 h' },
        });
        for (const basis of ['', '   ', null])
          expect(
            (await service.saveSettings(admin, '2580', { hiddenSections: [], healthBasis: basis }))
              .healthBasis,
          ).toBeNull();
        expect(
          (await service.saveSettings(admin, '2580', { hiddenSections: [], healthBasis: 'b'.repeat(500) }))
            .healthBasis,
        ).toHaveLength(500);
        // All but one section may be hidden.
        expect(
          (
            await service.saveSettings(admin, '2580', {
              hiddenSections: SECTIONS.slice(1),
              healthBasis: null,
            })
          ).hiddenSections,
        ).toEqual(SECTIONS.slice(1));
        await service.saveSettings(admin, '2580', { hiddenSections: [], healthBasis: null });
      });

      it('refuses others, an unknown section, every section hidden and a long basis', async () => {
        for (const actor of [caseworker, actorOf(users.otherOrg, [['1280', 'process-admin']])])
          expect(
            await rejection(service.saveSettings(actor, '2580', { hiddenSections: [], healthBasis: null })),
          ).toEqual({ notFound: 'no such organisation' });
        expect(
          await rejection(
            service.saveSettings(admin, '2580', {
              hiddenSections: ['goals', 'goals', 'health'],
              healthBasis: null,
            }),
          ),
        ).toStrictEqual({
          reason: 'invalidChoice',
          status: 400,
          parameter: 'hiddenSections[1]',
          values: { value: 'health', allowed: SECTIONS.join(', ') },
        });
        expect(
          await rejection(
            service.saveSettings(admin, '2580', { hiddenSections: ['s'.repeat(50)], healthBasis: null }),
          ),
        ).toMatchObject({ parameter: 'hiddenSections[0]', values: { value: 's'.repeat(40) } });
        expect(
          await rejection(
            service.saveSettings(admin, '2580', { hiddenSections: [...SECTIONS], healthBasis: null }),
          ),
        ).toStrictEqual({
          reason: 'invalidChoice',
          status: 422,
          parameter: 'hiddenSections',
          values: { value: 'all', allowed: 'at most all sections but one' },
        });
        expect(
          await rejection(
            service.saveSettings(admin, '2580', { hiddenSections: [], healthBasis: 'b'.repeat(501) }),
          ),
        ).toStrictEqual({ reason: 'tooLong', status: 400, parameter: 'healthBasis', values: { max: 500 } });
        expect(await service.settings('2580')).toStrictEqual({ hiddenSections: [], healthBasis: null });
      });
    });

    describe('one-time codes and the person’s own account', () => {
      it('makes a code of 12 unambiguous characters that lives 72 hours, keeping only its hash', async () => {
        const p = await person();
        const before = Date.now();
        const { code, expiresAt } = await service.createAccessCode(await accessTo(p.id), '10.0.2.1');
        expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
        const lives = Date.parse(expiresAt) - ACCESS_CODE_HOURS * 3_600_000;
        expect(lives).toBeGreaterThanOrEqual(before);
        expect(lives).toBeLessThanOrEqual(Date.now());
        const [stored] = await people.accessCodes(p.id);
        expect(stored).toMatchObject({
          code_hash: hashSecret(code.replaceAll('-', '')),
          created_by: users.caseworker,
          expires_at: expiresAt,
          used_at: null,
        });
        within(stored!.created_at, before);
        expect(JSON.stringify(stored)).not.toContain(code.slice(0, 4));
        expect((await entries(p.id)).map((e) => [e.action, e.ip, e.detail])).toEqual([
          ['person.access-code', '10.0.2.1', { part: 'access-code', via: 'caseworker', expiresAt }],
        ]);
        // Codes differ; the operator token's code is recorded by its label.
        const operator = actorOf(null, [], 'operator-token');
        const other = await service.createAccessCode(await accessTo(p.id, operator, 'process-admin'));
        expect(other.code).not.toBe(code);
        expect((await people.accessCodes(p.id)).map((c) => c.created_by).sort()).toEqual(
          ['operator-token', users.caseworker].sort(),
        );
        expect(normaliseAccessCode(' ab-c d1 ')).toBe('ABCD1');
      });

      it('redeems a code once, making the person’s own account at the first use only', async () => {
        const p = await person();
        const first = await service.createAccessCode(await accessTo(p.id));
        const second = await service.createAccessCode(await accessTo(p.id));
        expect(await service.redeemAccessCode('AAAA-AAAA-AAAA')).toBeNull();
        const used = await service.redeemAccessCode(
          first.code.toLowerCase().replaceAll('-', ' '),
          '10.0.2.2',
        );
        expect(used).toStrictEqual({ userId: expect.any(String), personId: p.id });
        const userId = used!.userId;
        expect((await people.person(p.id))!.user_id).toBe(userId);
        const member = await people.memberOf('2580', userId);
        expect(member).toMatchObject({ user_id: userId, role: 'newcomer' });
        expect(member!.email).toMatch(
          new RegExp(`^[0-9a-f-]{36}@${NEWCOMER_EMAIL_DOMAIN.replace('.', '\\.')}$`),
        );
        const user = await temp.store.db
          .selectFrom('app_user')
          .selectAll()
          .where('id', '=', userId)
          .executeTakeFirst();
        expect(user).toMatchObject({
          password_hash: null,
          status: 'active',
          display_name: null,
          totp_secret: null,
        });
        expect(await service.ownPerson(actorOf(userId, [['2580', 'newcomer']]))).toBe(p.id);
        // Used once: refused after.
        expect(await service.redeemAccessCode(first.code)).toBeNull();
        // The second code opens the same account.
        expect(await service.redeemAccessCode(second.code)).toStrictEqual({ userId, personId: p.id });
        const uses = (await entries(p.id)).filter((e) => e.action === 'person.access-code.use');
        expect(uses.map((e) => [e.actor, e.actorUserId, e.organisation, e.ip, e.detail])).toEqual([
          ['newcomer', userId, '2580', '10.0.2.2', { part: 'access-code', via: 'self' }],
          ['newcomer', userId, '2580', null, { part: 'access-code', via: 'self' }],
        ]);
        expect(
          await temp.store.db
            .selectFrom('membership')
            .select('user_id')
            .where('user_id', '=', userId)
            .execute(),
        ).toHaveLength(1);
      });

      it('refuses an expired code, and finds no own person for others', async () => {
        const p = await person();
        const { code } = await service.createAccessCode(await accessTo(p.id));
        await temp.store.db
          .updateTable('person_access_code')
          .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
          .where('person_id', '=', p.id)
          .execute();
        expect(await service.redeemAccessCode(code)).toBeNull();
        expect((await people.person(p.id))!.user_id).toBeNull();
        expect(await service.ownPerson(actorOf(null, []))).toBeNull();
        // A code left behind by a person who is gone opens nothing (and makes no account).
        await people.insertAccessCode({
          code_hash: hashSecret('GNEGNEGNEGNE'),
          person_id: 'gone',
          created_by: users.caseworker,
          created_at: new Date().toISOString(),
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          used_at: null,
        });
        expect(await service.redeemAccessCode('gneg-negn-egne')).toBeNull();
        expect(await service.ownPerson(caseworker)).toBeNull();
      });
    });

    describe('temporary access', () => {
      it('decides access with the grant’s reason opened from its sealed form', async () => {
        const p = await person();
        await people.replaceCaseworkers(p.id, [users.caseworker], new Date().toISOString());
        await service.grantTemporaryAccess(await accessTo(p.id), {
          user: users.colleague,
          reason: 'sjuk',
          hours: 1,
        });
        const colleague = actorOf(users.colleague, [['2580', 'caseworker']]);
        const access = await service.access(colleague, p.id, 'read');
        expect(access).toMatchObject({ via: 'temporary', level: 'read', reason: 'sjuk' });
        expect(access.person.id).toBe(p.id);
        expect((await service.access(caseworker, p.id, 'manage')).via).toBe('caseworker');
        await expect(
          service.access(actorOf(users.otherOrg, [['1280', 'caseworker']]), p.id, 'read'),
        ).rejects.toThrow('no such person');
      });

      it('lends the person to a case worker for whole hours, with a sealed reason, audited', async () => {
        const p = await person();
        const before = Date.now();
        const lent = await service.grantTemporaryAccess(
          await accessTo(p.id),
          { user: 'cw2@lulea.se', reason: '  semester  ', hours: 720 },
          '10.0.3.1',
        );
        expect(lent.userId).toBe(users.colleague);
        const from = Date.parse(lent.expiresAt) - 720 * 3_600_000;
        expect(from).toBeGreaterThanOrEqual(before);
        expect(from).toBeLessThanOrEqual(Date.now());
        const [grant] = await people.grants(p.id);
        expect(grant).toMatchObject({
          person_id: p.id,
          user_id: users.colleague,
          granted_by: users.caseworker,
          expires_at: lent.expiresAt,
        });
        within(grant!.granted_at, before);
        expect(keyring.open(grant!.reason_sealed, PLACES.grantReason(p.id))).toBe('semester');
        expect((await entries(p.id)).map((e) => [e.action, e.ip, e.detail])).toEqual([
          [
            'person.access-grant',
            '10.0.3.1',
            {
              part: 'access',
              via: 'caseworker',
              to: users.colleague,
              expiresAt: lent.expiresAt,
              grantReason: 'semester',
            },
          ],
        ]);
        const byAdmin = await service.grantTemporaryAccess(
          await accessTo(p.id, actorOf(null, [], 'operator-token'), 'process-admin'),
          { user: users.processAdmin, reason: 'r', hours: 1 },
        );
        expect(byAdmin.userId).toBe(users.processAdmin);
        expect((await people.grants(p.id)).map((g) => g.granted_by)).toContain('operator-token');
      });

      it('refuses someone who is no case worker here, no reason, and hours outside 1–720', async () => {
        const p = await person();
        const access = await accessTo(p.id);
        const lend = (input: Partial<{ user: string; reason: string; hours: number }>) =>
          rejection(
            service.grantTemporaryAccess(access, { user: users.colleague, reason: 'r', hours: 1, ...input }),
          );
        for (const user of [users.reader, users.newcomer, users.otherOrg, 'x@lulea.se'])
          expect(await lend({ user })).toStrictEqual({
            reason: 'unknownUser',
            status: 422,
            parameter: 'user',
            values: { value: user },
          });
        expect(await lend({ reason: '  ' })).toStrictEqual({
          reason: 'required',
          status: 400,
          parameter: 'reason',
          values: {},
        });
        for (const hours of [0, 721, 1.5, -1, Number.NaN])
          expect(await lend({ hours })).toStrictEqual({
            reason: 'invalidChoice',
            status: 400,
            parameter: 'hours',
            values: { value: String(hours), allowed: '1–720' },
          });
        expect(await people.grants(p.id)).toEqual([]);
        expect(await entries(p.id)).toEqual([]);
      });
    });

    describe('the export, the information and the reads report', () => {
      it('exports everything held about the person, with the retention rule, and audits it', async () => {
        const p = await informed();
        await people.updatePerson(p.id, { user_id: users.newcomer });
        await service.saveInventory(await accessTo(p.id), { ...{ skills: [CONCEPTS.steel.id] } });
        await service.grantTemporaryAccess(await accessTo(p.id), {
          user: users.colleague,
          reason: 'semester',
          hours: 2,
        });
        await service.createAccessCode(await accessTo(p.id));
        await people.setRetentionDays('2580', 400);
        const before = Date.now();
        const doc = await service.export(await accessTo(p.id, admin, 'process-admin', 'read'), '10.0.4.1');
        expect(doc.format).toBe('etablera-person-export/1');
        within(doc.exportedAt, before);
        expect(doc.person).toStrictEqual({ ...(await service.view(p)), userId: users.newcomer });
        const inv = (await people.inventory(p.id))!;
        expect(doc.inventory).toStrictEqual({
          ...(await service.openInventory(p.id)),
          updatedBy: users.caseworker,
          firstSavedAt: inv.first_saved_at,
        });
        expect(doc.inventory.skills).toEqual([CONCEPTS.steel.id]);
        const [grant] = await people.grants(p.id);
        expect(doc.temporaryAccess).toStrictEqual([
          {
            userId: users.colleague,
            reason: 'semester',
            grantedBy: users.caseworker,
            grantedAt: grant!.granted_at,
            expiresAt: grant!.expires_at,
          },
        ]);
        const [section] = await people.sections(p.id);
        expect(doc.sections).toStrictEqual([
          {
            section: 'skills',
            updatedAt: section!.updated_at,
            updatedBy: users.caseworker,
            byPerson: false,
            changedFields: ['skills[0]'],
          },
        ]);
        const [code] = await people.accessCodes(p.id);
        expect(doc.accessCodes).toStrictEqual([
          {
            createdBy: users.caseworker,
            createdAt: code!.created_at,
            expiresAt: code!.expires_at,
            usedAt: null,
          },
        ]);
        expect(doc.matchDecisions).toEqual([]);
        // Match decisions, the hidden one's reason opened; a section the person changed, as theirs.
        await temp.store.db
          .insertInto('match_decision')
          .values([
            {
              person_id: p.id,
              kind: 'occupation',
              target_id: 'T1',
              action: 'hide',
              reason_sealed: keyring.seal('inte aktuellt', PLACES.matchDecisionReason(p.id)),
              decided_by: users.caseworker,
              decided_at: '2026-03-01T00:00:00.000Z',
            },
            {
              person_id: p.id,
              kind: 'education',
              target_id: 'T2',
              action: 'pin',
              reason_sealed: null,
              decided_by: users.processAdmin,
              decided_at: '2026-03-02T00:00:00.000Z',
            },
          ])
          .execute();
        await people.saveSection({
          person_id: p.id,
          section: 'goals',
          updated_at: '2026-03-03T00:00:00.000Z',
          updated_by: users.newcomer,
          by_person: 1,
          changed_fields: '["goals"]',
        });
        const later = await service.exportDocument(p);
        expect(later.matchDecisions).toStrictEqual([
          {
            kind: 'occupation',
            target: 'T1',
            action: 'hide',
            reason: 'inte aktuellt',
            decidedBy: users.caseworker,
            decidedAt: '2026-03-01T00:00:00.000Z',
          },
          {
            kind: 'education',
            target: 'T2',
            action: 'pin',
            reason: null,
            decidedBy: users.processAdmin,
            decidedAt: '2026-03-02T00:00:00.000Z',
          },
        ]);
        expect(later.sections.find((x) => x.section === 'goals')).toStrictEqual({
          section: 'goals',
          updatedAt: '2026-03-03T00:00:00.000Z',
          updatedBy: users.newcomer,
          byPerson: true,
          changedFields: ['goals'],
        });
        expect(doc.retention).toStrictEqual({
          days: 400,
          action: 'erase',
          note: 'The record is erased this many days after the case closes.',
        });
        expect(doc.accessLog.map((e) => [e.action, e.part])).toEqual([
          ['person.write', 'inventory'],
          ['person.access-grant', 'access'],
          ['person.access-code', 'access-code'],
        ]);
        // The export's own entry is written after the document.
        expect((await entries(p.id)).at(-1)).toMatchObject({
          action: 'person.read',
          ip: '10.0.4.1',
          detail: { part: 'export', via: 'process-admin', format: 'json' },
        });
        await people.setRetentionAction('2580', 'pseudonymise');
        const pseudo = await service.exportDocument(p);
        expect(pseudo.retention).toStrictEqual({
          days: 400,
          action: 'pseudonymise',
          note: 'The record is erased this many days after the case closes; only its outcomes (kinds and months) stay, under a random id that leads back to nobody.',
        });
        await people.setRetentionAction('2580', 'erase');
        // Without an inventory: none of its own fields.
        const bare = await service.exportDocument(await person());
        expect(bare.inventory).toStrictEqual({
          ...EMPTY_INVENTORY,
          updatedAt: null,
          updatedBy: null,
          firstSavedAt: null,
        });
        expect(bare.accessLog).toEqual([]);
      });

      it('gives the information in the person’s language with the organisation’s basis and retention, audited', async () => {
        const p = await person({ language: 'en-GB' });
        await people.setRetentionDays('2580', 500);
        await people.setRetentionAction('2580', 'pseudonymise');
        const info = await service.information(
          await accessTo(p.id, caseworker, 'caseworker', 'read'),
          '10.0.4.2',
        );
        expect(info).toMatchObject({
          language: 'en',
          legalBasis: BASIS,
          retentionDays: 500,
          retentionAction: 'pseudonymise',
        });
        expect(info.sections.find((s) => s.id === 'retention')?.text).toContain('500 days');
        expect(info.sections.find((s) => s.id === 'retention')?.text).toContain('only which steps');
        await people.setRetentionAction('2580', 'erase');
        expect((await entries(p.id)).map((e) => [e.action, e.ip, e.detail])).toEqual([
          ['person.read', '10.0.4.2', { part: 'information', via: 'caseworker' }],
        ]);
      });

      it('reports every entry about the person, oldest first, then audits the report itself', async () => {
        const p = await person();
        await service.recordRead(
          await accessTo(p.id, caseworker, 'temporary', 'read', 'semester'),
          'profile',
          '10.0.5.1',
          {
            format: 'docx',
          },
        );
        await service.setStatus(await accessTo(p.id, admin, 'process-admin'), 'closed');
        await audit.record({
          actor: null,
          action: 'person.erase-check',
          target: { type: 'person', id: p.audit_ref },
          detail: { part: 7, via: ['x'], reason: null },
        });
        const dpo = actorOf(users.processAdmin, [['2580', 'process-admin']], 'dpo-label');
        const report = await service.readsReport(await accessTo(p.id, dpo, 'dpo', 'dpo'), '10.0.5.2');
        const log = await entries(p.id);
        expect(report).toStrictEqual(
          log.slice(0, 3).map((e) => ({
            at: e.at,
            actor: e.actor,
            actorUserId: e.actorUserId,
            action: e.action,
            part: typeof e.detail.part === 'string' ? e.detail.part : null,
            via: typeof e.detail.via === 'string' ? e.detail.via : null,
            reason: typeof e.detail.reason === 'string' ? e.detail.reason : null,
          })),
        );
        expect(report.map((r) => [r.actor, r.action, r.part, r.via, r.reason])).toEqual([
          [caseworker.label, 'person.read', 'profile', 'temporary', 'semester'],
          [admin.label, 'person.write', 'status', 'process-admin', null],
          ['system', 'person.erase-check', null, null, null],
        ]);
        expect(log[0]!.detail).toStrictEqual({
          part: 'profile',
          via: 'temporary',
          reason: 'semester',
          format: 'docx',
        });
        expect(log).toHaveLength(4);
        expect(log[3]).toMatchObject({
          action: 'person.read',
          actor: 'dpo-label',
          ip: '10.0.5.2',
          detail: { part: 'reads', via: 'dpo' },
        });
      });
    });
  });
}
