/**
 * Pseudonymised outcome events → own KPI cells per municipality, year and gender (T/K/M), with
 * suppression. Pure: the service reads the events and writes the cells.
 *
 * Suppression: a cell describing fewer than MIN_CELL_PEOPLE people (a count's people, a share's
 * denominator; zero included) is published without a value, status SUPPRESSED_STATUS. The published
 * cells of one KPI, municipality and year obey T = K + M + U, where U (gender not known or declined)
 * is never published. So a suppressed K (or M) could be derived as T − M when U is 0: whenever exactly
 * one of K and M is suppressed, the other is suppressed too (complementary suppression). T is
 * suppressed only when it describes fewer than 5 people, and then K and M describe fewer too and are
 * suppressed. No cell is a sum over years or municipalities, so those give no other equations.
 */
import type { EventGender } from './outcome-events.js';
import {
  MIN_CELL_PEOPLE,
  OWN_KPIS,
  type OwnKpiDefinition,
  SUPPRESSED_STATUS,
} from './own-kpi-definitions.js';

export interface EventRow {
  subject: string;
  municipality: string;
  gender: EventGender;
  kind: string;
  month: string;
  detail: number;
}

export interface OwnKpiCell {
  kpi: string;
  municipality: string;
  period: number;
  gender: 'T' | 'K' | 'M';
  value: number | null;
  status: '' | typeof SUPPRESSED_STATUS;
}

interface Subject {
  gender: EventGender;
  inventory: number | null;
  plan: number | null;
  stepYears: Set<number>;
  outcome: number | null;
  levelYears: Map<number, number>;
}

/** Months since year 0, so that "12 months later" is a subtraction. */
const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const yearOfIndex = (i: number): number => Math.floor(i / 12);
const min = (a: number | null, b: number): number => (a === null || b < a ? b : a);

function subjectsOf(events: readonly EventRow[]): Map<string, Map<string, Subject>> {
  const byMunicipality = new Map<string, Map<string, Subject>>();
  for (const e of events) {
    let subjects = byMunicipality.get(e.municipality);
    if (!subjects) {
      subjects = new Map();
      byMunicipality.set(e.municipality, subjects);
    }
    let s = subjects.get(e.subject);
    if (!s) {
      s = {
        gender: e.gender,
        inventory: null,
        plan: null,
        stepYears: new Set(),
        outcome: null,
        levelYears: new Map(),
      };
      subjects.set(e.subject, s);
    }
    const at = monthIndex(e.month);
    switch (e.kind) {
      case 'inventory':
        s.inventory = min(s.inventory, at);
        break;
      case 'plan':
        s.plan = min(s.plan, at);
        break;
      case 'step':
        s.stepYears.add(yearOfIndex(at));
        break;
      case 'work':
      case 'studies':
        s.outcome = min(s.outcome, at);
        break;
      case 'level': {
        const seen = s.levelYears.get(e.detail);
        if (seen === undefined || at < seen) s.levelYears.set(e.detail, at);
        break;
      }
    }
  }
  return byMunicipality;
}

/** Per subject: in the cell's people (denominator) and in its numerator, for a KPI and year. */
function membership(def: OwnKpiDefinition, s: Subject, year: number, asOf: number): [boolean, boolean] {
  const rule = def.rule;
  switch (rule.event) {
    case 'inventory':
      return same(s.inventory !== null && yearOfIndex(s.inventory) === year);
    case 'plan':
      return same(s.plan !== null && yearOfIndex(s.plan) === year);
    case 'step':
      return same(s.stepYears.has(year));
    case 'level': {
      const at = s.levelYears.get(rule.level);
      return same(at !== undefined && yearOfIndex(at) === year);
    }
    case 'workOrStudies': {
      const inCohort =
        s.inventory !== null && yearOfIndex(s.inventory) === year && s.inventory + rule.months <= asOf;
      return [inCohort, inCohort && s.outcome !== null && s.outcome <= (s.inventory as number) + rule.months];
    }
  }
}
const same = (b: boolean): [boolean, boolean] => [b, b];

/**
 * The cells of every own KPI for every municipality with events, for each year from its first event
 * to `asOf`'s year. `asOf`: the computation's month (YYYY-MM).
 */
export function aggregateOwnKpis(events: readonly EventRow[], asOf: string): OwnKpiCell[] {
  const asOfIndex = monthIndex(asOf);
  const lastYear = yearOfIndex(asOfIndex);
  const cells: OwnKpiCell[] = [];
  for (const [municipality, subjects] of [...subjectsOf(events)].sort((a, b) => a[0].localeCompare(b[0]))) {
    const firstYear = Math.min(
      ...events.filter((e) => e.municipality === municipality).map((e) => Number(e.month.slice(0, 4))),
    );
    for (const def of OWN_KPIS)
      for (let year = firstYear; year <= lastYear; year++) {
        const people = { T: 0, K: 0, M: 0 };
        const hits = { T: 0, K: 0, M: 0 };
        for (const s of subjects.values()) {
          const [inCell, hit] = membership(def, s, year, asOfIndex);
          if (!inCell) continue;
          people.T++;
          if (hit) hits.T++;
          if (s.gender !== 'U') {
            people[s.gender]++;
            if (hit) hits[s.gender]++;
          }
        }
        const suppressed = {
          T: people.T < MIN_CELL_PEOPLE,
          K: people.K < MIN_CELL_PEOPLE,
          M: people.M < MIN_CELL_PEOPLE,
        };
        // Complementary: never one of K and M alone (T − the other would give it).
        if (suppressed.K !== suppressed.M) suppressed.K = suppressed.M = true;
        for (const gender of ['T', 'K', 'M'] as const) {
          const value =
            def.kind === 'count'
              ? hits[gender]
              : people[gender] === 0
                ? null
                : Math.round((1000 * hits[gender]) / people[gender]) / 10;
          cells.push(
            suppressed[gender] || value === null
              ? { kpi: def.id, municipality, period: year, gender, value: null, status: SUPPRESSED_STATUS }
              : { kpi: def.id, municipality, period: year, gender, value, status: '' },
          );
        }
      }
  }
  return cells;
}
