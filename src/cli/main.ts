#!/usr/bin/env node
// Each command loads its modules when it runs, so `etablera --help` or `--version` starts in a
// fraction of a second; keep the imports here and in the *.command.ts files light.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { UserError } from '../errors/user-error.js';
import { registerAccountCommands } from './accounts.command.js';
import { registerBackupCommands } from './backup.command.js';
import { registerDialogueCommand } from './dialogue.command.js';
import { registerExportCommand } from './export.command.js';
import { registerImportCommand } from './import.command.js';
import { registerPlanCommand } from './plan.command.js';
import { registerProcessCommands } from './process.command.js';
import { registerReportCommand } from './report.command.js';
import { registerServeCommand } from './serve.command.js';
import { registerStatisticsCommand } from './statistics.command.js';
import { registerSyncCommand } from './sync.command.js';
import { registerTaxonomyCommand } from './taxonomy.command.js';

const program = new Command()
  .name('etablera')
  .description('Etablera: a local Kolada mirror, Kolada-compatible API and integration comparator')
  .version(
    (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
      .version,
  )
  .showHelpAfterError();

registerServeCommand(program);
registerImportCommand(program);
registerExportCommand(program);
registerSyncCommand(program);
registerStatisticsCommand(program);
registerPlanCommand(program);
registerReportCommand(program);
registerDialogueCommand(program);
registerBackupCommands(program);
registerAccountCommands(program);
registerTaxonomyCommand(program);
registerProcessCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Known, user-facing problems get one clear line; anything else keeps its stack for a bug report.
  if (error instanceof UserError) {
    console.error(`etablera: ${error.message}`);
    process.exit(1);
  }
  if (error instanceof CommanderError) process.exit(error.exitCode);
  throw error;
}
