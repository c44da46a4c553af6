/**
 * Accounts benchmark (npm run bench:accounts [sqlite|postgres]): the argon2id hash time with the
 * parameters in src/accounts/password.ts, and what a signed-in request costs over a public one. The
 * same handler is served twice, once public and once guarded (session cookie → session lookup and
 * memberships), requests interleaved, p50 of each; the difference is the seam's cost.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { hashPassword } from '../../src/accounts/password.js';
import { loadSettings } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import { Browser, cookieHeader, seedAccounts } from '../../test/support/accounts.js';
import { createTempStore } from '../../test/support/temp-store.js';

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const hashes: number[] = [];
for (let i = 0; i < 15; i++) {
  const start = performance.now();
  await hashPassword('a long walk by the sea at noon');
  hashes.push(performance.now() - start);
}

const temp = await createTempStore(dialect);
try {
  await seedAccounts(temp.store);
  const app = await buildApp({ store: temp.store, settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0' }) });
  const body = () => ({ ok: true });
  app.get('/bench/public', body);
  app.get('/bench/signed-in', { config: { permission: 'signed-in' } }, body);
  const browser = new Browser(app, temp.store);
  await browser.signIn('strateg@lulea.se');
  const cookie = cookieHeader(browser.jar);
  // The floor under the session cost: one trivial statement's round trip to the database.
  const times = { public: [] as number[], signedIn: [] as number[], roundTrip: [] as number[] };
  for (let i = 0; i < 3000; i++) {
    for (const [kind, url] of [
      ['public', '/bench/public'],
      ['signedIn', '/bench/signed-in'],
    ] as const) {
      const start = performance.now();
      const res = await app.inject({ url, headers: { cookie } });
      const ms = performance.now() - start;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
      if (i >= 300) times[kind].push(ms);
    }
    const start = performance.now();
    await sql`select 1`.execute(temp.store.db);
    if (i >= 300) times.roundTrip.push(performance.now() - start);
  }
  await app.close();
  const p50 = { public: median(times.public), signedIn: median(times.signedIn) };
  console.log(
    JSON.stringify(
      {
        dialect,
        argon2idHashMsP50: Number(median(hashes).toFixed(1)),
        publicP50Ms: Number(p50.public.toFixed(3)),
        signedInP50Ms: Number(p50.signedIn.toFixed(3)),
        sessionCostMs: Number((p50.signedIn - p50.public).toFixed(3)),
        selectOneRoundTripP50Ms: Number(median(times.roundTrip).toFixed(3)),
        budgetMs: 2,
      },
      null,
      2,
    ),
  );
} finally {
  await temp.destroy();
}
