/**
 * Erasure, pseudonymisation and the retention run, on the repositories of both databases (no app; the
 * people are written directly, with a row in every table of a person). privacy-storage.test.ts checks
 * the raw storage through the app and the CLI; this one checks what each function leaves behind, the
 * audit entry, the outcomes kept, and which cases the retention run takes.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { NotFoundError } from '../../../accounts/actor.js';
import { AuditLog } from '../../../accounts/audit-log.js';
import type { Store } from '../../../store/database.js';
import { PERSON_TABLES } from '../../../store/repositories/people.repository.js';
import {
  erasePerson,
  pseudonymisePerson,
  RetentionKeyError,
  runRetention,
  startRetentionJob,
} from './erasure.js';
import { Keyring } from './field-cipher.js';
import { PLACES } from './sealed-columns.js';

/** Each test's people get audit references of their own (the audit log is append-only). */
let run = 0;
const refOf = (personId: string) => `ref-${run}-${personId}`;
const keyring = new Keyring([{ id: 'k1', key: randomBytes(32) }]);
const CASEWORKER = { userId: 'u-cw', label: 'cw@lulea.se' };

interface PersonSpec {
  id: string;
  organisation?: string;
  createdAt?: string;
  closedAt?: string | null;
  /** Rows in every table of a person (an inventory, sections, plans, notes, ladder levels …). */
  full?: boolean;
  inventoryAt?: string;
  sectionsAt?: string[];
  plans?: { savedAt: string; steps: { type: string; status: string; doneOn?: string }[] }[];
  levels?: { level: number; at: string }[];
}

/** Writes a person and the rows the spec asks for, straight into the tables. */
async function writePerson(db: Store['db'], p: PersonSpec): Promise<void> {
  const at = '2025-01-15T09:00:00.000Z';
  await db
    .insertInto('person')
    .values({
      id: p.id,
      organisation_id: p.organisation ?? '2580',
      audit_ref: refOf(p.id),
      language: 'ar',
      name_sealed: keyring.seal(`name of ${p.id}`, PLACES.personName(p.id)),
      contact_sealed: null,
      user_id: null,
      status: p.closedAt ? 'closed' : 'open',
      restricted: 0,
      created_at: p.createdAt ?? at,
      closed_at: p.closedAt ?? null,
    })
    .execute();
  if (p.full) {
    await db
      .insertInto('person_caseworker')
      .values({ person_id: p.id, user_id: 'u-cw', assigned_at: at })
      .execute();
    await db
      .insertInto('person_access_grant')
      .values({
        person_id: p.id,
        user_id: 'u-x',
        reason_sealed: keyring.seal('cover', PLACES.grantReason(p.id)),
        granted_by: 'u-cw',
        granted_at: at,
        expires_at: at,
      })
      .execute();
    await db
      .insertInto('person_consent')
      .values({
        person_id: p.id,
        text_version: 'v1',
        language: 'ar',
        legal_basis: 'art. 6.1 e',
        acknowledged_at: at,
        recorded_by: 'u-cw',
      })
      .execute();
    await db
      .insertInto('match_decision')
      .values({
        person_id: p.id,
        kind: 'occupation',
        target_id: 'x',
        action: 'hide',
        reason_sealed: null,
        decided_by: 'u-cw',
        decided_at: at,
      })
      .execute();
    await db
      .insertInto('person_access_code')
      .values({
        code_hash: `h-${p.id}`,
        person_id: p.id,
        created_by: 'u-cw',
        created_at: at,
        expires_at: at,
        used_at: null,
      })
      .execute();
    await db
      .insertInto('person_note')
      .values({
        id: `n-${p.id}`,
        person_id: p.id,
        text_sealed: keyring.seal('note', PLACES.note(p.id)),
        author: 'u-cw',
        at,
        follow_up_on: null,
        follow_up_done_at: null,
      })
      .execute();
  }
  if (p.inventoryAt)
    await db
      .insertInto('person_inventory')
      .values({
        person_id: p.id,
        inventory_sealed: keyring.seal('{}', PLACES.inventory(p.id)),
        updated_at: p.inventoryAt,
        updated_by: 'u-cw',
      })
      .execute();
  for (const [i, sectionAt] of (p.sectionsAt ?? []).entries())
    await db
      .insertInto('person_inventory_section')
      .values({
        person_id: p.id,
        section: `s${i}`,
        updated_at: sectionAt,
        updated_by: 'u-cw',
        by_person: 0,
        changed_fields: '[]',
      })
      .execute();
  for (const [i, plan] of (p.plans ?? []).entries())
    await db
      .insertInto('person_plan_version')
      .values({
        person_id: p.id,
        version: i + 1,
        plan_sealed: keyring.seal(JSON.stringify({ goal: null, steps: plan.steps }), PLACES.plan(p.id)),
        source: 'caseworker',
        saved_at: plan.savedAt,
        saved_by: 'u-cw',
      })
      .execute();
  for (const l of p.levels ?? [])
    await db
      .insertInto('person_ladder_step')
      .values({
        person_id: p.id,
        level: l.level,
        level_name: `level ${l.level}`,
        ladder_version_id: 1,
        confirmed_by: 'u-cw',
        confirmed_at: l.at,
      })
      .execute();
}

