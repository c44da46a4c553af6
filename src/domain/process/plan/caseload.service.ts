/**
 * The caseload (issue 20): a case worker's own people — those assigned to them, open — with what is
 * overdue and due (caseload.ts), and the organisation's caseload in counts for its manager (the Process
 * admin), with no names. Access by need as everywhere in Process: the case worker's list holds only the
 * people assigned to them in organisations where they hold process.read; the summary is the Process
 * admin's of that organisation, and anyone else gets the same 404 as for an unknown organisation.
 * Every person in a list is one audit entry (part `caseload`), as the people list does; the summary
 * reads no one's data by name and is one entry of its own (`caseload.summary`).
 */
import { type Actor, can, NotFoundError } from '../../../accounts/actor.js';
import { AuditLog } from '../../../accounts/audit-log.js';
import type { Store } from '../../../store/database.js';
import type { LentPersonRow, PersonRow } from '../../../store/repositories/people.repository.js';
import type { Keyring } from '../privacy/field-cipher.js';
import { PLACES } from '../privacy/sealed-columns.js';
import { byUrgency, type CaseloadRow, type CaseloadSummary, caseloadRow, summarise } from './caseload.js';
import type { PlanDocument } from './individual-plan.js';

/** Today in Swedish time: a step due "today" is due on the Swedish calendar day. */
export const swedishToday = (now = new Date()) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);

export class CaseloadService {
  private readonly audit: AuditLog;

  constructor(
    private readonly store: Store,
    private readonly keyring: Keyring,
  ) {
    this.audit = new AuditLog(store.repositories);
  }

  /** The caseload rows of these people on `today` (plans opened, no audit: callers audit). */
  async rows(
    people: readonly (PersonRow | LentPersonRow)[],
    today: string,
    withNames: boolean,
  ): Promise<CaseloadRow[]> {
    const ids = people.map((p) => p.id);
    const repository = this.store.repositories.individualPlans;
    const [plans, levels, followUps] = await Promise.all([
      repository.latestOf(ids),
      repository.ladderLevels(ids),
      repository.dueFollowUps(ids, today),
    ]);
    const planOf = new Map(plans.map((p) => [p.person_id, p]));
    const followUpsOf = new Map<string, typeof followUps>();
    for (const f of followUps) followUpsOf.set(f.person_id, [...(followUpsOf.get(f.person_id) ?? []), f]);
    return people.map((person) => {
      const row = planOf.get(person.id);
      const plan = row
        ? (JSON.parse(this.keyring.open(row.plan_sealed, PLACES.plan(person.id))) as PlanDocument)
        : null;
      return caseloadRow({
        personId: person.id,
        name: withNames ? this.keyring.open(person.name_sealed, PLACES.personName(person.id)) : '',
        language: person.language,
        plan,
        planVersion: row?.version ?? 0,
        level: levels.get(person.id) ?? 0,
        followUps: followUpsOf.get(person.id) ?? [],
        today,
        lentUntil: 'lent_until' in person ? person.lent_until : null,
      });
    });
  }

  /**
   * The actor's own caseload, most urgent first, each audited: the open people assigned to them, and
   * those lent to them by a live temporary access (marked with its end; gone when it expires).
   */
  async mine(
    actor: Actor,
    {
      ip = null,
      today = swedishToday(),
      now = new Date(),
    }: { ip?: string | null; today?: string; now?: Date } = {},
  ): Promise<{ today: string; people: CaseloadRow[]; summary: CaseloadSummary }> {
    const orgs = actor.memberships
      .filter((m) => can(actor, 'process.read', m.organisationId))
      .map((m) => m.organisationId);
    const repository = this.store.repositories.people;
    const people =
      actor.userId === null
        ? []
        : [
            ...(await repository.assignedTo(actor.userId, orgs)),
            ...(await repository.lentTo(actor.userId, orgs, now.toISOString())),
          ];
    const rows = (await this.rows(people, today, true)).sort(byUrgency);
    const ref = new Map<string, PersonRow | LentPersonRow>(people.map((p) => [p.id, p]));
    // One transaction for the entries: one commit instead of one per person (the page's main cost).
    await this.store.repositories.transaction(async (_repositories, trx) => {
      for (const r of rows) {
        const p = ref.get(r.personId) as PersonRow | LentPersonRow;
        // A lent person is read through the temporary access, whose reason goes with every use.
        const via =
          'grant_reason_sealed' in p
            ? { via: 'temporary', reason: this.keyring.open(p.grant_reason_sealed, PLACES.grantReason(p.id)) }
            : { via: 'caseworker' };
        await this.audit.record(
          {
            actor,
            action: 'person.read',
            organisationId: p.organisation_id,
            target: { type: 'person', id: p.audit_ref },
            ip,
            detail: { part: 'caseload', ...via },
          },
          trx,
        );
      }
    });
    return { today, people: rows, summary: summarise(rows) };
  }

  /** The organisation's open caseload in counts (its Process admin; anyone else 404). */
  async summary(
    actor: Actor,
    organisationId: string,
    { ip = null, today = swedishToday() }: { ip?: string | null; today?: string } = {},
  ): Promise<{ organisation: string; today: string; summary: CaseloadSummary }> {
    if (!can(actor, 'process.admin', organisationId)) throw new NotFoundError('no such organisation');
    const people = await this.store.repositories.people.openPeopleOf(organisationId);
    const summary = summarise(await this.rows(people, today, false));
    await this.audit.record({
      actor,
      action: 'caseload.summary',
      organisationId,
      target: { type: 'organisation', id: organisationId },
      ip,
      detail: { people: summary.people },
    });
    return { organisation: organisationId, today, summary };
  }
}
