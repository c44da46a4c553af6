/**
 * The incentive ladder as data: levels, each with a rule over the person's plan events written in
 * json-logic (json-logic-js evaluates it; no code is configured), what the level needs in words, and
 * rewards. A rule only *proposes* a level; a case worker confirms it (ladder.service.ts).
 *
 * The facts a rule sees (`LADDER_FACTS`):
 *   inventory.done            the competence inventory has been recorded
 *   plan.made                 a plan with a goal or a step has been saved
 *   plan.steps                number of steps (not cancelled)
 *   done.<type>, done.total   steps done, by type (sfi, validation, praktik, course, drivingLicence, jobSearch, other)
 *   started.<type>            steps started or done, by type
 *   sfi.level                 the highest sfi course done (A–D as 1–4; 0: none)
 * and one operation: {"doneWithin": [90]} — the most steps done within any 90 days.
 * Examples: {">=": [{"var": "done.sfi"}, 1]}; {">=": [{"doneWithin": [90]}, 2]}.
 */
import jsonLogic from 'json-logic-js';
import { InputError } from '../../../errors/input-error.js';
import { type PlanDocument, STEP_TYPES } from './individual-plan.js';

export const REWARD_KINDS = ['certificate', 'meeting', 'benefit'] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

export interface LadderLevel {
  level: number;
  name: string;
  /** A json-logic rule over the facts above. */
  rule: unknown;
  /** What the level needs, in words, for the person (Swedish required; other languages optional). */
  needs: Record<string, string>;
  rewards: { kind: RewardKind; text: string | null }[];
}

export interface Ladder {
  levels: LadderLevel[];
}

export interface LadderFacts {
  inventory: { done: boolean };
  plan: { made: boolean; steps: number };
  done: Record<string, number>;
  started: Record<string, number>;
  sfi: { level: number };
  /** Days on which steps were done (for doneWithin). */
  doneDays: string[];
}

export const LADDER_FACTS = [
  'inventory.done',
  'plan.made',
  'plan.steps',
  'done.total',
  ...STEP_TYPES.map((t) => `done.${t}`),
  ...STEP_TYPES.map((t) => `started.${t}`),
  'sfi.level',
] as const;

const MAX_LEVELS = 20;
let current: LadderFacts | null = null;
// The one added operation reads the facts being evaluated (json-logic passes only its arguments).
jsonLogic.add_operation('doneWithin', (days: unknown) => {
  const n = Number(days);
  const times = (current?.doneDays ?? []).map((d) => Date.parse(`${d}T00:00:00Z`)).sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while ((times[j] as number) - (times[i] as number) >= n * 86_400_000) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
});

const SFI_LEVELS: Record<string, number> = { A: 1, B: 2, C: 3, D: 4 };

export function ladderFacts(plan: PlanDocument, inventoryDone: boolean): LadderFacts {
  const live = plan.steps.filter((s) => s.status !== 'cancelled');
  const done: Record<string, number> = { total: 0 };
  const started: Record<string, number> = {};
  for (const t of STEP_TYPES) {
    done[t] = 0;
    started[t] = 0;
  }
  let sfi = 0;
  for (const s of live) {
    if (s.status === 'done') {
      done[s.type] = (done[s.type] ?? 0) + 1;
      done.total = (done.total ?? 0) + 1;
      if (s.type === 'sfi') sfi = Math.max(sfi, SFI_LEVELS[(s.level ?? '').toUpperCase()] ?? 0);
    }
    if (s.status === 'done' || s.status === 'started') started[s.type] = (started[s.type] ?? 0) + 1;
  }
  return {
    inventory: { done: inventoryDone },
    plan: { made: plan.goal !== null || live.length > 0, steps: live.length },
    done,
    started,
    sfi: { level: sfi },
    doneDays: live.filter((s) => s.status === 'done' && s.doneOn).map((s) => s.doneOn as string),
  };
}

/** Whether the rule holds for the facts (a rule that fails to evaluate does not hold). */
export function ruleHolds(rule: unknown, facts: LadderFacts): boolean {
  current = facts;
  try {
    return Boolean(
      jsonLogic.apply(rule as jsonLogic.RulesLogic, facts as unknown as Record<string, unknown>),
    );
  } catch {
    return false;
  } finally {
    current = null;
  }
}

const SAMPLE = ladderFacts({ goal: null, steps: [] }, false);

