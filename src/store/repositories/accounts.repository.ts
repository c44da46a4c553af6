import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AppUserTable, Database, MembershipTable, OrganisationTable } from '../schema.js';

export type OrganisationRow = Selectable<OrganisationTable>;
export type UserRow = Selectable<AppUserTable>;
export type MembershipRow = Selectable<MembershipTable>;
type Db = Kysely<Database> | Transaction<Database>;

/** Organisations, users and memberships (SQL only; rules live in src/accounts). */
export class AccountsRepository {
  constructor(private readonly db: Db) {}

  organisation(id: string): Promise<OrganisationRow | undefined> {
    return this.db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
  }

  organisations(): Promise<OrganisationRow[]> {
    return this.db.selectFrom('organisation').selectAll().orderBy('id').execute();
  }

  async addOrganisation(row: OrganisationRow): Promise<void> {
    await this.db.insertInto('organisation').values(row).execute();
  }

  userByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst();
  }

  user(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  }

  users(
    organisationId?: string,
  ): Promise<(UserRow & { organisation_id: string | null; role: string | null })[]> {
    let query = this.db
      .selectFrom('app_user')
      .leftJoin('membership', 'membership.user_id', 'app_user.id')
      .selectAll('app_user')
      .select(['membership.organisation_id', 'membership.role']);
    if (organisationId) query = query.where('membership.organisation_id', '=', organisationId);
    return query.orderBy('app_user.email').orderBy('membership.organisation_id').execute();
  }

  async addUser(row: UserRow): Promise<void> {
    await this.db.insertInto('app_user').values(row).execute();
  }

  async updateUser(id: string, changes: Partial<Omit<UserRow, 'id' | 'created_at'>>): Promise<void> {
    await this.db.updateTable('app_user').set(changes).where('id', '=', id).execute();
  }

  memberships(userId: string): Promise<MembershipRow[]> {
    return this.db
      .selectFrom('membership')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('organisation_id')
      .execute();
  }

  membership(userId: string, organisationId: string): Promise<MembershipRow | undefined> {
    return this.db
      .selectFrom('membership')
      .selectAll()
      .where('user_id', '=', userId)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
  }

  /** Sets the user's one role in the organisation (adds the membership when missing). */
  async setRole(userId: string, organisationId: string, role: string, at: string): Promise<void> {
    await this.db
      .insertInto('membership')
      .values({ user_id: userId, organisation_id: organisationId, role, created_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'organisation_id']).doUpdateSet({ role }))
      .execute();
  }

  async removeMembership(userId: string, organisationId: string): Promise<void> {
    await this.db
      .deleteFrom('membership')
      .where('user_id', '=', userId)
      .where('organisation_id', '=', organisationId)
      .execute();
  }
}
