class ApiTokenRepository {
  constructor(db) {
    this.db = db;
  }
  db;
  async add(row) {
    await this.db.insertInto("api_token").values(row).execute();
  }
  byHash(tokenHash) {
    return this.db.selectFrom("api_token").innerJoin("app_user", "app_user.id", "api_token.user_id").selectAll("api_token").select(["app_user.email", "app_user.status"]).where("api_token.token_hash", "=", tokenHash).executeTakeFirst();
  }
  ofUser(userId) {
    return this.db.selectFrom("api_token").selectAll().where("user_id", "=", userId).orderBy("created_at", "desc").execute();
  }
  async markUsed(id, at) {
    await this.db.updateTable("api_token").set({ last_used_at: at }).where("id", "=", id).execute();
  }
  /** Revokes the user's token; false when the user has no such live token. */
  async revoke(userId, id, at) {
    const result = await this.db.updateTable("api_token").set({ revoked_at: at }).where("id", "=", id).where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
export {
  ApiTokenRepository
};
//# sourceMappingURL=api-token.repository.js.map
