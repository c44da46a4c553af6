/**
 * A person's outcomes as pseudonymised events: what happened and in which month, nothing else (no
 * day, no content, no person id — the caller keys them by the person's pseudonym). Pure.
 */

export type EventGender = 'K' | 'M' | 'U';
export type OutcomeEventKind = 'inventory' | 'plan' | 'step' | 'work' | 'studies' | 'level';

export interface OutcomeEvent {
  kind: OutcomeEventKind;
  /** YYYY-MM */
  month: string;
  /** A step event: how many steps were done that month; a level event: the level; else 0. */
  detail: number;
}

/** What the events are derived from: dates from the Process tables and the latest plan. */
export interface PersonFacts {
  /** When the inventory was first saved. */
  inventoryAt: string | null;
  /** When the plan's first version was saved. */
  planAt: string | null;
  /** The latest plan's steps done (their doneOn) and its outcome, if any. */
  stepsDoneOn: readonly string[];
  outcome: { kind: 'work' | 'studies'; from: string } | null;
  /** Confirmed ladder levels. */
  levels: readonly { level: number; confirmedAt: string }[];
}

const monthOf = (isoDateOrTime: string): string => isoDateOrTime.slice(0, 7);

/** The person's gender as the events carry it: K or M as recorded, U when unknown or declined. */
export function eventGender(gender: string | null | undefined): EventGender {
  return gender === 'K' || gender === 'M' ? gender : 'U';
}

export function deriveEvents(facts: PersonFacts): OutcomeEvent[] {
  const events: OutcomeEvent[] = [];
  if (facts.inventoryAt) events.push({ kind: 'inventory', month: monthOf(facts.inventoryAt), detail: 0 });
  if (facts.planAt) events.push({ kind: 'plan', month: monthOf(facts.planAt), detail: 0 });
  const steps = new Map<string, number>();
  for (const on of facts.stepsDoneOn) steps.set(monthOf(on), (steps.get(monthOf(on)) ?? 0) + 1);
  for (const [month, n] of [...steps].sort()) events.push({ kind: 'step', month, detail: n });
  if (facts.outcome) events.push({ kind: facts.outcome.kind, month: monthOf(facts.outcome.from), detail: 0 });
  // The first confirmation of each level: a level confirmed again (e.g. under a new ladder) is not new.
  const levels = new Map<number, string>();
  for (const l of facts.levels) {
    const month = monthOf(l.confirmedAt);
    const seen = levels.get(l.level);
    if (!seen || month < seen) levels.set(l.level, month);
  }
  for (const [level, month] of [...levels].sort((a, b) => a[0] - b[0]))
    events.push({ kind: 'level', month, detail: level });
  return events;
}
