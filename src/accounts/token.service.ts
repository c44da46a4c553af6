/** API tokens for scripts: created for a user (printed once), stored hashed, listed and revoked. */

import type { Kysely } from 'kysely';
import type { ApiTokenRepository } from '../store/repositories/api-token.repository.js';
import type { Repositories } from '../store/repositories/index.js';
import type { Database } from '../store/schema.js';
import { AccountError, normaliseEmail } from './account.service.js';
import type { Actor } from './actor.js';
import { AuditLog } from './audit-log.js';
import { hashSecret, newId, newSecret } from './secrets.js';

/** Tokens start with this, so secret scanners and people recognise one. */
export const TOKEN_PREFIX = 'etb_';

/** "90d", "12h", "2w" or "never" → milliseconds (null = never expires). */
export function parseLifetime(text: string): number | null {
  if (text === 'never') return null;
  const match = /^(\d{1,5})([hdw])$/.exec(text);
  if (!match) throw new AccountError(`--expires "${text}": use e.g. 90d, 12h, 2w or never`);
  const unit = { h: 3_600_000, d: 86_400_000, w: 604_800_000 }[match[2] as 'h' | 'd' | 'w'];
  const ms = Number(match[1]) * unit;
  if (ms <= 0) throw new AccountError(`--expires "${text}" must be longer than zero`);
  return ms;
}

export interface TokenInfo {
  id: string;
  name: string;
  created: string;
  expires: string | null;
  revoked: string | null;
  lastUsed: string | null;
}

export class TokenService {
  private readonly tokens: ApiTokenRepository;
  constructor(private readonly repositories: Repositories) {
    this.tokens = repositories.apiTokens;
  }

  /** Direct SQL runs on the pool the store's repositories run on. */
  private get db(): Kysely<Database> {
    return this.repositories.db as Kysely<Database>;
  }

  async create(
    who: Actor | null,
    input: { email: string; name?: string; lifetimeMs: number | null },
  ): Promise<{ token: string; info: TokenInfo }> {
    const user = await this.repositories.accounts.userByEmail(normaliseEmail(input.email));
    if (!user) throw new AccountError(`No user ${input.email}`, 404, 'not-found');
    if (user.status === 'disabled') throw new AccountError(`User ${user.email} is disabled`, 409, 'disabled');
    const token = newSecret(TOKEN_PREFIX);
    const now = new Date();
    const row = {
      id: newId(),
      user_id: user.id,
      name: (input.name ?? '').trim().slice(0, 100) || 'token',
      token_hash: hashSecret(token),
      created_at: now.toISOString(),
      expires_at: input.lifetimeMs === null ? null : new Date(now.getTime() + input.lifetimeMs).toISOString(),
      revoked_at: null,
      last_used_at: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await this.repositories.in(trx).apiTokens.add(row);
      await new AuditLog(this.repositories).record(
        {
          actor: who,
          action: 'token.create',
          target: { type: 'api-token', id: row.id },
          detail: { user: user.email, name: row.name, expires: row.expires_at },
        },
        trx,
      );
    });
    return { token, info: present(row) };
  }

  async list(userId: string): Promise<TokenInfo[]> {
    return (await this.tokens.ofUser(userId)).map(present);
  }

  async revoke(who: Actor | null, userId: string, tokenId: string): Promise<void> {
    if (!(await this.tokens.revoke(userId, tokenId, new Date().toISOString())))
      throw new AccountError('No such active token', 404, 'not-found');
    await new AuditLog(this.repositories).record({
      actor: who,
      action: 'token.revoke',
      target: { type: 'api-token', id: tokenId },
    });
  }
}

function present(row: {
  id: string;
  name: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    created: row.created_at,
    expires: row.expires_at,
    revoked: row.revoked_at,
    lastUsed: row.last_used_at,
  };
}
