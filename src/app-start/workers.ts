/**
 * `etablera serve` as several worker processes (ETABLERA_WORKERS > 1, node:cluster) sharing one port.
 *
 * One Node process serves on one core: the event loop is the limit under a page mix (issue 24), so
 * the primary process here only supervises, and each worker is a whole server with its own store
 * connection (SQLite in WAL mode: readers in every worker; PostgreSQL: a pool each).
 *
 * - **Roles.** Exactly one worker has the *jobs* role: it runs the first-start sync, the scheduled
 *   sync, retention, the mail outbox and Plan reminders. The others only serve. The store's locks
 *   (sync lock, claimed scheduled slots, reminders recorded once) stay the guarantee across
 *   machines; the role keeps one machine from doing the work N times.
 * - **Start in order.** The jobs worker starts first and migrates the store; the others start once it
 *   listens, so two processes never migrate one store at once.
 * - **Restart.** A worker that dies is logged and replaced with one of the same role. A worker that
 *   dies before it ever listened at the first start (port taken, a bad setting) stops the server with
 *   its exit code, as a single process would; restarts that come too fast (a crash loop) do too.
 * - **Drain.** SIGTERM, SIGINT or SIGHUP to the primary passes SIGTERM to every worker, which closes
 *   its listener, finishes the requests in flight, closes the store and exits; then the primary exits.
 * - **Memory.** Every worker runs with the server's V8 flags (ETABLERA_HEAP_MB: its heap limit) and
 *   at most two malloc arenas (MALLOC_ARENA_MAX), see bin/server-process.mjs.
 * - **Sync progress.** Pages and /api/status show what a sync is doing; the sync runs in one worker,
 *   so each worker sends its progress to the primary, which passes it on to the others.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { serverEnv, serverNodeFlags } from '../../bin/server-process.mjs';
import type { SyncProgress, SyncProgressSnapshot } from '../kolada/sync-progress.js';

export type WorkerRole = 'jobs' | 'serve';

const ROLE_ENV = 'ETABLERA_WORKER_ROLE';
const PROGRESS_MESSAGE = 'etablera:sync-progress';
const SERVING_MESSAGE = 'etablera:serving';

/** Workers serving now, as the primary last said (a single process: itself). */
let servingWorkers = 1;

/** This process's role and how many workers serve, for /api/status. */
export function clusterState(): { role: WorkerRole; serving: number } {
  return { role: currentRole(), serving: servingWorkers };
}

/** More deaths than this within RESTART_WINDOW_MS is a crash loop: stop instead of forking forever. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** A worker still busy this long after SIGTERM is killed (a request that never ends must not hold the stop). */
const DRAIN_TIMEOUT_MS = 30_000;

/** The default number of workers: one per core the process may use. */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

/**
 * What this process does besides serving: a worker has the role its primary gave it; a single
 * process (ETABLERA_WORKERS=1, or not under cluster) does everything.
 */
export function currentRole(): WorkerRole {
  return cluster.isWorker && process.env[ROLE_ENV] === 'serve' ? 'serve' : 'jobs';
}

interface ProgressMessage {
  type: typeof PROGRESS_MESSAGE;
  snapshot: SyncProgressSnapshot;
}

function isProgressMessage(message: unknown): message is ProgressMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === PROGRESS_MESSAGE
  );
}

/**
 * In a worker: sends this worker's sync progress to the primary and shows the progress the primary
 * passes on from the others; keeps the count of serving workers the primary sends. A no-op outside
 * cluster.
 */
export function shareSyncProgress(progress: SyncProgress): void {
  if (!cluster.isWorker || !process.send) return;
  process.on('message', (message: unknown) => {
    const m = message as { type?: unknown; serving?: unknown } | null;
    if (m?.type === SERVING_MESSAGE && typeof m.serving === 'number') servingWorkers = m.serving;
  });
  let showingOthers = false;
  progress.subscribe((snapshot) => {
    // What came from another worker is not sent back.
    if (!showingOthers && process.connected) process.send?.({ type: PROGRESS_MESSAGE, snapshot });
  });
  process.on('message', (message: unknown) => {
    if (!isProgressMessage(message)) return;
    showingOthers = true;
    try {
      progress.show(message.snapshot);
    } finally {
      showingOthers = false;
    }
  });
}

