import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Store } from '../store/database.js';
import type { PlanRepository } from '../store/repositories/plan.repository.js';
import { openConfiguredStore } from './open-store.js';
import { registerRemindCommand } from './remind.command.js';
import { UsageError } from './usage-error.js';

function planId(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`a plan id is a number, got "${raw}"`);
  return Number(raw);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** What the commands use, loaded when one runs: `etablera --help` needs none of it (start time). */
async function planModules() {
  return {
    ...(await import('../domain/plan/own-values.js')),
    ...(await import('../domain/plan/plan.service.js')),
    ...(await import('../store/repositories/plan.repository.js')),
  };
}

async function withRepo<T>(
  work: (repo: PlanRepository, m: Awaited<ReturnType<typeof planModules>>, store: Store) => Promise<T>,
): Promise<T> {
  const m = await planModules();
  const store = await openConfiguredStore();
  try {
    return await work(new m.PlanRepository(store.db), m, store);
  } catch (error) {
    if (error instanceof m.PlanNotFoundError) throw new UsageError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

export function registerPlanCommand(program: Command): void {
  const plan = program
    .command('plan')
    .description('Plans: goals, indicators on Kolada, actions and follow-up (see docs/plan-format.md).');

  plan
    .command('import')
    .description(
      'Import a plan file (YAML). A file with any problem is refused whole, each problem with file:line.',
    )
    .argument('<file>', 'the plan file (.yaml)')
    .action(async (file: string) => {
      const text = readText(file);
      await withRepo(async (repo, m) => {
        const id = await m.importPlanFile(repo, text, file);
        const p = (await repo.plan(id))!;
        console.log(
          `imported ${file} as plan ${id} (${p.title}, ${p.organisation_id}, version ${p.version}, ${p.status})`,
        );
      });
    });

  plan
    .command('export')
    .description('Write a plan back in the import format.')
    .argument('<id>', 'plan id (see `etablera plan list`)')
    .option('-o, --output <file>', 'file to write; default: standard output')
    .action(async (id: string, opts: { output?: string }) => {
      const text = await withRepo((repo, m) => m.exportPlanFile(repo, planId(id)));
      if (opts.output) writeFileSync(opts.output, text);
      else process.stdout.write(text);
    });

  plan
    .command('list')
    .description('List the plans in the store.')
    .action(async () => {
      await withRepo(async (repo) => {
        for (const p of await repo.plans())
          console.log(`${p.id}\t${p.organisation_id}\tv${p.version}\t${p.status}\t${p.title}`);
      });
    });

  plan
    .command('version')
    .description('Start a new draft version of a plan (an adopted plan changes only this way).')
    .argument('<id>', 'plan id')
    .action(async (id: string) => {
      await withRepo(async (repo, m) => {
        const draft = await m.newVersion(repo, planId(id));
        console.log(`plan ${draft} is a new draft of plan ${id}`);
      });
    });

  plan
    .command('adopt')
    .description('Adopt a draft: it becomes the plan in force; the version adopted before is superseded.')
    .argument('<id>', 'plan id')
    .action(async (id: string) => {
      await withRepo((repo, m) => m.adoptPlan(repo, planId(id)));
      console.log(`plan ${id} adopted`);
    });

  plan
    .command('values')
    .description(
      "Import own measures' values from CSV: indicator,period,value[,gender] (indicator: id or code).",
    )
    .argument('<id>', 'plan id')
    .argument('<file>', 'the CSV file')
    .action(async (id: string, file: string) => {
      const text = readText(file);
      await withRepo(async (repo, m) => {
        const n = await m.importOwnValuesCsv(repo, planId(id), text, file, 'cli');
        console.log(`imported ${n} values from ${file} into plan ${id}`);
      });
    });

  registerRemindCommand(plan);
}
