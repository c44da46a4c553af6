/**
 * Roles held per organisation and what each may do. A route or service asks for a permission, never
 * for a role, so a new role or a changed grant is one line here. Add the permissions your module needs
 * to `PERMISSIONS` and grant them below.
 */

export const ROLES = [
  'admin',
  'strategist',
  'reporter',
  'caseworker',
  'process-admin',
  'reader',
  'newcomer',
  'regional',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = ['kommun', 'region', 'kommunforbund', 'partner'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const PERMISSIONS = [
  /** Members, roles and invitations of the organisation. */
  'organisation.admin',
  /** The organisation's audit log. */
  'audit.read',
  /** Sync and import of the shared Kolada mirror (today's /api/admin/*). */
  'mirror.admin',
  /** Plan: read unpublished plans, edit them, report follow-up on what is assigned. */
  'plan.read',
  'plan.edit',
  'plan.follow-up',
  /** Process: people's records of the organisation. */
  'process.read',
  'process.write',
  /** Process: one's own record only (the service matches the person to the user). */
  'process.own',
  /** Process: every person of the organisation (the Process admin), case worker assignment, temporary access. */
  'process.admin',
  /** Published material of member kommuner (regional coordinators). */
  'published.read',
  /** The taxonomy's drafted labels (label packs): confirm or correct them. */
  'taxonomy.review',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Admins run the organisation but do not read people's records: access to personal data is by need. */
export const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    'organisation.admin',
    'audit.read',
    'mirror.admin',
    'plan.read',
    'plan.edit',
    'plan.follow-up',
    'taxonomy.review',
  ],
  strategist: ['plan.read', 'plan.edit', 'plan.follow-up'],
  reporter: ['plan.read', 'plan.follow-up'],
  /**
   * process.read/write let a case worker act on the people *assigned* to them (or lent to them by a
   * temporary access); the person service checks the assignment, the role alone opens no record.
   */
  caseworker: ['process.read', 'process.write', 'plan.read'],
  'process-admin': ['process.read', 'process.write', 'process.admin', 'audit.read', 'taxonomy.review'],
  reader: ['plan.read'],
  newcomer: ['process.own'],
  regional: ['published.read'],
};

/** Roles that handle personal data or the organisation itself must use a second factor (or an IdP). */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['admin', 'caseworker', 'process-admin'];

export const isRole = (text: string): text is Role => (ROLES as readonly string[]).includes(text);
export const isPermission = (text: string): text is Permission =>
  (PERMISSIONS as readonly string[]).includes(text);
export const isOrganisationKind = (text: string): text is OrganisationKind =>
  (ORGANISATION_KINDS as readonly string[]).includes(text);
