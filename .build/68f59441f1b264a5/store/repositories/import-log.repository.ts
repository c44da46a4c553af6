import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface ImportLogEntry {
  id: number;
  kind: string;
  source: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  counts: Record<string, unknown>;
  message: string | null;
}

/** What was loaded, when and from where: one row per imported file or sync run. */
export class ImportLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async start(kind: string, source: string): Promise<number> {
    const row = await this.db
      .insertInto('import_log')
      .values({ kind, source, started_at: new Date().toISOString(), status: 'running', counts: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async finish(
    id: number,
    status: 'ok' | 'failed',
    counts: Record<string, unknown>,
    message?: string,
  ): Promise<void> {
    await this.db
      .updateTable('import_log')
      .set({
        finished_at: new Date().toISOString(),
        status,
        counts: JSON.stringify(counts),
        message: message ?? null,
      })
      .where('id', '=', id)
      .execute();
  }

  async recent(limit = 20): Promise<ImportLogEntry[]> {
    const rows = await this.db
      .selectFrom('import_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      source: r.source,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      status: r.status,
      counts: JSON.parse(r.counts) as Record<string, unknown>,
      message: r.message,
    }));
  }
}
