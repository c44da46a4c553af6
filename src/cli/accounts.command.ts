/**
 * The first admin and automation, from the server's shell (the operator is trusted; entries are
 * audited as actor "cli"):
 *   etablera org add <code> [--name] [--kind]
 *   etablera user add --email X --org <code> --role <role> [--password-stdin]
 *   etablera user list [--org <code>] [--json]      etablera user disable --email X
 *   etablera token create --email X [--name] [--expires 90d]      etablera token list|revoke
 *   etablera audit export [--org <code>] [--since date] [-o file]
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import type { Actor } from '../accounts/actor.js';
import { ORGANISATION_KINDS, ROLES } from '../accounts/roles.js';
import { loadSettings, type Settings } from '../config/settings.js';
import type { Store } from '../store/database.js';
import type { UserRow } from '../store/repositories/accounts.repository.js';
import { openConfiguredStore } from './open-store.js';
import { UsageError } from './usage-error.js';

/** Who the audit log names for commands run on the server. */
const CLI: Actor = { userId: null, label: 'cli', via: 'admin-token', memberships: [], global: [] };

/** What the commands use, loaded when one runs: `etablera --help` needs none of it (start time). */
async function accountModules() {
  return {
    ...(await import('../accounts/account.service.js')),
    ...(await import('../accounts/audit-log.js')),
    ...(await import('../accounts/token.service.js')),
    ...(await import('../store/repositories/accounts.repository.js')),
  };
}

