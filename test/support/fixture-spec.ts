/** What the committed fixture holds; shared by scripts/extract-test-fixture.ts and the tests. */

/**
 * SKR's model KPIs (N00485, N00486) and their inputs (N00700, N00704–N00708), two more of the
 * integration set (N01993, N02926), and the structural KPIs of the "similar municipalities" preset
 * (src/domain/analysis/presets.ts), so every analysis page works on the fixture.
 */
export const FIXTURE_KPIS = [
  'N00485',
  'N00486',
  'N00700',
  'N00704',
  'N00705',
  'N00706',
  'N00707',
  'N00708',
  'N01951',
  'N01993',
  'N02926',
  'N00903',
  'N00906',
  'N00954',
  'N01960',
  'N01982',
  'N01994',
  'N03920',
] as const;
export const FIXTURE_PERIODS = { first: 2013, last: 2022 } as const;
