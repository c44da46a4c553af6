/**
 * When the data version (StoreMetaRepository.dataVersion: import_log and the dataset in store_meta)
 * may have moved, so that it need not be read from the store for every cacheable request.
 *
 * On PostgreSQL the version is a round trip: 0.4 a request of the realistic mix, ≈ 0.1 ms of CPU
 * each between the worker and PostgreSQL (issue 24). There, triggers on both tables NOTIFY on every
 * write (migration 0190) and each process LISTENs (backends/postgres/data-version-listener.ts);
 * this process's own writes move the signal at once (`DataVersionWrites`), before the notification
 * comes back. While the listener is not connected the signal says nothing (null), and the version is
 * read every time, as before. SQLite reads it in-process for a few microseconds: no signal there.
 */
import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  TableNode,
  type UnknownRow,
} from 'kysely';

/** The tables the data version is made of. */
const DATA_VERSION_TABLES: readonly string[] = ['import_log', 'store_meta'];

export class DataVersionSignal {
  private generation = 0;
  private live = false;
  private started = false;

  /** `start` connects whatever moves the signal; called at the first `current()`, not before. */
  constructor(private readonly start: (signal: DataVersionSignal) => void = () => {}) {}

  /**
   * A number that moves whenever the data version may have changed, or null when that cannot be
   * known (not listening): a version read under one number stays right while the number stays.
   */
  current(): number | null {
    if (!this.started) {
      this.started = true;
      this.start(this);
    }
    return this.live ? this.generation : null;
  }

  /** For /api/status: whether the listener was started, and whether it hears every change now. */
  state(): 'not started' | 'listening' | 'disconnected' {
    if (!this.started) return 'not started';
    return this.live ? 'listening' : 'disconnected';
  }

  /** The version may have changed (a notification, or a write of this process). */
  changed(): void {
    this.generation++;
  }

  /** Whether every change is now being told (the listener connected, or lost). */
  setLive(live: boolean): void {
    this.live = live;
    this.generation++;
  }
}

/**
 * A Kysely plugin that moves `signal` after each insert, update or delete of a data-version table
 * made through this store: a request right after this process's own write must not wait for the
 * notification to come back. (Inside a transaction the write is not visible until its commit, which
 * sends the notification that moves the signal again.)
 */
export class DataVersionWrites implements KyselyPlugin {
  private readonly writes = new WeakSet<object>();

  constructor(private readonly signal: DataVersionSignal) {}

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    const table = writtenTable(node);
    if (table !== null && DATA_VERSION_TABLES.includes(table)) this.writes.add(queryId);
    return node;
  }

  async transformResult({ queryId, result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.writes.has(queryId)) this.signal.changed();
    return result;
  }
}

/** The table an insert, update or delete writes; null for anything else. */
function writtenTable(node: RootOperationNode): string | null {
  const table =
    node.kind === 'InsertQueryNode'
      ? node.into
      : node.kind === 'DeleteQueryNode'
        ? node.from.froms[0]
        : node.kind === 'UpdateQueryNode'
          ? node.table
          : undefined;
  return table !== undefined && TableNode.is(table) ? table.table.identifier.name : null;
}
