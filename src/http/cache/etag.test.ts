import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { matches, registerEtag } from './etag.js';

async function app() {
  const server = Fastify();
  registerEtag(server);
  server.get('/data', async () => ({ n: 1 }));
  server.get('/tagged', async (_request, reply) => reply.header('etag', '"own"').send('x'));
  server.post('/vote', async (_request, reply) => reply.code(201).send({ ok: true }));
  return server;
}

describe('ETag only on GET and HEAD replies', () => {
  it('tags a GET reply with the SHA-1 of its body and answers 304 when the client has it', async () => {
    const server = await app();
    const first = await server.inject('/data');
    const expected = `"${createHash('sha1').update(first.body).digest('base64')}"`;
    expect(first.headers.etag).toBe(expected);
    for (const ifNoneMatch of [expected, `W/${expected}`]) {
      const again = await server.inject({ url: '/data', headers: { 'if-none-match': ifNoneMatch } });
      expect([again.statusCode, again.body]).toEqual([304, '']);
    }
    const other = await server.inject({ url: '/data', headers: { 'if-none-match': '"other"' } });
    expect(other.statusCode).toBe(200);
    expect((await server.inject({ method: 'HEAD', url: '/data' })).headers.etag).toBe(expected);
    await server.close();
  });

  it('keeps an ETag the route set, and does not hash a POST reply', async () => {
    const server = await app();
    expect((await server.inject('/tagged')).headers.etag).toBe('"own"');
    const vote = await server.inject({ method: 'POST', url: '/vote' });
    expect(vote.statusCode).toBe(201);
    expect(vote.headers.etag).toBeUndefined();
    await server.close();
  });

  it('compares weak and strong forms both ways', () => {
    expect(matches('"a"', '"a"')).toBe(true);
    expect(matches('W/"a"', '"a"')).toBe(true);
    expect(matches('"a"', 'W/"a"')).toBe(true);
    expect(matches('"b"', '"a"')).toBe(false);
    expect(matches(undefined, '"a"')).toBe(false);
  });
});
