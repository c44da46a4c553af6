/**
 * Own KPIs from a simulated caseload (1,100 people over three years in three organisations, one of
 * them small): the stored values equal a computation written here from the simulated people (not from
 * the events), every cell describing fewer than 5 people is suppressed, no suppressed cell can be
 * derived from the published ones, and erasing people (on request and by retention) leaves the
 * published values as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import {
  type SimulatedPerson,
  simulateCaseload,
  writeCaseload,
} from '../../../../test/support/outcome-simulation.js';
import { keyLine } from '../../../../test/support/process.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { erasePerson, runRetention } from '../privacy/erasure.js';
import { Keyring } from '../privacy/field-cipher.js';
import { OwnKpiService } from './own-kpi.service.js';
import { MIN_CELL_PEOPLE, OUTCOME_MONTHS, OWN_KPI_IDS, SUPPRESSED_STATUS } from './own-kpi-definitions.js';

const TODAY = '2026-03-31';
const NOW = new Date(`${TODAY}T12:00:00Z`);
const ORGS = { '2580': 900, '1280': 170, '0114': 30 };

type Cell = { n: number; value: number };
type Key = string;
const key = (kpi: string, org: string, year: number, gender: string): Key =>
  `${kpi}|${org}|${year}|${gender}`;

/** The expected cells, computed from the people themselves: an independent reading of docs/own-kpis.md. */
function expected(people: readonly SimulatedPerson[]): Map<Key, Cell> {
  const out = new Map<Key, Cell>();
  const year = (iso: string) => Number(iso.slice(0, 4));
  const months = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7));
  const todayMonths = months(TODAY);
  const lastYear = year(TODAY);
  for (const org of Object.keys(ORGS)) {
    const mine = people.filter((p) => p.organisation === org);
    const dates = mine.flatMap((p) => [
      p.inventoryAt,
      ...(p.planAt ? [p.planAt] : []),
      ...p.steps.flatMap((s) => (s.doneOn ? [s.doneOn] : [])),
      ...(p.outcome ? [p.outcome.from] : []),
      ...p.levels.map((l) => l.confirmedAt),
    ]);
    const first = Math.min(...dates.map(year));
    // Per KPI: is the person in the cell's people, and (for the share) in its numerator?
    const tests: Record<string, (p: SimulatedPerson, y: number) => [boolean, boolean]> = {
      E10101: (p, y) => both(year(p.inventoryAt) === y),
      E10102: (p, y) => both(p.planAt !== null && year(p.planAt) === y),
      E10103: (p, y) => both(p.steps.some((s) => s.status === 'done' && s.doneOn && year(s.doneOn) === y)),
      E10104: (p, y) => {
        const cohort = year(p.inventoryAt) === y && months(p.inventoryAt) + OUTCOME_MONTHS <= todayMonths;
        const hit =
          cohort && p.outcome !== null && months(p.outcome.from) <= months(p.inventoryAt) + OUTCOME_MONTHS;
        return [cohort, hit];
      },
    };
    for (const level of [1, 2, 3, 4, 5])
      tests[`E1011${level}`] = (p, y) => {
        const at = p.levels
          .filter((l) => l.level === level)
          .map((l) => l.confirmedAt)
          .sort()[0];
        return both(at !== undefined && year(at) === y);
      };
    for (const [kpi, test] of Object.entries(tests))
      for (let y = first; y <= lastYear; y++)
        for (const gender of ['T', 'K', 'M']) {
          const group = mine.filter((p) => gender === 'T' || p.gender === gender);
          let n = 0;
          let hits = 0;
          for (const p of group) {
            const [inCell, hit] = test(p, y);
            if (inCell) n++;
            if (hit) hits++;
          }
          const value = kpi === 'E10104' ? (n === 0 ? Number.NaN : Math.round((1000 * hits) / n) / 10) : hits;
          out.set(key(kpi, org, y, gender), { n, value });
        }
  }
  return out;
}
const both = (b: boolean): [boolean, boolean] => [b, b];

async function published(temp: TempStore) {
  const rows = await temp.store.db
    .selectFrom('value')
    .select(['kpi_id', 'municipality_id', 'period', 'gender', 'value', 'status', 'is_deleted'])
    .where('kpi_id', 'in', [...OWN_KPI_IDS])
    .orderBy('kpi_id')
    .orderBy('municipality_id')
    .orderBy('period')
    .orderBy('gender')
    .execute();
  return rows;
}

