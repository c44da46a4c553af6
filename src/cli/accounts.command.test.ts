import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliResult } from '../../test/support/cli.js';
import { DIALECTS } from '../../test/support/dialects.js';
import { TestSmtpServer } from '../../test/support/smtp.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { verifyPassword } from '../accounts/password.js';

const PASSWORD = 'correct horse battery staple';

for (const dialect of DIALECTS) {
  describe(`etablera org/user/token/audit (${dialect})`, () => {
    let temp: TempStore;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    const cli = (args: string[], stdin = '') =>
      cliResult(args, { env: { ...temp.env, ETABLERA_PUBLIC_URL: 'https://etablera.example' }, stdin });
    const users = () => temp.store.db.selectFrom('app_user').selectAll().execute();

    it('adds the first organisation and admin with --password-stdin, lists them and prints a token once', async () => {
      const org = await cli(['org', 'add', '2580', '--name', 'Luleå kommun']);
      expect(org.code, org.stderr).toBe(0);
      expect(org.stdout).toMatch(/Added organisation 2580 \(kommun\): Luleå kommun/);
      const add = await cli(
        ['user', 'add', '--email', 'Chef@Lulea.se', '--org', '2580', '--role', 'admin', '--password-stdin'],
        `${PASSWORD}\n`,
      );
      expect(add.code, add.stderr).toBe(0);
      const [user] = await users();
      expect(user).toMatchObject({ email: 'chef@lulea.se', status: 'active' });
      expect(user?.password_hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
      expect(await verifyPassword(user?.password_hash as string, PASSWORD)).toBe(true);
      const list = await cli(['user', 'list']);
      expect(list.stdout.trim()).toBe('chef@lulea.se\tactive\t2580\tadmin\t-');
      const token = await cli(['token', 'create', '--email', 'chef@lulea.se', '--expires', '30d']);
      expect(token.code, token.stderr).toBe(0);
      expect(token.stdout.trim()).toMatch(/^etb_[\w-]{43}$/);
      const stored = await temp.store.db.selectFrom('api_token').selectAll().executeTakeFirstOrThrow();
      expect(stored.token_hash).not.toContain(token.stdout.trim());
      expect(Date.parse(stored.expires_at as string) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    });

    it('invites a user without a password: a one-time link, stored only as a hash', async () => {
      const add = await cli([
        'user',
        'add',
        '--email',
        'ny@lulea.se',
        '--org',
        '2580',
        '--role',
        'strategist',
      ]);
      expect(add.code, add.stderr).toBe(0);
      const link = /https:\/\/etablera\.example\/konto\/inbjudan\/([\w-]{43})/.exec(add.stdout);
      expect(link).not.toBeNull();
      const row = await temp.store.db.selectFrom('account_link').selectAll().executeTakeFirstOrThrow();
      expect(row.code_hash).not.toBe(link?.[1]);
      expect((await users()).find((u) => u.email === 'ny@lulea.se')?.status).toBe('invited');
    });

    it('with e-mail on, user add also sends the invitation through the outbox (and still prints the link)', async () => {
      const smtp = await new TestSmtpServer().start();
      try {
        const add = await cliResult(
          ['user', 'add', '--email', 'mejl@lulea.se', '--org', '2580', '--role', 'reader'],
          {
            env: {
              ...temp.env,
              ...smtp.env(),
              ETABLERA_PUBLIC_URL: 'https://etablera.example',
              // The test server's certificate is self-signed; STARTTLS is still required.
              NODE_TLS_REJECT_UNAUTHORIZED: '0',
            },
          },
        );
        expect(add.code, add.stderr).toBe(0);
        const link = /https:\/\/etablera\.example\/konto\/inbjudan\/[\w-]{43}/.exec(add.stdout)?.[0];
        expect(link).toBeDefined();
        expect(add.stdout).toContain('Invitation e-mailed to mejl@lulea.se');
        const [mail] = await smtp.waitFor(1);
        expect(mail?.to).toEqual(['mejl@lulea.se']);
        expect(mail?.text).toContain(link as string);
        const queued = await temp.store.db
          .selectFrom('mail_outbox')
          .selectAll()
          .where('recipient', '=', 'mejl@lulea.se')
          .execute();
        expect(queued.map((m) => m.state)).toEqual(['sent']);
      } finally {
        await smtp.stop();
      }
    });

    it('with e-mail off, user add says so and prints the link to pass on', async () => {
      const add = await cli(['user', 'add', '--email', 'utan@lulea.se', '--org', '2580', '--role', 'reader']);
      expect(add.code, add.stderr).toBe(0);
      expect(add.stdout).toMatch(/Invitation link \(valid 7 days, once\): https:\/\/etablera\.example/);
      expect(add.stdout).toMatch(/E-mail is off .*pass the link on yourself/);
    });

    // Each CLI start costs seconds: a few cases here, the rest of the rules in account.service.test.ts.
    it('refuses bad input with one clear line and writes nothing', async () => {
      const before = {
        users: (await users()).length,
        audit: (await temp.store.db.selectFrom('audit_log').select('id').execute()).length,
      };
      const cases: [string[], string, RegExp][] = [
        [
          ['user', 'add', '--email', 'x@lulea.se', '--org', '2580', '--role', 'king'],
          '',
          /Role "king": use one of admin/,
        ],
        [
          ['user', 'add', '--email', 'x@lulea.se', '--org', '2580', '--role', 'reader', '--password-stdin'],
          'password1234\n',
          /among the most common/,
        ],
        [
          ['user', 'add', '--email', 'x@lulea.se', '--org', '9999', '--role', 'reader'],
          '',
          /No organisation 9999/,
        ],
        [['org', 'add', 'Bad Code!'], '', /Organisation code/],
        [['token', 'create', '--email', 'chef@lulea.se', '--expires', 'soon'], '', /--expires "soon"/],
      ];
      for (const [args, stdin, message] of cases) {
        const result = await cli(args, stdin);
        expect(result.code, args.join(' ')).toBe(1);
        expect(result.stderr, args.join(' ')).toMatch(message);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      }
      expect((await users()).length).toBe(before.users);
      expect((await temp.store.db.selectFrom('audit_log').select('id').execute()).length).toBe(before.audit);
    });

    it('disables a user (kept, sessions ended) and exports the audit log as NDJSON', async () => {
      const disable = await cli(['user', 'disable', '--email', 'chef@lulea.se']);
      expect(disable.code, disable.stderr).toBe(0);
      expect((await users()).find((u) => u.email === 'chef@lulea.se')?.status).toBe('disabled');
      const exported = await cli(['audit', 'export', '--org', '2580']);
      expect(exported.code, exported.stderr).toBe(0);
      const entries = exported.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(entries.map((e) => e.action)).toEqual(
        expect.arrayContaining(['organisation.add', 'user.add', 'role.set', 'user.disable']),
      );
      expect(entries.every((e) => e.organisation === '2580' && e.actor === 'cli')).toBe(true);
      expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => a - b));
    });
  });
}
