/**
 * What part of a plan an actor reports on, over a real store (both backends): a strategist the whole
 * plan; a reporter the nodes assigned to them and everything below, with the indicators and actions
 * that hang there; a reporter of another organisation, or one with no assignment, nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../../../test/support/accounts.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { AccountService } from '../../accounts/account.service.js';
import type { Actor } from '../../accounts/actor.js';
import type { Role } from '../../accounts/roles.js';
import { type PlanContents, PlanRepository, type PlanRow } from '../../store/repositories/plan.repository.js';
import { importPlanFile } from './plan.service.js';
import {
  assertInScope,
  descendantsOf,
  inScope,
  nodeOfItem,
  OutsideScopeError,
  reportScope,
} from './report-scope.js';

const PLAN = `plan:
  title: "Räckvidd (test)"
  organisation: "1282"
  periods: {kind: ar, from: 2020, to: 2022}
  nodes:
    - code: "A"
      type: malomrade
      title: "Arbete"
      children:
        - code: "A.1"
          type: mal
          title: "Fler i arbete"
          children:
            - code: "A.1.1"
              type: delmal
              title: "Fler kvinnor i arbete"
              indicators:
                - {code: "A.1.1.a", title: "Kvinnor i arbete", direction: higher, unit: antal, values: {T: {2020: 1, 2021: 2}}}
              actions:
                - {title: "Mentorer", responsible: "AMF", start: "2021-01-01", due: "2022-12-31", status: paborjad}
        - code: "A.2"
          type: mal
          title: "Fler i studier"
          indicators:
            - {code: "A.2.a", title: "I studier", direction: higher, unit: antal, values: {T: {2020: 3, 2021: 4}}}
    - code: "B"
      type: malomrade
      title: "Bostad"
`;

const actor = (userId: string | null, organisationId: string, role: Role): Actor => ({
  userId,
  label: userId ?? 'admin-token',
  via: 'session',
  memberships: [{ organisationId, role }],
  global: [],
});

for (const dialect of DIALECTS) {
  describe(`report scope (${dialect})`, () => {
    let temp: TempStore;
    let repo: PlanRepository;
    let plan: PlanRow;
    let contents: PlanContents;
    const node: Record<string, number> = {};
    let reporterId: string;
    let idleReporterId: string;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      repo = new PlanRepository(temp.store.db);
      const planId = await importPlanFile(repo, PLAN, 'plan.yaml');
      plan = (await repo.plan(planId))!;
      contents = (await repo.contents(planId))!;
      for (const n of contents.nodes) node[n.code!] = n.id;
      const accounts = new AccountService(temp.store.repositories);
      await accounts.addOrganisation(null, { id: '1282', name: 'Landskrona stad' });
      const userId = async (email: string) =>
        (
          await temp.store.db
            .selectFrom('app_user')
            .select('id')
            .where('email', '=', email)
            .executeTakeFirstOrThrow()
        ).id;
      for (const email of ['rapportor@landskrona.se', 'ledig@landskrona.se'])
        await accounts.addUser(null, { email, organisationId: '1282', role: 'reporter', password: PASSWORD });
      reporterId = await userId('rapportor@landskrona.se');
      idleReporterId = await userId('ledig@landskrona.se');
      await repo.assignReporter({
        plan_id: planId,
        node_id: node['A.1']!,
        user_id: reporterId,
        assigned_by: 'test',
        assigned_at: '2026-12-02T00:00:00Z',
      });
    });
    afterAll(() => temp?.destroy());

    it('gives a strategist the whole plan', async () => {
      const scope = await reportScope(repo, actor('s', '1282', 'strategist'), plan, contents);
      expect(scope.all).toBe(true);
      expect([...scope.nodeIds].sort()).toEqual(contents.nodes.map((n) => n.id).sort());
    });

    it('gives a reporter their node and everything below it, nothing beside or above', async () => {
      const scope = await reportScope(repo, actor(reporterId, '1282', 'reporter'), plan, contents);
      expect(scope.all).toBe(false);
      expect([...scope.nodeIds].sort()).toEqual([node['A.1']!, node['A.1.1']!].sort());
      const indicator = (code: string) => contents.indicators.find((i) => i.code === code)!.id;
      expect(inScope(scope, contents, 'indicator', indicator('A.1.1.a'))).toBe(true);
      expect(inScope(scope, contents, 'action', contents.actions[0]!.id)).toBe(true);
      expect(inScope(scope, contents, 'indicator', indicator('A.2.a'))).toBe(false);
      expect(inScope(scope, contents, 'node', node.A!)).toBe(false);
      expect(inScope(scope, contents, 'node', node.B!)).toBe(false);
      expect(inScope(scope, contents, 'node', 999_999)).toBe(false);
    });

    it('gives nothing to a reporter without assignment, of another organisation, or without a user', async () => {
      for (const who of [
        actor(idleReporterId, '1282', 'reporter'),
        actor(reporterId, '1280', 'reporter'),
        actor(null, '1282', 'reporter'),
      ]) {
        const scope = await reportScope(repo, who, plan, contents);
        expect(scope).toEqual({ all: false, nodeIds: new Set() });
      }
    });

    it('finds the node an item hangs on, and descendants in any depth', () => {
      const action = contents.actions[0]!;
      expect(nodeOfItem(contents, 'action', action.id)).toBe(node['A.1.1']);
      expect(nodeOfItem(contents, 'node', node.B!)).toBe(node.B);
      expect(nodeOfItem(contents, 'node', 999_999)).toBeNull();
      expect(nodeOfItem(contents, 'indicator', 999_999)).toBeNull();
      // Indicators and actions are looked up each in their own list: an indicator's id is no action's.
      const actionIds = new Set(contents.actions.map((x) => x.id));
      const onlyIndicator = contents.indicators.find((i) => !actionIds.has(i.id))!;
      expect(nodeOfItem(contents, 'indicator', onlyIndicator.id)).toBe(onlyIndicator.node_id);
      expect(nodeOfItem(contents, 'action', onlyIndicator.id)).toBeNull();
      expect([...descendantsOf(contents, [node.A!])].sort()).toEqual(
        [node.A!, node['A.1']!, node['A.1.1']!, node['A.2']!].sort(),
      );
      expect([...descendantsOf(contents, [])]).toEqual([]);
      // Whatever order the nodes come in (a child before its parent after moves), all are found.
      const reversed = { ...contents, nodes: [...contents.nodes].reverse() };
      expect([...descendantsOf(reversed, [node.A!])].sort()).toEqual(
        [node.A!, node['A.1']!, node['A.1.1']!, node['A.2']!].sort(),
      );
    });

    it('refuses a write outside the scope with a 403 that names the item', async () => {
      const reporter = actor(reporterId, '1282', 'reporter');
      await expect(assertInScope(repo, reporter, plan, 'node', node['A.1.1']!)).resolves.toBeUndefined();
      const refused = await assertInScope(repo, reporter, plan, 'node', node.B!).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(OutsideScopeError);
      expect(refused).toMatchObject({ statusCode: 403, name: 'OutsideScopeError' });
      expect((refused as Error).message).toBe(
        `node ${node.B} is not part of what you report on (ask a strategist to assign it to you)`,
      );
      // An item the plan does not have is left to the follow-up checks.
      await expect(assertInScope(repo, reporter, plan, 'indicator', 999_999)).resolves.toBeUndefined();
    });
  });
}
