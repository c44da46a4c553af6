/**
 * The real Kolada data (../shared/data), loaded by the real CLI import in global-setup: counts,
 * known figures, group means, and an export that gives back exactly what was imported.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportValues } from '../../src/export/export.service.js';
import type { Store } from '../../src/store/database.js';
import { ValueRepository } from '../../src/store/repositories/value.repository.js';
import { DIALECTS } from '../support/dialects.js';
import { describeFullData, KOLADA_VALUES, openRealStore } from '../support/real-data.js';

/** An order-independent fingerprint of a set of values: count plus two sums of per-value hashes. */
class SetFingerprint {
  count = 0;
  private a = 0;
  private b = 0;
  add(text: string): void {
    let h1 = 0x811c9dc5;
    let h2 = 0x1505;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = (Math.imul(h2, 33) + c) | 0;
    }
    this.count++;
    this.a = (this.a + (h1 >>> 0)) % 0x100000000;
    this.b = (this.b + (h2 >>> 0)) % 0x100000000;
  }
  toString(): string {
    return `${this.count}:${this.a}:${this.b}`;
  }
}

type Item = {
  kpi: string;
  municipality: string;
  period: number;
  values: { gender: string; count: number; status: string; value: number | null; isdeleted: boolean }[];
};

function addItem(print: SetFingerprint, item: Item): void {
  for (const v of item.values) {
    print.add(
      `${item.kpi}|${item.municipality}|${item.period}|${v.gender}|${v.value}|${v.count}|${v.status}|${v.isdeleted}`,
    );
  }
}

async function inputFingerprint(): Promise<string> {
  const print = new SetFingerprint();
  const lines = createInterface({
    input: createReadStream(KOLADA_VALUES).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) if (line) addItem(print, JSON.parse(line) as Item);
  return print.toString();
}

let expectedFingerprint: Promise<string> | undefined;

for (const dialect of DIALECTS) {
  describeFullData(`real Kolada data on ${dialect}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openRealStore(dialect);
    });
    afterAll(() => store.close());

    it('holds every KPI, municipality, group, OU and value of the files', async () => {
      const count = async (
        table: 'kpi' | 'municipality' | 'municipality_group' | 'kpi_group' | 'ou' | 'value',
      ) =>
        Number(
          (
            await store.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count('kpi')).toBe(6099);
      expect(await count('municipality')).toBe(312);
      expect(await count('municipality_group')).toBe(3630);
      expect(await count('kpi_group')).toBe(117);
      expect(await count('ou')).toBe(35368);
      expect(await count('value')).toBe(7387543);
    });

    it('has known figures: Malmö N01951 2022 = 357377, Stockholm = 984748', async () => {
      const values = new ValueRepository(store.db);
      const rows = await values.find({
        kpis: ['N01951'],
        municipalities: ['1280', '0180'],
        years: [2022],
        genders: ['T'],
      });
      expect(rows.map((r) => [r.municipality, r.value])).toEqual([
        ['0180', 984748],
        ['1280', 357377],
      ]);
    });

    it('gives G33621 (Skåne läns kommuner) 33 members and the unweighted mean of their values', async () => {
      const members = await store.db
        .selectFrom('municipality_group_member')
        .select('municipality_id')
        .where('group_id', '=', 'G33621')
        .execute();
      expect(members).toHaveLength(33);
      const values = new ValueRepository(store.db);
      const memberValues = await values.find({
        kpis: ['N01951'],
        municipalities: members.map((m) => m.municipality_id),
        years: [2022],
        genders: ['T'],
      });
      const present = memberValues.filter((v) => v.value !== null);
      const mean = present.reduce((sum, v) => sum + (v.value ?? 0), 0) / present.length;
      const [group] = await values.groupMeans({
        groups: ['G33621'],
        kpis: ['N01951'],
        years: [2022],
        genders: ['T'],
      });
      expect(group?.count).toBe(present.length);
      expect(group?.count).toBe(33);
      expect(group?.value).toBeCloseTo(mean, 6);
    });

    it('exports exactly the set of values that was imported', async () => {
      expectedFingerprint ??= inputFingerprint();
      const exported = new SetFingerprint();
      let pending = '';
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          const lines = (pending + chunk.toString()).split('\n');
          pending = lines.pop() ?? '';
          for (const line of lines) if (line) addItem(exported, JSON.parse(line) as Item);
          done();
        },
      });
      const count = await exportValues(new ValueRepository(store.db), {}, 'ndjson', sink);
      expect(pending).toBe('');
      expect(count).toBe(7387543);
      expect(exported.toString()).toBe(await expectedFingerprint);
    }, 1_200_000);
  });
}
