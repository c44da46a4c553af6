/**
 * A small world for the Dialogue tests and benchmark: organisations 2580 (Luleå) and 1280 (Malmö), a
 * strategist in each with an API token, and Luleå's adopted plan with two goal areas and two actions.
 */
import { AccountService } from '../../src/accounts/account.service.js';
import { TokenService } from '../../src/accounts/token.service.js';
import type { Store } from '../../src/store/database.js';
import { PlanRepository } from '../../src/store/repositories/plan.repository.js';
import { PASSWORD } from './accounts.js';

export interface DialogueWorld {
  planId: number;
  areas: { work: number; language: number };
  actions: { cafe: number; mentors: number };
  /** Authorization headers of Luleå's and Malmö's strategists. */
  lulea: { authorization: string };
  malmo: { authorization: string };
}

export async function seedDialogueWorld(store: Store): Promise<DialogueWorld> {
  const accounts = new AccountService(store.repositories);
  const tokens = new TokenService(store.repositories);
  const headers: Record<string, { authorization: string }> = {};
  for (const [org, email] of [
    ['2580', 'strateg@lulea.se'],
    ['1280', 'strateg@malmo.se'],
  ] as const) {
    await accounts.addOrganisation(null, { id: org });
    await accounts.addUser(null, { email, organisationId: org, role: 'strategist', password: PASSWORD });
    const { token } = await tokens.create(null, { email, lifetimeMs: null });
    headers[org] = { authorization: `Bearer ${token}` };
  }
  const repo = new PlanRepository(store.db);
  const planId = await repo.insertPlan({
    organisation_id: '2580',
    lineage: 'dialog-plan',
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
    is_public: 1,
    created_at: '2025-01-01T00:00:00Z',
    adopted_at: '2025-01-01T00:00:00Z',
  });
  const node = (code: string, title: string, position: number) =>
    repo.insertNode({
      plan_id: planId,
      parent_id: null,
      lineage: `n${code}`,
      position,
      code,
      type: 'malomrade',
      title,
      description: null,
      responsible: null,
    });
  const work = await node('1', 'Arbete', 1);
  const language = await node('2', 'Språk', 2);
  const action = (code: string, title: string, nodeId: number, position: number) =>
    repo.insertAction({
      plan_id: planId,
      node_id: nodeId,
      lineage: `a${code}`,
      position,
      code,
      title,
      responsible: null,
      start: null,
      due: null,
      status: 'ej_paborjad',
      progress: null,
      origin: null,
    });
  const cafe = await action('2.a', 'Språkcafé på biblioteket', language, 1);
  const mentors = await action('1.a', 'Mentorer på arbetsplatser', work, 2);
  return {
    planId,
    areas: { work, language },
    actions: { cafe, mentors },
    lulea: headers['2580']!,
    malmo: headers['1280']!,
  };
}
