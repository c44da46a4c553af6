/** What the committed fixture holds; shared by scripts/extract-test-fixture.ts and the tests. */

/** SKR's model KPIs (N00485, N00486), their inputs (N00700, N00704–N00708), population and two more. */
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
] as const;
export const FIXTURE_PERIODS = { first: 2013, last: 2022 } as const;
