/**
 * A load generator's HTTP/1.1 client: one keep-alive connection over a plain socket, one request at a
 * time, a request is one prepared buffer and one write, and the reply is read for its status only —
 * its body is counted off (by `content-length` or chunk by chunk), never copied or decoded.
 *
 * Why not `node:http`: its client costs ≈ 0.3 ms of the generator's thread a request (a
 * ClientRequest, an IncomingMessage stream, header objects). On this 2-core machine the generator
 * shares the cores with the server it measures, so that was 16 % of a core at 600 req/s taken from
 * two workers (BENCHMARKS.md, issue 24), and in a burst it queued its own requests (the dialogue bench).
 */
import { connect, type Socket } from 'node:net';

const CRLF_CRLF = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
/** A page of the mix is 20–200 kB: most arrive in one or two reads. */
const READ_BUFFER_BYTES = 256 * 1024;

/** Where the reading of the current reply stands. */
type Reading =
  | { part: 'head' }
  | { part: 'length'; left: number }
  | { part: 'chunk-size' }
  /** A chunk's data and its closing CRLF; `last` for the zero-size chunk's CRLF that ends the body. */
  | { part: 'chunk-data'; left: number; last: boolean }
  | { part: 'end' };

export class RawConnection {
  private readonly socket: Socket;
  /** Bytes not yet understood: a reply's head, or a chunk-size line, split across packets. */
  private pending: Buffer = Buffer.alloc(0);
  private reading: Reading = { part: 'head' };
  private status = 0;
  private closeAfter = false;
  private waiting: { resolve(status: number): void; reject(error: Error): void } | null = null;
  private gone = false;

  private constructor(url: URL) {
    // Read into one buffer of the connection's own (Node's `onread`): no Buffer and no stream event
    // a packet. What is read must be used before the callback returns (see `received`).
    const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    this.socket = connect({
      port: Number(url.port || 80),
      host: url.hostname,
      noDelay: true,
      onread: {
        buffer,
        callback: (bytes) => {
          try {
            this.received(buffer.subarray(0, bytes));
          } catch (error) {
            this.fail(error as Error);
            this.socket.destroy();
          }
          return true;
        },
      },
    });
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () =>
      this.fail(new Error('the server closed the connection before its reply ended')),
    );
  }

  static open(url: URL): Promise<RawConnection> {
    const connection = new RawConnection(url);
    return new Promise((resolveOpen, reject) => {
      connection.socket.once('connect', () => {
        connection.socket.off('error', reject);
        resolveOpen(connection);
      });
      connection.socket.once('error', reject);
    });
  }

  /**
   * False once the server said `connection: close` (e.g. its keep-alive limit) or the socket went:
   * the next request needs a new connection.
   */
  get reusable(): boolean {
    return !this.gone;
  }

  /** Sends one prepared request (see `prepared`) and resolves with the reply's status code. */
  send(request: Buffer): Promise<number> {
    if (this.waiting) return Promise.reject(new Error('one request at a time on a connection'));
    if (!this.reusable) return Promise.reject(new Error('the connection is closed'));
    return new Promise((resolveStatus, reject) => {
      this.waiting = { resolve: resolveStatus, reject };
      this.reading = { part: 'head' };
      this.socket.write(request);
    });
  }

  close(): void {
    this.gone = true;
    this.socket.destroy();
  }

  private fail(error: Error) {
    this.gone = true;
    const w = this.waiting;
    this.waiting = null;
    w?.reject(error);
  }

  private received(chunk: Buffer) {
    if (!this.waiting) throw new Error('the server sent bytes nobody asked for');
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (data.length > 0) {
      const r = this.reading;
      if (r.part === 'head') {
        const end = data.indexOf(CRLF_CRLF);
        if (end < 0) {
          this.pending = Buffer.from(data); // a copy: `data` may be the read buffer, reused next time
          return;
        }
        this.readHead(data.subarray(0, end).toString('latin1'));
        data = data.subarray(end + 4);
      } else if (r.part === 'length' || r.part === 'chunk-data') {
        const take = Math.min(r.left, data.length);
        r.left -= take;
        data = data.subarray(take);
        if (r.left === 0)
          this.reading = r.part === 'chunk-data' && !r.last ? { part: 'chunk-size' } : { part: 'end' };
      } else if (r.part === 'chunk-size') {
        const end = data.indexOf(CRLF);
        if (end < 0) {
          this.pending = Buffer.from(data);
          return;
        }
        const size = Number.parseInt(data.subarray(0, end).toString('latin1'), 16);
        if (!Number.isFinite(size) || size < 0) throw new Error('a chunk size that is not a hex number');
        data = data.subarray(end + 2);
        // The zero-size chunk is followed by the CRLF that ends the body (this server sends no trailers).
        this.reading = { part: 'chunk-data', left: size + 2, last: size === 0 };
      } else throw new Error('the server sent more than its reply (this client does not pipeline)');
      this.finishIfDone();
    }
  }

  private readHead(head: string) {
    this.status = Number(head.slice(9, 12));
    if (!Number.isInteger(this.status) || !head.startsWith('HTTP/1.'))
      throw new Error('not an HTTP/1.x reply');
    const lower = head.toLowerCase();
    this.closeAfter = lower.includes('\r\nconnection: close');
    const length = /\r\ncontent-length: *(\d+)/.exec(lower);
    if (length && Number(length[1]) > 0) this.reading = { part: 'length', left: Number(length[1]) };
    else if (!length && lower.includes('\r\ntransfer-encoding: chunked'))
      this.reading = { part: 'chunk-size' };
    else this.reading = { part: 'end' }; // an empty body: content-length 0, 204, 304
  }

  private finishIfDone() {
    const w = this.waiting;
    if (this.reading.part !== 'end' || !w) return;
    this.waiting = null;
    // Closing is the client's part: Node's server only says `connection: close` at its keep-alive
    // limit and leaves the socket open until its idle timeout.
    if (this.closeAfter) this.close();
    w.resolve(this.status);
  }
}

/** A request's bytes, built once: the generator writes them as they are. */
export function prepared(method: 'GET' | 'POST', url: URL, body?: string): Buffer {
  const head = `${method} ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\n`;
  if (body === undefined) return Buffer.from(`${head}\r\n`, 'latin1');
  const payload = Buffer.from(body);
  return Buffer.concat([
    Buffer.from(
      `${head}content-type: application/json\r\ncontent-length: ${payload.length}\r\n\r\n`,
      'latin1',
    ),
    payload,
  ]);
}
