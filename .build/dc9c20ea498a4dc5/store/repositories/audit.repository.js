class AuditRepository {
  constructor(db) {
    this.db = db;
  }
  db;
  async append(row) {
    await this.db.insertInto("audit_log").values(row).execute();
  }
  /**
   * Newest first; `before` is the id to continue below (paging). An organisation's log holds its own
   * entries and its members' entries that belong to no organisation (sign-ins, their tokens).
   */
  page(filter) {
    let query = this.db.selectFrom("audit_log").selectAll();
    const organisationId = filter.organisationId;
    if (organisationId !== void 0)
      query = query.where(
        (eb) => eb.or([
          eb("organisation_id", "=", organisationId),
          eb.and([
            eb("organisation_id", "is", null),
            eb(
              "actor_user_id",
              "in",
              eb.selectFrom("membership").select("user_id").where("organisation_id", "=", organisationId)
            )
          ])
        ])
      );
    if (filter.before !== void 0) query = query.where("id", "<", filter.before);
    return query.orderBy("id", "desc").limit(filter.limit).execute();
  }
  /** Oldest first, streamed in pages, for export. */
  async *all(filter) {
    let after = 0;
    for (; ; ) {
      let query = this.db.selectFrom("audit_log").selectAll().where("id", ">", after);
      if (filter.organisationId !== void 0)
        query = query.where("organisation_id", "=", filter.organisationId);
      if (filter.since !== void 0) query = query.where("at", ">=", filter.since);
      const rows = await query.orderBy("id").limit(1e3).execute();
      yield* rows;
      if (rows.length < 1e3) return;
      after = rows[rows.length - 1]?.id ?? after;
    }
  }
}
export {
  AuditRepository
};
//# sourceMappingURL=audit.repository.js.map
