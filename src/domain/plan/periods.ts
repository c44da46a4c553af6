/**
 * Follow-up periods: år, halvår, tertial, kvartal, månad. A period is named by a label that sorts in
 * time order: "2024", "2024-H1", "2024-T2", "2024-Q3", "2024-07". Each has an end date and a
 * deadline: the plan's rule puts it some days after the end, and lower levels of the tree report
 * earlier (shifted deadlines, as in Stratsys) so the level above can summarise them.
 */
import type { PeriodKind } from '../../store/plan-schema.js';

export const PERIOD_KINDS: readonly PeriodKind[] = ['ar', 'halvar', 'tertial', 'kvartal', 'manad'];

const PARTS: Record<PeriodKind, { count: number; prefix: string }> = {
  ar: { count: 1, prefix: '' },
  halvar: { count: 2, prefix: 'H' },
  tertial: { count: 3, prefix: 'T' },
  kvartal: { count: 4, prefix: 'Q' },
  manad: { count: 12, prefix: '' },
};

export interface DeadlineRule {
  /** Days after the end of the period that the top level's follow-up is due. */
  after_days: number;
  /** Each level down the tree is due this many days earlier. */
  earlier_per_level_days: number;
}

export const DEFAULT_DEADLINE_RULE: DeadlineRule = { after_days: 45, earlier_per_level_days: 7 };

export interface PeriodInfo {
  label: string;
  year: number;
  /** 1-based part of the year (1 for år). */
  part: number;
  /** First and last day, ISO dates. */
  start: string;
  end: string;
}

export function isPeriodKind(value: unknown): value is PeriodKind {
  return typeof value === 'string' && (PERIOD_KINDS as readonly string[]).includes(value);
}

export function periodLabel(kind: PeriodKind, year: number, part: number): string {
  if (kind === 'ar') return String(year);
  if (kind === 'manad') return `${year}-${String(part).padStart(2, '0')}`;
  return `${year}-${PARTS[kind].prefix}${part}`;
}

/** Parses a label of the given kind; undefined when it is not one. */
export function parsePeriod(kind: PeriodKind, label: string): PeriodInfo | undefined {
  const m =
    kind === 'ar'
      ? /^(\d{4})$/.exec(label)
      : kind === 'manad'
        ? /^(\d{4})-(\d{2})$/.exec(label)
        : new RegExp(`^(\\d{4})-${PARTS[kind].prefix}(\\d)$`).exec(label);
  if (!m) return undefined;
  const year = Number(m[1]);
  const part = m[2] === undefined ? 1 : Number(m[2]);
  const { count } = PARTS[kind];
  if (year < 1900 || year > 2200 || part < 1 || part > count) return undefined;
  const months = 12 / count;
  const firstMonth = (part - 1) * months + 1;
  const lastMonth = part * months;
  return {
    label,
    year,
    part,
    start: isoDate(year, firstMonth, 1),
    end: isoDate(year, lastMonth, daysInMonth(year, lastMonth)),
  };
}

/** The year a label belongs to, whatever its kind ("2024-T2" → 2024). */
export function yearOf(label: string): number {
  return Number(label.slice(0, 4));
}

/** Every period of a plan from its first year to its last, in order. */
export function periodsOfPlan(kind: PeriodKind, from: number, to: number): string[] {
  const labels: string[] = [];
  for (let year = from; year <= to; year++)
    for (let part = 1; part <= PARTS[kind].count; part++) labels.push(periodLabel(kind, year, part));
  return labels;
}

/**
 * The deadline of a period for a node at `depth` (0 = top level): the top level is due
 * `after_days` after the period ends; each level below `earlier_per_level_days` earlier.
 */
export function deadlineOf(period: PeriodInfo, rule: DeadlineRule, depth = 0): string {
  const days = Math.max(0, rule.after_days - depth * rule.earlier_per_level_days);
  return addDays(period.end, days);
}

export function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A label as a point in time in years ("2024-H2" → 2024.5, "2024-07" → 2024.5): x for regressions. */
export function periodTime(label: string): number {
  const year = yearOf(label);
  const m = /^\d{4}-(?:([HTQ])(\d)|(\d{2}))$/.exec(label);
  if (!m) return year;
  if (m[3] !== undefined) return year + (Number(m[3]) - 1) / 12;
  const count = { H: 2, T: 3, Q: 4 }[m[1] as 'H' | 'T' | 'Q'];
  return year + (Number(m[2]) - 1) / count;
}
