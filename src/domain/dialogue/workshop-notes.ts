/**
 * Workshop notes as CSV: `table,idea[,language]`, one idea per row, an optional header row
 * (`table,idea,language`). Every row is checked before anything is written; the problems come back
 * with their line numbers, so a facilitator can fix the file and import it whole.
 */
import { parse } from 'csv-parse/sync';
import { isLocale, LOCALES } from '../../i18n/locales.js';
import { MAX_IDEA_LENGTH } from './dialogue.service.js';

export interface WorkshopNote {
  line: number;
  table: string;
  text: string;
  language: string;
}

export class NotesFileError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the notes file:\n${problems.join('\n')}`,
    );
  }
}

export function parseWorkshopNotes(content: string, name = 'notes.csv'): WorkshopNote[] {
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(content.replace(/^\uFEFF/, ''), {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as never;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new NotesFileError([
      `${name}${line ? `:${line}` : ''}: not valid CSV (${(error as Error).message})`,
    ]);
  }
  const problems: string[] = [];
  const notes: WorkshopNote[] = [];
  rows.forEach(({ record, info }, index) => {
    const line = info.lines;
    const at = `${name}:${line}`;
    if (index === 0 && /^(table|bord)$/i.test(record[0] ?? '') && /^(idea|ide|idé)$/i.test(record[1] ?? ''))
      return;
    if (record.length < 2 || record.length > 3) {
      problems.push(
        `${at}: expected table,idea[,language], found ${record.length} column${record.length === 1 ? '' : 's'}`,
      );
      return;
    }
    const [table = '', text = '', language = ''] = record;
    const lang = language === '' ? 'sv' : language.toLowerCase();
    if (!table) problems.push(`${at}: the table is empty`);
    if (!text) problems.push(`${at}: the idea is empty`);
    else if (text.length > MAX_IDEA_LENGTH)
      problems.push(`${at}: the idea is longer than ${MAX_IDEA_LENGTH} characters`);
    if (!isLocale(lang))
      problems.push(`${at}: "${language}" is not a language of Etablera (${LOCALES.join(', ')})`);
    notes.push({ line, table, text, language: lang });
  });
  if (problems.length) throw new NotesFileError(problems);
  if (notes.length === 0) throw new NotesFileError([`${name}: no ideas in the file`]);
  return notes;
}
