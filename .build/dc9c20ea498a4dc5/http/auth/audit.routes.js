import { can, NotFoundError, organisationsWith } from "../../accounts/actor.js";
class BadParameter extends Error {
  constructor(parameter, message) {
    super(message);
    this.parameter = parameter;
  }
  parameter;
  statusCode = 400;
}
function whole(value, parameter, min, max, fallback) {
  if (value === void 0 || value === "") return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new BadParameter(
      parameter,
      `${parameter} must be a whole number from ${min} to ${max}, got "${value}"`
    );
  return n;
}
async function auditRoutes(app) {
  app.get(
    "/api/audit",
    { config: { permission: "audit.read" } },
    async (request) => {
      const actor = request.actor;
      const own = organisationsWith(actor, "audit.read");
      const organisationId = request.query.organisation || (own.length === 1 ? own[0] : void 0);
      if (!organisationId)
        throw new BadParameter(
          "organisation",
          `Choose the organisation: ?organisation= one of ${own.join(", ")}`
        );
      if (!can(actor, "audit.read", organisationId))
        throw new NotFoundError(`No organisation ${organisationId}`);
      const limit = whole(request.query.limit, "limit", 1, 1e3, 100);
      const before = whole(request.query.before, "before", 1, Number.MAX_SAFE_INTEGER);
      const entries = await app.audit.page({ organisationId, before, limit });
      const last = entries[entries.length - 1];
      return {
        organisation: organisationId,
        entries,
        next: entries.length === limit && last ? `/api/audit?organisation=${encodeURIComponent(organisationId)}&limit=${limit}&before=${last.id}` : null
      };
    }
  );
}
export {
  auditRoutes
};
//# sourceMappingURL=audit.routes.js.map
