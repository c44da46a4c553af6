import { AuditRepository } from "../store/repositories/audit.repository.js";
class AuditLog {
  constructor(db) {
    this.db = db;
  }
  db;
  async record(entry, trx) {
    await new AuditRepository(trx ?? this.db).append({
      at: (/* @__PURE__ */ new Date()).toISOString(),
      organisation_id: entry.organisationId ?? null,
      actor_user_id: entry.actor?.userId ?? null,
      actor: entry.actor?.label ?? "system",
      action: entry.action,
      outcome: entry.outcome ?? "ok",
      target_type: entry.target?.type ?? null,
      target_id: entry.target?.id ?? null,
      ip: entry.ip ?? null,
      detail: JSON.stringify(entry.detail ?? {})
    });
  }
  async page(filter) {
    return (await new AuditRepository(this.db).page(filter)).map(presentAudit);
  }
  async *export(filter) {
    for await (const row of new AuditRepository(this.db).all(filter)) yield presentAudit(row);
  }
}
function presentAudit(row) {
  return {
    id: Number(row.id),
    at: row.at,
    organisation: row.organisation_id,
    actor: row.actor,
    actorUserId: row.actor_user_id,
    action: row.action,
    outcome: row.outcome,
    target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
    ip: row.ip,
    detail: JSON.parse(row.detail)
  };
}
export {
  AuditLog,
  presentAudit
};
//# sourceMappingURL=audit-log.js.map
