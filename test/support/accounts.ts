/** Test helpers for signed-in requests: organisations and users, forms with their CSRF token, cookies. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { AccountService } from '../../src/accounts/account.service.js';
import type { Store } from '../../src/store/database.js';

export const PASSWORD = 'a long walk by the sea at noon';
/** The TOTP secret of every seeded admin (their role requires a second factor). */
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Cookies a response sets, as name → value (a cleared cookie maps to ''). */
export function setCookies(res: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
}

export const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

/** A browser's cookie jar and the CSRF token of the last form it loaded. */
export class Browser {
  jar: Record<string, string> = {};
  csrf = '';
  /** With the store, a sign-in answers the second step too (see `signIn`). */
  constructor(
    private readonly app: FastifyInstance,
    private readonly store?: Store,
  ) {}

  async get(url: string) {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: cookieHeader(this.jar), accept: 'text/html' },
    });
    Object.assign(this.jar, setCookies(res));
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  async post(url: string, form: Record<string, string>, { csrf = true } = {}) {
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(this.jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(csrf ? { _csrf: this.csrf, ...form } : form).toString(),
    });
    Object.assign(this.jar, setCookies(res));
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  /**
   * Signs in; when asked for the second factor (and given the store) answers with the current TOTP
   * code. A code is accepted once per 30 s step, so the helper first forgets the step last used —
   * tests sign in many times a minute; the replay refusal itself is tested in second-factor.test.ts.
   */
  async signIn(email: string, password = PASSWORD) {
    await this.get('/logga-in');
    const res = await this.post('/logga-in', { email, password });
    const location = String(res.headers.location ?? '');
    if (!this.store || !location.startsWith('/logga-in/kod')) return res;
    await this.store.db
      .updateTable('app_user')
      .set({ totp_last_step: null })
      .where('email', '=', email.toLowerCase())
      .execute();
    await this.get(location);
    return this.post('/logga-in/kod', { code: await generate({ secret: TOTP_SECRET }), next: '/konto' });
  }
}

/** Two organisations (2580 Luleå, 1280 Malmö) with an admin and a strategist each, plus a disabled user. */
export async function seedAccounts(store: Store) {
  const accounts = new AccountService(store.repositories);
  await accounts.addOrganisation(null, { id: '2580', name: 'Luleå kommun' });
  await accounts.addOrganisation(null, { id: '1280', name: 'Malmö stad' });
  const add = (email: string, organisationId: string, role: string) =>
    accounts.addUser(null, { email, organisationId, role, password: PASSWORD });
  await add('admin@lulea.se', '2580', 'admin');
  await add('strateg@lulea.se', '2580', 'strategist');
  await add('admin@malmo.se', '1280', 'admin');
  await add('gone@lulea.se', '2580', 'reader');
  await accounts.disableUser(null, 'gone@lulea.se');
  await store.db
    .updateTable('app_user')
    .set({ totp_secret: TOTP_SECRET, totp_enabled_at: new Date().toISOString() })
    .where('email', 'in', ['admin@lulea.se', 'admin@malmo.se'])
    .execute();
}
