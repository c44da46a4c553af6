/**
 * Plan reminders: before a period's follow-up deadline — 28 days before for periods of a month or
 * longer, 7 days for shorter ones — and again on the day, an e-mail to everyone whose part of the
 * plan is not marked ready yet.
 *
 * - **Whose part**: a node's part is its own follow-up entry and those of its indicators and actions.
 *   It belongs to the reporters assigned to the node or to a node above it (`plan_node_reporter`,
 *   active users still holding plan.follow-up in the plan's organisation); a part nobody is assigned
 *   to belongs to the organisation's strategists, who report on the whole plan.
 * - **When**: each node has its own deadline (lower levels earlier, `deadlineOf`). A reminder is due
 *   from its day on until the deadline (a server that was down on the day catches up on its next
 *   run, and the text counts the days that are really left); the on-the-day one only on the day.
 * - **Once**: a reminder is recorded in `plan_reminder` (primary key plan, period, kind, recipient,
 *   where kind names the deadline: "before:2027-02-14", "due:2027-02-14") in the same transaction that
 *   queues its e-mail; a second instance (or a second run) inserting the same key gets a conflict
 *   and sends nothing. The outbox then sends the e-mail once (src/mail/mailer.ts).
 * - Only adopted plans are followed up. With e-mail off nothing is recorded, so the reminders go out
 *   once e-mail is set up, if still in time.
 */
import type { Kysely } from 'kysely';
import { GRANTS } from '../../accounts/roles.js';
import { isLocale, type Locale } from '../../i18n/locales.js';
import { reminderMail } from '../../mail/compose.js';
import type { Mailer } from '../../mail/mailer.js';
import type { Store } from '../../store/database.js';
import type { FollowupItemKind } from '../../store/plan-schema.js';
import type { PlanContents } from '../../store/repositories/plan.repository.js';
import type { Database } from '../../store/schema.js';
import {
  addDays,
  DEFAULT_DEADLINE_RULE,
  type DeadlineRule,
  deadlineOf,
  parsePeriod,
  periodsOfPlan,
} from './periods.js';

export type ReminderKind = 'before' | 'due';

export interface Recipient {
  userId: string;
  email: string;
  locale: string | null;
}

export interface PlannedReminder {
  period: string;
  kind: ReminderKind;
  deadline: string;
  daysLeft: number;
  recipient: Recipient;
  /** The pending parts: node code and title. */
  items: string[];
}

/** Days of warning before a deadline: 28 for periods of a month or longer, 7 for shorter ones. */
export function leadDays(periodStart: string, periodEnd: string): number {
  const days = (Date.parse(periodEnd) - Date.parse(periodStart)) / 86_400_000 + 1;
  return days >= 28 ? 28 : 7;
}

