#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { SettingsError } from "../config/settings.js";
import { ImportError } from "../import/import-error.js";
import { KoladaRequestError } from "../kolada/kolada-client.js";
import { SyncBusyError, SyncDataError } from "../kolada/sync.service.js";
import { registerAccountCommands } from "./accounts.command.js";
import { registerExportCommand } from "./export.command.js";
import { registerImportCommand } from "./import.command.js";
import { registerServeCommand } from "./serve.command.js";
import { registerStatisticsCommand } from "./statistics.command.js";
import { registerSyncCommand } from "./sync.command.js";
import { registerTaxonomyCommand } from "./taxonomy.command.js";
import { UsageError } from "./usage-error.js";
const program = new Command().name("etablera").description("Etablera: a local Kolada mirror, Kolada-compatible API and integration comparator").showHelpAfterError();
registerServeCommand(program);
registerImportCommand(program);
registerExportCommand(program);
registerSyncCommand(program);
registerStatisticsCommand(program);
registerAccountCommands(program);
registerTaxonomyCommand(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ImportError || error instanceof SettingsError || error instanceof UsageError || error instanceof KoladaRequestError || error instanceof SyncDataError || error instanceof SyncBusyError) {
    console.error(`etablera: ${error.message}`);
    process.exit(1);
  }
  if (error instanceof CommanderError) process.exit(error.exitCode);
  throw error;
}
//# sourceMappingURL=main.js.map
