import type { Kysely, Selectable } from 'kysely';
import type { AppUserTable, Database, UserSessionTable } from '../schema.js';

export type SessionRow = Selectable<UserSessionTable>;

/** Sessions in the database, so that every app instance sees a sign-in and a sign-out at once. */
export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(row: SessionRow): Promise<void> {
    await this.db.insertInto('user_session').values(row).execute();
  }

  /**
   * The live session with its user and the user's memberships, in one statement (one round trip:
   * this runs on every signed-in request). One row per membership; a user without any gives one row
   * with organisation_id and role null. Empty when the session is unknown or timed out.
   */
  liveWithMemberships(
    idHash: string,
    now: string,
    idleSince: string,
  ): Promise<
    (SessionRow &
      Pick<Selectable<AppUserTable>, 'email' | 'status'> & {
        organisation_id: string | null;
        role: string | null;
      })[]
  > {
    return this.db
      .selectFrom('user_session')
      .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
      .leftJoin('membership', 'membership.user_id', 'user_session.user_id')
      .selectAll('user_session')
      .select(['app_user.email', 'app_user.status', 'membership.organisation_id', 'membership.role'])
      .where('user_session.id_hash', '=', idHash)
      .where('user_session.expires_at', '>', now)
      .where('user_session.last_seen_at', '>', idleSince)
      .orderBy('membership.organisation_id')
      .execute();
  }

  async touch(idHash: string, now: string): Promise<void> {
    await this.db
      .updateTable('user_session')
      .set({ last_seen_at: now })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async remove(idHash: string): Promise<void> {
    await this.db.deleteFrom('user_session').where('id_hash', '=', idHash).execute();
  }

  /** Sign-out everywhere (and what disabling a user does). Returns how many sessions ended. */
  async removeAllOf(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('user_session').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async removeExpired(now: string, idleSince: string): Promise<void> {
    await this.db
      .deleteFrom('user_session')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
      .execute();
  }
}
