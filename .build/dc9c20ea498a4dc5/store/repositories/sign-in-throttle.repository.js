import { sql } from "kysely";
class SignInThrottleRepository {
  constructor(db) {
    this.db = db;
  }
  db;
  lockedUntil(key) {
    return this.db.selectFrom("sign_in_throttle").select("locked_until").where("key", "=", key).executeTakeFirst().then((r) => r?.locked_until ?? null);
  }
  /**
   * Counts one failure (a new window when the last one began before `windowStart`) and returns the
   * failures in the current window. One statement, so concurrent failures all count.
   */
  async fail(key, now, windowStart) {
    const row = await this.db.insertInto("sign_in_throttle").values({ key, failures: 1, window_started_at: now, locked_until: null }).onConflict(
      (oc) => oc.column("key").doUpdateSet({
        failures: sql`case when sign_in_throttle.window_started_at < ${windowStart} then 1 else sign_in_throttle.failures + 1 end`,
        window_started_at: sql`case when sign_in_throttle.window_started_at < ${windowStart} then ${now} else sign_in_throttle.window_started_at end`
      })
    ).returning("failures").executeTakeFirstOrThrow();
    return Number(row.failures);
  }
  async lock(key, until) {
    await this.db.updateTable("sign_in_throttle").set({ locked_until: until }).where("key", "=", key).execute();
  }
  async clear(key) {
    await this.db.deleteFrom("sign_in_throttle").where("key", "=", key).execute();
  }
}
export {
  SignInThrottleRepository
};
//# sourceMappingURL=sign-in-throttle.repository.js.map
