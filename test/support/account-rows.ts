/**
 * Accounts written straight into the store's tables, without password hashes: for tests of the
 * authorisation seam, sessions, tokens and the repositories, where hashing (≈ 200 ms a hash) is not
 * what is tested and would make every mutation run slow (TESTING.md). Passwords: test/support/accounts.ts.
 */
import type { Role } from '../../src/accounts/roles.js';
import { hashSecret, newSecret } from '../../src/accounts/secrets.js';
import type { Store } from '../../src/store/database.js';

const T0 = '2026-01-01T00:00:00.000Z';

export async function addOrganisationRow(store: Store, id: string, name = `Org ${id}`): Promise<void> {
  await store.repositories.accounts.addOrganisation({ id, kind: 'kommun', name, created_at: T0 });
}

/** A user (id = the e-mail's local part) with the given memberships; no password. */
export async function addUserRow(
  store: Store,
  email: string,
  memberships: [organisationId: string, role: Role][] = [],
  extra: { status?: 'active' | 'invited' | 'disabled'; totp?: boolean } = {},
): Promise<string> {
  const id = email.split('@')[0] as string;
  await store.repositories.accounts.addUser({
    id,
    email,
    display_name: null,
    password_hash: null,
    status: extra.status ?? 'active',
    locale: null,
    totp_secret: extra.totp ? 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' : null,
    totp_enabled_at: extra.totp ? T0 : null,
    totp_last_step: null,
    created_at: T0,
    disabled_at: null,
  });
  for (const [organisationId, role] of memberships)
    await store.repositories.accounts.setRole(id, organisationId, role, T0);
  return id;
}

/** A session of the user; returns the id the cookie carries. Times default to now and a day ahead. */
export async function addSessionRow(
  store: Store,
  userId: string,
  options: { stage?: string; lastSeen?: Date; expires?: Date; method?: string } = {},
): Promise<string> {
  const id = newSecret();
  const now = new Date();
  await store.repositories.sessions.add({
    id_hash: hashSecret(id),
    user_id: userId,
    stage: options.stage ?? 'full',
    method: options.method ?? 'password',
    created_at: now.toISOString(),
    last_seen_at: (options.lastSeen ?? now).toISOString(),
    expires_at: (options.expires ?? new Date(now.getTime() + 86_400_000)).toISOString(),
    ip: null,
    user_agent: null,
  });
  return id;
}

/** An API token of the user; returns the token and its id. */
export async function addTokenRow(
  store: Store,
  userId: string,
  options: { expires?: string | null; revoked?: string | null; id?: string } = {},
): Promise<{ token: string; id: string }> {
  const token = newSecret('etb_');
  const id = options.id ?? `t-${newSecret().slice(0, 8)}`;
  await store.repositories.apiTokens.add({
    id,
    user_id: userId,
    name: 'script',
    token_hash: hashSecret(token),
    created_at: T0,
    expires_at: options.expires ?? null,
    revoked_at: options.revoked ?? null,
    last_used_at: null,
  });
  return { token, id };
}
