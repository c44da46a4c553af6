/**
 * The analysis use cases (similarity, correlation and expected value services) and their shared input
 * steps (analysis-input.ts) over an in-memory AnalysisReads: each refusal with its reason, status,
 * parameter and values; which year each KPI is read for; and each report's fields, whole, against the
 * kernels (findSimilar, correlate, fitOls) given the input the service should hand them. The reads
 * themselves are the store's (analysis.repository.test.ts, both backends); the same reports through
 * the store and the cache: cached-analysis-reads.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors/input-error.js';
import type { KpiInfo, NamedMunicipality } from '../../store/repositories/analysis.repository.js';
import type { Gender } from '../../store/schema.js';
import { INTEGRATION_AREAS, INTEGRATION_SET } from '../integration-set.js';
import { choosePeriods, KOMMUNER, requireKpis, requirePeriods } from './analysis-input.js';
import type { AnalysisReads } from './analysis-reads.js';
import { correlate } from './correlation.js';
import { correlationAnalysis, MAX_FILTERS } from './correlation.service.js';
import { compareWithPublished, expectedValues, MAX_PREDICTORS } from './expected-value.service.js';
import { fitOls } from './ols.js';
import { MODEL_PRESETS, SIMILARITY_PRESETS, SKR_MODEL, similarityPreset } from './presets.js';
import { findSimilar } from './similarity.js';
import { DEFAULT_SIMILAR, MAX_SIMILAR, similarMunicipalities } from './similarity.service.js';

/** kpi → year → gender → municipality → value */
type Data = Record<string, Record<number, Partial<Record<Gender, Record<string, number>>>>>;

/** The AnalysisReads contract over plain objects (municipalities by title, then id, as the store). */
function reads(municipalities: NamedMunicipality[], kpis: string[], data: Data): AnalysisReads {
  const sorted = [...municipalities].sort((a, b) =>
    a.title < b.title ? -1 : a.title > b.title ? 1 : a.id < b.id ? -1 : 1,
  );
  const typeOf = new Map(municipalities.map((m) => [m.id, m.type]));
  const years = (kpi: string, type: string, gender: Gender) =>
    Object.entries(data[kpi] ?? {})
      .filter(([, byGender]) => Object.keys(byGender[gender] ?? {}).some((id) => typeOf.get(id) === type))
      .map(([y]) => Number(y))
      .sort((a, b) => a - b);
  return {
    municipalities: async (type) => sorted.filter((m) => type === undefined || m.type === type),
    municipality: async (id) => municipalities.find((m) => m.id === id),
    kpis: async (ids) =>
      kpis
        .filter((k) => ids.includes(k))
        .reverse()
        .map(
          (id): KpiInfo => ({
            id,
            title: `Titel ${id}`,
            isDividedByGender: false,
            unit: null,
            direction: null,
          }),
        ),
    latestPeriods: async (ids, type, gender, year) => {
      const out = new Map<string, number>();
      for (const id of ids) {
        const ok = years(id, type, gender).filter((y) => year === undefined || y <= year);
        if (ok.length > 0) out.set(id, ok.at(-1)!);
      }
      return out;
    },
    periodsWithData: async (ids, type, gender) => new Map(ids.map((id) => [id, years(id, type, gender)])),
    values: async (kpi, period, gender) => new Map(Object.entries(data[kpi]?.[period]?.[gender] ?? {})),
  };
}

