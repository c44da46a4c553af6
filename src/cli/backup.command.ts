/** `etablera backup <file>` and `etablera restore <file>` for the store the settings point at. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadSettings } from '../config/settings.js';
import type { TableCounts } from '../store/backup.js';

/** The URL as shown: the password replaced, to be supplied by PGPASSWORD or ~/.pgpass. */
const masked = (url: string) => url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1@');
const quote = (arg: string) => (/^[\w./:=@-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

function summary(counts: TableCounts): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return `${Object.keys(counts).length} tables, ${total} rows (values: ${counts.value ?? 0})`;
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'the backup file to write (must not exist)')
    .description(
      'Back up the whole store, consistent while the server writes: SQLite with its online backup API; PostgreSQL with pg_dump (or the command to run, when pg_dump is not on PATH).',
    )
    .action(async (file: string) => {
      const { BackupError, backupPostgres, backupSqlite, onPath, pgDumpArgs, pgRestoreArgs } = await import(
        '../store/backup.js'
      );
      const settings = loadSettings();
      const target = resolve(file);
      if (existsSync(target)) throw new BackupError(`${target} exists; choose a new file name`);
      if (!settings.databaseUrl) {
        const manifest = await backupSqlite(join(settings.dataDir, 'etablera.db'), target);
        console.log(
          `Backed up ${join(settings.dataDir, 'etablera.db')} to ${target}: ${summary(manifest.counts)}`,
        );
        return;
      }
      if (!onPath('pg_dump')) {
        console.log(
          'pg_dump is not on PATH. Run it where it is (same major version as the server or newer):\n' +
            `  pg_dump ${pgDumpArgs(masked(settings.databaseUrl), target).map(quote).join(' ')}\n` +
            `Restore with: DATABASE_URL=<empty database> etablera restore ${quote(target)}, or\n` +
            `  pg_restore ${pgRestoreArgs('<empty database URL>', target).map(quote).join(' ')}`,
        );
        process.exitCode = 2;
        return;
      }
      const manifest = await backupPostgres(settings.databaseUrl, target);
      console.log(
        `Backed up ${masked(settings.databaseUrl)} with pg_dump to ${target} (row counts in ${target}.counts.json): ${summary(manifest.counts)}`,
      );
    });

  program
    .command('restore')
    .argument('<file>', 'a file written by `etablera backup`')
    .description(
      'Restore a backup into an empty data directory (SQLite, ETABLERA_DATA_DIR) or an empty database (PostgreSQL, DATABASE_URL), then check that the store opens and every table has the rows it had.',
    )
    .action(async (file: string) => {
      const { BackupError, onPath, pgRestoreArgs, restorePostgres, restoreSqlite } = await import(
        '../store/backup.js'
      );
      const settings = loadSettings();
      const source = resolve(file);
      if (settings.databaseUrl && !onPath('pg_restore'))
        throw new BackupError(
          `pg_restore is not on PATH. Run: pg_restore ${pgRestoreArgs(masked(settings.databaseUrl), source).map(quote).join(' ')}`,
        );
      const report = settings.databaseUrl
        ? await restorePostgres(source, settings.databaseUrl, settings.dataDir)
        : await restoreSqlite(source, settings.dataDir);
      const checked = report.manifest
        ? `row counts match the backup of ${report.manifest.createdAt}`
        : 'no row counts recorded with this backup, so they could not be compared';
      console.log(`Restored ${source} into ${report.location}: ${summary(report.counts)}; ${checked}`);
    });
}
