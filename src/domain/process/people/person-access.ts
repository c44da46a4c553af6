/**
 * Access by need: who may read or change a person's record. The organisation alone opens nothing: a
 * case worker reads the people assigned to them, the organisation's Process admin reads everyone, a
 * colleague reads with a temporary access (a reason, an end), and the person reads their own record.
 * Everyone else — another organisation, an unassigned case worker, an expired access, another
 * person — gets the same NotFoundError as for an id that does not exist.
 */
import { type Actor, can, NotFoundError } from '../../../accounts/actor.js';
import type { PeopleRepository, PersonRow } from '../../../store/repositories/people.repository.js';

/**
 * read: the record; write: change it; manage: assign, lend, close; dpo: the "who read it" report;
 * own: change the inventory's answers — as write, and also the person themself (their own view).
 */
export type AccessLevel = 'read' | 'write' | 'manage' | 'dpo' | 'own';
export type AccessVia = 'caseworker' | 'process-admin' | 'temporary' | 'self' | 'dpo';

export interface PersonAccess {
  actor: Actor;
  person: PersonRow;
  level: AccessLevel;
  via: AccessVia;
  /** The temporary access's reason, recorded with every use. */
  reason?: string;
}

export class PersonNotFoundError extends NotFoundError {
  constructor() {
    super('no such person');
  }
}

export async function decideAccess(
  repository: PeopleRepository,
  actor: Actor,
  personId: string,
  level: AccessLevel,
  openReason: (sealed: string, grantId: number) => string,
  now = new Date(),
): Promise<PersonAccess> {
  // Either check alone refuses the operator token (no user): the first spares the lookup, the second
  // narrows the type.
  // Stryker disable next-line ConditionalExpression: equivalent, the check below refuses a null user too
  const person = actor.userId === null ? undefined : await repository.person(personId);
  const userId = actor.userId;
  // Stryker disable next-line ConditionalExpression: equivalent, no person is looked up for a null user
  if (!person || userId === null) throw new PersonNotFoundError();
  const org = person.organisation_id;
  const granted = (via: AccessVia, reason?: string): PersonAccess => ({
    actor,
    person,
    level,
    via,
    ...(reason !== undefined ? { reason } : {}),
  });

  if (level === 'dpo') {
    if (can(actor, 'audit.read', org) || can(actor, 'process.admin', org)) return granted('dpo');
    throw new PersonNotFoundError();
  }
  if (can(actor, 'process.admin', org)) return granted('process-admin');
  const permission = level === 'read' ? 'process.read' : 'process.write';
  const self = person.user_id === userId && can(actor, 'process.own', org);
  if (can(actor, permission, org)) {
    const assigned = (await repository.caseworkers(person.id)).some((c) => c.user_id === userId);
    if (assigned) return granted('caseworker');
    if (level !== 'manage') {
      const [grant] = await repository.liveGrants(person.id, userId, now.toISOString());
      if (grant) return granted('temporary', openReason(grant.reason_sealed, grant.id));
    }
  }
  if ((level === 'read' || level === 'own') && self) return granted('self');
  throw new PersonNotFoundError();
}

/**
 * The audit entry of a read or write of a person's data: who, which person (by its audit reference,
 * so that erasure can leave the entry), which part, through which access (and its reason).
 */
export function personAuditEntry(
  access: PersonAccess,
  action: string,
  part: string,
  ip: string | null,
  extra: Record<string, unknown> = {},
) {
  return {
    actor: access.actor,
    action,
    organisationId: access.person.organisation_id,
    target: { type: 'person', id: access.person.audit_ref },
    ip,
    detail: {
      part,
      via: access.via,
      ...(access.reason !== undefined ? { reason: access.reason } : {}),
      ...extra,
    },
  };
}