/** How many rows of the person's are left in each table (only tables with any). */
async function rowsOf(db: Store['db'], personId: string): Promise<Record<string, number>> {
  const left: Record<string, number> = {};
  for (const table of PERSON_TABLES) {
    const rows = await db.selectFrom(table).select('person_id').where('person_id', '=', personId).execute();
    if (rows.length > 0) left[table] = rows.length;
  }
  const person = await db.selectFrom('person').select('id').where('id', '=', personId).execute();
  if (person.length > 0) left.person = person.length;
  return left;
}

const FULL_ROWS = {
  person: 1,
  person_caseworker: 1,
  person_access_grant: 1,
  person_consent: 1,
  match_decision: 1,
  person_access_code: 1,
  person_note: 1,
  person_inventory: 1,
  person_inventory_section: 2,
  person_plan_version: 1,
  person_ladder_step: 1,
};

const fullPerson = (id: string, organisation = '2580'): PersonSpec => ({
  id,
  organisation,
  full: true,
  inventoryAt: '2025-02-10T08:00:00.000Z',
  sectionsAt: ['2025-02-03T08:00:00.000Z', '2025-02-04T08:00:00.000Z'],
  plans: [{ savedAt: '2025-03-01T08:00:00.000Z', steps: [{ type: 'sfi', status: 'started' }] }],
  levels: [{ level: 1, at: '2025-03-02T08:00:00.000Z' }],
});

const auditOf = (store: Store, personId: string) =>
  new AuditLog(store.repositories).forTarget('person', refOf(personId));

