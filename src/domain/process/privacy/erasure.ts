/**
 * Erasure and retention. Erasing a person removes every row of theirs from the live database in one
 * transaction; the audit log (append-only) gains one entry that an erasure happened, naming the person
 * only by their audit reference, which after the erasure links to nobody. The retention run erases
 * the people whose case closed longer ago than their organisation's retention period (default 2 years).
 */
import { Cron } from 'croner';
import { type Actor, NotFoundError } from '../../../accounts/actor.js';
import { AuditLog } from '../../../accounts/audit-log.js';
import { SCHEDULE_TIMEZONE } from '../../../app-start/sync-schedule.js';
import type { Store } from '../../../store/database.js';
import { DEFAULT_RETENTION_DAYS } from '../../../store/repositories/people.repository.js';

export type Eraser = Actor | { userId: string | null; label: string } | null;

/** Erases the person; 404-like error when there is none (already erased, or never was). */
export async function erasePerson(
  store: Store,
  input: { personId: string; reason: string; by: Eraser; cause: 'request' | 'retention' },
): Promise<{ organisation: string }> {
  const reason = input.reason.trim();
  if (!reason) throw new Error('an erasure needs a reason');
  return store.db.transaction().execute(async (trx) => {
    const people = store.repositories.in(trx).people;
    const person = await people.person(input.personId);
    if (!person) throw new NotFoundError(`no person ${input.personId} (already erased, or never recorded)`);
    await people.erase(person.id);
    await new AuditLog(store.repositories).record(
      {
        actor: input.by,
        action: 'person.erase',
        organisationId: person.organisation_id,
        target: { type: 'person', id: person.audit_ref },
        detail: { cause: input.cause, reason },
      },
      trx,
    );
    return { organisation: person.organisation_id };
  });
}

export interface RetentionReport {
  ranAt: string;
  /** Per organisation: how many were erased and the period applied. */
  erased: { organisation: string; people: number; retentionDays: number }[];
}

/** Erases every closed case past its organisation's retention period; `dryRun` only counts. */
export async function runRetention(
  store: Store,
  { now = new Date(), dryRun = false } = {},
): Promise<RetentionReport> {
  const due = (await store.repositories.people.closedCases()).filter(
    (c) =>
      Date.parse(c.closed_at) + (c.retention_days ?? DEFAULT_RETENTION_DAYS) * 86_400_000 <= now.getTime(),
  );
  const counts = new Map<string, { people: number; retentionDays: number }>();
  for (const c of due) {
    if (!dryRun)
      try {
        await erasePerson(store, {
          personId: c.id,
          reason: `retention period of ${c.retention_days ?? DEFAULT_RETENTION_DAYS} days after the case closed has passed`,
          by: null,
          cause: 'retention',
        });
      } catch (error) {
        // Erased meanwhile by another instance or a request: nothing left to do.
        if (!(error instanceof NotFoundError)) throw error;
        continue;
      }
    const entry = counts.get(c.organisation_id) ?? {
      people: 0,
      retentionDays: c.retention_days ?? DEFAULT_RETENTION_DAYS,
    };
    entry.people++;
    counts.set(c.organisation_id, entry);
  }
  return {
    ranAt: now.toISOString(),
    erased: [...counts]
      .map(([organisation, e]) => ({ organisation, ...e }))
      .sort((a, b) => a.organisation.localeCompare(b.organisation)),
  };
}

/** The nightly run in the server (ETABLERA_RETENTION_SCHEDULE). Erasing twice is harmless, so every instance may run it. */
export function startRetentionJob(
  store: Store,
  schedule: string,
  log: { info(m: string): void; error(m: string): void },
): { stop(): void } {
  if (schedule === 'off') return { stop() {} };
  const job = new Cron(schedule, { timezone: SCHEDULE_TIMEZONE, protect: true }, async () => {
    try {
      const report = await runRetention(store);
      const total = report.erased.reduce((n, e) => n + e.people, 0);
      log.info(`Retention: ${total} people erased past their organisation's retention period`);
    } catch (error) {
      log.error(`Retention run failed: ${String(error)}`);
    }
  });
  return { stop: () => job.stop() };
}
