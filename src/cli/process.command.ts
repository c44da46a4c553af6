/**
 * Process's privacy commands, run by the operator on the server (audited as actor "cli"):
 *   etablera keys new [--id <id>]           a new data key line for the key file
 *   etablera keys rotate [--batch 500]      re-seal every value under the current (first) key
 *   etablera keys status                    how many values each key seals
 *   etablera person erase <id> --reason "…" erase a person on request
 *   etablera person retention [--dry-run]   erase (or pseudonymise) closed cases past the retention period now
 *   etablera person reads <id> [--json]     who read or changed this person's data (for the DPO)
 *   etablera person retention-days <org> <days>   an organisation's retention period
 *   etablera person retention-action <org> erase|pseudonymise   what happens past it
 *   etablera person legal-basis <org> "<text>"    the legal basis stated in the information
 *   etablera kpi own recompute [--organisation X] [--json]   the own KPIs from Process outcomes, now
 */
import type { Command } from 'commander';
import type { Actor } from '../accounts/actor.js';
import { loadSettings } from '../config/settings.js';
import type { Keyring } from '../domain/process/privacy/field-cipher.js';
import type { Store } from '../store/database.js';
import { openConfiguredStore } from './open-store.js';
import { UsageError } from './usage-error.js';

const CLI: Actor = { userId: null, label: 'cli', via: 'admin-token', memberships: [], global: [] };

/** What the commands use, loaded when one runs: `etablera --help` needs none of it (start time). */
async function processModules() {
  return {
    ...(await import('../accounts/actor.js')),
    ...(await import('../accounts/audit-log.js')),
    ...(await import('../domain/process/privacy/erasure.js')),
    ...(await import('../domain/process/privacy/field-cipher.js')),
    ...(await import('../domain/process/privacy/key-rotation.js')),
    ...(await import('../store/repositories/people.repository.js')),
  };
}
type Modules = Awaited<ReturnType<typeof processModules>>;

