/** The caseload's rules on the day's edges: overdue before today, due soon from today to 14 days on, open steps only. */
import { describe, expect, it } from 'vitest';
import { caseloadRow, dueSteps, planState, summarise } from './caseload.js';
import { parsePlan } from './individual-plan.js';

const plan = parsePlan(
  {
    goal: { kind: 'occupation', label: 'Busschaufför' },
    steps: [
      { id: 'a', type: 'sfi', level: 'C', due: '2027-01-09', status: 'started' },
      { id: 'b', type: 'praktik', due: '2027-01-10' },
      { id: 'c', type: 'course', due: '2027-01-24' },
      { id: 'd', type: 'course', due: '2027-01-25' },
      { id: 'e', type: 'drivingLicence', due: '2026-12-01', status: 'done', doneOn: '2026-11-30' },
      { id: 'f', type: 'other', due: '2026-12-01', status: 'cancelled' },
      { id: 'g', type: 'jobSearch' },
    ],
  },
  '2027-01-10',
);

describe('the caseload', () => {
  it('counts a step overdue the day after its due day, due soon from its day to 14 days ahead', () => {
    const { overdue, dueSoon } = dueSteps(plan, '2027-01-10');
    expect(overdue.map((s) => s.id)).toEqual(['a']);
    expect(overdue[0]?.title).toBe('C');
    expect(dueSoon.map((s) => s.id)).toEqual(['b', 'c']);
  });

  it("says a plan's state: none, open, done", () => {
    expect(planState(null)).toBe('none');
    expect(planState({ goal: null, steps: [] })).toBe('none');
    expect(planState({ goal: plan.goal, steps: [] })).toBe('open');
    expect(planState(plan)).toBe('open');
    expect(planState({ goal: null, steps: plan.steps.filter((s) => ['e', 'f'].includes(s.id)) })).toBe(
      'done',
    );
  });

  it('sums rows into counts with no name or id in them', () => {
    const row = (personId: string, level: number, p: typeof plan | null, followUps: string[]) =>
      caseloadRow({
        personId,
        name: `Name ${personId}`,
        language: 'sv',
        plan: p,
        planVersion: p ? 1 : 0,
        level,
        followUps: followUps.map((on, i) => ({ id: `${personId}-${i}`, follow_up_on: on })),
        today: '2027-01-10',
      });
    const rows = [
      row('p1', 2, plan, ['2027-01-10', '2027-01-11']),
      row('p2', 0, null, []),
      row('p3', 2, plan, []),
    ];
    expect(rows[0]?.followUpsDue.map((f) => f.on)).toEqual(['2027-01-10']);
    const summary = summarise(rows);
    expect(summary).toEqual({
      people: 3,
      byLevel: { '0': 1, '2': 2 },
      byPlanState: { none: 1, open: 2, done: 0 },
      stepsOverdue: 2,
      peopleWithOverdue: 2,
      stepsDueSoon: 4,
      followUpsDue: 1,
    });
    expect(JSON.stringify(summary)).not.toMatch(/Name|p1/);
  });
});
