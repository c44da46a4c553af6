import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openConfiguredStore } from './open-store.js';
import { UsageError } from './usage-error.js';

/** `etablera dialogue …`: workshop notes into a dialogue. Modules load when the command runs. */
export function registerDialogueCommand(program: Command): void {
  const dialogue = program
    .command('dialogue')
    .description('Dialogues: ideas from residents and newcomers, prioritisation rounds, answers.');

  dialogue
    .command('import-notes')
    .description(
      'Import workshop notes (CSV: table,idea[,language]) as ideas of a dialogue. A file with any problem is refused whole, each problem with its line.',
    )
    .argument('<dialogue>', 'dialogue id')
    .argument('<file>', 'the notes file (.csv, UTF-8)')
    .action(async (id: string, file: string) => {
      if (!/^\d{1,9}$/.test(id)) throw new UsageError(`a dialogue id is a number, got "${id}"`);
      let content: string;
      try {
        content = readFileSync(file, 'utf8');
      } catch (error) {
        throw new UsageError(
          `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        );
      }
      const { parseWorkshopNotes, NotesFileError } = await import('../domain/dialogue/workshop-notes.js');
      const { DialogueService } = await import('../domain/dialogue/dialogue.service.js');
      const { DialogueError } = await import('../domain/dialogue/dialogue-error.js');
      const { AuditLog } = await import('../accounts/audit-log.js');
      let notes: ReturnType<typeof parseWorkshopNotes>;
      try {
        notes = parseWorkshopNotes(content, file);
      } catch (error) {
        if (error instanceof NotesFileError) throw new UsageError(error.message);
        throw error;
      }
      const store = await openConfiguredStore();
      try {
        const service = new DialogueService(store.repositories.dialogues, new AuditLog(store.repositories));
        const ids = await service.addIdeas(
          { cli: true },
          Number(id),
          notes.map((n) => ({
            text: n.text,
            language: n.language,
            table: n.table,
            source: 'import' as const,
          })),
        );
        const tables = new Set(notes.map((n) => n.table)).size;
        console.log(
          `imported ${ids.length} idea${ids.length === 1 ? '' : 's'} from ${tables} table${tables === 1 ? '' : 's'} into dialogue ${id}`,
        );
      } catch (error) {
        if (error instanceof DialogueError) throw new UsageError(error.message);
        throw error;
      } finally {
        await store.close();
      }
    });
}
