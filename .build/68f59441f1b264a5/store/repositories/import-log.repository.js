class ImportLogRepository {
  constructor(db) {
    this.db = db;
  }
  db;
  async start(kind, source) {
    const row = await this.db.insertInto("import_log").values({ kind, source, started_at: (/* @__PURE__ */ new Date()).toISOString(), status: "running", counts: "{}" }).returning("id").executeTakeFirstOrThrow();
    return row.id;
  }
  async finish(id, status, counts, message) {
    await this.db.updateTable("import_log").set({
      finished_at: (/* @__PURE__ */ new Date()).toISOString(),
      status,
      counts: JSON.stringify(counts),
      message: message ?? null
    }).where("id", "=", id).execute();
  }
  async recent(limit = 20) {
    const rows = await this.db.selectFrom("import_log").selectAll().orderBy("id", "desc").limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      source: r.source,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      status: r.status,
      counts: JSON.parse(r.counts),
      message: r.message
    }));
  }
}
export {
  ImportLogRepository
};
//# sourceMappingURL=import-log.repository.js.map
