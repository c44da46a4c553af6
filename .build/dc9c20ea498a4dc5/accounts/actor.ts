/**
 * Who is acting: a signed-in user (session or API token) or the operator's ETABLERA_ADMIN_TOKEN.
 * Services receive the actor and ask it, for each record they touch, whether the record's
 * organisation allows the permission; a record of another organisation is reported as not found.
 */
import { GRANTS, type Permission, type Role } from './roles.js';

export interface Membership {
  organisationId: string;
  role: Role;
}

export interface Actor {
  /** null for the operator token. */
  userId: string | null;
  /** What the audit log names: the user's e-mail, or "admin-token". */
  label: string;
  via: 'session' | 'api-token' | 'admin-token';
  memberships: readonly Membership[];
  /** Permissions held regardless of organisation (the operator token's mirror.admin). */
  global: readonly Permission[];
  /** The API token's id when via = api-token (audited). */
  tokenId?: string;
}

/** A record or resource that does not exist *for this actor*: another organisation's answers the same. */
export class NotFoundError extends Error {
  readonly statusCode = 404;
  constructor(what = 'Not found') {
    super(what);
  }
}

export function can(actor: Actor, permission: Permission, organisationId: string): boolean {
  if (actor.global.includes(permission)) return true;
  return actor.memberships.some(
    (m) => m.organisationId === organisationId && GRANTS[m.role].includes(permission),
  );
}

/** True when the actor holds the permission in at least one organisation (the route-level check). */
export function canSomewhere(actor: Actor, permission: Permission): boolean {
  return (
    actor.global.includes(permission) || actor.memberships.some((m) => GRANTS[m.role].includes(permission))
  );
}

/** The organisations where the actor holds the permission: what a list query may show. */
export function organisationsWith(actor: Actor, permission: Permission): string[] {
  return actor.memberships.filter((m) => GRANTS[m.role].includes(permission)).map((m) => m.organisationId);
}

/**
 * The one check a service makes on a record it is about to read or change: the record exists and
 * belongs to an organisation where the actor holds the permission; otherwise NotFoundError (404),
 * so that probing ids of other organisations learns nothing.
 */
export function authorise<T extends { organisation_id: string }>(
  actor: Actor,
  permission: Permission,
  record: T | undefined | null,
  what = 'Not found',
): T {
  if (!record || !can(actor, permission, record.organisation_id)) throw new NotFoundError(what);
  return record;
}