async function withStore<T>(work: (store: Store, m: Modules) => Promise<T>): Promise<T> {
  const m = await processModules();
  const store = await openConfiguredStore();
  try {
    return await work(store, m);
  } catch (error) {
    if (
      error instanceof m.NotFoundError ||
      error instanceof m.KeyringError ||
      error instanceof m.RetentionKeyError
    )
      throw new UsageError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

async function keyring(): Promise<Keyring> {
  const { loadKeyring, NO_KEY_MESSAGE } = await import('../domain/process/privacy/field-cipher.js');
  const ring = loadKeyring(loadSettings());
  if (!ring) throw new UsageError(NO_KEY_MESSAGE);
  return ring;
}

/** The data key when one is set: erasure then brings the person's outcome events up to date first. */
async function optionalKeyring(): Promise<Keyring | null> {
  const { loadKeyring } = await import('../domain/process/privacy/field-cipher.js');
  return loadKeyring(loadSettings());
}

const wholeNumber = (name: string, text: string, min: number, max: number) => {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new UsageError(`${name} must be a whole number ${min}–${max}, got "${text}"`);
  return n;
};

export function registerProcessCommands(program: Command): void {
  const own = program
    .command('kpi')
    .description('KPIs of the store')
    .command('own')
    .description("The municipality's own KPIs, computed from Process outcomes (docs/own-kpis.md)");
  own
    .command('recompute')
    .description('Recompute the own KPIs now (the server does it nightly, ETABLERA_OWN_KPI_SCHEDULE)')
    .option('--organisation <id>', 'only this organisation (a kommun code such as 2580)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { organisation?: string; json?: boolean }) => {
      const ring = await keyring();
      await withStore(async (store) => {
        if (opts.organisation !== undefined) {
          const found = await store.db
            .selectFrom('organisation')
            .select('id')
            .where('id', '=', opts.organisation)
            .executeTakeFirst();
          if (!found) throw new UsageError(`--organisation: no organisation "${opts.organisation}"`);
          if (!/^\d{4}$/.test(opts.organisation))
            throw new UsageError(
              `--organisation: "${opts.organisation}" is not a municipality (a four-digit code), so it has no own KPIs`,
            );
        }
        const { OwnKpiService } = await import('../domain/process/outcomes/own-kpi.service.js');
        const r = await new OwnKpiService(store, ring).recompute(
          opts.organisation ? { organisation: opts.organisation } : {},
        );
        if (opts.json) console.log(JSON.stringify(r));
        else
          console.log(
            `Own KPIs recomputed: ${r.organisations.join(', ') || 'no organisation'}; ${r.people} people, ${r.events} events, ${r.cells} cells (${r.suppressed} suppressed), ${r.changed} changed, ${r.seconds.toFixed(1)} s` +
              (r.skipped.length ? `; skipped (not a municipality): ${r.skipped.join(', ')}` : ''),
          );
      });
    });

  const keys = program.command('keys').description('Data keys that encrypt Process personal data');
  keys
    .command('new')
    .description(
      'Print a new key line; put it first in ETABLERA_PROCESS_KEY_FILE, keep the old ones below until rotated',
    )
    .option('--id <id>', 'key id (letters, digits, - or _; default k<date>)')
    .action(async (opts: { id?: string }) => {
      const { Keyring } = await import('../domain/process/privacy/field-cipher.js');
      const line = Keyring.newKeyLine(opts.id);
      Keyring.parse(line, '--id');
      console.log(line);
    });
  keys
    .command('rotate')
    .description(
      'Re-encrypt every value under the current (first) key, in batches; safe while the server runs, resumable',
    )
    .option('--batch <n>', 'values per transaction', '500')
    .action(async (opts: { batch: string }) => {
      const ring = await keyring();
      const batchSize = wholeNumber('--batch', opts.batch, 1, 100_000);
      await withStore(async (store, m) => {
        const report = await m.rotateKeys(store, ring, {
          batchSize,
          onBatch: (r) => process.stderr.write(`\rre-encrypted ${r.resealed} values (${r.batches} batches)`),
        });
        process.stderr.write('\n');
        await new m.AuditLog(store.repositories).record({
          actor: CLI,
          action: 'keys.rotate',
          detail: { ...report },
        });
        console.log(
          `All values are under key "${report.keyId}": ${report.resealed} re-encrypted, ${report.skipped} changed meanwhile. Older keys can now be removed from the key file.`,
        );
      });
    });
  keys
    .command('status')
    .description('How many values each key id encrypts, per column')
    .action(async () =>
      withStore(async (store, m) => {
        for (const c of await m.keyStatus(store))
          console.log(`${c.column}: ${c.keys.map((k) => `${k.keyId} ${k.n}`).join(', ') || 'empty'}`);
      }),
    );

  const person = program
    .command('person')
    .description("Process: a person's data (erasure, retention, access report)");
  person
    .command('erase <id>')
    .description('Erase a person and everything held about them (the audit log keeps only that it happened)')
    .requiredOption('--reason <text>', 'why (e.g. "request from the person, ärende 2026-123")')
    .action(async (id: string, opts: { reason: string }) => {
      if (!opts.reason.trim()) throw new UsageError('--reason must say why');
      await withStore(async (store, m) => {
        await m.erasePerson(store, {
          personId: id,
          reason: opts.reason,
          by: CLI,
          cause: 'request',
          keyring: await optionalKeyring(),
        });
        console.log(`Erased person ${id}.`);
      });
    });
  person
    .command('retention')
    .description(
      "Erase (or, where the organisation chose so, pseudonymise) the closed cases past their organisation's retention period (the server does it nightly)",
    )
    .option('--dry-run', 'only count')
    .action(async (opts: { dryRun?: boolean }) =>
      withStore(async (store, m) => {
        // The key is needed only to pseudonymise (it reads the plans); erasing works without it.
        const ring = await optionalKeyring();
        const report = await m.runRetention(store, { dryRun: opts.dryRun === true, keyring: ring });
        for (const e of report.erased) {
          const done = e.action === 'pseudonymise' ? 'pseudonymised' : 'erased';
          console.log(
            `${e.organisation}: ${e.people} ${opts.dryRun ? `due to be ${done}` : done} (retention ${e.retentionDays} days)`,
          );
        }
        if (report.erased.length === 0) console.log('Nobody is past the retention period.');
      }),
    );
  person
    .command('retention-days <organisation> <days>')
    .description("Set an organisation's retention period after a case closes (default 730 days)")
    .action(async (organisation: string, days: string) =>
      withStore(async (store, m) => {
        const n = wholeNumber('days', days, 1, 36_500);
        await new m.PeopleRepository(store.db).setRetentionDays(organisation, n);
        await new m.AuditLog(store.repositories).record({
          actor: CLI,
          action: 'process.retention',
          organisationId: organisation,
          detail: { retentionDays: n },
        });
        console.log(`Retention for ${organisation}: ${n} days after the case closes.`);
      }),
    );
  person
    .command('retention-action <organisation> <action>')
    .description(
      'What the retention run does past the period: erase (default) or pseudonymise (keep only outcomes, by month, under a random id, for own KPIs)',
    )
    .action(async (organisation: string, action: string) =>
      withStore(async (store, m) => {
        if (action !== 'erase' && action !== 'pseudonymise')
          throw new UsageError(`the action must be "erase" or "pseudonymise", got "${action}"`);
        await new m.PeopleRepository(store.db).setRetentionAction(organisation, action);
        await new m.AuditLog(store.repositories).record({
          actor: CLI,
          action: 'process.retention',
          organisationId: organisation,
          detail: { retentionAction: action },
        });
        console.log(
          `Retention for ${organisation}: past the period, people are ${action === 'erase' ? 'erased' : 'pseudonymised'}.`,
        );
      }),
    );
  person
    .command('legal-basis <organisation> <text>')
    .description('The legal basis an organisation states in the information each person is given')
    .action(async (organisation: string, text: string) =>
      withStore(async (store, m) => {
        const basis = text.trim();
        if (!basis || basis.length > 200) throw new UsageError('the legal basis must be 1–200 characters');
        await new m.PeopleRepository(store.db).setLegalBasis(organisation, basis);
        await new m.AuditLog(store.repositories).record({
          actor: CLI,
          action: 'process.legal-basis',
          organisationId: organisation,
          detail: { legalBasis: basis },
        });
        console.log(`Legal basis for ${organisation}: ${basis}`);
      }),
    );
  person
    .command('reads <id>')
    .description("Who read or changed this person's data: when, which part, why (for the DPO)")
    .option('--json', 'JSON lines instead of a table')
    .action(async (id: string, opts: { json?: boolean }) =>
      withStore(async (store, m) => {
        const row = await new m.PeopleRepository(store.db).person(id);
        if (!row) throw new UsageError(`no person ${id} (erased, or never recorded)`);
        const audit = new m.AuditLog(store.repositories);
        const entries = await audit.forTarget('person', row.audit_ref);
        await audit.record({
          actor: CLI,
          action: 'person.read',
          organisationId: row.organisation_id,
          target: { type: 'person', id: row.audit_ref },
          detail: { part: 'reads', via: 'cli' },
        });
        for (const e of entries) {
          const { part = '', via = '', reason = '' } = e.detail as Record<string, string>;
          console.log(
            opts.json
              ? JSON.stringify({ at: e.at, actor: e.actor, action: e.action, part, via, reason })
              : [e.at, e.actor, e.action, part, via, reason].join('\t'),
          );
        }
      }),
    );
}