for (const dialect of DIALECTS) {
  describe(`erasure (${dialect})`, () => {
    let temp: TempStore;
    let db: Store['db'];

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      db = temp.store.db;
    });
    beforeEach(async () => {
      run++;
      for (const table of [
        ...PERSON_TABLES,
        'person',
        'person_outcome',
        'outcome_event',
        'process_setting',
      ] as const)
        await db.deleteFrom(table).execute();
    });
    afterAll(() => temp.destroy());

    it("removes every row of the person's, leaves others alone, and records one audit entry", async () => {
      await writePerson(db, fullPerson('p1'));
      await writePerson(db, fullPerson('p2'));
      expect(await rowsOf(db, 'p1')).toEqual(FULL_ROWS);
      const result = await erasePerson(temp.store, {
        personId: 'p1',
        reason: '  asked by the person  ',
        by: CASEWORKER,
        cause: 'request',
      });
      expect(result).toEqual({ organisation: '2580' });
      expect(await rowsOf(db, 'p1')).toEqual({});
      expect(await rowsOf(db, 'p2')).toEqual(FULL_ROWS);
      const entries = await auditOf(temp.store, 'p1');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        organisation: '2580',
        actor: 'cw@lulea.se',
        actorUserId: 'u-cw',
        action: 'person.erase',
        outcome: 'ok',
        target: { type: 'person', id: refOf('p1') },
        detail: { cause: 'request', reason: 'asked by the person' },
      });
      // Without the data key no outcome events are derived.
      expect(await db.selectFrom('outcome_event').selectAll().execute()).toEqual([]);
    });

    it('refuses an erasure without a reason, or of nobody, and changes nothing', async () => {
      await writePerson(db, fullPerson('p1'));
      await expect(
        erasePerson(temp.store, { personId: 'p1', reason: ' \n ', by: CASEWORKER, cause: 'request' }),
      ).rejects.toThrow(new Error('an erasure needs a reason'));
      await expect(
        pseudonymisePerson(temp.store, { personId: 'p1', reason: '  ', by: CASEWORKER, keyring }),
      ).rejects.toThrow(new Error('a pseudonymisation needs a reason'));
      expect(await rowsOf(db, 'p1')).toEqual(FULL_ROWS);
      const nobody = erasePerson(temp.store, { personId: 'px', reason: 'x', by: null, cause: 'request' });
      await expect(nobody).rejects.toThrow(
        new NotFoundError('no person px (already erased, or never recorded)'),
      );
      await expect(nobody).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        pseudonymisePerson(temp.store, { personId: 'px', reason: 'x', by: null, keyring }),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect(await auditOf(temp.store, 'p1')).toEqual([]);
      expect(await auditOf(temp.store, 'px')).toEqual([]);
    });

    it('with the data key, brings the outcome events up to date before erasing', async () => {
      await writePerson(db, fullPerson('p1', '1280'));
      await erasePerson(temp.store, { personId: 'p1', reason: 'asked', by: null, cause: 'request', keyring });
      const events = await db
        .selectFrom('outcome_event')
        .select(['organisation_id', 'kind', 'month'])
        .execute();
      expect(events.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
        { organisation_id: '1280', kind: 'inventory', month: '2025-02' },
        { organisation_id: '1280', kind: 'level', month: '2025-03' },
        { organisation_id: '1280', kind: 'plan', month: '2025-03' },
      ]);
      expect(await rowsOf(db, 'p1')).toEqual({});
      const [entry] = await auditOf(temp.store, 'p1');
      expect(entry).toMatchObject({ actor: 'system', actorUserId: null, organisation: '1280' });
    });

    it('pseudonymises: only kinds and months stay, under a fresh subject, and the person is erased', async () => {
      await writePerson(db, {
        ...fullPerson('p1', '1280'),
        createdAt: '2024-11-20T10:00:00.000Z',
        inventoryAt: '2025-03-15T08:00:00.000Z',
        sectionsAt: ['2025-02-27T08:00:00.000Z', '2025-01-31T23:00:00.000Z'],
        plans: [
          {
            savedAt: '2025-04-01T08:00:00.000Z',
            steps: [{ type: 'course', status: 'done', doneOn: '2025-04-02' }],
          },
          {
            savedAt: '2025-06-01T08:00:00.000Z',
            steps: [
              { type: 'sfi', status: 'done', doneOn: '2025-05-20' },
              { type: 'internship', status: 'done' },
              { type: 'validation', status: 'started', doneOn: '2025-05-21' },
              { type: 'sfi', status: 'done', doneOn: '2025-07-03' },
            ],
          },
        ],
        levels: [
          { level: 2, at: '2025-08-09T08:00:00.000Z' },
          { level: 1, at: '2025-07-09T08:00:00.000Z' },
        ],
        closedAt: '2025-09-30T15:00:00.000Z',
      });
      await writePerson(db, fullPerson('p2', '1280'));
      const result = await pseudonymisePerson(temp.store, {
        personId: 'p1',
        reason: ' retention ',
        by: null,
        keyring,
      });
      expect(result).toEqual({ organisation: '1280', outcomes: 8 });
      const kept = await db.selectFrom('person_outcome').selectAll().execute();
      const subjects = new Set(kept.map((o) => o.subject));
      expect(subjects.size).toBe(1);
      const [subject] = [...subjects] as [string];
      expect(subject).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Set(kept.map((o) => o.id)).size).toBe(8);
      expect(
        kept.map(({ organisation_id, event, detail, month }) => [organisation_id, event, detail, month]),
      ).toEqual(
        expect.arrayContaining([
          ['1280', 'case_opened', null, '2024-11'],
          ['1280', 'inventory_done', null, '2025-01'],
          ['1280', 'plan_made', null, '2025-04'],
          ['1280', 'step_done', 'sfi', '2025-05'],
          ['1280', 'step_done', 'sfi', '2025-07'],
          ['1280', 'level_reached', '2', '2025-08'],
          ['1280', 'level_reached', '1', '2025-07'],
          ['1280', 'case_closed', null, '2025-09'],
        ]),
      );
      expect(kept).toHaveLength(8);
      expect(await rowsOf(db, 'p1')).toEqual({});
      expect(await rowsOf(db, 'p2')).toEqual(FULL_ROWS);
      const entries = await auditOf(temp.store, 'p1');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        organisation: '1280',
        actor: 'system',
        action: 'person.pseudonymise',
        target: { type: 'person', id: refOf('p1') },
        detail: { cause: 'retention', reason: 'retention', outcomes: 8 },
      });
      // Nothing leads from the audit entry to the outcomes.
      expect(JSON.stringify(entries)).not.toContain(subject);
    });

    it("takes the inventory's date when no section was saved, and keeps what little a bare case has", async () => {
      await writePerson(db, {
        id: 'p1',
        inventoryAt: '2025-03-15T08:00:00.000Z',
        closedAt: '2025-04-01T00:00:00.000Z',
      });
      await writePerson(db, { id: 'p2', createdAt: '2025-05-05T00:00:00.000Z' });
      expect(
        await pseudonymisePerson(temp.store, { personId: 'p1', reason: 'r', by: null, keyring: null }),
      ).toEqual({
        organisation: '2580',
        outcomes: 3,
      });
      expect(
        await pseudonymisePerson(temp.store, { personId: 'p2', reason: 'r', by: null, keyring: null }),
      ).toEqual({
        organisation: '2580',
        outcomes: 1,
      });
      const kept = await db.selectFrom('person_outcome').select(['subject', 'event', 'month']).execute();
      expect(kept.map(({ event, month }) => [event, month]).sort()).toEqual([
        ['case_closed', '2025-04'],
        ['case_opened', '2025-01'],
        ['case_opened', '2025-05'],
        ['inventory_done', '2025-03'],
      ]);
      // Each person under a subject of their own.
      expect(new Set(kept.map((k) => k.subject)).size).toBe(2);
    });

    it('refuses to pseudonymise a person with a plan without the data key, and changes nothing', async () => {
      await writePerson(db, fullPerson('p1'));
      await expect(
        pseudonymisePerson(temp.store, { personId: 'p1', reason: 'r', by: null, keyring: null }),
      ).rejects.toThrow(new Error('pseudonymising a person with a plan needs the data key'));
      expect(await rowsOf(db, 'p1')).toEqual(FULL_ROWS);
      expect(await db.selectFrom('person_outcome').selectAll().execute()).toEqual([]);
      expect(await auditOf(temp.store, 'p1')).toEqual([]);
    });

    describe('the retention run', () => {
      const NOW = new Date('2026-06-30T12:00:00.000Z');
      const daysBefore = (days: number, ms = 0) =>
        new Date(NOW.getTime() - days * 86_400_000 + ms).toISOString();

      /**
       * 2580: no settings (730 days, erase); 1280: 30 days, pseudonymise; 0180: 10 days, erase.
       * Due: a1 (exactly 730 days), b1 and b2 (over 30), c1 (10). Not due: a2 (1 ms short), b3 (29 days),
       * c2 (open), c3 (closed 9 days ago).
       */
      async function writeCases() {
        const people = temp.store.repositories.people;
        await people.setRetentionDays('1280', 30);
        await people.setRetentionAction('1280', 'pseudonymise');
        await people.setRetentionDays('0180', 10);
        await people.setRetentionAction('0180', 'erase');
        await writePerson(db, { id: 'a1', organisation: '2580', closedAt: daysBefore(730) });
        await writePerson(db, { id: 'a2', organisation: '2580', closedAt: daysBefore(730, 1) });
        await writePerson(db, { id: 'b1', organisation: '1280', closedAt: daysBefore(31) });
        await writePerson(db, { ...fullPerson('b2', '1280'), closedAt: daysBefore(400) });
        await writePerson(db, { id: 'b3', organisation: '1280', closedAt: daysBefore(29) });
        await writePerson(db, { id: 'c1', organisation: '0180', closedAt: daysBefore(10) });
        await writePerson(db, { id: 'c2', organisation: '0180' });
        await writePerson(db, { id: 'c3', organisation: '0180', closedAt: daysBefore(9) });
      }
      const left = async () =>
        (await db.selectFrom('person').select('id').orderBy('id').execute()).map((r) => r.id);
      const DUE = [
        { organisation: '0180', people: 1, retentionDays: 10, action: 'erase' },
        { organisation: '1280', people: 2, retentionDays: 30, action: 'pseudonymise' },
        { organisation: '2580', people: 1, retentionDays: 730, action: 'erase' },
      ];

      it('erases or pseudonymises, per organisation, the closed cases past their period, and only those', async () => {
        await writeCases();
        const report = await runRetention(temp.store, { now: NOW, keyring });
        expect(report).toEqual({ ranAt: '2026-06-30T12:00:00.000Z', erased: DUE });
        expect(await left()).toEqual(['a2', 'b3', 'c2', 'c3']);
        const actions = async (id: string) =>
          (await auditOf(temp.store, id)).map((e) => [e.action, e.detail]);
        expect(await actions('a1')).toEqual([
          [
            'person.erase',
            { cause: 'retention', reason: 'retention period of 730 days after the case closed has passed' },
          ],
        ]);
        expect(await actions('b1')).toEqual([
          [
            'person.pseudonymise',
            {
              cause: 'retention',
              reason: 'retention period of 30 days after the case closed has passed',
              outcomes: 2,
            },
          ],
        ]);
        expect(await actions('c1')).toEqual([
          [
            'person.erase',
            { cause: 'retention', reason: 'retention period of 10 days after the case closed has passed' },
          ],
        ]);
        // b2's plan was read with the key: its outcomes were kept.
        const subjects = await db.selectFrom('person_outcome').select(['subject', 'event']).execute();
        expect(new Set(subjects.map((s) => s.subject)).size).toBe(2);
        expect(subjects.filter((s) => s.event === 'plan_made')).toHaveLength(1);
        // A second run finds nothing more.
        expect(await runRetention(temp.store, { now: NOW, keyring })).toEqual({
          ranAt: NOW.toISOString(),
          erased: [],
        });
      });

      it('only counts on a dry run, also without the key', async () => {
        await writeCases();
        expect(await runRetention(temp.store, { now: NOW, dryRun: true })).toEqual({
          ranAt: NOW.toISOString(),
          erased: DUE,
        });
        expect(await left()).toEqual(['a1', 'a2', 'b1', 'b2', 'b3', 'c1', 'c2', 'c3']);
        expect(await db.selectFrom('person_outcome').selectAll().execute()).toEqual([]);
      });

      it('refuses to start without the key when anyone is to be pseudonymised, and erases nobody', async () => {
        await writeCases();
        await expect(runRetention(temp.store, { now: NOW })).rejects.toThrow(
          new RetentionKeyError(
            'Pseudonymising past the retention period reads the plans, so it needs the data key (ETABLERA_PROCESS_KEYS or ETABLERA_PROCESS_KEY_FILE); nothing was erased or pseudonymised.',
          ),
        );
        expect(await left()).toEqual(['a1', 'a2', 'b1', 'b2', 'b3', 'c1', 'c2', 'c3']);
        // Without anyone to pseudonymise, no key is needed.
        await temp.store.repositories.people.setRetentionAction('1280', 'erase');
        expect((await runRetention(temp.store, { now: NOW })).erased).toEqual([
          DUE[0],
          { ...DUE[1], action: 'erase' },
          DUE[2],
        ]);
        expect(await left()).toEqual(['a2', 'b3', 'c2', 'c3']);
      });

      it('runs at the present time by default', async () => {
        await writePerson(db, { id: 'old', closedAt: '2020-01-01T00:00:00.000Z' });
        await writePerson(db, { id: 'new', closedAt: new Date(Date.now() - 86_400_000).toISOString() });
        const before = Date.now();
        const report = await runRetention(temp.store);
        expect(Date.parse(report.ranAt)).toBeGreaterThanOrEqual(before);
        expect(Date.parse(report.ranAt)).toBeLessThanOrEqual(Date.now());
        expect(report.erased).toEqual([
          { organisation: '2580', people: 1, retentionDays: 730, action: 'erase' },
        ]);
        expect(await left()).toEqual(['new']);
      });

      it('passes over a case erased meanwhile by someone else, and stops at any other failure', async () => {
        await writePerson(db, { id: 'a1', closedAt: daysBefore(800) });
        // The list of closed cases names a person another instance erased after it was read.
        const ghost = {
          id: 'gone',
          organisation_id: '2580',
          closed_at: daysBefore(800),
          retention_days: null,
          retention_action: null,
        };
        const racing = {
          db: temp.store.db,
          repositories: new Proxy(temp.store.repositories, {
            get(target, name) {
              if (name !== 'people') return Reflect.get(target, name);
              return new Proxy(target.people, {
                get(people, method) {
                  if (method === 'closedCases') return async () => [ghost, ...(await people.closedCases())];
                  const value = Reflect.get(people, method);
                  return typeof value === 'function' ? value.bind(people) : value;
                },
              });
            },
          }),
        } as unknown as Store;
        expect((await runRetention(racing, { now: NOW })).erased).toEqual([
          { organisation: '2580', people: 1, retentionDays: 730, action: 'erase' },
        ]);
        expect(await left()).toEqual([]);
        // A case whose plan does not open (sealed with another key) is no "erased meanwhile".
        await writePerson(db, { ...fullPerson('b1', '1280'), closedAt: daysBefore(800) });
        await temp.store.repositories.people.setRetentionAction('1280', 'pseudonymise');
        const other = new Keyring([{ id: 'k1', key: randomBytes(32) }]);
        await expect(runRetention(temp.store, { now: NOW, keyring: other })).rejects.toThrow(
          /does not open with key "k1"/,
        );
        expect(await left()).toEqual(['b1']);
      });
    });

    describe('the nightly job', () => {
      afterEach(() => vi.useRealTimers());

      it('does nothing when off', () => {
        const log = { info: vi.fn(), error: vi.fn() };
        const job = startRetentionJob(temp.store, 'off', log);
        expect(job.nextRun()).toBeNull();
        job.stop();
        expect(log.info).not.toHaveBeenCalled();
        expect(log.error).not.toHaveBeenCalled();
      });

      it('reads its schedule in Swedish time, as the municipality does', () => {
        const job = startRetentionJob(temp.store, '30 3 * * *', { info: vi.fn(), error: vi.fn() });
        const next = job.nextRun() as Date;
        job.stop();
        const stockholm = new Intl.DateTimeFormat('sv-SE', {
          timeZone: 'Europe/Stockholm',
          hour: '2-digit',
          minute: '2-digit',
        }).format(next);
        expect(stockholm).toBe('03:30');
        // 03:30 in Stockholm is 01:30 or 02:30 UTC: not the machine's 03:30 when it runs in UTC.
        expect([1, 2]).toContain(next.getUTCHours());
      });

      it('runs on its schedule and logs how many it erased and pseudonymised, or why it failed', async () => {
        await temp.store.repositories.people.setRetentionDays('1280', 30);
        await temp.store.repositories.people.setRetentionAction('1280', 'pseudonymise');
        await writePerson(db, { id: 'a1', closedAt: '2020-01-01T00:00:00.000Z' });
        await writePerson(db, { id: 'a2', closedAt: '2020-01-01T00:00:00.000Z' });
        await writePerson(db, { id: 'b1', organisation: '1280', closedAt: '2020-01-01T00:00:00.000Z' });
        const messages: string[] = [];
        const log = {
          info: (m: string) => messages.push(`info ${m}`),
          error: (m: string) => messages.push(`error ${m}`),
        };
        // Without the key: refused, and logged.
        let job = startRetentionJob(temp.store, '* * * * * *', log);
        await vi.waitFor(() => expect(messages.length).toBeGreaterThan(0), { timeout: 5000, interval: 50 });
        job.stop();
        expect(messages[0]).toBe(
          'error Retention run failed: Error: Pseudonymising past the retention period reads the plans, so it needs the data key (ETABLERA_PROCESS_KEYS or ETABLERA_PROCESS_KEY_FILE); nothing was erased or pseudonymised.',
        );
        messages.length = 0;
        job = startRetentionJob(temp.store, '* * * * * *', log, keyring);
        await vi.waitFor(() => expect(messages.length).toBeGreaterThan(0), { timeout: 5000, interval: 50 });
        job.stop();
        expect(messages[0]).toBe(
          "info Retention: 2 people erased and 1 pseudonymised past their organisation's retention period",
        );
        expect(await db.selectFrom('person').select('id').execute()).toEqual([]);
      });
    });
  });
}
