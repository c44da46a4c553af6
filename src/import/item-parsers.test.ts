/**
 * The item parsers on their own (no store): which kind of Kolada object an item is, the rows each
 * becomes (v2 and v3 field names), and the message for each kind of bad field. import.test.ts
 * checks the same through whole files on both backends, with the file and line added.
 */
import { describe, expect, it } from 'vitest';
import {
  detectKind,
  ItemError,
  parseDataItem,
  parseGroup,
  parseKpi,
  parseMunicipality,
  parseOu,
} from './item-parsers.js';

/** The message `fn` threw, which must be an ItemError. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof ItemError)) throw error;
    return error.message;
  }
  throw new Error('expected an ItemError');
}

describe('detectKind', () => {
  it('tells every kind apart by its keys', () => {
    expect(detectKind({ kpi: 'N1', municipality: '1280', period: 2022, values: [] }, 'x.json')).toBe('data');
    expect(detectKind({ kpi: 'N1', ou: 'V1', period: 2022, values: [] }, 'x.json')).toBe('oudata');
    expect(detectKind({ id: 'N1', title: 't', operating_area: 'a' }, 'x.json')).toBe('kpi');
    expect(detectKind({ id: 'N1', title: 't', is_divided_by_gender: 1 }, 'x.json')).toBe('kpi');
    expect(detectKind({ id: 'N1', title: 't', municipality_type: 'K' }, 'x.json')).toBe('kpi');
    expect(detectKind({ id: 'V1', title: 't', municipality: '1280' }, 'x.json')).toBe('ou');
    expect(detectKind({ id: '1280', title: 'Malmö', type: 'K' }, 'x.json')).toBe('municipality');
    // A data item without values, or values without a period, is not data.
    expect(() => detectKind({ kpi: 'N1', period: 2022 }, 'x.json')).toThrow(ItemError);
    expect(() => detectKind({ kpi: 'N1', values: [] }, 'x.json')).toThrow(ItemError);
  });

  it('tells the two kinds of group apart by the file name, else by the first member id', () => {
    const group = (members: unknown) => ({ id: 'G1', title: 't', members });
    expect(detectKind(group([]), 'Kolada_KPI_Groups.json')).toBe('kpi_groups');
    expect(detectKind(group([]), 'meta/MUNICIPALITY_GROUPS.json')).toBe('municipality_groups');
    expect(detectKind(group([{ member_id: '1280' }]), 'g.json')).toBe('municipality_groups');
    expect(detectKind(group([{ id: 1280 }]), 'g.json')).toBe('municipality_groups');
    expect(detectKind(group([{ member_id: 'N01951' }]), 'g.json')).toBe('kpi_groups');
    expect(detectKind(group([{ member_id: '12801' }]), 'g.json')).toBe('kpi_groups');
    expect(detectKind(group(['x', { member_id: '0180' }]), 'g.json')).toBe('municipality_groups');
    for (const members of [[], ['x', 1], 'nope'])
      expect(refusal(() => detectKind(group(members), 'g.json'))).toBe(
        'cannot tell a KPI group from a municipality group without members',
      );
  });

  it('refuses what is not an object, or an object of no known kind, naming its first eight keys', () => {
    for (const item of [null, [], 'text', 3])
      expect(refusal(() => detectKind(item, 'x.json'))).toBe('expected a JSON object');
    expect(
      refusal(() => detectKind({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9 }, 'x.json')),
    ).toBe('cannot tell what kind of Kolada object this is (keys: a, b, c, d, e, f, g, h)');
    // A title alone, or a municipality or type without a title, is no kind either.
    for (const item of [{ title: 't' }, { municipality: '1280' }, { type: 'K' }])
      expect(() => detectKind(item, 'x.json')).toThrow(ItemError);
  });
});

describe('parseKpi', () => {
  it('reads a v3 KPI, every field', () => {
    expect(
      parseKpi({
        id: 'N01951',
        title: 'Invånare totalt',
        description: 'Antal',
        is_divided_by_gender: true,
        municipality_type: 'K',
        auspice: 'X',
        operating_area: 'Befolkning',
        perspective: ['Resurser', 'Volymer'],
        prel_publication_date: '2024-03-01',
        publication_date: '2024-04-01',
        publ_period: 2023,
        has_ou_data: false,
        ou_publication_date: '2024-05-01',
      }),
    ).toEqual({
      id: 'N01951',
      title: 'Invånare totalt',
      description: 'Antal',
      is_divided_by_gender: 1,
      municipality_type: 'K',
      auspice: 'X',
      operating_area: 'Befolkning',
      perspective: 'Resurser,Volymer',
      prel_publication_date: '2024-03-01',
      publication_date: '2024-04-01',
      publ_period: '2023',
      has_ou_data: 0,
      ou_publication_date: '2024-05-01',
    });
  });

  it('reads a v2 KPI (auspices, perspective as text), missing fields as null', () => {
    expect(parseKpi({ id: 'U00002', title: 'T', auspices: 'E', perspective: 'Kvalitet' })).toEqual({
      id: 'U00002',
      title: 'T',
      description: null,
      is_divided_by_gender: 0,
      municipality_type: null,
      auspice: 'E',
      operating_area: null,
      perspective: 'Kvalitet',
      prel_publication_date: null,
      publication_date: null,
      publ_period: null,
      has_ou_data: null,
      ou_publication_date: null,
    });
  });

  it('reads null as missing: a flag, a text, the publication period', () => {
    expect(
      parseKpi({
        id: 'N1',
        title: 't',
        is_divided_by_gender: null,
        has_ou_data: null,
        description: null,
        publ_period: null,
      }),
    ).toMatchObject({ is_divided_by_gender: 0, has_ou_data: null, description: null, publ_period: null });
  });

  it('reads every form of a flag, and refuses others', () => {
    for (const yes of [true, 1, '1', 'true'])
      expect(parseKpi({ id: 'N1', title: 't', has_ou_data: yes }).has_ou_data).toBe(1);
    for (const no of [false, 0, '0', 'false'])
      expect(parseKpi({ id: 'N1', title: 't', has_ou_data: no }).has_ou_data).toBe(0);
    expect(refusal(() => parseKpi({ id: 'N1', title: 't', is_divided_by_gender: 'yes' }))).toBe(
      '"is_divided_by_gender" must be a boolean or 0/1, got "yes"',
    );
    expect(refusal(() => parseKpi({ id: 'N1', title: 't', has_ou_data: 2 }))).toBe(
      '"has_ou_data" must be a boolean or 0/1, got 2',
    );
  });

  it('refuses a missing title, a non-string text and a bad id, naming the field', () => {
    expect(refusal(() => parseKpi({ id: 'N1' }))).toBe('"title" is missing');
    expect(refusal(() => parseKpi({ id: 'N1', title: null }))).toBe('"title" is missing');
    expect(refusal(() => parseKpi({ id: 'N1', title: 't', description: 5 }))).toBe(
      '"description" must be a string, got 5',
    );
    expect(refusal(() => parseKpi({ id: 'N 1', title: 't' }))).toBe(
      '"id" must be an id like "N01951" or "1280", got "N 1"',
    );
    expect(refusal(() => parseKpi({ id: 'x'.repeat(41), title: 't' }))).toMatch(/^"id" must be an id/);
    expect(parseKpi({ id: `V${'1'.repeat(39)}`, title: 't' }).id).toHaveLength(40);
    expect(refusal(() => parseKpi({ id: '.N1', title: 't' }))).toMatch(/^"id" must be an id/);
    expect(refusal(() => parseKpi({ id: true, title: 't' }))).toBe(
      '"id" must be an id like "N01951" or "1280", got true',
    );
    expect(refusal(() => parseKpi(['N1']))).toBe('expected a KPI object');
  });
});

describe('parseMunicipality and parseOu', () => {
  it('reads a municipality (a numeric id as text) and an OU', () => {
    expect(parseMunicipality({ id: 1280, title: 'Malmö', type: 'K' })).toEqual({
      id: '1280',
      title: 'Malmö',
      type: 'K',
    });
    expect(parseMunicipality({ id: '0012', title: 'Region Skåne', type: 'L' })).toEqual({
      id: '0012',
      title: 'Region Skåne',
      type: 'L',
    });
    expect(parseOu({ id: 'V11E26..', municipality: '1280', title: 'Skola' })).toEqual({
      id: 'V11E26..',
      municipality_id: '1280',
      title: 'Skola',
    });
  });

  it('refuses a type other than K or L, a missing title, and what is not an object', () => {
    expect(refusal(() => parseMunicipality({ id: '1280', title: 'M', type: 'k' }))).toBe(
      '"type" must be "K" or "L", got "k"',
    );
    expect(refusal(() => parseMunicipality({ id: '1280', title: 'M' }))).toBe('"type" is missing');
    expect(refusal(() => parseMunicipality({ id: '1280', type: 'K' }))).toBe('"title" is missing');
    expect(refusal(() => parseMunicipality(null))).toBe('expected a municipality object');
    expect(refusal(() => parseOu({ id: 'V1', municipality: '1280' }))).toBe('"title" is missing');
    expect(refusal(() => parseOu({ id: 'V1', title: 't' }))).toBe(
      '"municipality" must be an id like "N01951" or "1280", got undefined',
    );
    expect(refusal(() => parseOu('V1'))).toBe('expected an OU object');
  });
});

describe('parseGroup', () => {
  it('reads members by member_id/member_title or id/title, each once', () => {
    expect(
      parseGroup({
        id: 'G1',
        title: 'Storstäder',
        members: [
          { member_id: '0180', member_title: 'Stockholm' },
          { id: 1280, title: 'Malmö' },
          { member_id: '0180', member_title: 'Stockholm igen' },
          { member_id: '1480' },
        ],
      }),
    ).toEqual({
      id: 'G1',
      title: 'Storstäder',
      members: [
        { id: '0180', title: 'Stockholm' },
        { id: '1280', title: 'Malmö' },
        { id: '1480', title: '' },
      ],
    });
    expect(parseGroup({ id: 'G2', members: [] })).toEqual({ id: 'G2', title: '', members: [] });
  });

  it('refuses members that are not an array of objects with ids', () => {
    expect(refusal(() => parseGroup({ id: 'G1', title: 't' }))).toBe('"members" must be an array');
    expect(refusal(() => parseGroup({ id: 'G1', members: ['0180'] }))).toBe('each member must be an object');
    expect(refusal(() => parseGroup({ id: 'G1', members: [{ member_title: 'x' }] }))).toBe(
      '"id" must be an id like "N01951" or "1280", got undefined',
    );
    expect(refusal(() => parseGroup(undefined))).toBe('expected a group object');
  });
});

describe('parseDataItem', () => {
  it('makes one row per gender, with count 1, status "" and not deleted unless said', () => {
    expect(
      parseDataItem(
        {
          kpi: 'N01951',
          municipality: 1280,
          period: '2022',
          values: [
            { gender: 'T', value: 12.5 },
            { gender: 'K', value: null, count: 0, status: 'Bortfall', isdeleted: 1 },
            { gender: 'M', count: 3, is_deleted: 'false' },
          ],
        },
        'data',
      ),
    ).toEqual([
      {
        kpi: 'N01951',
        unit: '1280',
        period: 2022,
        gender: 'T',
        value: 12.5,
        count: 1,
        status: '',
        isDeleted: false,
      },
      {
        kpi: 'N01951',
        unit: '1280',
        period: 2022,
        gender: 'K',
        value: null,
        count: 0,
        status: 'Bortfall',
        isDeleted: true,
      },
      {
        kpi: 'N01951',
        unit: '1280',
        period: 2022,
        gender: 'M',
        value: null,
        count: 3,
        status: '',
        isDeleted: false,
      },
    ]);
    expect(
      parseDataItem({ kpi: 'N1', ou: 'V15E1', period: 1900, values: [{ gender: 'T', value: -0 }] }, 'oudata'),
    ).toEqual([
      {
        kpi: 'N1',
        unit: 'V15E1',
        period: 1900,
        gender: 'T',
        value: -0,
        count: 1,
        status: '',
        isDeleted: false,
      },
    ]);
    expect(parseDataItem({ kpi: 'N1', municipality: '1280', period: 2200, values: [] }, 'data')).toEqual([]);
  });

  it('reads the unit from ou for OU data and from municipality for municipality data', () => {
    const item = {
      kpi: 'N1',
      municipality: '1280',
      ou: 'V1',
      period: 2022,
      values: [{ gender: 'T', value: 1 }],
    };
    expect(parseDataItem(item, 'data')[0]?.unit).toBe('1280');
    expect(parseDataItem(item, 'oudata')[0]?.unit).toBe('V1');
  });

  it('refuses a period outside 1900–2200 or not a year', () => {
    const data = (period: unknown) => ({ kpi: 'N1', municipality: '1280', period, values: [] });
    // Only four digits as text: no sign, space, decimals or leading zero that Number() would forgive.
    for (const bad of [
      1899,
      2201,
      2022.5,
      '22',
      '2022a',
      null,
      '1899',
      '2022.0',
      '02022',
      ' 2022',
      '+2022',
      [2022],
      true,
    ])
      expect(
        refusal(() => parseDataItem(data(bad), 'data')),
        String(bad),
      ).toBe(`"period" must be a year like 2022, got ${JSON.stringify(bad)}`);
    expect(refusal(() => parseDataItem({ ...data(2022), values: {} }, 'data'))).toBe(
      '"values" must be an array',
    );
    expect(refusal(() => parseDataItem([], 'data'))).toBe('expected a data object');
  });

  it('refuses a bad entry, naming what is wrong', () => {
    const data = (entry: unknown) => ({ kpi: 'N1', municipality: '1280', period: 2022, values: [entry] });
    const cases: [unknown, string][] = [
      ['T', 'each entry of "values" must be an object'],
      [{ value: 1 }, 'unknown gender undefined (expected T, K or M)'],
      [{ gender: 't', value: 1 }, 'unknown gender "t" (expected T, K or M)'],
      [{ gender: 1, value: 1 }, 'unknown gender 1 (expected T, K or M)'],
      [{ gender: 'T', value: '1' }, 'value "1" is not a number'],
      [{ gender: 'T', value: Number.NaN }, 'value null is not a number'],
      [{ gender: 'T', value: Number.POSITIVE_INFINITY }, 'value null is not a number'],
      [{ gender: 'T', value: 1, count: -1 }, '"count" must be a non-negative integer, got -1'],
      [{ gender: 'T', value: 1, count: 1.5 }, '"count" must be a non-negative integer, got 1.5'],
      [{ gender: 'T', value: 1, count: '2' }, '"count" must be a non-negative integer, got "2"'],
      [{ gender: 'T', value: 1, status: 3 }, '"status" must be a string, got 3'],
      [{ gender: 'T', value: 1, isdeleted: 'ja' }, '"isdeleted" must be a boolean or 0/1, got "ja"'],
    ];
    for (const [entry, message] of cases)
      expect(
        refusal(() => parseDataItem(data(entry), 'data')),
        JSON.stringify(entry),
      ).toBe(message);
  });
});
