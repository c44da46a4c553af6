/**
 * Erasure and retention. Erasing a person removes every row of theirs from the live database in one
 * transaction; the audit log (append-only) gains one entry that an erasure happened, naming the person
 * only by their audit reference, which after the erasure links to nobody. The retention run erases
 * the people whose case closed longer ago than their organisation's retention period (default 2 years)
 * or, where the organisation chose so, pseudonymises them: the same erasure, after writing the
 * person's outcomes (months and kinds only) under a random subject id into `person_outcome`, so that
 * the organisation's own KPIs keep counting them while nothing leads back to the person.
 */
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { Transaction } from 'kysely';
import { type Actor, NotFoundError } from '../../../accounts/actor.js';
import { AuditLog } from '../../../accounts/audit-log.js';
import { SCHEDULE_TIMEZONE } from '../../../app-start/sync-schedule.js';
import type { Store } from '../../../store/database.js';
import type { OutcomeEvent, RetentionAction } from '../../../store/process-schema.js';
import { DEFAULT_RETENTION_DAYS } from '../../../store/repositories/people.repository.js';
import type { Database } from '../../../store/schema.js';
import { OwnKpiService } from '../outcomes/own-kpi.service.js';
import type { PlanDocument } from '../plan/individual-plan.js';
import type { Keyring } from './field-cipher.js';
import { PLACES } from './sealed-columns.js';

export type Eraser = Actor | { userId: string | null; label: string } | null;

/** Erases the person; 404-like error when there is none (already erased, or never was). */
export async function erasePerson(
  store: Store,
  input: {
    personId: string;
    reason: string;
    by: Eraser;
    cause: 'request' | 'retention';
    /**
     * With the data key, the person's outcome events are brought up to date first (in the same
     * transaction), so the own KPIs count what happened since the last run; the events then link to
     * nobody and the published aggregates stay as they are (docs/privacy.md, docs/own-kpis.md).
     */
    keyring?: Keyring | null;
  },
): Promise<{ organisation: string }> {
  const reason = input.reason.trim();
  if (!reason) throw new Error('an erasure needs a reason');
  return store.db.transaction().execute(async (trx) => {
    const person = await personToRemove(store, trx, input.personId);
    await removePerson(store, trx, person, input.keyring ?? null, {
      actor: input.by,
      action: 'person.erase',
      detail: { cause: input.cause, reason },
    });
    return { organisation: person.organisation_id };
  });
}

async function personToRemove(store: Store, trx: Transaction<Database>, personId: string) {
  const person = await store.repositories.in(trx).people.person(personId);
  if (!person) throw new NotFoundError(`no person ${personId} (already erased, or never recorded)`);
  return person;
}

/**
 * The part erasure and pseudonymisation share, inside their transaction: the person's outcome events
 * brought up to date (with the data key; the own KPIs count from them, docs/own-kpis.md), every row of
 * theirs erased, and the one audit entry, naming the person only by their audit reference.
 */
async function removePerson(
  store: Store,
  trx: Transaction<Database>,
  person: { id: string; organisation_id: string; audit_ref: string },
  keyring: Keyring | null,
  entry: { actor: Eraser; action: string; detail: Record<string, unknown> },
): Promise<void> {
  if (keyring) await new OwnKpiService(store, keyring).refreshPerson(person.id, store.repositories.in(trx));
  await store.repositories.in(trx).people.erase(person.id);
  await new AuditLog(store.repositories).record(
    {
      actor: entry.actor,
      action: entry.action,
      organisationId: person.organisation_id,
      target: { type: 'person', id: person.audit_ref },
      detail: entry.detail,
    },
    trx,
  );
}

/** The outcomes of a person worth keeping once pseudonymised: kinds and months, nothing else. */
async function outcomesOf(
  trx: Store['db'],
  person: { id: string; created_at: string; closed_at: string | null },
  keyring: Keyring | null,
): Promise<{ event: OutcomeEvent; detail: string | null; month: string }[]> {
  const month = (at: string) => at.slice(0, 7);
  const out: { event: OutcomeEvent; detail: string | null; month: string }[] = [
    { event: 'case_opened', detail: null, month: month(person.created_at) },
  ];
  const firstSection = await trx
    .selectFrom('person_inventory_section')
    .select((eb) => eb.fn.min('updated_at').as('at'))
    .where('person_id', '=', person.id)
    .executeTakeFirst();
  const inventory = await trx
    .selectFrom('person_inventory')
    .select('updated_at')
    .where('person_id', '=', person.id)
    .executeTakeFirst();
  // Stryker disable next-line OptionalChaining: an aggregate without `group by` always gives one row
  const inventoryAt = firstSection?.at ?? inventory?.updated_at;
  if (inventoryAt) out.push({ event: 'inventory_done', detail: null, month: month(String(inventoryAt)) });
  const versions = await trx
    .selectFrom('person_plan_version')
    .select(['version', 'plan_sealed', 'saved_at'])
    .where('person_id', '=', person.id)
    .orderBy('version')
    .execute();
  const first = versions[0];
  const last = versions.at(-1);
  // Stryker disable next-line LogicalOperator: the first and the last version are there together or not at all
  if (first && last) {
    out.push({ event: 'plan_made', detail: null, month: month(first.saved_at) });
    // Reading the steps needs the data key; a run without it is refused before it starts (runRetention).
    if (!keyring) throw new Error('pseudonymising a person with a plan needs the data key');
    const plan = JSON.parse(keyring.open(last.plan_sealed, PLACES.plan(person.id))) as PlanDocument;
    for (const step of plan.steps)
      if (step.status === 'done' && step.doneOn)
        out.push({ event: 'step_done', detail: step.type, month: month(step.doneOn) });
  }
  const levels = await trx
    .selectFrom('person_ladder_step')
    .select(['level', 'confirmed_at'])
    .where('person_id', '=', person.id)
    .execute();
  for (const l of levels)
    out.push({ event: 'level_reached', detail: String(l.level), month: month(l.confirmed_at) });
  if (person.closed_at) out.push({ event: 'case_closed', detail: null, month: month(person.closed_at) });
  return out;
}

