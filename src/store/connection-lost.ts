/**
 * Whether an error means the database went away under a request (PostgreSQL terminated the
 * connection, the server restarted, the network dropped) rather than that the request was wrong.
 * Such a write was rolled back by the database (a transaction whose connection dies is never
 * committed), so the caller can say plainly "nothing was saved, try again" instead of an internal
 * error. SQLite runs inside the process and has no connection to lose; a lock it could not get within
 * its busy timeout is the same kind of "not now".
 */
import { InputError } from '../errors/input-error.js';

const LOST_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'terminating connection',
];
const LOST_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // SQLSTATE class 08: connection exception; 57P01–57P03: the server shut down or is starting.
    if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code)) return true;
    if (LOST_NODE_CODES.has(code) || code === 'SQLITE_BUSY') return true;
  }
  return LOST_MESSAGES.some((m) => error.message.includes(m));
}

/**
 * Runs a write (one transaction); if the database went away meanwhile, says so as a 503 the reader
 * understands ("nothing was saved, try again") instead of an internal error. Other errors pass.
 */
export async function storeWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isConnectionLost(error)) throw new InputError('storeUnavailable', { status: 503 });
    throw error;
  }
}
