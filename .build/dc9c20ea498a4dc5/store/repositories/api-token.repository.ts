import type { Kysely, Selectable } from 'kysely';
import type { ApiTokenTable, Database } from '../schema.js';

export type ApiTokenRow = Selectable<ApiTokenTable>;

/** API tokens, stored by the hash of the secret. */
export class ApiTokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(row: ApiTokenRow): Promise<void> {
    await this.db.insertInto('api_token').values(row).execute();
  }

  byHash(tokenHash: string): Promise<(ApiTokenRow & { email: string; status: string }) | undefined> {
    return this.db
      .selectFrom('api_token')
      .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
      .selectAll('api_token')
      .select(['app_user.email', 'app_user.status'])
      .where('api_token.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  ofUser(userId: string): Promise<ApiTokenRow[]> {
    return this.db
      .selectFrom('api_token')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async markUsed(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  /** Revokes the user's token; false when the user has no such live token. */
  async revoke(userId: string, id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_token')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