for (const dialect of DIALECTS)
  describe(`own KPIs on ${dialect}`, () => {
    let temp: TempStore;
    let keyring: Keyring;
    let people: SimulatedPerson[];

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      keyring = Keyring.parse(keyLine('k1'), 'test');
      people = simulateCaseload({
        seed: 20,
        organisations: ORGS,
        start: '2023-01-01',
        years: 3,
        today: TODAY,
      });
      await writeCaseload(temp.store, keyring, people);
      await new OwnKpiService(temp.store, keyring).recompute({ now: NOW });
    }, 180_000);
    afterAll(async () => temp?.destroy());

    it('simulates at least 1,000 people over three years', () => {
      expect(people.length).toBeGreaterThanOrEqual(1000);
      const years = new Set(people.map((p) => p.inventoryAt.slice(0, 4)));
      expect([...years].sort()).toEqual(['2023', '2024', '2025']);
    });

    it('stores the own KPIs as local KPIs whose ids cannot be Kolada ids', async () => {
      const kpis = await temp.store.db.selectFrom('kpi').select(['id', 'origin', 'title']).execute();
      expect(kpis.map((k) => k.id).sort()).toEqual([...OWN_KPI_IDS].sort());
      for (const k of kpis) {
        expect(k.origin).toBe('local');
        expect(k.id).toMatch(/^E\d{5}$/);
      }
    });

    it('equals the independent computation, suppressing every cell under 5 and its complement', async () => {
      const want = expected(people);
      const rows = await published(temp);
      expect(rows.map((r) => key(r.kpi_id, r.municipality_id, r.period, r.gender)).sort()).toEqual(
        [...want.keys()].sort(),
      );
      let suppressed = 0;
      let shown = 0;
      for (const r of rows) {
        const cell = want.get(key(r.kpi_id, r.municipality_id, r.period, r.gender)) as Cell;
        const other = want.get(
          key(r.kpi_id, r.municipality_id, r.period, r.gender === 'K' ? 'M' : 'K'),
        ) as Cell;
        const mustHide = cell.n < MIN_CELL_PEOPLE || (r.gender !== 'T' && other.n < MIN_CELL_PEOPLE);
        if (mustHide) {
          expect(r.value, key(r.kpi_id, r.municipality_id, r.period, r.gender)).toBeNull();
          expect(r.status).toBe(SUPPRESSED_STATUS);
          suppressed++;
        } else {
          expect(r.status).toBe('');
          expect(r.value, key(r.kpi_id, r.municipality_id, r.period, r.gender)).toBe(cell.value);
          shown++;
        }
      }
      // Both kinds are really exercised.
      expect(suppressed).toBeGreaterThan(20);
      expect(shown).toBeGreaterThan(100);
    });

    it('publishes no cell from which a suppressed one can be derived', async () => {
      // The only sums between published cells: T = K + M (+ the never published "gender unknown",
      // taken as 0, the attacker's best case). A suppressed cell is derivable when it is the only
      // unknown of such an equation; counts are summed, and a share's people too.
      const rows = await published(temp);
      const triples = new Map<string, Record<string, number | null>>();
      for (const r of rows) {
        const k = `${r.kpi_id}|${r.municipality_id}|${r.period}`;
        const t = triples.get(k) ?? {};
        t[r.gender] = r.value;
        triples.set(k, t);
      }
      const derived: string[] = [];
      for (const [k, t] of triples) {
        const unknown = ['T', 'K', 'M'].filter((g) => t[g] === null);
        if (unknown.length === 1) derived.push(`${k}|${unknown[0]}`);
      }
      expect(derived).toEqual([]);
      // No published cell spans several years or municipalities: each is one year of one municipality.
      expect(new Set(rows.map((r) => r.period)).size).toBeGreaterThan(1);
    });

    it('leaves the published values unchanged after people are erased and the retention run', async () => {
      const before = await published(temp);
      const small = people.filter((p) => p.organisation === '0114').slice(0, 10);
      for (const p of small)
        await erasePerson(temp.store, {
          personId: p.id,
          reason: 'test request',
          by: null,
          cause: 'request',
          keyring,
        });
      const closed = people.filter((p) => p.organisation === '2580').slice(0, 40);
      for (const p of closed)
        await temp.store.db
          .updateTable('person')
          .set({ status: 'closed', closed_at: '2020-01-01T00:00:00.000Z' })
          .where('id', '=', p.id)
          .execute();
      const report = await runRetention(temp.store, { now: NOW, keyring });
      expect(report.erased).toEqual([
        { organisation: '2580', people: 40, retentionDays: 730, action: 'erase' },
      ]);
      const gone = [...small, ...closed].map((p) => p.id);
      expect(await temp.store.db.selectFrom('person').select('id').where('id', 'in', gone).execute()).toEqual(
        [],
      );
      const result = await new OwnKpiService(temp.store, keyring).recompute({ now: NOW });
      expect(result.changed).toBe(0);
      expect(await published(temp)).toEqual(before);
      // The events of the erased link to nobody: no person holds their pseudonyms any more.
      const refs = await temp.store.db.selectFrom('person').select('outcome_ref').execute();
      const subjects = await temp.store.db.selectFrom('outcome_event').select('subject').distinct().execute();
      expect(subjects.length - refs.length).toBe(50);
    });
  });