/** The InputError a promise rejects with, as plain fields. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const e = error as InputError;
  return { reason: e.reason, status: e.status, parameter: e.parameter, values: e.values };
}

// Six kommuner whose titles sort otherwise than their ids, and a region.
const PLACES: NamedMunicipality[] = [
  { id: '1001', title: 'Falun', type: 'K' },
  { id: '1002', title: 'Eda', type: 'K' },
  { id: '1003', title: 'Dals-Ed', type: 'K' },
  { id: '1004', title: 'Borås', type: 'K' },
  { id: '1005', title: 'Arjeplog', type: 'K' },
  { id: '1006', title: 'Cirkel', type: 'K' },
  { id: '0001', title: 'Aregion', type: 'L' },
];
const ORDER = ['1005', '1004', '1006', '1003', '1002', '1001'];

const byId = (pairs: [string, number][]) => Object.fromEntries(pairs);

describe('analysis input', () => {
  const data: Data = {
    NA: { 2020: { T: { '1001': 1 } }, 2022: { T: { '1001': 2 }, K: { '1001': 3 } } },
    NB: { 2021: { T: { '1002': 1 } } },
    // Only a region has a value in 2023: not a kommun year.
    NC: { 2019: { T: { '1003': 1 } }, 2023: { T: { '0001': 1 } } },
  };
  const repo = reads(PLACES, ['NA', 'NB', 'NC', 'NE'], data);

  it('returns the KPIs in the order asked for, and names every unknown one in a 404', async () => {
    expect((await requireKpis(repo, ['NC', 'NA'])).map((k) => k.id)).toEqual(['NC', 'NA']);
    expect(await refusal(requireKpis(repo, ['NA', 'NX', 'NE', 'NY']))).toEqual({
      reason: 'unknownKpi',
      status: 404,
      parameter: undefined,
      values: { ids: 'NX, NY' },
    });
  });

  it('reads each KPI for the year asked for or its latest earlier year with kommun data', async () => {
    expect(KOMMUNER).toBe('K');
    const asked = await choosePeriods(repo, ['NA', 'NB', 'NC', 'NE'], 'T', 2021);
    expect(asked).toEqual({
      year: 2021,
      periods: new Map([
        ['NA', 2020],
        ['NB', 2021],
        ['NC', 2019],
      ]),
      noData: ['NE'],
    });
    // No year: the latest any KPI has (2022), the year taken from the KPIs named in yearFrom.
    const latest = await choosePeriods(repo, ['NA', 'NB'], 'T');
    expect(latest.year).toBe(2022);
    expect((await choosePeriods(repo, ['NA', 'NB'], 'T', undefined, ['NB'])).year).toBe(2021);
    expect((await choosePeriods(repo, ['NC'], 'T')).year).toBe(2019);
    expect((await choosePeriods(repo, ['NA'], 'K')).periods).toEqual(new Map([['NA', 2022]]));
    expect(await refusal(choosePeriods(repo, ['NA', 'NE'], 'M'))).toEqual({
      reason: 'noValuesForKommuner',
      status: 404,
      parameter: undefined,
      values: { ids: 'NA, NE' },
    });
  });

  it('requirePeriods refuses a KPI without data at or before the year', async () => {
    expect(await requirePeriods(repo, ['NA', 'NB'], 'T', 2022)).toEqual({
      year: 2022,
      periods: new Map([
        ['NA', 2022],
        ['NB', 2021],
      ]),
    });
    expect(await refusal(requirePeriods(repo, ['NA', 'NB', 'NC', 'NE'], 'T', 2020))).toEqual({
      reason: 'noValuesByYear',
      status: 404,
      parameter: undefined,
      values: { year: '2020', ids: 'NB, NE' },
    });
    // The year from yearFrom only (NC: 2019), where NB and NA have nothing yet.
    expect(await refusal(requirePeriods(repo, ['NB', 'NA'], 'T', undefined, ['NC']))).toEqual({
      reason: 'noValuesByYear',
      status: 404,
      parameter: undefined,
      values: { year: '2019', ids: 'NB, NA' },
    });
  });
});

describe('presets', () => {
  it('has the structure set first: nine KPIs of equal weight, population compared as a ratio', () => {
    expect(SIMILARITY_PRESETS[0]).toBe(similarityPreset('struktur'));
    expect(similarityPreset('struktur')).toEqual({
      id: 'struktur',
      title: 'Struktur',
      description:
        'Befolkning (logaritmerad), ålder, andel utrikes födda, arbetslöshet, inkomst, utbildning, tätortsgrad och skattekraft.',
      kpis: [
        { id: 'N01951', weight: 1, transform: 'log' },
        ...['N02926', 'N03920', 'N00906', 'N01982', 'N01994', 'N01960', 'N00954', 'N00903'].map((id) => ({
          id,
          weight: 1,
        })),
      ],
    });
    expect(similarityPreset('nothing')).toBeUndefined();
  });

  it('has SKR’s model: refugees in work explained by time in Sweden, education and unemployment', () => {
    expect(MODEL_PRESETS).toEqual([SKR_MODEL]);
    expect(SKR_MODEL).toEqual({
      id: 'skr-integration',
      title: 'Framgångsrik lokal integration (SKR:s modell)',
      description:
        'Andel förvärvsarbetande flyktingar 20–64 år förklarad av vistelsetid, utbildningsnivå och arbetslösheten bland inrikes födda.',
      outcome: 'N00700',
      predictors: ['N00704', 'N00705', 'N00706', 'N00707', 'N00708'],
      published: { expected: 'N00485', deviation: 'N00486' },
    });
  });

  it('has one set per integration area after it: its KPIs but counts and the model outputs', () => {
    // The rule matters: the set holds counts and both model outputs.
    expect(INTEGRATION_SET.some((k) => k.unit === 'antal')).toBe(true);
    expect(INTEGRATION_SET.filter((k) => k.id === 'N00485' || k.id === 'N00486')).toHaveLength(2);
    const usable = (k: (typeof INTEGRATION_SET)[number]) =>
      k.unit !== 'antal' && k.id !== 'N00485' && k.id !== 'N00486';
    expect(SIMILARITY_PRESETS.slice(1)).toEqual(
      INTEGRATION_AREAS.map((area) => ({
        id: area.id,
        title: area.title,
        description: `Nyckeltalen i integrationsområdet ”${area.title}” (utom antal, som mest mäter storlek).`,
        kpis: INTEGRATION_SET.filter((k) => k.area === area.id && usable(k)).map((k) => ({
          id: k.id,
          weight: 1,
        })),
      })),
    );
    for (const p of SIMILARITY_PRESETS) expect(similarityPreset(p.id)).toBe(p);
  });
});

describe('similarMunicipalities', () => {
  const data: Data = {
    NA: {
      2022: {
        T: byId([
          ['1001', 10],
          ['1002', 12],
          ['1003', 15],
          ['1004', 9],
          ['1005', 30],
          ['1006', 11],
          ['0001', 11],
        ]),
      },
    },
    NB: {
      2022: {
        T: byId([
          ['1001', 100],
          ['1002', 80],
          ['1003', 120],
          ['1004', 95],
          ['1005', 20],
        ]),
      },
    },
    // No 2022: read for 2021.
    NC: {
      2021: {
        T: byId([
          ['1001', 5],
          ['1002', 6],
          ['1003', 5.5],
          ['1004', 9],
          ['1005', 1],
          ['1006', 4],
        ]),
      },
    },
  };
  const repo = reads(PLACES, ['NA', 'NB', 'NC', 'ND', 'NE'], data);
  const kpis = [
    { id: 'NC', weight: 1 },
    { id: 'NA', weight: 2, transform: 'log' as const },
    { id: 'NB', weight: 1 },
    { id: 'ND', weight: 1 },
  ];

  it('reports the most similar with titles, values and periods, and what was left out', async () => {
    const report = await similarMunicipalities(repo, { municipality: '1001', kpis, year: 2022, limit: 3 });
    const values = new Map([
      ['NA', new Map(Object.entries(data.NA![2022]!.T!))],
      ['NB', new Map(Object.entries(data.NB![2022]!.T!))],
      ['NC', new Map(Object.entries(data.NC![2021]!.T!))],
    ]);
    const kernel = findSimilar({
      target: '1001',
      kpis: kpis.slice(0, 3),
      values,
      candidates: ORDER,
      limit: 3,
    });
    const title = (id: string) => PLACES.find((p) => p.id === id)!.title;
    expect(report).toStrictEqual({
      analysis: 'liknande',
      municipality: { id: '1001', title: 'Falun' },
      year: 2022,
      gender: 'T',
      preset: null,
      kpis: kernel.scales.map((s) => ({
        id: s.id,
        title: `Titel ${s.id}`,
        weight: s.weight,
        transform: s.transform,
        period: s.id === 'NC' ? 2021 : 2022,
        mean: s.mean,
        sd: s.sd,
        n: s.n,
        value: values.get(s.id)!.get('1001')!,
      })),
      similar: kernel.similar.map((s) => ({
        id: s.id,
        title: title(s.id),
        index: s.index,
        contributions: s.contributions.map((c) => ({ ...c, value: values.get(c.kpi)!.get(s.id)! })),
      })),
      compared: 4,
      leftOutKpis: [{ kpi: 'ND', reason: 'no-data', title: 'Titel ND' }],
      leftOutMunicipalities: [{ id: '1006', title: 'Cirkel', missing: ['NB'] }],
      comparatorUrl: `/kommun/1001?ref=urval&urval=${kernel.similar.map((s) => s.id).join(',')}`,
    });
    expect(kernel.similar).toHaveLength(3);
    expect(report.kpis.map((k) => k.id)).toEqual(['NA', 'NB', 'NC']);
  });

  it('defaults to ten, gender T, the latest year and the structure preset', async () => {
    expect(DEFAULT_SIMILAR).toBe(10);
    const report = await similarMunicipalities(repo, { municipality: '1002', kpis: kpis.slice(0, 2) });
    expect(report).toMatchObject({ year: 2022, gender: 'T', compared: 5, preset: null });
    expect(report.similar).toHaveLength(5);
    const men = await refusal(similarMunicipalities(repo, { municipality: '1002', kpis, gender: 'M' }));
    expect(men).toMatchObject({ reason: 'noValuesForKommuner' });
    // Without kpis: the structure preset, whose KPIs this store does not have.
    expect(await refusal(similarMunicipalities(repo, { municipality: '1002' }))).toEqual({
      reason: 'unknownKpi',
      status: 404,
      parameter: undefined,
      values: {
        ids: similarityPreset('struktur')!
          .kpis.map((k) => k.id)
          .join(', '),
      },
    });
  });

  it('names the preset it used', async () => {
    const preset = SIMILARITY_PRESETS[1]!;
    const ids = preset.kpis.map((k) => k.id);
    const presetData: Data = Object.fromEntries(
      ids.map((id, i) => [id, { 2022: { T: byId(ORDER.map((m, j) => [m, ((i + 2) * (j + 3)) % 7])) } }]),
    );
    const report = await similarMunicipalities(reads(PLACES, ids, presetData), {
      municipality: '1001',
      preset: preset.id,
    });
    expect(report.preset).toEqual({ id: preset.id, title: preset.title });
  });

  it('refuses a count outside 1–50, a region or unknown kommun, an unknown preset, no KPI, a KPI twice', async () => {
    expect(MAX_SIMILAR).toBe(50);
    for (const limit of [0, 51, 2.5, Number.NaN])
      expect(await refusal(similarMunicipalities(repo, { municipality: '1001', kpis, limit }))).toEqual({
        reason: 'countOutOfRange',
        status: 400,
        parameter: 'antal',
        values: { max: 50 },
      });
    for (const limit of [1, 50])
      expect((await similarMunicipalities(repo, { municipality: '1001', kpis, limit })).similar).toHaveLength(
        Math.min(limit, 4),
      );
    for (const municipality of ['0001', '9999'])
      expect(await refusal(similarMunicipalities(repo, { municipality, kpis }))).toEqual({
        reason: 'unknownKommun',
        status: 404,
        parameter: 'kommun',
        values: { id: municipality },
      });
    expect(await refusal(similarMunicipalities(repo, { municipality: '1001', preset: 'inget' }))).toEqual({
      reason: 'unknownPreset',
      status: 404,
      parameter: 'urval',
      values: { id: 'inget' },
    });
    expect(await refusal(similarMunicipalities(repo, { municipality: '1001', kpis: [] }))).toEqual({
      reason: 'noKpiChosen',
      status: 400,
      parameter: 'kpier',
      values: {},
    });
    expect(
      await refusal(
        similarMunicipalities(repo, { municipality: '1001', kpis: [kpis[0]!, kpis[1]!, kpis[0]!] }),
      ),
    ).toEqual({ reason: 'kpiListedTwice', status: 400, parameter: undefined, values: {} });
  });

  it('says why no similarity can be computed, with the KPIs without data', async () => {
    expect(
      await refusal(
        similarMunicipalities(repo, {
          municipality: '1001',
          kpis: [
            { id: 'ND', weight: 1 },
            { id: 'NA', weight: 0 },
            { id: 'NE', weight: 1 },
          ],
        }),
      ),
    ).toEqual({
      reason: 'similarityImpossible',
      status: 400,
      parameter: undefined,
      values: { detail: 'none of the chosen KPIs can be used (see the left-out KPIs) (no data: ND, NE)' },
    });
    expect(
      await refusal(similarMunicipalities(repo, { municipality: '1001', kpis: [{ id: 'NA', weight: 0 }] })),
    ).toEqual({
      reason: 'similarityImpossible',
      status: 400,
      parameter: undefined,
      values: { detail: 'none of the chosen KPIs can be used (see the left-out KPIs)' },
    });
  });
});

describe('correlationAnalysis', () => {
  // y = 2x + 1 for 1002–1004, then off the line; 1006 lacks y, 1001 lacks x; NF filters, NG has a later year.
  const data: Data = {
    NX: {
      2022: {
        T: byId([
          ['1002', 1],
          ['1003', 2],
          ['1004', 3],
          ['1005', 4],
          ['1006', 5],
          ['0001', 9],
        ]),
      },
    },
    NY: {
      2022: {
        T: byId([
          ['1001', 7],
          ['1002', 3],
          ['1003', 5],
          ['1004', 7],
          ['1005', 20],
          ['0001', 9],
        ]),
      },
    },
    NF: {
      2021: {
        T: byId([
          ['1001', 1],
          ['1002', 5],
          ['1003', 6],
          ['1004', 7],
          ['1005', 8],
        ]),
      },
    },
    NG: { 2023: { T: byId([['1002', 1]]) }, 2022: { T: byId([['1002', 1]]) } },
  };
  const repo = reads(PLACES, ['NX', 'NY', 'NF', 'NG', 'NE'], data);

  it('correlates the kommuner with both values, lists the others, and highlights one', async () => {
    const report = await correlationAnalysis(repo, { x: 'NX', y: 'NY', highlight: '1006' });
    const points = [
      { id: '1005', title: 'Arjeplog', x: 4, y: 20 },
      { id: '1004', title: 'Borås', x: 3, y: 7 },
      { id: '1003', title: 'Dals-Ed', x: 2, y: 5 },
      { id: '1002', title: 'Eda', x: 1, y: 3 },
    ];
    const { pearson, spearman } = correlate(points);
    expect(spearman).toBe(1);
    expect(report).toStrictEqual({
      analysis: 'samband',
      year: 2022,
      gender: 'T',
      x: { id: 'NX', title: 'Titel NX', period: 2022 },
      y: { id: 'NY', title: 'Titel NY', period: 2022 },
      n: 4,
      pearson,
      spearman: 1,
      highlight: { id: '1006', title: 'Cirkel', x: 5, y: null, included: false },
      filters: [],
      filteredOut: [],
      missing: [
        { id: '1006', title: 'Cirkel', missing: ['NY'] },
        { id: '1001', title: 'Falun', missing: ['NX'] },
      ],
      points,
    });
    const highlighted = await correlationAnalysis(repo, { x: 'NX', y: 'NY', highlight: '1003' });
    expect(highlighted.highlight).toEqual({ id: '1003', title: 'Dals-Ed', x: 2, y: 5, included: true });
    const missingBoth = await correlationAnalysis(
      reads(PLACES, ['NX', 'NY'], { NX: { 2022: { T: { '1001': 1 } } }, NY: { 2022: { T: { '1002': 1 } } } }),
      { x: 'NX', y: 'NY', highlight: '1003' },
    );
    expect(missingBoth.missing.find((m) => m.id === '1003')).toEqual({
      id: '1003',
      title: 'Dals-Ed',
      missing: ['NX', 'NY'],
    });
    expect(missingBoth.highlight).toEqual({
      id: '1003',
      title: 'Dals-Ed',
      x: null,
      y: null,
      included: false,
    });
  });

  it('applies threshold filters read for their own latest year, and the year from x and y only', async () => {
    const report = await correlationAnalysis(repo, {
      x: 'NX',
      y: 'NY',
      filters: [
        { kpi: 'NF', comparison: 'over', value: 5 },
        { kpi: 'NG', comparison: 'under', value: 2 },
      ],
    });
    expect(report.year).toBe(2022);
    expect(report.filters).toEqual([
      { kpi: 'NF', comparison: 'over', value: 5, title: 'Titel NF', period: 2021 },
      { kpi: 'NG', comparison: 'under', value: 2, title: 'Titel NG', period: 2022 },
    ]);
    // 1005 (8), 1004 (7), 1003 (6) pass NF but have no NG; 1002 (5) and 1001 (1) are not over 5; 1006 lacks NF.
    expect(report.filteredOut).toEqual([
      { id: '1005', kpi: 'NG', reason: 'missing', title: 'Arjeplog' },
      { id: '1004', kpi: 'NG', reason: 'missing', title: 'Borås' },
      { id: '1006', kpi: 'NF', reason: 'missing', title: 'Cirkel' },
      { id: '1003', kpi: 'NG', reason: 'missing', title: 'Dals-Ed' },
      { id: '1002', kpi: 'NF', reason: 'outside', title: 'Eda' },
      { id: '1001', kpi: 'NF', reason: 'outside', title: 'Falun' },
    ]);
    expect(report).toMatchObject({
      n: 0,
      pearson: null,
      spearman: null,
      points: [],
      missing: [],
      highlight: null,
    });
  });

  it('refuses more than five filters, the same KPI twice, an unknown kommun and a KPI without data', async () => {
    expect(MAX_FILTERS).toBe(5);
    const filter = { kpi: 'NF', comparison: 'over' as const, value: 0 };
    expect((await correlationAnalysis(repo, { x: 'NX', y: 'NY', filters: Array(5).fill(filter) })).n).toBe(4);
    expect(
      await refusal(correlationAnalysis(repo, { x: 'NX', y: 'NY', filters: Array(6).fill(filter) })),
    ).toEqual({
      reason: 'tooManyFilters',
      status: 400,
      parameter: 'fkpi',
      values: { max: 5 },
    });
    expect(await refusal(correlationAnalysis(repo, { x: 'NX', y: 'NX' }))).toEqual({
      reason: 'sameKpiTwice',
      status: 400,
      parameter: 'y',
      values: {},
    });
    for (const highlight of ['0001', '9999'])
      expect(await refusal(correlationAnalysis(repo, { x: 'NX', y: 'NY', highlight }))).toEqual({
        reason: 'unknownKommun',
        status: 404,
        parameter: 'kommun',
        values: { id: highlight },
      });
    expect(
      await refusal(correlationAnalysis(repo, { x: 'NX', y: 'NY', filters: [{ ...filter, kpi: 'NE' }] })),
    ).toEqual({
      reason: 'noValuesByYear',
      status: 404,
      parameter: undefined,
      values: { year: '2022', ids: 'NE' },
    });
    expect(await refusal(correlationAnalysis(repo, { x: 'NX', y: 'NQ' }))).toMatchObject({
      reason: 'unknownKpi',
      values: { ids: 'NQ' },
    });
  });
});

describe('expectedValues', () => {
  // Two pairs of equal observations, so their residuals tie to the last bit, one pair arriving (by
  // title) in id order, the other not: 1005 and 1003 (x 0, y 2), 1004 and 1006 (x 1, y 1). The fit
  // y = 4/3 − x/3 leaves them +2/3 and 0, 1002 −4/3. NQ = 2·NP on the kommuner with an outcome.
  const simple: Data = {
    NO: {
      2022: {
        T: byId([
          ['1002', 0],
          ['1003', 2],
          ['1004', 1],
          ['1005', 2],
          ['1006', 1],
          ['1001', 4],
        ]),
      },
    },
    NP: {
      2022: {
        T: byId([
          ['1002', 0],
          ['1003', 0],
          ['1004', 1],
          ['1005', 0],
          ['1006', 1],
        ]),
      },
    },
    NQ: {
      2022: {
        T: byId([
          ['1002', 0],
          ['1003', 0],
          ['1004', 2],
          ['1005', 0],
          ['1006', 2],
        ]),
      },
    },
  };
  const repo = reads(PLACES, ['NO', 'NP', 'NQ', 'NR'], simple);

  it('lists kommuner by residual, ties by id, and those left out', async () => {
    const report = await expectedValues(repo, { outcome: 'NO', predictors: ['NP'] });
    const fit = fitOls(
      ['NP'],
      [
        { id: '1005', y: 2, x: [0] },
        { id: '1004', y: 1, x: [1] },
        { id: '1006', y: 1, x: [1] },
        { id: '1003', y: 2, x: [0] },
        { id: '1002', y: 0, x: [0] },
      ],
    );
    expect(fit.coefficients[0]!.estimate).toBeCloseTo(4 / 3, 12);
    expect(fit.coefficients[1]!.estimate).toBeCloseTo(-1 / 3, 12);
    const byResidual = ['1003', '1005', '1004', '1006', '1002'];
    expect(report).toStrictEqual({
      analysis: 'forvantat',
      preset: null,
      year: 2022,
      gender: 'T',
      outcome: { id: 'NO', title: 'Titel NO', period: 2022 },
      predictors: [{ id: 'NP', title: 'Titel NP', period: 2022 }],
      n: 5,
      rSquared: fit.rSquared,
      adjustedRSquared: fit.adjustedRSquared,
      residualStandardError: fit.residualStandardError,
      degreesOfFreedom: 3,
      coefficients: fit.coefficients.map((c) => ({
        ...c,
        title: c.term === 'intercept' ? 'Konstant' : 'Titel NP',
      })),
      municipalities: byResidual.map((id) => ({
        ...fit.observations.find((o) => o.id === id)!,
        title: PLACES.find((p) => p.id === id)!.title,
        published: null,
      })),
      leftOut: [{ id: '1001', title: 'Falun', missing: ['NP'] }],
      published: null,
    });
    const residuals = report.municipalities.map((m) => m.residual);
    expect(residuals[0]).toBe(residuals[1]);
    expect(residuals[0]).toBeCloseTo(2 / 3, 12);
    expect(residuals[2]).toBe(residuals[3]);
    expect(residuals[2]).toBeCloseTo(0, 12);
    expect(residuals[4]).toBeCloseTo(-4 / 3, 12);
    expect(report.coefficients.map((c) => c.title)).toEqual(['Konstant', 'Titel NP']);
  });

  it('says why a model cannot be fitted', async () => {
    expect(await refusal(expectedValues(repo, { outcome: 'NO', predictors: ['NP', 'NQ'] }))).toEqual({
      reason: 'modelCannotBeFitted',
      status: 400,
      parameter: undefined,
      values: { detail: 'the explanatory KPIs are collinear (NQ is a combination of the others)' },
    });
  });

  it('refuses no predictor, more than ten, the outcome among them, one twice, an unknown outcome', async () => {
    expect(MAX_PREDICTORS).toBe(10);
    const refused = (predictors: string[] | undefined, outcome = 'NO') =>
      refusal(expectedValues(repo, { outcome, predictors }));
    expect(await refused([])).toEqual({
      reason: 'noPredictorChosen',
      status: 400,
      parameter: 'forklarande',
      values: {},
    });
    expect(await refused(undefined)).toEqual({
      reason: 'noPredictorChosen',
      status: 400,
      parameter: 'forklarande',
      values: {},
    });
    const eleven = Array.from({ length: 11 }, (_, i) => `NP${i}`);
    expect(await refused(eleven)).toEqual({
      reason: 'tooManyPredictors',
      status: 400,
      parameter: 'forklarande',
      values: { max: 10 },
    });
    // Ten is allowed: the next check (unknown KPIs) answers.
    expect(await refused(eleven.slice(1))).toMatchObject({ reason: 'unknownKpi' });
    expect(await refused(['NP', 'NO'])).toEqual({
      reason: 'outcomeExplainsItself',
      status: 400,
      parameter: 'forklarande',
      values: {},
    });
    expect(await refused(['NP', 'NQ', 'NP'])).toEqual({
      reason: 'kpiListedTwice',
      status: 400,
      parameter: undefined,
      values: {},
    });
    expect(await refused(['NP'], 'NZ')).toMatchObject({ reason: 'unknownKpi', values: { ids: 'NZ' } });
    // An unknown outcome is named before anything else is checked.
    expect(await refused(undefined, 'NZ')).toMatchObject({ reason: 'unknownKpi', values: { ids: 'NZ' } });
    expect(await refused(['NR'])).toEqual({
      reason: 'noValuesByYear',
      status: 404,
      parameter: undefined,
      values: { year: '2022', ids: 'NR' },
    });
  });

  describe('the SKR model', () => {
    const ids = [SKR_MODEL.outcome, ...SKR_MODEL.predictors];
    const kommuner = Array.from({ length: 12 }, (_, i) => ({
      id: `2${String(i).padStart(3, '0')}`,
      title: `K${i}`,
      type: 'K',
    }));
    // Predictors from a fixed pseudo-random pattern, the outcome a noisy sum; N00485 for all but one.
    const value = (k: number, i: number) => ((k * 7 + i * 13 + k * i * 3) % 17) + i;
    const data: Data = Object.fromEntries(
      SKR_MODEL.predictors.map((p, k) => [
        p,
        { 2022: { T: byId(kommuner.map((m, i) => [m.id, value(k + 1, i)])) } },
      ]),
    );
    data[SKR_MODEL.outcome] = {
      2022: {
        T: byId(
          kommuner.map((m, i) => [
            m.id,
            SKR_MODEL.predictors.reduce((a, _, k) => a + value(k + 1, i), 0) / 5 + (i % 3),
          ]),
        ),
      },
    };
    const published = byId(kommuner.slice(1).map((m, i) => [m.id, 40 + i]));
    data[SKR_MODEL.published!.expected] = { 2022: { T: published } };
    const skr = reads(kommuner, [...ids, SKR_MODEL.published!.expected], data);

    it('is chosen for its outcome without predictors or with its own in any order, and compared with SKR', async () => {
      const report = await expectedValues(skr, { outcome: SKR_MODEL.outcome });
      expect(report.preset).toEqual({ id: SKR_MODEL.id, title: SKR_MODEL.title });
      expect(report.predictors.map((p) => p.id)).toEqual(SKR_MODEL.predictors);
      const reordered = await expectedValues(skr, {
        outcome: SKR_MODEL.outcome,
        predictors: [...SKR_MODEL.predictors].reverse(),
      });
      expect(reordered.preset).toEqual(report.preset);
      // The same model (another column order moves the last bits only).
      expect(reordered.published).toMatchObject({ n: 11, kpi: SKR_MODEL.published!.expected, year: 2022 });
      expect(reordered.published!.pearson).toBeCloseTo(report.published!.pearson!, 10);
      const fitted = report.municipalities.map((m) => ({ id: m.id, expected: m.expected }));
      const compared = compareWithPublished(
        SKR_MODEL.published!.expected,
        2022,
        new Map(Object.entries(published)),
        fitted,
      );
      expect(report.published).toEqual({ ...compared, meanAbsoluteDifference: expect.any(Number) });
      expect(report.published!.meanAbsoluteDifference).toBeCloseTo(compared.meanAbsoluteDifference!, 10);
      expect(report.published!.n).toBe(11);
      for (const m of report.municipalities) expect(m.published).toBe(published[m.id] ?? null);
    });

    it('is not the preset for only some of its predictors, or others', async () => {
      const some = await expectedValues(skr, {
        outcome: SKR_MODEL.outcome,
        predictors: SKR_MODEL.predictors.slice(0, 3),
      });
      expect(some).toMatchObject({ preset: null, published: null });
      for (const m of some.municipalities) expect(m.published).toBeNull();
      const withOutcomeOther = await expectedValues(skr, {
        outcome: SKR_MODEL.predictors[0]!,
        predictors: SKR_MODEL.predictors.slice(1),
      });
      expect(withOutcomeOther.preset).toBeNull();
      // As many predictors as the model, one of them not the model's.
      const more = [...SKR_MODEL.predictors, SKR_MODEL.published!.expected];
      expect((await expectedValues(skr, { outcome: SKR_MODEL.outcome, predictors: more })).preset).toBeNull();
      const swapped = [...SKR_MODEL.predictors.slice(0, 4), SKR_MODEL.published!.expected];
      expect(
        (await expectedValues(skr, { outcome: SKR_MODEL.outcome, predictors: swapped })).preset,
      ).toBeNull();
    });
  });
});

describe('compareWithPublished', () => {
  it('compares the fitted and published values of the kommuner that have both', () => {
    const fitted = [
      { id: 'a', expected: 1 },
      { id: 'b', expected: 2 },
      { id: 'c', expected: 4 },
      { id: 'd', expected: 9 },
    ];
    const published = new Map([
      ['a', 2],
      ['b', 2],
      ['c', 5],
      ['z', 100],
    ]);
    const result = compareWithPublished('N00485', 2022, published, fitted);
    // x 1 2 4, y 2 2 5: Sxy = 5, Sxx = 42/9, Syy = 6, r = 5 / √28; |x − y| = 1 0 1.
    expect(result).toEqual({
      kpi: 'N00485',
      year: 2022,
      n: 3,
      pearson: expect.any(Number),
      meanAbsoluteDifference: 2 / 3,
    });
    expect(result.pearson).toBeCloseTo(5 / Math.sqrt(28), 12);
    expect(compareWithPublished('N00485', 2021, new Map([['z', 1]]), fitted)).toEqual({
      kpi: 'N00485',
      year: 2021,
      n: 0,
      pearson: null,
      meanAbsoluteDifference: null,
    });
  });
});
