/**
 * The audit log on PostgreSQL when the app's role may only INSERT and SELECT on it: signing in,
 * failing, tokens and role changes still write their entries, and the role cannot change one.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, cookieHeader, PASSWORD, seedAccounts } from '../../test/support/accounts.js';
import { DIALECTS } from '../../test/support/dialects.js';
import { adminQuery, createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { loadSettings } from '../config/settings.js';
import { buildApp } from '../http/app.js';
import { openStore, type Store } from '../store/database.js';
import { TokenService } from './token.service.js';

describe.runIf(DIALECTS.includes('postgres'))(
  'audit log under a role with only INSERT/SELECT on it (postgres)',
  () => {
    let temp: TempStore;
    let restricted: Store;
    let url: string;
    const role = `etablera_app_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

    beforeAll(async () => {
      temp = await createTempStore('postgres');
      await seedAccounts(temp.store);
      const database = new URL(temp.env.DATABASE_URL).pathname.slice(1);
      await adminQuery(`create role ${role} login password 'app-role-password'`);
      const grants = new pg.Client({ connectionString: temp.env.DATABASE_URL });
      await grants.connect();
      try {
        await grants.query(`grant connect on database ${database} to ${role}`);
        await grants.query(`grant usage on schema public to ${role}`);
        await grants.query(`grant select, insert, update, delete on all tables in schema public to ${role}`);
        await grants.query(`revoke update, delete, truncate on audit_log from ${role}`);
        await grants.query(`grant usage, select on all sequences in schema public to ${role}`);
      } finally {
        await grants.end();
      }
      const u = new URL(temp.env.DATABASE_URL);
      u.username = role;
      u.password = 'app-role-password';
      url = u.toString();
      restricted = await openStore({ databaseUrl: url, dataDir: temp.env.ETABLERA_DATA_DIR });
    });
    afterAll(async () => {
      await restricted?.close();
      await temp?.destroy();
      await adminQuery(`drop role if exists ${role}`);
    });

    it('records sign-ins, failures, token use and refusals, and refuses UPDATE/DELETE/TRUNCATE', async () => {
      const app = await buildApp({
        store: restricted,
        settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0' }),
      });
      try {
        const count = async () => (await restricted.db.selectFrom('audit_log').select('id').execute()).length;
        const before = await count();
        expect(
          (await new Browser(app, temp.store).signIn('admin@lulea.se', 'wrong password!!')).statusCode,
        ).toBe(401);
        const browser = new Browser(app, temp.store);
        expect((await browser.signIn('admin@lulea.se', PASSWORD)).statusCode).toBe(303);
        const token = await new TokenService(restricted.repositories).create(null, {
          email: 'admin@lulea.se',
          lifetimeMs: null,
        });
        expect(
          (await app.inject({ url: '/api/audit', headers: { authorization: `Bearer ${token.token}` } }))
            .statusCode,
        ).toBe(200);
        const page = await app.inject({
          url: '/api/audit?limit=4',
          headers: { cookie: cookieHeader(browser.jar) },
        });
        expect(page.statusCode).toBe(200);
        expect(await count()).toBe(before + 5);
        const actions = (
          await restricted.db
            .selectFrom('audit_log')
            .select('action')
            .where('id', '>', before)
            .orderBy('id')
            .execute()
        ).map((r) => r.action);
        expect(actions).toEqual(['sign-in', 'sign-in', 'sign-in.second-factor', 'token.create', 'token.use']);
        for (const statement of [
          'update audit_log set actor = $1',
          'delete from audit_log where actor <> $1',
          'truncate audit_log',
        ]) {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await expect(
              client.query(statement, statement.startsWith('truncate') ? [] : ['x']),
            ).rejects.toThrow(/permission denied/);
          } finally {
            await client.end();
          }
        }
        expect(await count()).toBe(before + 5);
      } finally {
        await app.close();
      }
    });
  },
);
