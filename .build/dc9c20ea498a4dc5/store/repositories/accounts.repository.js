class AccountsRepository {
  constructor(db) {
    this.db = db;
  }
  db;
  organisation(id) {
    return this.db.selectFrom("organisation").selectAll().where("id", "=", id).executeTakeFirst();
  }
  organisations() {
    return this.db.selectFrom("organisation").selectAll().orderBy("id").execute();
  }
  async addOrganisation(row) {
    await this.db.insertInto("organisation").values(row).execute();
  }
  userByEmail(email) {
    return this.db.selectFrom("app_user").selectAll().where("email", "=", email).executeTakeFirst();
  }
  user(id) {
    return this.db.selectFrom("app_user").selectAll().where("id", "=", id).executeTakeFirst();
  }
  users(organisationId) {
    let query = this.db.selectFrom("app_user").leftJoin("membership", "membership.user_id", "app_user.id").selectAll("app_user").select(["membership.organisation_id", "membership.role"]);
    if (organisationId) query = query.where("membership.organisation_id", "=", organisationId);
    return query.orderBy("app_user.email").orderBy("membership.organisation_id").execute();
  }
  async addUser(row) {
    await this.db.insertInto("app_user").values(row).execute();
  }
  async updateUser(id, changes) {
    await this.db.updateTable("app_user").set(changes).where("id", "=", id).execute();
  }
  memberships(userId) {
    return this.db.selectFrom("membership").selectAll().where("user_id", "=", userId).orderBy("organisation_id").execute();
  }
  membership(userId, organisationId) {
    return this.db.selectFrom("membership").selectAll().where("user_id", "=", userId).where("organisation_id", "=", organisationId).executeTakeFirst();
  }
  /** Sets the user's one role in the organisation (adds the membership when missing). */
  async setRole(userId, organisationId, role, at) {
    await this.db.insertInto("membership").values({ user_id: userId, organisation_id: organisationId, role, created_at: at }).onConflict((oc) => oc.columns(["user_id", "organisation_id"]).doUpdateSet({ role })).execute();
  }
  async removeMembership(userId, organisationId) {
    await this.db.deleteFrom("membership").where("user_id", "=", userId).where("organisation_id", "=", organisationId).execute();
  }
}
export {
  AccountsRepository
};
//# sourceMappingURL=accounts.repository.js.map
