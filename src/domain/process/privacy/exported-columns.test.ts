/**
 * The export's decisions per column, checked against the migrated schema without the app (cheap:
 * person-export.test.ts builds a whole app and checks each exported path is filled in a real export),
 * and `accessLog`, the export's list of who read or changed the person's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import type { AuditRecord } from '../../../accounts/audit-log.js';
import { accessLog, EXPORTED_COLUMNS, type PersonExport } from './person-export.js';

/** The export's top-level parts (a path starts with one of them). */
const PARTS: (keyof PersonExport)[] = [
  'person',
  'inventory',
  'temporaryAccess',
  'sections',
  'accessCodes',
  'matchDecisions',
  'planVersions',
  'notes',
  'ladder',
];
const PATH = /^[a-z][A-Za-z]*(\[\])?(\.[a-z][A-Za-z]*(\[\])?)*$/;

for (const dialect of DIALECTS) {
  describe(`the export's decision per column (${dialect})`, () => {
    let temp: TempStore;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
    });
    afterAll(() => temp.destroy());

    it('covers every column of every table holding a person, and nothing else', async () => {
      const tables = await temp.store.db.introspection.getTables();
      const personal = tables.filter(
        (t) => t.name === 'person' || t.columns.some((c) => c.name === 'person_id'),
      );
      expect(Object.keys(EXPORTED_COLUMNS).sort()).toEqual(personal.map((t) => t.name).sort());
      for (const table of personal)
        expect(Object.keys(EXPORTED_COLUMNS[table.name] ?? {}).sort(), table.name).toEqual(
          table.columns.map((c) => c.name).sort(),
        );
    });
  });
}

describe("the export's decision per column", () => {
  it('is a path into the export, or a reason why not', () => {
    for (const [table, columns] of Object.entries(EXPORTED_COLUMNS))
      for (const [column, decision] of Object.entries(columns)) {
        const where = `${table}.${column}: ${decision}`;
        if (decision.startsWith('not exported: ')) {
          expect(decision, where).toMatch(/^not exported: [a-z]/);
          continue;
        }
        expect(decision, where).toMatch(PATH);
        expect(PARTS, where).toContain(decision.split('.')[0]?.replace('[]', ''));
      }
    // Each table's person_id is the person's id, and the sealed columns go out opened, under a name.
    for (const [table, columns] of Object.entries(EXPORTED_COLUMNS)) {
      if ('person_id' in columns) expect(columns.person_id, table).toBe('person.id');
      for (const [column, decision] of Object.entries(columns))
        if (column.endsWith('_sealed'))
          expect(decision, `${table}.${column}`).not.toMatch(/sealed|^not exported/);
    }
    expect(EXPORTED_COLUMNS.person?.id).toBe('person.id');
  });
});

describe('accessLog', () => {
  const entry = (id: number, detail: Record<string, unknown>): AuditRecord => ({
    id,
    at: `2026-12-0${id}T10:00:00.000Z`,
    organisation: '2580',
    actor: `cw${id}@lulea.se`,
    actorUserId: `u${id}`,
    action: id === 1 ? 'person.read' : 'person.update',
    outcome: 'ok',
    target: { type: 'person', id: 'ref' },
    ip: '10.0.0.1',
    detail,
  });

  it('gives when, who, what and which part, in the order given, and nothing else', () => {
    expect(
      accessLog([entry(1, { part: 'inventory', before: 'x' }), entry(2, { part: 7 }), entry(3, {})]),
    ).toEqual([
      { at: '2026-12-01T10:00:00.000Z', actor: 'cw1@lulea.se', action: 'person.read', part: 'inventory' },
      { at: '2026-12-02T10:00:00.000Z', actor: 'cw2@lulea.se', action: 'person.update', part: null },
      { at: '2026-12-03T10:00:00.000Z', actor: 'cw3@lulea.se', action: 'person.update', part: null },
    ]);
    expect(accessLog([])).toEqual([]);
  });
});
