import { sql } from "kysely";
class SessionRepository {
  constructor(db) {
    this.db = db;
  }
  db;
  async add(row) {
    await this.db.insertInto("user_session").values(row).execute();
  }
  /** The session with its user's status, if it exists and is still within both timeouts. */
  live(idHash, now, idleSince) {
    return this.db.selectFrom("user_session").innerJoin("app_user", "app_user.id", "user_session.user_id").selectAll("user_session").select(["app_user.email", "app_user.status"]).where("user_session.id_hash", "=", idHash).where("user_session.expires_at", ">", now).where("user_session.last_seen_at", ">", idleSince).executeTakeFirst();
  }
  async touch(idHash, now) {
    await this.db.updateTable("user_session").set({ last_seen_at: now }).where("id_hash", "=", idHash).execute();
  }
  async setStage(idHash, stage) {
    await this.db.updateTable("user_session").set({ stage }).where("id_hash", "=", idHash).execute();
  }
  async remove(idHash) {
    await this.db.deleteFrom("user_session").where("id_hash", "=", idHash).execute();
  }
  /** Sign-out everywhere (and what disabling a user does). Returns how many sessions ended. */
  async removeAllOf(userId) {
    const result = await this.db.deleteFrom("user_session").where("user_id", "=", userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
  async removeExpired(now, idleSince) {
    await this.db.deleteFrom("user_session").where((eb) => eb.or([eb("expires_at", "<=", now), eb("last_seen_at", "<=", idleSince)])).execute();
  }
  count(userId) {
    return this.db.selectFrom("user_session").select(sql`count(*)`.as("n")).where("user_id", "=", userId).executeTakeFirstOrThrow().then((r) => Number(r.n));
  }
}
export {
  SessionRepository
};
//# sourceMappingURL=session.repository.js.map