/**
 * Pseudonymises the person: their outcomes stay under a fresh random subject id, everything else goes
 * as in `erasePerson` (same transaction). Returns how many outcomes were kept.
 */
export async function pseudonymisePerson(
  store: Store,
  input: { personId: string; reason: string; by: Eraser; keyring: Keyring | null },
): Promise<{ organisation: string; outcomes: number }> {
  const reason = input.reason.trim();
  if (!reason) throw new Error('a pseudonymisation needs a reason');
  return store.db.transaction().execute(async (trx) => {
    const person = await personToRemove(store, trx, input.personId);
    const outcomes = await outcomesOf(trx, person, input.keyring);
    const subject = randomUUID();
    await store.repositories
      .in(trx)
      .people.insertOutcomes(
        outcomes.map((o) => ({ id: randomUUID(), organisation_id: person.organisation_id, subject, ...o })),
      );
    await removePerson(store, trx, person, input.keyring, {
      actor: input.by,
      action: 'person.pseudonymise',
      // Not the subject id: the audit entry names the person's reference, so it must not lead to the outcomes.
      detail: { cause: 'retention', reason, outcomes: outcomes.length },
    });
    return { organisation: person.organisation_id, outcomes: outcomes.length };
  });
}

export interface RetentionReport {
  ranAt: string;
  /**
   * Per organisation and action: how many people were erased or pseudonymised (`dryRun`: are due for it)
   * and the period applied.
   */
  erased: { organisation: string; people: number; retentionDays: number; action: RetentionAction }[];
}

/**
 * Erases (or pseudonymises, per organisation) every closed case past its organisation's retention
 * period; `dryRun` only counts. Pseudonymising reads the plan's steps, so it needs the keyring: a run
 * that would pseudonymise anyone without one is refused before it changes anything.
 */
export async function runRetention(
  store: Store,
  { now = new Date(), dryRun = false, keyring = null as Keyring | null } = {},
): Promise<RetentionReport> {
  const due = (await store.repositories.people.closedCases()).filter(
    (c) =>
      Date.parse(c.closed_at) + (c.retention_days ?? DEFAULT_RETENTION_DAYS) * 86_400_000 <= now.getTime(),
  );
  if (!dryRun && !keyring && due.some((c) => c.retention_action === 'pseudonymise'))
    throw new RetentionKeyError(
      'Pseudonymising past the retention period reads the plans, so it needs the data key (ETABLERA_PROCESS_KEYS or ETABLERA_PROCESS_KEY_FILE); nothing was erased or pseudonymised.',
    );
  const counts = new Map<string, RetentionReport['erased'][number]>();
  for (const c of due) {
    const retentionDays = c.retention_days ?? DEFAULT_RETENTION_DAYS;
    const action: RetentionAction = c.retention_action ?? 'erase';
    const reason = `retention period of ${retentionDays} days after the case closed has passed`;
    if (!dryRun)
      try {
        if (action === 'pseudonymise')
          await pseudonymisePerson(store, { personId: c.id, reason, by: null, keyring });
        else await erasePerson(store, { personId: c.id, reason, by: null, cause: 'retention', keyring });
      } catch (error) {
        // Erased meanwhile by another instance or a request: nothing left to do.
        if (!(error instanceof NotFoundError)) throw error;
        continue;
      }
    const key = `${c.organisation_id}\u0000${action}`;
    const entry = counts.get(key) ?? { organisation: c.organisation_id, people: 0, retentionDays, action };
    entry.people++;
    counts.set(key, entry);
  }
  return {
    ranAt: now.toISOString(),
    erased: [...counts.values()].sort(
      (a, b) => a.organisation.localeCompare(b.organisation) || a.action.localeCompare(b.action),
    ),
  };
}

/** A retention run that would pseudonymise without the data key. */
export class RetentionKeyError extends Error {}

/** The nightly run in the server (ETABLERA_RETENTION_SCHEDULE). Erasing twice is harmless, so every instance may run it. */
export function startRetentionJob(
  store: Store,
  schedule: string,
  log: { info(m: string): void; error(m: string): void },
  keyring: Keyring | null = null,
): { stop(): void; nextRun(): Date | null } {
  if (schedule === 'off') return { stop() {}, nextRun: () => null };
  const job = new Cron(schedule, { timezone: SCHEDULE_TIMEZONE, protect: true }, async () => {
    try {
      const report = await runRetention(store, { keyring });
      const count = (action: RetentionAction) =>
        report.erased.filter((e) => e.action === action).reduce((n, e) => n + e.people, 0);
      log.info(
        `Retention: ${count('erase')} people erased and ${count('pseudonymise')} pseudonymised past their organisation's retention period`,
      );
    } catch (error) {
      log.error(`Retention run failed: ${String(error)}`);
    }
  });
  return { stop: () => job.stop(), nextRun: () => job.nextRun() };
}
