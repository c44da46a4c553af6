const ROLES = [
  "admin",
  "strategist",
  "reporter",
  "caseworker",
  "reader",
  "newcomer",
  "regional"
];
const ORGANISATION_KINDS = ["kommun", "region", "kommunforbund", "partner"];
const PERMISSIONS = [
  /** Members, roles and invitations of the organisation. */
  "organisation.admin",
  /** The organisation's audit log. */
  "audit.read",
  /** Sync and import of the shared Kolada mirror (today's /api/admin/*). */
  "mirror.admin",
  /** Plan: read unpublished plans, edit them, report follow-up on what is assigned. */
  "plan.read",
  "plan.edit",
  "plan.follow-up",
  /** Process: people's records of the organisation. */
  "process.read",
  "process.write",
  /** Process: one's own record only (the service matches the person to the user). */
  "process.own",
  /** Published material of member kommuner (regional coordinators). */
  "published.read"
];
const GRANTS = {
  admin: ["organisation.admin", "audit.read", "mirror.admin", "plan.read", "plan.edit", "plan.follow-up"],
  strategist: ["plan.read", "plan.edit", "plan.follow-up"],
  reporter: ["plan.read", "plan.follow-up"],
  caseworker: ["process.read", "process.write", "plan.read"],
  reader: ["plan.read"],
  newcomer: ["process.own"],
  regional: ["published.read"]
};
const SECOND_FACTOR_ROLES = ["admin", "caseworker"];
const isRole = (text) => ROLES.includes(text);
const isPermission = (text) => PERMISSIONS.includes(text);
const isOrganisationKind = (text) => ORGANISATION_KINDS.includes(text);
export {
  GRANTS,
  ORGANISATION_KINDS,
  PERMISSIONS,
  ROLES,
  SECOND_FACTOR_ROLES,
  isOrganisationKind,
  isPermission,
  isRole
};
//# sourceMappingURL=roles.js.map
