import { GRANTS } from "./roles.js";
class NotFoundError extends Error {
  statusCode = 404;
  constructor(what = "Not found") {
    super(what);
  }
}
function can(actor, permission, organisationId) {
  if (actor.global.includes(permission)) return true;
  return actor.memberships.some(
    (m) => m.organisationId === organisationId && GRANTS[m.role].includes(permission)
  );
}
function canSomewhere(actor, permission) {
  return actor.global.includes(permission) || actor.memberships.some((m) => GRANTS[m.role].includes(permission));
}
function organisationsWith(actor, permission) {
  return actor.memberships.filter((m) => GRANTS[m.role].includes(permission)).map((m) => m.organisationId);
}
function authorise(actor, permission, record, what = "Not found") {
  if (!record || !can(actor, permission, record.organisation_id)) throw new NotFoundError(what);
  return record;
}
export {
  NotFoundError,
  authorise,
  can,
  canSomewhere,
  organisationsWith
};
//# sourceMappingURL=actor.js.map
