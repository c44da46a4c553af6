/**
 * Key rotation over every sealed column, on the repositories of both databases (no app: the rows are
 * written directly, sealed at the places the services seal them). privacy-storage.test.ts checks the
 * same through the app and the CLI; this one checks each column, the batches and a write meanwhile.
 */
import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import type { Store } from '../../../store/database.js';
import type {
  SealedColumnRef,
  SealedValuesRepository,
} from '../../../store/repositories/sealed-values.repository.js';
import type { Database } from '../../../store/schema.js';
import { type DataKey, Keyring } from './field-cipher.js';
import { keyStatus, type RotationReport, rotateKeys } from './key-rotation.js';
import { PLACES, SEALED_COLUMNS } from './sealed-columns.js';

const dataKey = (id: string): DataKey => ({ id, key: randomBytes(32) });
const K0 = dataKey('k0');
const K1 = dataKey('k1');
const K2 = dataKey('k2');
const K3 = dataKey('k3');
const only = (k: DataKey) => new Keyring([k]);
const NOW = '2026-12-01T10:00:00.000Z';

/**
 * Every sealed value the fixture writes: where it lives, the place it is bound to (written out: the
 * places are what stored values are bound to, so they may never change), its text and its key.
 */
interface Cell {
  table: string;
  column: string;
  key: string | number;
  place: string;
  text: string;
  sealedWith: DataKey;
}

const CELLS: Cell[] = [
  ...['p1', 'p2', 'p4'].map((id) => cell('person', 'name_sealed', id, `person.name:${id}`, K1)),
  cell('person', 'name_sealed', 'p3', 'person.name:p3', K2),
  cell('person', 'contact_sealed', 'p1', 'person.contact:p1', K1),
  cell('person', 'contact_sealed', 'p3', 'person.contact:p3', K0),
  cell('person_access_grant', 'reason_sealed', 1, 'person_access_grant.reason:p2', K1),
  cell('person_access_grant', 'reason_sealed', 2, 'person_access_grant.reason:p1', K1),
  cell('person_inventory', 'inventory_sealed', 'p2', 'person_inventory:p2', K1),
  cell('match_decision', 'reason_sealed', 1, 'match_decision:p4', K1),
  cell('person_plan_version', 'plan_sealed', 1, 'person_plan_version:p1', K1),
  cell('person_plan_version', 'plan_sealed', 2, 'person_plan_version:p1', K0),
  cell('person_note', 'text_sealed', 'n1', 'person_note:p2', K1),
];

function cell(table: string, column: string, key: string | number, place: string, k: DataKey): Cell {
  return { table, column, key, place, text: `${table}.${column} of ${key}`, sealedWith: k };
}

function sealed(table: string, column: string, key: string | number): string | null {
  const c = CELLS.find((x) => x.table === table && x.column === column && x.key === key);
  return c ? only(c.sealedWith).seal(c.text, c.place) : null;
}

/** The fixture, written afresh before each test (rotation changes it). */
async function writeFixture(db: Store['db']): Promise<void> {
  for (const table of ['person', 'person_access_grant', 'person_inventory', 'match_decision'] as const)
    await db.deleteFrom(table).execute();
  await db.deleteFrom('person_plan_version').execute();
  await db.deleteFrom('person_note').execute();
  for (const id of ['p1', 'p2', 'p3', 'p4'])
    await db
      .insertInto('person')
      .values({
        id,
        organisation_id: '2580',
        audit_ref: `ref-${id}`,
        language: 'ar',
        name_sealed: sealed('person', 'name_sealed', id) as string,
        contact_sealed: sealed('person', 'contact_sealed', id),
        user_id: null,
        status: 'open',
        restricted: 0,
        created_at: NOW,
        closed_at: null,
      })
      .execute();
  for (const [id, person] of [
    [1, 'p2'],
    [2, 'p1'],
  ] as const)
    await db
      .insertInto('person_access_grant')
      .values({
        id,
        person_id: person,
        user_id: 'u1',
        reason_sealed: sealed('person_access_grant', 'reason_sealed', id) as string,
        granted_by: 'u2',
        granted_at: NOW,
        expires_at: NOW,
      })
      .execute();
  await db
    .insertInto('person_inventory')
    .values({
      person_id: 'p2',
      inventory_sealed: sealed('person_inventory', 'inventory_sealed', 'p2') as string,
      updated_at: NOW,
      updated_by: 'u1',
    })
    .execute();
  for (const [id, person] of [
    [1, 'p4'],
    [2, 'p1'],
  ] as const)
    await db
      .insertInto('match_decision')
      .values({
        id,
        person_id: person,
        kind: 'occupation',
        target_id: 'x',
        action: 'hide',
        reason_sealed: sealed('match_decision', 'reason_sealed', id),
        decided_by: 'u1',
        decided_at: NOW,
      })
      .execute();
  for (const id of [1, 2])
    await db
      .insertInto('person_plan_version')
      .values({
        id,
        person_id: 'p1',
        version: id,
        plan_sealed: sealed('person_plan_version', 'plan_sealed', id) as string,
        source: 'caseworker',
        saved_at: NOW,
        saved_by: 'u1',
      })
      .execute();
  await db
    .insertInto('person_note')
    .values({
      id: 'n1',
      person_id: 'p2',
      text_sealed: sealed('person_note', 'text_sealed', 'n1') as string,
      author: 'u1',
      at: NOW,
      follow_up_on: null,
      follow_up_done_at: null,
    })
    .execute();
}

