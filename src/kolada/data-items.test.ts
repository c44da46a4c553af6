/**
 * Kolada's data items alone: records grouped by KPI, unit and period (also streamed), a deleted value
 * read as null, and each API version's field names, whole.
 */
import { describe, expect, it } from 'vitest';
import type { Gender } from '../store/schema.js';
import { type DataItemRecord, groupDataItems, presentDataItem, streamDataItems } from './data-items.js';

interface Rec {
  kpi: string;
  place: string;
  period: number;
  gender: Gender;
  count: number;
  status: string;
  value: number | null;
  isDeleted: boolean;
}

const rec = (
  kpi: string,
  place: string,
  period: number,
  gender: Gender,
  value: number | null,
  more: Partial<Rec> = {},
): Rec => ({
  kpi,
  place,
  period,
  gender,
  count: 1,
  status: '',
  value,
  isDeleted: false,
  ...more,
});

// Consecutive records that differ only in KPI, only in unit, only in period each start a new item.
const RECORDS: Rec[] = [
  rec('N1', '0180', 2022, 'T', 10, { count: 3, status: 'Bra' }),
  rec('N1', '0180', 2022, 'K', 4.5),
  rec('N1', '0180', 2023, 'T', 11),
  rec('N1', '0181', 2023, 'T', 12),
  rec('N2', '0181', 2023, 'T', 13),
  rec('N2', '0181', 2023, 'M', 99, { isDeleted: true, count: 0 }),
];

const v = (gender: Gender, value: number | null, more: Partial<Rec> = {}) => ({
  gender,
  count: more.count ?? 1,
  status: more.status ?? '',
  value,
  isDeleted: more.isDeleted ?? false,
});

const ITEMS: DataItemRecord[] = [
  {
    kpi: 'N1',
    unit: '0180',
    period: 2022,
    values: [v('T', 10, { count: 3, status: 'Bra' }), v('K', 4.5)],
  },
  { kpi: 'N1', unit: '0180', period: 2023, values: [v('T', 11)] },
  { kpi: 'N1', unit: '0181', period: 2023, values: [v('T', 12)] },
  {
    kpi: 'N2',
    unit: '0181',
    period: 2023,
    values: [v('T', 13), v('M', null, { isDeleted: true, count: 0 })],
  },
];

async function* asAsync<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('groupDataItems', () => {
  it('starts an item whenever KPI, unit or period changes, and reads a deleted value as null', () => {
    expect(groupDataItems(RECORDS, (r) => r.place)).toEqual(ITEMS);
  });

  it('takes the unit from unitOf, and gives nothing for no records', () => {
    expect(groupDataItems([rec('N1', 'x', 2022, 'T', 1)], () => 'V15E0180')).toEqual([
      { kpi: 'N1', unit: 'V15E0180', period: 2022, values: [v('T', 1)] },
    ]);
    expect(groupDataItems([], (r: Rec) => r.place)).toEqual([]);
  });
});

describe('streamDataItems', () => {
  it('yields the same items as groupDataItems, each once, the last one too', async () => {
    expect(await collect(streamDataItems(asAsync(RECORDS), (r) => r.place))).toEqual(ITEMS);
  });

  it('yields each item only when the next one starts', async () => {
    const seen: string[] = [];
    async function* logged(): AsyncGenerator<Rec> {
      for (const r of RECORDS.slice(0, 3)) {
        seen.push(`read ${r.period}${r.gender}`);
        yield r;
      }
    }
    for await (const item of streamDataItems(logged(), (r) => r.place))
      seen.push(`item ${item.period} ${item.values.length}`);
    expect(seen).toEqual(['read 2022T', 'read 2022K', 'read 2023T', 'item 2022 2', 'item 2023 1']);
  });

  it('yields nothing for no records', async () => {
    expect(await collect(streamDataItems(asAsync([] as Rec[]), (r) => r.place))).toEqual([]);
  });
});

describe('presentDataItem', () => {
  const item = ITEMS[3]!;

  it('v3: isdeleted as a boolean on every value, for municipalities and OUs', () => {
    const values = [
      { gender: 'T', count: 1, status: '', value: 13, isdeleted: false },
      { gender: 'M', count: 0, status: '', value: null, isdeleted: true },
    ];
    for (const withDeleted of [false, true]) {
      expect(presentDataItem('v3', 'municipality', item, withDeleted)).toStrictEqual({
        kpi: 'N2',
        municipality: '0181',
        period: 2023,
        values,
      });
      expect(presentDataItem('v3', 'ou', item, withDeleted)).toStrictEqual({
        kpi: 'N2',
        ou: '0181',
        period: 2023,
        values,
      });
    }
  });

  it('v2: is_deleted as 0 or 1 only with deleted values asked for', () => {
    expect(presentDataItem('v2', 'municipality', item, true)).toStrictEqual({
      kpi: 'N2',
      municipality: '0181',
      period: 2023,
      values: [
        { gender: 'T', count: 1, status: '', value: 13, is_deleted: 0 },
        { gender: 'M', count: 0, status: '', value: null, is_deleted: 1 },
      ],
    });
    expect(presentDataItem('v2', 'ou', item, false)).toStrictEqual({
      kpi: 'N2',
      ou: '0181',
      period: 2023,
      values: [
        { gender: 'T', count: 1, status: '', value: 13 },
        { gender: 'M', count: 0, status: '', value: null },
      ],
    });
  });
});
