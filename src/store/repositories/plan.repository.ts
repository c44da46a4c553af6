/**
 * SQL for the Plan module: plans and their versions, the node tree, indicators with targets and own
 * values, actions, follow-up entries with their change history. Reads return whole plans in a few
 * queries (one per table) that the domain assembles into a tree.
 */
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type {
  FollowupItemKind,
  PlanActionTable,
  PlanFollowupTable,
  PlanIndicatorTable,
  PlanIndicatorTargetTable,
  PlanIndicatorValueTable,
  PlanNodeReporterTable,
  PlanNodeTable,
  PlanTable,
  PlanVerdictLevelTable,
} from '../plan-schema.js';
import type { Database } from '../schema.js';

export type PlanRow = Selectable<PlanTable>;
export type VerdictLevelRow = Selectable<PlanVerdictLevelTable>;
export type NodeRow = Selectable<PlanNodeTable>;
export type IndicatorRow = Selectable<PlanIndicatorTable>;
export type TargetRow = Selectable<PlanIndicatorTargetTable>;
export type OwnValueRow = Selectable<PlanIndicatorValueTable>;
export type ActionRow = Selectable<PlanActionTable>;
export type FollowupRow = Selectable<PlanFollowupTable>;
export type ReporterRow = Selectable<PlanNodeReporterTable>;

export interface PlanContents {
  plan: PlanRow;
  levels: VerdictLevelRow[];
  nodes: NodeRow[];
  indicators: IndicatorRow[];
  targets: TargetRow[];
  ownValues: OwnValueRow[];
  actions: ActionRow[];
}

type Db = Kysely<Database> | Transaction<Database>;

export class PlanRepository {
  constructor(private readonly db: Db) {}

