/**
 * An adopted yearly plan (2025–2027, deadlines 45 days after the year, 7 days earlier per level) for
 * the reminder tests: "1 Arbete" assigned to the reporter rapport@lulea.se, with "1.1 Fler i arbete"
 * and its indicator below it; "2 Språk" with an action, assigned to nobody. Needs seedAccounts first.
 */
import { AccountService } from '../../src/accounts/account.service.js';
import type { Store } from '../../src/store/database.js';
import { PlanRepository } from '../../src/store/repositories/plan.repository.js';
import { PASSWORD } from './accounts.js';

export async function seedReminderPlan(store: Store) {
  const repo = new PlanRepository(store.db);
  const planId = await repo.insertPlan({
    organisation_id: '2580',
    lineage: 'p',
    version: 1,
    status: 'adopted',
    title: 'Integrationsprogram',
    municipality_id: '2580',
    vision: null,
    decision: null,
    source: null,
    period_kind: 'ar',
    period_from: 2025,
    period_to: 2027,
    deadline_rule: JSON.stringify({ after_days: 45, earlier_per_level_days: 7 }),
    is_public: 0,
    created_at: '2025-01-01T00:00:00Z',
    adopted_at: '2025-01-01T00:00:00Z',
  });
  const node = (code: string, title: string, parent: number | null, position: number) =>
    repo.insertNode({
      plan_id: planId,
      parent_id: parent,
      lineage: `n${code}`,
      position,
      code,
      type: parent ? 'mal' : 'malomrade',
      title,
      description: null,
      responsible: null,
    });
  const work = await node('1', 'Arbete', null, 1);
  const workGoal = await node('1.1', 'Fler i arbete', work, 2);
  const language = await node('2', 'Språk', null, 3);
  const indicator = await repo.insertIndicator({
    plan_id: planId,
    node_id: workGoal,
    lineage: 'i1',
    position: 1,
    code: '1.1.a',
    title: 'Andel i arbete',
    direction: 'higher',
    unit: null,
    kpi_id: null,
    municipality_id: null,
    gender: null,
    baseline_period: null,
    baseline_value: null,
    trend_method: 'last_two',
    trend_from: null,
    compare_with: null,
    compare_group: null,
    published: null,
  });
  await repo.insertAction({
    plan_id: planId,
    node_id: language,
    lineage: 'a1',
    position: 1,
    code: '2.a',
    title: 'Språkcafé',
    responsible: null,
    start: null,
    due: null,
    status: 'paborjad',
    progress: null,
    origin: null,
  });
  // The reporter is assigned to "Arbete" and so reports on everything below it; "Språk" is nobody's.
  const accounts = new AccountService(store.repositories);
  const { user } = await accounts.addUser(null, {
    email: 'rapport@lulea.se',
    organisationId: '2580',
    role: 'reporter',
    password: PASSWORD,
  });
  await repo.assignReporter({
    plan_id: planId,
    node_id: work,
    user_id: user.id,
    assigned_by: 'test',
    assigned_at: '2025-01-01T00:00:00Z',
  });
  return { planId, work, workGoal, language, indicator };
}