const KEY_OF: Record<string, string> = {
  person: 'id',
  person_access_grant: 'id',
  person_inventory: 'person_id',
  match_decision: 'id',
  person_plan_version: 'id',
  person_note: 'id',
};

/** The stored value of a cell. */
async function stored(db: Store['db'], c: { table: string; column: string; key: string | number }) {
  const row = await db
    // biome-ignore lint/suspicious/noExplicitAny: any table of the fixture
    .selectFrom(c.table as any)
    .select(`${c.column} as v`)
    .where(KEY_OF[c.table] as string, '=', c.key)
    .executeTakeFirstOrThrow();
  return (row as { v: string }).v;
}

/** `keyStatus` with each column's keys in id order (the store gives them in no set order). */
async function statusByKey(store: Store) {
  return (await keyStatus(store)).map((s) => ({
    ...s,
    keys: [...s.keys].sort((a, b) => a.keyId.localeCompare(b.keyId)),
  }));
}

for (const dialect of DIALECTS) {
  describe(`key rotation (${dialect})`, () => {
    let temp: TempStore;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
    });
    beforeEach(() => writeFixture(temp.store.db));
    afterAll(() => temp.destroy());

    it('lists every sealed column of the schema, and only those', async () => {
      const tables = await temp.store.db.introspection.getTables();
      const sealedColumns = tables.flatMap((t) =>
        t.columns.filter((c) => c.name.endsWith('_sealed')).map((c) => `${t.name}.${c.name}`),
      );
      expect(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort()).toEqual(sealedColumns.sort());
      expect(new Set(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`)).size).toBe(SEALED_COLUMNS.length);
      for (const c of SEALED_COLUMNS) {
        const table = tables.find((t) => t.name === c.table);
        const names = table?.columns.map((x) => x.name);
        expect(names, c.table).toContain(c.key);
        for (const n of c.needs) expect(names, c.table).toContain(n);
      }
    });

    it('binds each column to the place the services seal it at', () => {
      expect(PLACES.personName('p1')).toBe('person.name:p1');
      expect(PLACES.personContact('p1')).toBe('person.contact:p1');
      expect(PLACES.grantReason('p1')).toBe('person_access_grant.reason:p1');
      expect(PLACES.inventory('p1')).toBe('person_inventory:p1');
      expect(PLACES.matchDecisionReason('p1')).toBe('match_decision:p1');
      expect(PLACES.plan('p1')).toBe('person_plan_version:p1');
      expect(PLACES.note('p1')).toBe('person_note:p1');
      // Each column reads its place from the row as rotation hands it over (the key under its name).
      const placeOf = (table: string, column: string) => {
        const c = SEALED_COLUMNS.find((x) => x.table === table && x.column === column);
        if (!c) throw new Error(`${table}.${column} is not listed`);
        return c.place({ [c.key]: 7, person_id: 'p9', id: 7 });
      };
      expect(placeOf('person', 'name_sealed')).toBe('person.name:7');
      expect(placeOf('person', 'contact_sealed')).toBe('person.contact:7');
      expect(placeOf('person_access_grant', 'reason_sealed')).toBe('person_access_grant.reason:p9');
      expect(placeOf('person_inventory', 'inventory_sealed')).toBe('person_inventory:p9');
      expect(placeOf('match_decision', 'reason_sealed')).toBe('match_decision:p9');
      expect(placeOf('person_plan_version', 'plan_sealed')).toBe('person_plan_version:p9');
      expect(placeOf('person_note', 'text_sealed')).toBe('person_note:p9');
    });

    it('re-seals every value under the current key in batches; each opens with it alone, at its place', async () => {
      const keyring = new Keyring([K2, K1, K0]);
      const seen: RotationReport[] = [];
      const report = await rotateKeys(temp.store, keyring, {
        batchSize: 2,
        onBatch: (r) => seen.push({ ...r }),
      });
      // 12 values not under k2 (the null contacts and the null match reason are no values).
      expect(report).toEqual({ keyId: 'k2', resealed: 12, skipped: 0, batches: 11 });
      // Batches per column: names 2 + 1 (the last one short), contacts 2 + a pass that finds none,
      // grants 2 + none, inventory 1, match reasons 1, plans 2 + none, notes 1.
      expect(seen.map((r) => [r.batches, r.resealed])).toEqual([
        [1, 2],
        [2, 3],
        [3, 5],
        [4, 5],
        [5, 7],
        [6, 7],
        [7, 8],
        [8, 9],
        [9, 11],
        [10, 11],
        [11, 12],
      ]);
      for (const c of CELLS) {
        const value = await stored(temp.store.db, c);
        expect(value.startsWith('etb1.k2.'), `${c.table}.${c.column} ${c.key}`).toBe(true);
        expect(only(K2).open(value, c.place)).toBe(c.text);
      }
      expect(await statusByKey(temp.store)).toEqual(
        SEALED_COLUMNS.map((c) => ({
          column: `${c.table}.${c.column}`,
          keys: [
            { keyId: 'k2', n: CELLS.filter((x) => x.table === c.table && x.column === c.column).length },
          ],
        })),
      );
      // A second run finds nothing to do: one empty pass per column.
      expect(await rotateKeys(temp.store, keyring, { batchSize: 2 })).toEqual({
        keyId: 'k2',
        resealed: 0,
        skipped: 0,
        batches: SEALED_COLUMNS.length,
      });
    });

    it('leaves a value already under the current key untouched, and counts per key before a run', async () => {
      const before = await stored(temp.store.db, { table: 'person', column: 'name_sealed', key: 'p3' });
      expect(await statusByKey(temp.store)).toEqual(
        [
          {
            column: 'person.name_sealed',
            keys: [
              { keyId: 'k1', n: 3 },
              { keyId: 'k2', n: 1 },
            ],
          },
          {
            column: 'person.contact_sealed',
            keys: [
              { keyId: 'k1', n: 1 },
              { keyId: 'k0', n: 1 },
            ],
          },
          { column: 'person_access_grant.reason_sealed', keys: [{ keyId: 'k1', n: 2 }] },
          { column: 'person_inventory.inventory_sealed', keys: [{ keyId: 'k1', n: 1 }] },
          { column: 'match_decision.reason_sealed', keys: [{ keyId: 'k1', n: 1 }] },
          {
            column: 'person_plan_version.plan_sealed',
            keys: [
              { keyId: 'k1', n: 1 },
              { keyId: 'k0', n: 1 },
            ],
          },
          { column: 'person_note.text_sealed', keys: [{ keyId: 'k1', n: 1 }] },
        ].map((s) => ({ ...s, keys: s.keys.sort((a, b) => a.keyId.localeCompare(b.keyId)) })),
      );
      // The default batch takes every value in one pass per column.
      const report = await rotateKeys(temp.store, new Keyring([K2, K1, K0]));
      expect(report).toEqual({ keyId: 'k2', resealed: 12, skipped: 0, batches: SEALED_COLUMNS.length });
      expect(await stored(temp.store.db, { table: 'person', column: 'name_sealed', key: 'p3' })).toBe(before);
    });

    it('stops at a value it cannot open, keeping the batches before it', async () => {
      // Without k0, the contact of p3 (sealed with k0) cannot be opened: the run fails there.
      await expect(rotateKeys(temp.store, new Keyring([K2, K1]), { batchSize: 2 })).rejects.toThrow(
        'the value at person.contact:p3 is sealed with key "k0", which the keyring does not hold',
      );
      // The names (the first column) were re-sealed before; the contact batch was rolled back.
      for (const c of CELLS.filter((x) => x.column === 'name_sealed'))
        expect(only(K2).open(await stored(temp.store.db, c), c.place)).toBe(c.text);
      const p1Contact = CELLS.find((x) => x.column === 'contact_sealed' && x.key === 'p1') as Cell;
      expect((await stored(temp.store.db, p1Contact)).startsWith('etb1.k1.')).toBe(true);
    });

    it('counts a value written meanwhile as skipped and keeps what was written', async () => {
      // A store whose repositories, inside rotation's transaction, let "the server" write a value sealed
      // with the current key just before rotation swaps it (real SQL, in the same transaction).
      const note = CELLS.find((x) => x.table === 'person_note') as Cell;
      const serverValue = only(K3).seal('written meanwhile', note.place);
      let raced = 0;
      const racing = (inner: SealedValuesRepository, trx: Transaction<Database>) => ({
        notSealedWith: (c: SealedColumnRef, prefix: string, limit: number) =>
          inner.notSealedWith(c, prefix, limit),
        keyCounts: (c: SealedColumnRef) => inner.keyCounts(c),
        async swap(c: SealedColumnRef, key: string | number, from: string, to: string) {
          if (c.table === 'person_note') {
            raced++;
            await trx
              .updateTable('person_note')
              .set({ text_sealed: serverValue })
              .where('id', '=', String(key))
              .execute();
          }
          return inner.swap(c, key, from, to);
        },
      });
      const store = {
        db: temp.store.db,
        repositories: {
          in: (trx: Transaction<Database>) => {
            const repositories = temp.store.repositories.in(trx);
            return { ...repositories, sealedValues: racing(repositories.sealedValues, trx) };
          },
        },
      } as unknown as Store;
      const report = await rotateKeys(store, new Keyring([K3, K2, K1, K0]));
      expect(raced).toBe(1);
      expect(report).toEqual({ keyId: 'k3', resealed: 12, skipped: 1, batches: SEALED_COLUMNS.length });
      expect(await stored(temp.store.db, note)).toBe(serverValue);
      expect(only(K3).open(await stored(temp.store.db, CELLS[3] as Cell), (CELLS[3] as Cell).place)).toBe(
        (CELLS[3] as Cell).text,
      );
    });
  });
}