async function withStore<T>(
  work: (store: Store, m: Awaited<ReturnType<typeof accountModules>>) => Promise<T>,
): Promise<T> {
  const m = await accountModules();
  const store = await openConfiguredStore();
  try {
    return await work(store, m);
  } catch (error) {
    if (error instanceof m.AccountError) throw new UsageError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

/**
 * With e-mail on, the invitation also goes to the person through the outbox (as from the organisation
 * page), and this command tries to deliver it at once; what it cannot deliver now stays queued and a
 * running server (or `etablera plan remind`) retries it. The link is printed either way.
 */
async function mailInvitation(
  store: Store,
  settings: Settings,
  user: UserRow,
  organisationId: string,
  link: string,
): Promise<void> {
  const { Mailer } = await import('../mail/mailer.js');
  const { AccountMailService } = await import('../accounts/account-mail.service.js');
  const log = { info: () => undefined, warn: console.error, error: console.error };
  const mailer = new Mailer({ store, settings, log });
  try {
    if (!mailer.enabled) {
      console.log(`E-mail is off (${mailer.offReason}): pass the link on yourself.`);
      return;
    }
    const organisation = (await store.repositories.accounts.organisations()).find(
      (o) => o.id === organisationId,
    ) ?? { id: organisationId, name: organisationId };
    await new AccountMailService(store.repositories, mailer).sendInvitation(user, link, organisation, 'sv');
    const round = await mailer.deliverDue();
    console.log(
      round.sent > 0
        ? `Invitation e-mailed to ${user.email}.`
        : `Invitation to ${user.email} queued in the mail outbox; it could not be delivered yet and is retried by the server.`,
    );
  } finally {
    await mailer.stop();
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new UsageError(
      '--password-stdin: pipe the password in, e.g. `printf %s "$PW" | etablera user add …`',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline (echo, a file) is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function registerAccountCommands(program: Command): void {
  const org = program
    .command('org')
    .description('Organisations (kommuner, regioner, kommunförbund, partners)');
  org
    .command('add <code>')
    .description("Add an organisation: a kommun's 4-digit code (e.g. 2580) or a slug for others")
    .option('--name <name>', 'its name (default: the kommun name from the store, else the code)')
    .option(
      '--kind <kind>',
      `one of ${ORGANISATION_KINDS.join(', ')} (default: kommun for 4 digits, else partner)`,
    )
    .action((code: string, opts: { name?: string; kind?: string }) =>
      withStore(async (store, m) => {
        const row = await new m.AccountService(store.repositories).addOrganisation(CLI, {
          id: code,
          ...opts,
        });
        console.log(`Added organisation ${row.id} (${row.kind}): ${row.name}`);
      }),
    );
  org
    .command('list')
    .description('List the organisations')
    .action(() =>
      withStore(async (store, m) => {
        for (const o of await new m.AccountsRepository(store.db).organisations())
          console.log(`${o.id}\t${o.kind}\t${o.name}`);
      }),
    );

  const user = program.command('user').description('Users and their roles');
  user
    .command('add')
    .description('Add a user with a role in an organisation (or give a known user a role there)')
    .requiredOption('--email <email>', 'the e-mail address (the sign-in name)')
    .requiredOption('--org <code>', 'the organisation')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'the name shown to others')
    .option('--password-stdin', 'read the password from standard input (else the user is invited)')
    .action((opts: { email: string; org: string; role: string; name?: string; passwordStdin?: boolean }) =>
      withStore(async (store, m) => {
        const password = opts.passwordStdin ? await readStdin() : undefined;
        const service = new m.AccountService(store.repositories);
        const { user: added, created } = await service.addUser(CLI, {
          email: opts.email,
          organisationId: opts.org,
          role: opts.role,
          password,
          displayName: opts.name,
        });
        console.log(`${created ? 'Added' : 'Updated'} ${added.email}: ${opts.role} in ${opts.org}`);
        if (!password && added.status === 'invited') {
          const settings = loadSettings();
          const link = await service.invitationLink(CLI, added.id, settings.publicBaseUrl);
          console.log(`Invitation link (valid 7 days, once): ${link}`);
          await mailInvitation(store, settings, added, opts.org, link);
        }
      }),
    );
  user
    .command('list')
    .description('List users with their organisations and roles')
    .option('--org <code>', 'only members of this organisation')
    .option('--json', 'one JSON object per line')
    .action((opts: { org?: string; json?: boolean }) =>
      withStore(async (store, m) => {
        const users = await new m.AccountService(store.repositories).listUsers(opts.org);
        for (const u of users)
          console.log(
            opts.json
              ? JSON.stringify(u)
              : [u.email, u.status, u.organisation ?? '-', u.role ?? '-', u.secondFactor ? 'totp' : '-'].join(
                  '\t',
                ),
          );
      }),
    );
  user
    .command('disable')
    .description('Disable a user: sessions and tokens stop working at once; nothing is deleted')
    .requiredOption('--email <email>', 'the user')
    .action((opts: { email: string }) =>
      withStore(async (store, m) => {
        const disabled = await new m.AccountService(store.repositories).disableUser(CLI, opts.email);
        console.log(`Disabled ${disabled.email}`);
      }),
    );

  const token = program.command('token').description('API tokens for scripts');
  token
    .command('create')
    .description('Create an API token for a user; it is printed once (send it as "Authorization: Bearer …")')
    .requiredOption('--email <email>', 'whose roles the token carries')
    .option('--name <name>', 'what the token is for', 'cli')
    .option('--expires <lifetime>', 'e.g. 90d, 12h, 2w or never', '90d')
    .action((opts: { email: string; name: string; expires: string }) =>
      withStore(async (store, m) => {
        const created = await new m.TokenService(store.repositories).create(CLI, {
          email: opts.email,
          name: opts.name,
          lifetimeMs: m.parseLifetime(opts.expires),
        });
        console.error(
          `Token ${created.info.id} for ${m.normaliseEmail(opts.email)}, expires ${created.info.expires ?? 'never'}:`,
        );
        console.log(created.token);
      }),
    );
  token
    .command('list')
    .description("List a user's tokens (never the secrets)")
    .requiredOption('--email <email>', 'the user')
    .action((opts: { email: string }) =>
      withStore(async (store, m) => {
        const found = await new m.AccountsRepository(store.db).userByEmail(m.normaliseEmail(opts.email));
        if (!found) throw new UsageError(`No user ${opts.email}`);
        for (const t of await new m.TokenService(store.repositories).list(found.id))
          console.log(
            [
              t.id,
              t.name,
              t.created,
              t.expires ?? 'never',
              t.revoked ? `revoked ${t.revoked}` : 'active',
            ].join('\t'),
          );
      }),
    );
  token
    .command('revoke <id>')
    .description('Revoke a token')
    .requiredOption('--email <email>', 'the owner')
    .action((id: string, opts: { email: string }) =>
      withStore(async (store, m) => {
        const found = await new m.AccountsRepository(store.db).userByEmail(m.normaliseEmail(opts.email));
        if (!found) throw new UsageError(`No user ${opts.email}`);
        await new m.TokenService(store.repositories).revoke(CLI, found.id, id);
        console.log(`Revoked ${id}`);
      }),
    );

  program
    .command('audit')
    .description('The audit log')
    .command('export')
    .description('Write the audit log as NDJSON (oldest first) to standard output or a file')
    .option('--org <code>', 'only this organisation')
    .option('--since <date>', 'only entries from this date or time (ISO 8601)')
    .option('-o, --output <file>', 'write to this file')
    .action((opts: { org?: string; since?: string; output?: string }) =>
      withStore(async (store, m) => {
        if (opts.since && Number.isNaN(Date.parse(opts.since)))
          throw new UsageError(`--since "${opts.since}": use a date such as 2026-01-31`);
        const since = opts.since ? new Date(opts.since).toISOString() : undefined;
        const out = opts.output ? createWriteStream(opts.output) : process.stdout;
        let n = 0;
        for await (const entry of new m.AuditLog(store.repositories).export({
          organisationId: opts.org,
          since,
        })) {
          if (!out.write(`${JSON.stringify(entry)}\n`)) await once(out, 'drain');
          n++;
        }
        if (opts.output) {
          (out as ReturnType<typeof createWriteStream>).end();
          await once(out, 'finish');
          console.error(`${n} entries written to ${opts.output}`);
        }
      }),
    );
}
