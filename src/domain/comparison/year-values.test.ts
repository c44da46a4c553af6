/**
 * The compact (KPI, year) values: what a cell shows, ranks among the kommuner only, memoised means, and
 * a KPI's table of years. Hand-made rows; the pages' agreement with the former row maps was checked on
 * the full data (BENCHMARKS.md, issue 24, session 34).
 */
import { describe, expect, it } from 'vitest';
import type { PointRow } from '../../store/repositories/comparison.repository.js';
import { KpiValueTable, MAX_MEMO_MEANS, Population, YearValues } from './year-values.js';

// Made in each test, not at import: code that runs at import hides its mutants from Stryker (TESTING.md).
const populationOf = () => new Population(['0114', '0115', '0117', '0120']);
const row = (municipality: string, value: number | null, period = 2022, status = ''): PointRow => ({
  kpi: 'N1',
  municipality,
  period,
  gender: 'T',
  value,
  status,
});

function year(rows: PointRow[]): YearValues {
  const y = new YearValues(populationOf());
  for (const r of rows) y.set(r);
  return y;
}

describe('YearValues', () => {
  it('shows a value, the symbol of a row without one, and missing without a row', () => {
    const y = year([row('0114', 12.5), row('0115', null, 2022, '..'), row('0000', 10), row('1480', 99)]);
    expect(y.cell('0114')).toEqual({ value: 12.5, symbol: null });
    expect(y.cell('0115')).toEqual({ value: null, symbol: '..' });
    expect(y.cell('0117')).toEqual({ value: null, symbol: '-' });
    expect(y.cell('0117')).not.toEqual(y.cell('0115'));
    expect(y.cell('0000')).toEqual({ value: 10, symbol: null });
    // Outside the population (not a kommun of the catalog, not Riket): ignored.
    expect(y.has('1480')).toBe(false);
    expect(y.value('1480')).toBeNull();
    expect(y.cell('1480')).toEqual({ value: null, symbol: '-' });
    expect(year([row('1480', null, 2022, '..')]).bytes).toBe(year([]).bytes);
    expect(year([row('1480', null, 2022, '..')]).size).toBe(0);
    expect(y.size).toBe(3);
    expect([y.has('0115'), y.has('0117')]).toEqual([true, false]);
  });

  it('takes a later row for the same municipality in place of the first', () => {
    const y = year([row('0114', null, 2022, '.'), row('0114', 3)]);
    expect(y.cell('0114')).toEqual({ value: 3, symbol: null });
    expect(y.size).toBe(1);
    y.set(row('0114', null, 2022, '..'));
    expect(y.cell('0114')).toEqual({ value: null, symbol: '..' });
    // A value that is not finite is no value: its status says why.
    y.set(row('0115', Number.NaN, 2022, '..'));
    expect(y.cell('0115')).toEqual({ value: null, symbol: '..' });
  });

  it('ranks the kommuner only, ties sharing the better rank, in the KPI direction', () => {
    const y = year([row('0114', 5), row('0115', 7), row('0117', 5), row('0000', 100)]);
    const higher = y.ranks('higher');
    expect(higher.get('0115')).toEqual({ rank: 1, of: 3, position: 'top' });
    expect(higher.get('0114')).toEqual({ rank: 2, of: 3, position: 'middle' });
    expect(higher.get('0117')).toEqual({ rank: 2, of: 3, position: 'middle' });
    expect(higher.get('0120')).toBeUndefined();
    expect(higher.get('0000')).toBeUndefined();
    expect(higher.get('1480')).toBeUndefined();
    const lower = y.ranks('lower');
    expect(lower.get('0114')).toEqual({ rank: 1, of: 3, position: 'top' });
    expect(lower.get('0115')).toEqual({ rank: 3, of: 3, position: 'middle' }); // 2 of 3 better: under 75 %
    expect(y.ranks(null).get('0115')).toEqual({ rank: 1, of: 3, position: 'none' });
  });

  it("gives the members' unweighted mean, and the memoised one for the same key", () => {
    const y = year([row('0114', 4), row('0115', 8), row('0117', null, 2022, '..'), row('0000', 100)]);
    expect(y.meanOf(['0114', '0115', '0117'])).toMatchObject({ value: 6, count: 2 });
    // Without a key nothing is kept: another list gets its own mean.
    expect(y.meanOf(['0115'])).toMatchObject({ value: 8, count: 1 });
    expect(y.meanOf(['0114'], 'G1')).toMatchObject({ value: 4, count: 1 });
    // The key stands for the members: the memo answers without looking at them again.
    expect(y.meanOf(['0115'], 'G1')).toMatchObject({ value: 4, count: 1 });
    expect(y.meanOf(['0115'], 'G2')).toMatchObject({ value: 8, count: 1 });
    expect(y.kommunValues()).toEqual([4, 8]);
    // At most MAX_MEMO_MEANS keys are kept; a later key is computed every time.
    for (let k = 3; k <= MAX_MEMO_MEANS; k++) y.meanOf(['0114'], `G${k}`);
    expect(y.meanOf(['0115'], 'G-late')).toMatchObject({ value: 8 });
    expect(y.meanOf(['0114'], 'G-late')).toMatchObject({ value: 4 });
    expect(y.meanOf(['0115'], `G${MAX_MEMO_MEANS}`)).toMatchObject({ value: 4 });
    expect(year([row('0000', 1)]).anyKommunRow()).toBe(false);
    expect(year([row('0120', null, 2022, '.')]).anyKommunRow()).toBe(true);
  });

  it('counts its bytes by the population, plus each kept status', () => {
    const empty = new YearValues(populationOf()).bytes;
    expect(empty).toBe(1024 + 5 * 17);
    expect(year([row('0114', 1)]).bytes).toBe(empty);
    expect(year([row('0114', null, 2022, '..'), row('0115', null, 2022, '.')]).bytes).toBe(empty + 2 * 64);
  });
});

describe('KpiValueTable', () => {
  it('holds the years of the population, oldest first, and an empty year where there are none', () => {
    const table = new KpiValueTable(populationOf(), [
      row('0115', 2, 2021),
      row('0114', 3, 2021),
      row('0114', 1, 2019),
      row('1480', 9, 2015),
      row('0000', 5, 2020),
    ]);
    expect(table.years).toEqual([2019, 2020, 2021]);
    expect(table.year(2021).value('0115')).toBe(2);
    expect(table.year(2021).value('0114')).toBe(3);
    expect(table.year(2020).anyKommunRow()).toBe(false);
    expect(table.year(2015).size).toBe(0);
    expect(table.bytes).toBe(1024 + 3 * (1024 + 5 * 17));
  });
});