/** Today's date in Swedish time (the schedule's time zone), as YYYY-MM-DD. */
export function swedishDate(now: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * The reminders due `today` for one plan (pure: everything read beforehand).
 * `assigned`: node id → users assigned to it; `strategists`: who gets an unassigned part.
 */
export function plannedReminders(input: {
  contents: PlanContents;
  ready: ReadonlySet<string>;
  assigned: ReadonlyMap<number, Recipient[]>;
  strategists: Recipient[];
  today: string;
}): PlannedReminder[] {
  const { contents, ready, assigned, strategists, today } = input;
  const { plan, nodes } = contents;
  const rule: DeadlineRule = {
    ...DEFAULT_DEADLINE_RULE,
    ...(JSON.parse(plan.deadline_rule) as Partial<DeadlineRule>),
  };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = (id: number): number => {
    const parent = byId.get(id)?.parent_id;
    return parent == null ? 0 : 1 + depth(parent);
  };
  const owners = (id: number): Recipient[] => {
    const found = new Map<string, Recipient>();
    for (let n = byId.get(id); n; n = n.parent_id == null ? undefined : byId.get(n.parent_id))
      for (const r of assigned.get(n.id) ?? []) found.set(r.userId, r);
    return found.size ? [...found.values()] : strategists;
  };
  const itemsOf = (nodeId: number): [FollowupItemKind, number][] => [
    ['node', nodeId],
    ...contents.indicators
      .filter((i) => i.node_id === nodeId)
      .map((i): [FollowupItemKind, number] => ['indicator', i.id]),
    ...contents.actions
      .filter((a) => a.node_id === nodeId)
      .map((a): [FollowupItemKind, number] => ['action', a.id]),
  ];
  const out = new Map<string, PlannedReminder>();
  for (const label of periodsOfPlan(plan.period_kind, plan.period_from, plan.period_to)) {
    const period = parsePeriod(plan.period_kind, label);
    if (!period) continue;
    const lead = leadDays(period.start, period.end);
    // Quick skip: a period's deadlines lie between its end (the deepest level) and the top level's.
    if (today > deadlineOf(period, rule, 0) || today < addDays(period.end, -lead)) continue;
    for (const node of nodes) {
      const deadline = deadlineOf(period, rule, depth(node.id));
      const kind: ReminderKind | null =
        today === deadline ? 'due' : today < deadline && addDays(deadline, -lead) <= today ? 'before' : null;
      if (!kind) continue;
      if (itemsOf(node.id).every(([k, id]) => ready.has(`${k}:${id}:${label}`))) continue;
      for (const recipient of owners(node.id)) {
        const key = `${label}\0${kind}\0${deadline}\0${recipient.userId}`;
        const entry =
          out.get(key) ??
          ({
            period: label,
            kind,
            deadline,
            daysLeft: daysBetween(today, deadline),
            recipient,
            items: [],
          } as PlannedReminder);
        entry.items.push(node.code ? `${node.code} ${node.title}` : node.title);
        out.set(key, entry);
      }
    }
  }
  return [...out.values()];
}

export interface ReminderRunResult {
  /** E-mails queued by this run. */
  queued: number;
  /** Reminders another run or instance had sent already. */
  already: number;
  /** True when e-mail is off (nothing was recorded). */
  mailOff: boolean;
}

/** Active users who hold plan.follow-up in the organisation (and their role). */
async function members(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select(['app_user.id', 'app_user.email', 'app_user.locale', 'membership.role'])
    .where('membership.organisation_id', '=', organisationId)
    .where('app_user.status', '=', 'active')
    .execute();
}

/**
 * Finds the reminders due today in every adopted plan, records each and queues its e-mail (one
 * transaction per reminder), then starts a delivery round. Safe to run any number of times and in
 * several instances at once.
 */
export async function sendPlanReminders(input: {
  store: Store;
  mailer: Mailer;
  baseUrl: string;
  now?: Date;
}): Promise<ReminderRunResult> {
  const { store, mailer } = input;
  const result: ReminderRunResult = { queued: 0, already: 0, mailOff: !mailer.enabled };
  if (!mailer.enabled) return result;
  const now = input.now ?? new Date();
  const today = swedishDate(now);
  const db = store.db;
  const repository = store.repositories.plans;
  const plans = await db
    .selectFrom('plan')
    .select('id')
    .where('status', '=', 'adopted')
    .orderBy('id')
    .execute();
  for (const { id } of plans) {
    const contents = await repository.contents(id);
    if (!contents) continue;
    const people = await members(db, contents.plan.organisation_id);
    const reporters = new Map(
      people
        .filter((p) => GRANTS[p.role as keyof typeof GRANTS]?.includes('plan.follow-up'))
        .map((p) => [p.id, { userId: p.id, email: p.email, locale: p.locale }]),
    );
    const assigned = new Map<number, Recipient[]>();
    for (const a of await repository.reporters(id)) {
      const r = reporters.get(a.user_id);
      if (r) assigned.set(a.node_id, [...(assigned.get(a.node_id) ?? []), r]);
    }
    const strategists = people
      .filter((p) => p.role === 'strategist')
      .map((p) => ({ userId: p.id, email: p.email, locale: p.locale }));
    const ready = new Set(
      (await repository.followups(id))
        .filter((f) => f.state === 'ready' || f.state === 'approved')
        .map((f) => `${f.item_kind}:${f.item_id}:${f.period}`),
    );
    const planned = plannedReminders({ contents, ready, assigned, strategists, today });
    for (const reminder of planned) {
      const locale: Locale = isLocale(reminder.recipient.locale) ? reminder.recipient.locale : 'sv';
      const inserted = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('plan_reminder')
          .values({
            plan_id: id,
            period: reminder.period,
            kind: `${reminder.kind}:${reminder.deadline}`,
            recipient: reminder.recipient.email,
            sent_at: now.toISOString(),
          })
          .onConflict((oc) => oc.doNothing())
          .returning('plan_id')
          .executeTakeFirst();
        // No row: this reminder was recorded already (another run, or another instance just now).
        if (!row) return false;
        await mailer.enqueue(
          reminderMail(locale, {
            to: reminder.recipient.email,
            plan: contents.plan.title,
            period: reminder.period,
            deadline: reminder.deadline,
            daysLeft: reminder.daysLeft,
            items: reminder.items,
            link: `${input.baseUrl}/plan/${id}/rapportera?period=${encodeURIComponent(reminder.period)}`,
          }),
          trx,
        );
        return true;
      });
      if (inserted) result.queued++;
      else result.already++;
    }
  }
  if (result.queued) mailer.kick();
  return result;
}