export interface SuperviseOptions {
  workers: number;
  log: { info(message: string): void; error(message: string): void };
  /** Called with the exit code when the primary is done (the CLI exits with it). */
  exit?: (code: number) => void;
}

interface Slot {
  role: WorkerRole;
  worker: Worker;
  listened: boolean;
}

/** Runs the primary: forks the workers, replaces those that die, drains them on a stop signal. */
export function superviseWorkers({ workers: count, log, exit = process.exit }: SuperviseOptions): void {
  const slots: Slot[] = [];
  const deaths: number[] = [];
  let stopping = false;
  let exitCode = 0;
  let lastProgress: SyncProgressSnapshot | null = null;

  // Each worker starts as the launcher starts a single server (bin/server-process.mjs): its V8 flags
  // (with ETABLERA_HEAP_MB's limit) and two malloc arenas, whoever started this primary.
  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv, serverNodeFlags()) });
  const allocator = { MALLOC_ARENA_MAX: serverEnv().MALLOC_ARENA_MAX };
  const fork = (role: WorkerRole, index: number): Slot => {
    const worker = cluster.fork({ ...allocator, [ROLE_ENV]: role });
    const slot: Slot = { role, worker, listened: false };
    slots[index] = slot;
    worker.on('message', (message: unknown) => {
      if (!isProgressMessage(message)) return;
      lastProgress = message.snapshot;
      for (const other of slots)
        if (other && other.worker !== worker && other.listened) send(other.worker, message);
    });
    worker.on('listening', () => {
      slot.listened = true;
      broadcastServing();
      log.info(`Worker ${worker.process.pid} (${role}) is serving`);
      // A worker started while a sync runs elsewhere shows its progress from the start.
      if (lastProgress) send(worker, { type: PROGRESS_MESSAGE, snapshot: lastProgress });
      // The others start once the jobs worker has migrated the store and listens.
      if (index === 0 && slots.length === 1) for (let i = 1; i < count; i++) fork('serve', i);
    });
    worker.on('exit', (code, signal) => {
      if (slots[index] !== slot) return;
      if (stopping) {
        if (slots.every((s) => s.worker.isDead())) exit(exitCode);
        return;
      }
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      if (!slot.listened && slots.every((s) => !s.listened)) {
        log.error(`Worker ${worker.process.pid} (${role}) ${how} before it served; stopping`);
        stopAll(code || 1);
        return;
      }
      const now = Date.now();
      deaths.push(now);
      while (deaths.length && (deaths[0] as number) < now - RESTART_WINDOW_MS) deaths.shift();
      if (deaths.length > MAX_RESTARTS) {
        log.error(
          `Worker ${worker.process.pid} (${role}) ${how}; ${deaths.length} workers died within ${RESTART_WINDOW_MS / 1000} s, stopping`,
        );
        stopAll(1);
        return;
      }
      broadcastServing();
      const next = fork(role, index);
      log.error(
        `Worker ${worker.process.pid} (${role}) ${how}; started worker ${next.worker.process.pid} in its place`,
      );
    });
    return slot;
  };

  /** Tells every worker how many serve (for /api/status). */
  const broadcastServing = () => {
    const serving = slots.filter((s) => s?.listened && !s.worker.isDead()).length;
    for (const slot of slots)
      if (slot?.worker.isConnected()) slot.worker.send({ type: SERVING_MESSAGE, serving }, () => {});
  };

  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    const alive = slots.filter((s) => !s.worker.isDead());
    if (alive.length === 0) return exit(exitCode);
    for (const slot of alive) slot.worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const slot of slots) if (!slot.worker.isDead()) slot.worker.process.kill('SIGKILL');
    }, DRAIN_TIMEOUT_MS).unref();
  };

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => {
      if (!stopping) log.info(`${signal}: draining ${slots.length} workers`);
      stopAll(0);
    });

  log.info(`Starting ${count} workers`);
  fork('jobs', 0);
}

/** The primary's Node flags with the server's own (`flags`) in place of any of the same name. */
export function workerExecArgv(primary: readonly string[], flags: readonly string[]): string[] {
  const name = (flag: string) => flag.split('=')[0];
  const replaced = new Set(flags.map(name));
  return [...primary.filter((f) => !replaced.has(name(f))), ...flags];
}

function send(worker: Worker, message: ProgressMessage): void {
  if (worker.isConnected()) worker.send(message, (error: Error | null) => void error);
}
