/**
 * The individual plan as a document: a goal (an occupation or an education, from a match or chosen
 * freely) and steps, each with a type, an owner (the person, the case worker or a partner), dates, a
 * status and the missing items it closes. `parsePlan` checks a document whole and names the field at
 * fault; nothing unknown passes (the plan is personal data, so no field may be smuggled in).
 */
import { randomUUID } from 'node:crypto';
import { InputError } from '../../../errors/input-error.js';
import type { NextStep } from '../matching/next-steps.js';

export const STEP_TYPES = [
  'sfi',
  'validation',
  'praktik',
  'course',
  'drivingLicence',
  'jobSearch',
  'other',
] as const;
export type StepType = (typeof STEP_TYPES)[number];
export const STEP_STATUSES = ['planned', 'started', 'done', 'cancelled'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const OWNER_KINDS = ['person', 'caseworker', 'partner'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];
export const GOAL_KINDS = ['occupation', 'education', 'other'] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

export interface PlanGoal {
  kind: GoalKind;
  /** A taxonomy concept (occupation name, SSYK group or SUN field) when the goal is one. */
  conceptId: string | null;
  /** As written, or the concept's label. */
  label: string;
}

export interface PlanStep {
  id: string;
  type: StepType;
  /** What exactly, as written (e.g. "Sfi kurs C", "Truckkort"). */
  title: string;
  /** sfi: the course (A–D) or "sas"; course: komvux, yh, arbetsmarknadsutbildning, hogskola; else null. */
  level: string | null;
  owner: { kind: OwnerKind; name: string | null };
  start: string | null;
  due: string | null;
  status: StepStatus;
  /** The day the step was done (set when its status becomes done, if not given). */
  doneOn: string | null;
  /** The missing items it closes: gates (language, driving-licence), skills (concept ids), factors. */
  closes: { gates: string[]; skills: string[]; factors: string[] };
}

/**
 * Where the person is now, when it is work or studies, and from which day: what the own KPI "in work
 * or studies N months after the inventory" counts (src/domain/process/outcomes). Absent: not (yet).
 */
export interface PlanOutcome {
  kind: 'work' | 'studies';
  from: string;
}
export const OUTCOME_KINDS = ['work', 'studies'] as const;

export interface PlanDocument {
  goal: PlanGoal | null;
  steps: PlanStep[];
  outcome?: PlanOutcome | null;
}

export const EMPTY_PLAN: PlanDocument = { goal: null, steps: [] };
export const MAX_STEPS = 60;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CONCEPT = /^[A-Za-z0-9_-]{1,40}$/;

type Obj = Record<string, unknown>;

function object(value: unknown, parameter: string, allowed: readonly string[]): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError('invalidInventory', { parameter, values: { expected: 'an object' } });
  for (const key of Object.keys(value))
    if (!allowed.includes(key))
      throw new InputError('unknownField', {
        parameter: parameter ? `${parameter}.${key}` : key,
        values: { allowed: allowed.join(', ') },
      });
  return value as Obj;
}

function text(value: unknown, parameter: string, max: number, required = false): string | null {
  if (value === undefined || value === null || value === '') {
    if (required) throw new InputError('required', { parameter });
    return null;
  }
  if (typeof value !== 'string') throw new InputError('textOnly', { parameter });
  const t = value.trim();
  if (t.length > max) throw new InputError('tooLong', { parameter, values: { max } });
  if (required && !t) throw new InputError('required', { parameter });
  return t || null;
}

function choice<T extends string>(value: unknown, parameter: string, allowed: readonly T[], fallback?: T): T {
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value as T))
    throw new InputError('invalidChoice', {
      parameter,
      values: { value: String(value).slice(0, 40), allowed: allowed.join(', ') },
    });
  return value as T;
}

function day(value: unknown, parameter: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new InputError('invalidChoice', {
      parameter,
      values: { value: String(value).slice(0, 40), allowed: 'a date YYYY-MM-DD' },
    });
  return value;
}

function list(value: unknown, parameter: string, max: number, pattern: RegExp): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new InputError('invalidInventory', { parameter, values: { expected: 'a list' } });
  if (value.length > max) throw new InputError('tooManyItems', { parameter, values: { max } });
  return value.map((v, i) => {
    if (typeof v !== 'string' || !pattern.test(v))
      throw new InputError('invalidConceptId', {
        parameter: `${parameter}[${i}]`,
        values: { value: String(v).slice(0, 40) },
      });
    return v;
  });
}