  /** Runs `work` in one transaction: a plan is written whole or not at all. */
  transaction<T>(work: (repo: PlanRepository) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this);
    return (this.db as Kysely<Database>).transaction().execute((trx) => work(new PlanRepository(trx)));
  }

  async insertPlan(row: Insertable<PlanTable>): Promise<number> {
    const r = await this.db.insertInto('plan').values(row).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  }

  async insertVerdictLevels(rows: Insertable<PlanVerdictLevelTable>[]): Promise<void> {
    if (rows.length) await this.db.insertInto('plan_verdict_level').values(rows).execute();
  }

  async insertNode(row: Insertable<PlanNodeTable>): Promise<number> {
    const r = await this.db.insertInto('plan_node').values(row).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  }

  async insertIndicator(row: Insertable<PlanIndicatorTable>): Promise<number> {
    const r = await this.db
      .insertInto('plan_indicator')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  async insertTargets(rows: Insertable<PlanIndicatorTargetTable>[]): Promise<void> {
    if (rows.length) await this.db.insertInto('plan_indicator_target').values(rows).execute();
  }

  /** Own measures' values: a value already stored for the indicator, period and gender is replaced. */
  async upsertOwnValues(rows: Insertable<PlanIndicatorValueTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('plan_indicator_value')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(['indicator_id', 'period', 'gender']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            changed_at: eb.ref('excluded.changed_at'),
            changed_by: eb.ref('excluded.changed_by'),
          })),
        )
        .execute();
    }
  }

  async insertAction(row: Insertable<PlanActionTable>): Promise<number> {
    const r = await this.db.insertInto('plan_action').values(row).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  }

  async maxVersion(lineage: string): Promise<number> {
    const r = await this.db
      .selectFrom('plan')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('lineage', '=', lineage)
      .executeTakeFirst();
    return Number(r?.v ?? 0);
  }

  async setStatus(id: number, status: PlanTable['status'], adoptedAt?: string): Promise<void> {
    await this.db
      .updateTable('plan')
      .set(adoptedAt ? { status, adopted_at: adoptedAt } : { status })
      .where('id', '=', id)
      .execute();
  }

  async supersedeAdopted(lineage: string, except: number): Promise<void> {
    await this.db
      .updateTable('plan')
      .set({ status: 'superseded' })
      .where('lineage', '=', lineage)
      .where('status', '=', 'adopted')
      .where('id', '!=', except)
      .execute();
  }

  /** Plans of the given organisations (every plan when `organisations` is undefined), newest first. */
  async plans(organisations?: readonly string[]): Promise<PlanRow[]> {
    if (organisations && organisations.length === 0) return [];
    let q = this.db
      .selectFrom('plan')
      .selectAll()
      .orderBy('organisation_id')
      .orderBy('lineage')
      .orderBy('version', 'desc');
    if (organisations) q = q.where('organisation_id', 'in', organisations);
    return q.execute();
  }

  async plan(id: number): Promise<PlanRow | undefined> {
    return this.db.selectFrom('plan').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async contents(id: number): Promise<PlanContents | undefined> {
    const plan = await this.plan(id);
    if (!plan) return undefined;
    const [levels, nodes, indicators, targets, ownValues, actions] = await Promise.all([
      this.db
        .selectFrom('plan_verdict_level')
        .selectAll()
        .where('plan_id', '=', id)
        .orderBy('position')
        .execute(),
      this.db.selectFrom('plan_node').selectAll().where('plan_id', '=', id).orderBy('position').execute(),
      this.db
        .selectFrom('plan_indicator')
        .selectAll()
        .where('plan_id', '=', id)
        .orderBy('position')
        .execute(),
      this.db
        .selectFrom('plan_indicator_target as t')
        .innerJoin('plan_indicator as i', 'i.id', 't.indicator_id')
        .select(['t.indicator_id', 't.period', 't.value'])
        .where('i.plan_id', '=', id)
        .orderBy('t.indicator_id')
        .orderBy('t.period')
        .execute(),
      this.db
        .selectFrom('plan_indicator_value as v')
        .innerJoin('plan_indicator as i', 'i.id', 'v.indicator_id')
        .select(['v.indicator_id', 'v.period', 'v.gender', 'v.value', 'v.changed_at', 'v.changed_by'])
        .where('i.plan_id', '=', id)
        .orderBy('v.indicator_id')
        .orderBy('v.period')
        .execute(),
      this.db.selectFrom('plan_action').selectAll().where('plan_id', '=', id).orderBy('position').execute(),
    ]);
    // integer and double precision columns come back as JS numbers from both drivers.
    return { plan, levels, nodes, indicators, targets, ownValues, actions };
  }

  async indicator(id: number): Promise<IndicatorRow | undefined> {
    return this.db.selectFrom('plan_indicator').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Follow-up entries of a plan, for one period or all. */
  async followups(planId: number, period?: string): Promise<FollowupRow[]> {
    let q = this.db.selectFrom('plan_followup').selectAll().where('plan_id', '=', planId);
    if (period !== undefined) q = q.where('period', '=', period);
    return q.orderBy('period').orderBy('item_kind').orderBy('item_id').execute();
  }

  async followup(
    planId: number,
    kind: FollowupItemKind,
    itemId: number,
    period: string,
  ): Promise<FollowupRow | undefined> {
    return this.db
      .selectFrom('plan_followup')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('item_kind', '=', kind)
      .where('item_id', '=', itemId)
      .where('period', '=', period)
      .executeTakeFirst();
  }

  /** Writes a follow-up entry and records the change (before/after) beside it. */
  async saveFollowup(row: FollowupRow, before: FollowupRow | undefined): Promise<void> {
    await this.db
      .insertInto('plan_followup')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['plan_id', 'item_kind', 'item_id', 'period']).doUpdateSet({
          verdict: row.verdict,
          action_status: row.action_status,
          progress: row.progress,
          trend_override: row.trend_override,
          override_reason: row.override_reason,
          comment: row.comment,
          state: row.state,
          updated_by: row.updated_by,
          updated_at: row.updated_at,
          ready_by: row.ready_by,
          ready_at: row.ready_at,
          approved_by: row.approved_by,
          approved_at: row.approved_at,
        }),
      )
      .execute();
    await this.db
      .insertInto('plan_followup_change')
      .values({
        plan_id: row.plan_id,
        item_kind: row.item_kind,
        item_id: row.item_id,
        period: row.period,
        changed_by: row.updated_by,
        changed_at: row.updated_at,
        before: before ? JSON.stringify(before) : null,
        after: JSON.stringify(row),
      })
      .execute();
  }

  async followupChanges(planId: number): Promise<
    {
      item_kind: string;
      item_id: number;
      period: string;
      changed_by: string;
      changed_at: string;
      before: string | null;
      after: string;
    }[]
  > {
    return this.db
      .selectFrom('plan_followup_change')
      .select(['item_kind', 'item_id', 'period', 'changed_by', 'changed_at', 'before', 'after'])
      .where('plan_id', '=', planId)
      .orderBy('id')
      .execute();
  }

  // Editing the structure of a draft (the domain checks that the plan is a draft).

  async updateNode(
    id: number,
    changes: Partial<Pick<NodeRow, 'code' | 'type' | 'title' | 'description' | 'responsible'>>,
  ): Promise<void> {
    await this.db.updateTable('plan_node').set(changes).where('id', '=', id).execute();
  }

  async updateIndicator(
    id: number,
    changes: Partial<Omit<IndicatorRow, 'id' | 'plan_id' | 'node_id' | 'lineage' | 'position'>>,
  ): Promise<void> {
    await this.db.updateTable('plan_indicator').set(changes).where('id', '=', id).execute();
  }

  async replaceTargets(indicatorId: number, rows: Insertable<PlanIndicatorTargetTable>[]): Promise<void> {
    await this.db.deleteFrom('plan_indicator_target').where('indicator_id', '=', indicatorId).execute();
    await this.insertTargets(rows);
  }

  async setPosition(table: 'plan_node' | 'plan_indicator' | 'plan_action', id: number, position: number) {
    await this.db.updateTable(table).set({ position }).where('id', '=', id).execute();
  }

  /** Deletes a node with everything below it (the foreign keys cascade to indicators, actions, reporters). */
  async deleteNode(planId: number, id: number): Promise<void> {
    const ids = [id];
    const nodes = await this.db
      .selectFrom('plan_node')
      .select(['id', 'parent_id'])
      .where('plan_id', '=', planId)
      .execute();
    for (let i = 0; i < ids.length; i++) for (const n of nodes) if (n.parent_id === ids[i]) ids.push(n.id);
    await this.db
      .deleteFrom('plan_followup')
      .where('plan_id', '=', planId)
      .where('item_kind', '=', 'node')
      .where('item_id', 'in', ids)
      .execute();
    // Deepest first, so no row is left pointing at a deleted parent on either backend.
    for (const nodeId of ids.reverse()) {
      await this.db.deleteFrom('plan_indicator').where('node_id', '=', nodeId).execute();
      await this.db.deleteFrom('plan_action').where('node_id', '=', nodeId).execute();
      await this.db.deleteFrom('plan_node_reporter').where('node_id', '=', nodeId).execute();
      await this.db.deleteFrom('plan_node').where('id', '=', nodeId).execute();
    }
  }

  async deleteItem(table: 'plan_indicator' | 'plan_action', planId: number, id: number): Promise<void> {
    await this.db
      .deleteFrom('plan_followup')
      .where('plan_id', '=', planId)
      .where('item_kind', '=', table === 'plan_indicator' ? 'indicator' : 'action')
      .where('item_id', '=', id)
      .execute();
    await this.db.deleteFrom(table).where('id', '=', id).where('plan_id', '=', planId).execute();
  }

  async setPublic(planId: number, isPublic: boolean): Promise<void> {
    await this.db
      .updateTable('plan')
      .set({ is_public: isPublic ? 1 : 0 })
      .where('id', '=', planId)
      .execute();
  }

  /** Every published plan that is not superseded (the public site's list). */
  async publicPlans(): Promise<PlanRow[]> {
    return this.db
      .selectFrom('plan')
      .selectAll()
      .where('is_public', '=', 1)
      .where('status', '!=', 'superseded')
      .orderBy('title')
      .execute();
  }

  /** Plans published for anyone to read (the public follow-up site). */
  async publicPlan(id: number): Promise<PlanRow | undefined> {
    return this.db
      .selectFrom('plan')
      .selectAll()
      .where('id', '=', id)
      .where('is_public', '=', 1)
      .executeTakeFirst();
  }

  // Reporters assigned to nodes.

  async reporters(planId: number): Promise<(ReporterRow & { email: string })[]> {
    return this.db
      .selectFrom('plan_node_reporter as r')
      .innerJoin('app_user as u', 'u.id', 'r.user_id')
      .selectAll('r')
      .select('u.email')
      .where('r.plan_id', '=', planId)
      .orderBy('r.node_id')
      .orderBy('u.email')
      .execute();
  }

  async reporterNodes(planId: number, userId: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom('plan_node_reporter')
      .select('node_id')
      .where('plan_id', '=', planId)
      .where('user_id', '=', userId)
      .execute();
    return rows.map((r) => r.node_id);
  }

  async assignReporter(row: ReporterRow): Promise<void> {
    await this.db
      .insertInto('plan_node_reporter')
      .values(row)
      .onConflict((oc) => oc.columns(['node_id', 'user_id']).doNothing())
      .execute();
  }

  async unassignReporter(nodeId: number, userId: string): Promise<void> {
    await this.db
      .deleteFrom('plan_node_reporter')
      .where('node_id', '=', nodeId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** Members of an organisation who may report (for the editor's choice of reporter). */
  async organisationMembers(organisationId: string): Promise<{ id: string; email: string; role: string }[]> {
    return this.db
      .selectFrom('membership as m')
      .innerJoin('app_user as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.email', 'm.role'])
      .where('m.organisation_id', '=', organisationId)
      .where('u.status', '!=', 'disabled')
      .orderBy('u.email')
      .execute();
  }

  async knownKpis(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.selectFrom('kpi').select('id').where('id', 'in', ids).execute();
    return new Set(rows.map((r) => r.id));
  }

  async knownMunicipalities(ids: readonly string[]): Promise<{ known: Set<string>; any: boolean }> {
    const any = (await this.db.selectFrom('municipality').select('id').limit(1).execute()).length > 0;
    if (ids.length === 0) return { known: new Set(), any };
    const rows = await this.db.selectFrom('municipality').select('id').where('id', 'in', ids).execute();
    return { known: new Set(rows.map((r) => r.id)), any };
  }
}
