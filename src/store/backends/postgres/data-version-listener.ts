/**
 * LISTENs for the data-version triggers' notifications (migration 0190) on a connection of its own
 * (a pooled one would be handed to queries), and moves the store's DataVersionSignal with each. The
 * signal is live only while the LISTEN stands: when the connection goes (a restart, a dropped
 * network) it says "unknown", so every request reads the version again, and the listener reconnects
 * after 1 s, then 2, 4… up to 30 s.
 */
import type pg from 'pg';
import type { DataVersionSignal } from '../../data-version-signal.js';

/** The channel the triggers notify on (migration 0190 names it too). */
export const DATA_VERSION_CHANNEL = 'etablera_data_version';

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30_000;

export interface DataVersionListener {
  /** Connects and listens; the signal's `start`. */
  start(signal: DataVersionSignal): void;
  close(): Promise<void>;
}

export function dataVersionListener(driver: typeof pg, url: string): DataVersionListener {
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (signal: DataVersionSignal) => {
    const c = new driver.Client({ connectionString: url, keepAlive: true });
    client = c;
    let lostAlready = false;
    const lost = () => {
      if (lostAlready) return;
      lostAlready = true;
      signal.setLive(false);
      if (client === c) client = null;
      c.end().catch(() => undefined);
      if (closed) return;
      retry = setTimeout(() => void connect(signal), retryMs);
      // A retry must not keep a process alive that is otherwise done (a CLI command, a test).
      retry.unref();
      retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
    };
    c.on('notification', () => signal.changed());
    c.on('error', lost);
    c.on('end', lost);
    try {
      await c.connect();
      await c.query(`listen ${DATA_VERSION_CHANNEL}`);
    } catch {
      return lost();
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    if (lostAlready) return;
    retryMs = FIRST_RETRY_MS;
    signal.setLive(true);
  };

  return {
    start: (signal) => void connect(signal),
    async close() {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