/** Checks a plan document whole; `today` fills a done step's missing doneOn. */
export function parsePlan(input: unknown, today: string): PlanDocument {
  const doc = object(input, '', ['goal', 'steps', 'outcome']);
  let outcome: PlanOutcome | null = null;
  if (doc.outcome !== undefined && doc.outcome !== null) {
    const o = object(doc.outcome, 'outcome', ['kind', 'from']);
    const from = day(o.from, 'outcome.from');
    if (!from) throw new InputError('required', { parameter: 'outcome.from' });
    outcome = { kind: choice(o.kind, 'outcome.kind', OUTCOME_KINDS), from };
  }
  let goal: PlanGoal | null = null;
  if (doc.goal !== undefined && doc.goal !== null) {
    const g = object(doc.goal, 'goal', ['kind', 'conceptId', 'label']);
    const conceptId = text(g.conceptId, 'goal.conceptId', 40);
    if (conceptId !== null && !CONCEPT.test(conceptId))
      throw new InputError('invalidConceptId', { parameter: 'goal.conceptId', values: { value: conceptId } });
    goal = {
      kind: choice(g.kind, 'goal.kind', GOAL_KINDS),
      conceptId,
      label: text(g.label, 'goal.label', 300, true) as string,
    };
  }
  const rawSteps = doc.steps ?? [];
  if (!Array.isArray(rawSteps))
    throw new InputError('invalidInventory', { parameter: 'steps', values: { expected: 'a list' } });
  if (rawSteps.length > MAX_STEPS)
    throw new InputError('tooManyItems', { parameter: 'steps', values: { max: MAX_STEPS } });
  const ids = new Set<string>();
  const steps = rawSteps.map((raw, i): PlanStep => {
    const p = `steps[${i}]`;
    const s = object(raw, p, [
      'id',
      'type',
      'title',
      'level',
      'owner',
      'start',
      'due',
      'status',
      'doneOn',
      'closes',
    ]);
    let id = text(s.id, `${p}.id`, 40) ?? randomUUID();
    if (!/^[A-Za-z0-9-]{1,40}$/.test(id))
      throw new InputError('invalidId', { parameter: `${p}.id`, values: { value: id.slice(0, 40) } });
    if (ids.has(id)) id = randomUUID();
    ids.add(id);
    const owner =
      s.owner === undefined || s.owner === null
        ? { kind: 'caseworker' as OwnerKind, name: null }
        : (() => {
            const o = object(s.owner, `${p}.owner`, ['kind', 'name']);
            return {
              kind: choice(o.kind, `${p}.owner.kind`, OWNER_KINDS),
              name: text(o.name, `${p}.owner.name`, 200),
            };
          })();
    if (owner.kind === 'partner' && !owner.name)
      throw new InputError('required', { parameter: `${p}.owner.name` });
    const start = day(s.start, `${p}.start`);
    const due = day(s.due, `${p}.due`);
    if (start && due && due < start)
      throw new InputError('invalidChoice', {
        parameter: `${p}.due`,
        values: { value: due, allowed: `a date on or after the start ${start}` },
      });
    const status = choice(s.status, `${p}.status`, STEP_STATUSES, 'planned');
    const closesRaw =
      s.closes === undefined || s.closes === null
        ? {}
        : object(s.closes, `${p}.closes`, ['gates', 'skills', 'factors']);
    const type = choice(s.type, `${p}.type`, STEP_TYPES);
    return {
      id,
      type,
      title: text(s.title, `${p}.title`, 300) ?? '',
      level: text(s.level, `${p}.level`, 40),
      owner,
      start,
      due,
      status,
      doneOn: status === 'done' ? (day(s.doneOn, `${p}.doneOn`) ?? today) : null,
      closes: {
        gates: list(closesRaw.gates, `${p}.closes.gates`, 10, /^[a-z-]{1,40}$/),
        skills: list(closesRaw.skills, `${p}.closes.skills`, 50, CONCEPT),
        factors: list(closesRaw.factors, `${p}.closes.factors`, 10, /^[a-z-]{1,40}$/),
      },
    };
  });
  // Only when set, so that documents without one stay as they were.
  return outcome ? { goal, steps, outcome } : { goal, steps };
}

/** A match's next steps as plan steps (planned, owned by whom usually does them), in one action. */
export function stepsFromNextSteps(next: readonly NextStep[]): PlanStep[] {
  return next.map((n): PlanStep => {
    const closes = {
      gates: [...n.closes.gates],
      skills: n.closes.skills.map((s) => s.id),
      factors: [...n.closes.factors],
    };
    const base = {
      id: randomUUID(),
      start: null,
      due: null,
      status: 'planned' as const,
      doneOn: null,
      closes,
    };
    switch (n.kind) {
      case 'swedish':
        return {
          ...base,
          type: 'sfi',
          title: '',
          level: n.variant === 'svenskaSomAndrasprak' ? 'sas' : null,
          owner: { kind: 'partner', name: n.variant === 'svenskaSomAndrasprak' ? 'Komvux' : 'Sfi' },
        };
      case 'validering':
        return {
          ...base,
          type: 'validation',
          title: '',
          level: null,
          owner: { kind: 'caseworker', name: null },
        };
      case 'drivingLicence':
        return {
          ...base,
          type: 'drivingLicence',
          title: '',
          level: n.variant,
          owner: { kind: 'person', name: null },
        };
      case 'course':
        return {
          ...base,
          type: 'course',
          title: '',
          level: n.variant,
          owner: {
            kind: 'partner',
            name:
              n.variant === 'arbetsmarknadsutbildning'
                ? 'Arbetsförmedlingen'
                : n.variant === 'yh'
                  ? 'Yrkeshögskolan'
                  : n.variant === 'hogskola'
                    ? 'Högskola'
                    : 'Komvux',
          },
        };
      default:
        return {
          ...base,
          type: 'praktik',
          title: '',
          level: null,
          owner: { kind: 'caseworker', name: null },
        };
    }
  });
}