function checkRule(rule: unknown, parameter: string): void {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule) || !jsonLogic.is_logic(rule))
    throw new InputError('invalidRule', {
      parameter,
      values: { detail: 'a json-logic object such as {">=": [{"var": "done.sfi"}, 1]}' },
    });
  if (JSON.stringify(rule).length > 4000)
    throw new InputError('invalidRule', { parameter, values: { detail: 'longer than 4,000 characters' } });
  for (const name of jsonLogic.uses_data(rule as Record<string, unknown>) as string[])
    if (!(LADDER_FACTS as readonly string[]).includes(name))
      throw new InputError('invalidRule', {
        parameter,
        values: { detail: `unknown fact "${String(name).slice(0, 40)}" (known: ${LADDER_FACTS.join(', ')})` },
      });
  current = SAMPLE;
  try {
    jsonLogic.apply(rule as jsonLogic.RulesLogic, SAMPLE as unknown as Record<string, unknown>);
  } catch (error) {
    throw new InputError('invalidRule', {
      parameter,
      values: { detail: String((error as Error).message).slice(0, 200) },
    });
  } finally {
    current = null;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function onlyKeys(value: Obj, parameter: string, allowed: readonly string[]) {
  for (const key of Object.keys(value))
    if (!allowed.includes(key))
      throw new InputError('unknownField', {
        parameter: parameter ? `${parameter}.${key}` : key,
        values: { allowed: allowed.join(', ') },
      });
}

/** Checks a ladder whole: levels 1…n in order, a valid rule each, a name and a Swedish "needs". */
export function parseLadder(input: unknown): Ladder {
  if (!isObj(input))
    throw new InputError('invalidInventory', { parameter: 'levels', values: { expected: 'an object' } });
  onlyKeys(input, '', ['levels', 'validFrom']);
  const levels = input.levels;
  if (!Array.isArray(levels) || levels.length === 0)
    throw new InputError('required', { parameter: 'levels' });
  if (levels.length > MAX_LEVELS)
    throw new InputError('tooManyItems', { parameter: 'levels', values: { max: MAX_LEVELS } });
  return {
    levels: levels.map((raw, i): LadderLevel => {
      const p = `levels[${i}]`;
      if (!isObj(raw))
        throw new InputError('invalidInventory', { parameter: p, values: { expected: 'an object' } });
      onlyKeys(raw, p, ['level', 'name', 'rule', 'needs', 'rewards']);
      if (raw.level !== i + 1)
        throw new InputError('invalidChoice', {
          parameter: `${p}.level`,
          values: { value: String(raw.level), allowed: String(i + 1) },
        });
      if (typeof raw.name !== 'string' || !raw.name.trim())
        throw new InputError('required', { parameter: `${p}.name` });
      if (raw.name.length > 100)
        throw new InputError('tooLong', { parameter: `${p}.name`, values: { max: 100 } });
      checkRule(raw.rule, `${p}.rule`);
      const needs: Record<string, string> = {};
      if (!isObj(raw.needs) || typeof raw.needs.sv !== 'string' || !raw.needs.sv.trim())
        throw new InputError('required', { parameter: `${p}.needs.sv` });
      for (const [lang, text] of Object.entries(raw.needs)) {
        if (!/^[a-z]{2,3}$/.test(lang) || typeof text !== 'string')
          throw new InputError('invalidChoice', {
            parameter: `${p}.needs.${lang.slice(0, 10)}`,
            values: { value: String(text).slice(0, 40), allowed: 'a text per language code' },
          });
        if (text.length > 500)
          throw new InputError('tooLong', { parameter: `${p}.needs.${lang}`, values: { max: 500 } });
        needs[lang] = text.trim();
      }
      const rewardsRaw = raw.rewards ?? [];
      if (!Array.isArray(rewardsRaw) || rewardsRaw.length > 10)
        throw new InputError('tooManyItems', { parameter: `${p}.rewards`, values: { max: 10 } });
      const rewards = rewardsRaw.map((r, j) => {
        const rp = `${p}.rewards[${j}]`;
        if (!isObj(r))
          throw new InputError('invalidInventory', { parameter: rp, values: { expected: 'an object' } });
        onlyKeys(r, rp, ['kind', 'text']);
        if (typeof r.kind !== 'string' || !(REWARD_KINDS as readonly string[]).includes(r.kind))
          throw new InputError('invalidChoice', {
            parameter: `${rp}.kind`,
            values: { value: String(r.kind).slice(0, 40), allowed: REWARD_KINDS.join(', ') },
          });
        if (r.text !== undefined && r.text !== null && (typeof r.text !== 'string' || r.text.length > 300))
          throw new InputError('tooLong', { parameter: `${rp}.text`, values: { max: 300 } });
        return { kind: r.kind as RewardKind, text: (r.text as string | undefined)?.trim() || null };
      });
      return { level: i + 1, name: raw.name.trim(), rule: raw.rule, needs, rewards };
    }),
  };
}

/** A starting ladder an organisation may save as it is (the example). */
export const EXAMPLE_LADDER: Ladder = {
  levels: [
    {
      level: 1,
      name: 'Kartlagd',
      rule: { var: 'inventory.done' },
      needs: { sv: 'Din kompetens är kartlagd.', en: 'Your competences have been recorded.' },
      rewards: [{ kind: 'certificate', text: null }],
    },
    {
      level: 2,
      name: 'Plan klar',
      rule: { var: 'plan.made' },
      needs: { sv: 'Du har en plan med ett mål.', en: 'You have a plan with a goal.' },
      rewards: [{ kind: 'meeting', text: 'Uppföljningssamtal' }],
    },
    {
      level: 3,
      name: 'Sfi-kurs klar',
      rule: { '>=': [{ var: 'done.sfi' }, 1] },
      needs: { sv: 'Du har klarat en sfi-kurs.', en: 'You have passed an sfi course.' },
      rewards: [{ kind: 'certificate', text: null }],
    },
    {
      level: 4,
      name: 'Praktik',
      rule: { '>=': [{ var: 'started.praktik' }, 1] },
      needs: { sv: 'Du har börjat en praktik.', en: 'You have started a work placement.' },
      rewards: [{ kind: 'certificate', text: null }],
    },
    {
      level: 5,
      name: 'Arbete/studier',
      rule: { '>=': [{ var: 'done.jobSearch' }, 1] },
      needs: {
        sv: 'Du har fått ett arbete eller börjat studera.',
        en: 'You have a job or have started studies.',
      },
      rewards: [{ kind: 'benefit', text: null }],
    },
  ],
};
