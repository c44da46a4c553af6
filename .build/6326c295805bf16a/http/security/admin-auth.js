import { createHash, timingSafeEqual } from "node:crypto";
const digest = (text) => createHash("sha256").update(text, "utf8").digest();
function checkAdmin(configuredToken, authorization) {
  if (!configuredToken)
    return {
      ok: false,
      status: 403,
      error: "Disabled: changing data over HTTP is turned off on this server (the operator has not set ETABLERA_ADMIN_TOKEN)",
      challenge: false
    };
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match)
    return {
      ok: false,
      status: 401,
      error: 'Authorization required: send the admin token as "Authorization: Bearer <token>"',
      challenge: true
    };
  if (!timingSafeEqual(digest(match[1] ?? ""), digest(configuredToken)))
    return { ok: false, status: 401, error: "The admin token is not valid", challenge: true };
  return { ok: true };
}
function requireAdmin(configuredToken) {
  return async (request, reply) => {
    const check = checkAdmin(configuredToken, request.headers.authorization);
    if (check.ok) return;
    if (check.challenge) reply.header("www-authenticate", 'Bearer realm="etablera-admin"');
    request.log.warn({ status: check.status }, "admin request refused");
    return reply.code(check.status).send({ error: check.error });
  };
}
export {
  checkAdmin,
  requireAdmin
};
//# sourceMappingURL=admin-auth.js.map
