/**
 * The organisation admin page and its attacks: role escalation through a crafted form field, another
 * organisation's page or members (404, nothing written), a non-admin (403), a bad role (400).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, seedAccounts } from '../../../test/support/accounts.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { loadSettings } from '../../config/settings.js';
import { buildApp } from '../app.js';

for (const dialect of DIALECTS) {
  describe(`organisation admin page (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let admin: Browser;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await seedAccounts(temp.store);
      app = await buildApp({ store: temp.store, settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0' }) });
      admin = new Browser(app, temp.store);
      await admin.signIn('admin@lulea.se');
    });
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });
    const memberships = () =>
      temp.store.db
        .selectFrom('membership')
        .select(['user_id', 'organisation_id', 'role'])
        .orderBy('user_id')
        .orderBy('organisation_id')
        .execute();
    const audits = async () => (await temp.store.db.selectFrom('audit_log').select('id').execute()).length;

    it("shows the organisation's members to its admin", async () => {
      const page = await admin.get('/organisation/2580');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('strateg@lulea.se');
      expect(page.body).not.toContain('admin@malmo.se');
    });

    it('invites a new member with the chosen role and shows the one-time link', async () => {
      await admin.get('/organisation/2580');
      const res = await admin.post('/organisation/2580/medlemmar', {
        email: 'ny@lulea.se',
        role: 'reporter',
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/\/konto\/inbjudan\/[\w-]{43}/);
      const added = await temp.store.db
        .selectFrom('membership')
        .innerJoin('app_user', 'app_user.id', 'membership.user_id')
        .select(['membership.role', 'membership.organisation_id'])
        .where('app_user.email', '=', 'ny@lulea.se')
        .execute();
      expect(added).toEqual([{ role: 'reporter', organisation_id: '2580' }]);
    });

    it("ignores an organisation smuggled into the form; another organisation's page and members are a 404", async () => {
      const before = await memberships();
      const entries = await audits();
      await admin.get('/organisation/2580');
      // Crafted: the form for 2580 names Malmö; the role lands in 2580 only.
      const crafted = await admin.post('/organisation/2580/medlemmar', {
        email: 'admin@malmo.se',
        role: 'reader',
        organisation: '1280',
        organisation_id: '1280',
      });
      expect(crafted.statusCode).toBe(200);
      const after = await memberships();
      expect(after.filter((m) => m.organisation_id === '1280')).toEqual(
        before.filter((m) => m.organisation_id === '1280'),
      );
      // Another organisation's page and form: 404, nothing written, nothing audited.
      const now = await memberships();
      const logged = await audits();
      expect((await admin.get('/organisation/1280')).statusCode).toBe(404);
      await admin.get('/organisation/2580');
      const idor = await admin.post('/organisation/1280/medlemmar', {
        email: 'admin@lulea.se',
        role: 'admin',
      });
      expect(idor.statusCode).toBe(404);
      expect((await admin.get('/organisation/9999')).statusCode).toBe(404);
      expect(await memberships()).toEqual(now);
      expect(await audits()).toBe(logged);
      expect(logged).toBeGreaterThan(entries);
    });

    it('refuses a strategist (403, audited) and an unknown role (400), writing no membership', async () => {
      const before = await memberships();
      const strategist = new Browser(app, temp.store);
      await strategist.signIn('strateg@lulea.se');
      await strategist.get('/konto');
      // Escalation: a strategist tries to make themselves admin.
      const self = await strategist.post('/organisation/2580/medlemmar', {
        email: 'strateg@lulea.se',
        role: 'admin',
      });
      expect(self.statusCode).toBe(403);
      const last = await temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(last).toMatchObject({ action: 'access', outcome: 'refused', actor: 'strateg@lulea.se' });
      await admin.get('/organisation/2580');
      const bad = await admin.post('/organisation/2580/medlemmar', {
        email: 'strateg@lulea.se',
        role: 'superadmin',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toMatch(/Role &quot;superadmin&quot;|Role "superadmin"/);
      expect(await memberships()).toEqual(before);
    });
  });
}
