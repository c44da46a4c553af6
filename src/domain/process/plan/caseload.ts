/**
 * A case worker's caseload, as pure functions over what was read beforehand: per person, the plan's
 * state, the steps overdue and due soon, the guidance follow-ups due, the ladder level; and the same
 * aggregated for a manager (counts only: no names, no ids).
 *
 * - A step is *open* while planned or started; *overdue* when open and its due day is before today;
 *   *due soon* when open and due from today to `DUE_SOON_DAYS` ahead.
 * - A follow-up is *due* when its day is today or before and it is not marked done.
 * - The plan's state: `none` (no plan saved, or neither goal nor steps), `open` (steps still open, or a
 *   goal with no steps yet) or `done` (every step done or cancelled).
 */
import type { PlanDocument, PlanStep, StepType } from './individual-plan.js';

export const DUE_SOON_DAYS = 14;
export const PLAN_STATES = ['none', 'open', 'done'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export interface CaseloadStep {
  id: string;
  type: StepType;
  title: string;
  due: string;
}

export interface CaseloadRow {
  personId: string;
  name: string;
  language: string;
  planState: PlanState;
  planVersion: number;
  goal: string | null;
  /** The highest confirmed ladder level (0: none). */
  level: number;
  overdue: CaseloadStep[];
  dueSoon: CaseloadStep[];
  followUpsDue: { noteId: string; on: string }[];
  /** Lent by a temporary access until this instant (covering for a colleague); null: the person's own case worker. */
  lentUntil: string | null;
}

export interface CaseloadSummary {
  people: number;
  byLevel: Record<string, number>;
  byPlanState: Record<PlanState, number>;
  stepsOverdue: number;
  peopleWithOverdue: number;
  stepsDueSoon: number;
  followUpsDue: number;
}

export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const isOpen = (s: PlanStep) => s.status === 'planned' || s.status === 'started';
const brief = (s: PlanStep & { due: string }): CaseloadStep => ({
  id: s.id,
  type: s.type,
  title: [s.level, s.title].filter(Boolean).join(' '),
  due: s.due,
});

export function planState(plan: PlanDocument | null): PlanState {
  if (!plan || (!plan.goal && plan.steps.length === 0)) return 'none';
  if (plan.steps.length > 0 && plan.steps.every((s) => !isOpen(s))) return 'done';
  return 'open';
}

/** What is overdue and due soon in a plan on `today` (each sorted by due day). */
export function dueSteps(plan: PlanDocument | null, today: string) {
  const soon = addDays(today, DUE_SOON_DAYS);
  const dated = (plan?.steps ?? [])
    .filter((s): s is PlanStep & { due: string } => isOpen(s) && s.due !== null)
    .sort((a, b) => a.due.localeCompare(b.due));
  return {
    overdue: dated.filter((s) => s.due < today).map(brief),
    dueSoon: dated.filter((s) => s.due >= today && s.due <= soon).map(brief),
  };
}

export function caseloadRow(input: {
  personId: string;
  name: string;
  language: string;
  plan: PlanDocument | null;
  planVersion: number;
  level: number;
  followUps: readonly { id: string; follow_up_on: string | null }[];
  today: string;
  lentUntil?: string | null;
}): CaseloadRow {
  const { overdue, dueSoon } = dueSteps(input.plan, input.today);
  return {
    personId: input.personId,
    name: input.name,
    language: input.language,
    planState: planState(input.plan),
    planVersion: input.planVersion,
    goal: input.plan?.goal?.label ?? null,
    level: input.level,
    overdue,
    dueSoon,
    followUpsDue: input.followUps
      .filter((f) => f.follow_up_on !== null && f.follow_up_on <= input.today)
      .map((f) => ({ noteId: f.id, on: f.follow_up_on as string })),
    lentUntil: input.lentUntil ?? null,
  };
}

/** The caseload in counts: what a manager sees (nothing in it names or points to a person). */
export function summarise(rows: readonly CaseloadRow[]): CaseloadSummary {
  const byLevel: Record<string, number> = {};
  const byPlanState: Record<PlanState, number> = { none: 0, open: 0, done: 0 };
  let stepsOverdue = 0;
  let peopleWithOverdue = 0;
  let stepsDueSoon = 0;
  let followUpsDue = 0;
  for (const r of rows) {
    byLevel[String(r.level)] = (byLevel[String(r.level)] ?? 0) + 1;
    byPlanState[r.planState]++;
    stepsOverdue += r.overdue.length;
    if (r.overdue.length > 0) peopleWithOverdue++;
    stepsDueSoon += r.dueSoon.length;
    followUpsDue += r.followUpsDue.length;
  }
  return {
    people: rows.length,
    byLevel,
    byPlanState,
    stepsOverdue,
    peopleWithOverdue,
    stepsDueSoon,
    followUpsDue,
  };
}

/** Those needing attention first: most overdue, then follow-ups due, then the earliest due step. */
export function byUrgency(a: CaseloadRow, b: CaseloadRow): number {
  const first = (r: CaseloadRow) => r.overdue[0]?.due ?? r.dueSoon[0]?.due ?? '9999-12-31';
  return (
    b.overdue.length - a.overdue.length ||
    b.followUpsDue.length - a.followUpsDue.length ||
    first(a).localeCompare(first(b)) ||
    a.name.localeCompare(b.name, 'sv')
  );
}
