import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { prepared, RawConnection } from './raw-http.js';

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function listening(server: Server | ReturnType<typeof createNetServer>): Promise<URL> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

/** A plain TCP server that answers a connection's first bytes with `answer`: replies no HTTP server would send. */
const answering = (answer: (socket: Socket) => void | Promise<void>) =>
  listening(createNetServer((socket) => socket.once('data', () => void answer(socket))));

const BIG = 'x'.repeat(1_000_000);

/** A real node:http server answering by path. */
function httpServer(maxRequestsPerSocket = 0): Server {
  const server = createHttpServer((req, res) => {
    if (req.url === '/big') return res.end(BIG);
    if (req.url === '/chunked') {
      res.write('first,');
      res.write(BIG);
      return setTimeout(() => res.end('last'), 5);
    }
    if (req.url === '/empty') {
      res.statusCode = 204;
      return res.end();
    }
    if (req.url === '/post') {
      let n = 0;
      req.on('data', (d: Buffer) => {
        n += d.length;
      });
      return req.on('end', () => res.end(String(n)));
    }
    res.statusCode = 404;
    res.end('not here');
  });
  server.maxRequestsPerSocket = maxRequestsPerSocket;
  return server;
}

describe('RawConnection', () => {
  it('reads replies by content-length, by chunks and without a body, one after another on one connection', async () => {
    const url = await listening(httpServer());
    const connection = await RawConnection.open(url);
    const get = (path: string) => connection.send(prepared('GET', new URL(path, url)));
    expect(await get('/big')).toBe(200);
    expect(await get('/chunked')).toBe(200);
    expect(await get('/nothing')).toBe(404);
    expect(await get('/empty')).toBe(204);
    expect(await connection.send(prepared('POST', new URL('/post', url), '{"a":1}'))).toBe(200);
    expect(await get('/big')).toBe(200);
    expect(connection.reusable).toBe(true);
    connection.close();
    expect(connection.reusable).toBe(false);
  });

  it('is no longer reusable after the server says connection: close (its keep-alive limit)', async () => {
    const server = httpServer(2);
    server.keepAliveTimeout = 60_000;
    const closing = new Promise<void>((resolve) =>
      server.once('connection', (s) => s.once('close', () => resolve())),
    );
    const url = await listening(server);
    const connection = await RawConnection.open(url);
    const get = () => connection.send(prepared('GET', new URL('/big', url)));
    expect(await get()).toBe(200);
    expect(connection.reusable).toBe(true);
    expect(await get()).toBe(200);
    expect(connection.reusable).toBe(false);
    await expect(get()).rejects.toThrow('the connection is closed');
    // The client closes it (Node's server would keep it until its idle timeout).
    await closing;
  }, 10_000);

  it('reads a reply whose head and chunk-size lines are split across packets', async () => {
    const parts = [
      'HTTP/1.1 201 Created\r\ntransfer-',
      'encoding: chunked\r\n\r',
      '\na\r',
      '\n0123456789\r\n0',
      '\r\n\r',
      '\n',
    ];
    const url = await answering(async (socket) => {
      for (const part of parts) {
        socket.write(part);
        await new Promise((r) => setTimeout(r, 10));
      }
    });
    const connection = await RawConnection.open(url);
    expect(await connection.send(prepared('GET', new URL('/', url)))).toBe(201);
    expect(connection.reusable).toBe(true);
    connection.close();
  });

  it('rejects, naming the cause, when the server closes before its reply ended or sends no HTTP', async () => {
    const cut = await answering((socket) => {
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly part');
    });
    const first = await RawConnection.open(cut);
    await expect(first.send(prepared('GET', new URL('/', cut)))).rejects.toThrow(
      'the server closed the connection before its reply ended',
    );
    expect(first.reusable).toBe(false);

    const garbage = await answering((socket) => {
      socket.write('SSH-2.0-OpenSSH\r\n\r\n');
    });
    const second = await RawConnection.open(garbage);
    await expect(second.send(prepared('GET', new URL('/', garbage)))).rejects.toThrow(
      'not an HTTP/1.x reply',
    );
  });
});
