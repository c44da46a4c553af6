/**
 * The Kolada API's error replies, whole, on a bare Fastify app (no store): every status, `error`,
 * `parameter` and FastAPI-style `detail` entry the handlers give, since clients may read any of them.
 */
import { Writable } from 'node:stream';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { koladaErrorHandler, koladaFrameworkError, koladaNotFound, koladaUrlLengthLimit } from './errors.js';
import { ApiInputError } from './params.js';

const URL_LIMIT = 60;

describe('Kolada API errors', () => {
  let app: FastifyInstance;
  const logged: { level: number; msg: string; err?: { message: string } }[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logged.push(JSON.parse(String(chunk)));
        done();
      },
    });
    app = Fastify({ logger: { level: 'error', stream }, frameworkErrors: koladaFrameworkError });
    app.setErrorHandler(koladaErrorHandler);
    app.setNotFoundHandler(koladaNotFound);
    app.addHook('onRequest', koladaUrlLengthLimit(URL_LIMIT));
    app.get('/input/:status', async (request) => {
      const { status } = request.params as { status: string };
      throw status === '422'
        ? new ApiInputError(422, 'kpi', 'kpi: at most 25 ids', 'path')
        : new ApiInputError(400, 'year', 'year must be a year');
    });
    app.get(
      '/validated/:id',
      {
        schema: {
          params: { type: 'object', properties: { id: { type: 'string', pattern: '^[a-z]+$' } } },
          querystring: {
            type: 'object',
            properties: {
              per_page: { type: 'integer', maximum: 10 },
              page: { type: 'integer', maximum: 3 },
              year: { type: 'integer', maximum: 2030 },
              kpi: { type: 'array', items: { type: 'string', pattern: '^N' } },
            },
          },
        },
      },
      async () => ({ ok: true }),
    );
    app.get(
      '/required',
      { schema: { querystring: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } } },
      async () => ({ ok: true }),
    );
    app.get(
      '/nonempty',
      {
        schema: { querystring: { type: 'object', properties: { q: { type: 'string' } }, minProperties: 1 } },
      },
      async () => ({ ok: true }),
    );
    app.get('/status/:code', async (request) => {
      const code = Number((request.params as { code: string }).code);
      throw Object.assign(new Error(`failed with ${code}`), code > 0 ? { statusCode: code } : {});
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  async function get(url: string) {
    const res = await app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  }

  it('answers an input error with its status, parameter, message and place', async () => {
    expect(await get('/input/400')).toStrictEqual({
      status: 400,
      body: {
        error: 'year must be a year',
        parameter: 'year',
        detail: [{ loc: ['query', 'year'], msg: 'year must be a year', type: 'value_error' }],
      },
    });
    expect(await get('/input/422')).toStrictEqual({
      status: 422,
      body: {
        error: 'kpi: at most 25 ids',
        parameter: 'kpi',
        detail: [{ loc: ['path', 'kpi'], msg: 'kpi: at most 25 ids', type: 'value_error.limit' }],
      },
    });
  });

  it('answers a schema failure with the parameter it names; 422 only for page and per_page over their maximum', async () => {
    expect(await get('/validated/abc?per_page=11')).toStrictEqual({
      status: 422,
      body: {
        error: 'per_page must be <= 10',
        parameter: 'per_page',
        detail: [{ loc: ['query', 'per_page'], msg: 'per_page must be <= 10', type: 'value_error.limit' }],
      },
    });
    expect(await get('/validated/abc?page=4')).toMatchObject({ status: 422, body: { parameter: 'page' } });
    expect(await get('/validated/abc?year=2031')).toStrictEqual({
      status: 400,
      body: {
        error: 'year must be <= 2030',
        parameter: 'year',
        detail: [{ loc: ['query', 'year'], msg: 'year must be <= 2030', type: 'value_error' }],
      },
    });
    expect(await get('/validated/abc?per_page=x')).toMatchObject({
      status: 400,
      body: { parameter: 'per_page', detail: [{ type: 'value_error' }] },
    });
    // An array item's path (/kpi/1) names the parameter, not the item.
    expect(await get('/validated/abc?kpi=N1&kpi=X2')).toMatchObject({
      status: 400,
      body: { error: 'kpi must match pattern "^N"', parameter: 'kpi' },
    });
    expect(await get('/validated/ABC')).toStrictEqual({
      status: 400,
      body: {
        error: 'id must match pattern "^[a-z]+$"',
        parameter: 'id',
        detail: [{ loc: ['path', 'id'], msg: 'id must match pattern "^[a-z]+$"', type: 'value_error' }],
      },
    });
  });

  it('names a missing required parameter', async () => {
    expect(await get('/required')).toStrictEqual({
      status: 400,
      body: {
        error: "q must have required property 'q'",
        parameter: 'q',
        detail: [{ loc: ['query', 'q'], msg: "q must have required property 'q'", type: 'value_error' }],
      },
    });
  });

  it('names the request when the failure is of the query as a whole', async () => {
    expect(await get('/nonempty')).toStrictEqual({
      status: 400,
      body: {
        error: 'request must NOT have fewer than 1 properties',
        parameter: 'request',
        detail: [
          {
            loc: ['query', 'request'],
            msg: 'request must NOT have fewer than 1 properties',
            type: 'value_error',
          },
        ],
      },
    });
  });

  it('passes a 4xx of the framework on with its message and no parameter', async () => {
    for (const code of [400, 413, 499]) {
      expect(await get(`/status/${code}`)).toStrictEqual({
        status: code,
        body: {
          error: `failed with ${code}`,
          detail: [{ loc: ['request'], msg: `failed with ${code}`, type: 'request_error' }],
        },
      });
    }
  });

  it('answers its own faults with a 500 that tells nothing of them, and logs them', async () => {
    const internal = {
      status: 500,
      body: {
        error: 'Internal error in Etablera',
        detail: [{ loc: ['server'], msg: 'Internal error in Etablera', type: 'server_error' }],
      },
    };
    logged.length = 0;
    expect(await get('/status/0')).toStrictEqual(internal);
    expect(await get('/status/503')).toStrictEqual(internal);
    expect(await get('/status/399')).toStrictEqual(internal);
    const errors = logged.filter((l) => l.msg === 'Kolada API request failed');
    expect(errors.map((l) => l.err?.message)).toEqual([
      'failed with 0',
      'failed with 503',
      'failed with 399',
    ]);
  });

  it('answers an unknown route with a 404 naming it (without the query), long paths cut at 200 characters', async () => {
    expect(await get('/nothing/here?x=1')).toStrictEqual({
      status: 404,
      body: {
        error: 'No such route: GET /nothing/here',
        detail: [{ loc: ['path'], msg: 'No such route: GET /nothing/here', type: 'not_found' }],
      },
    });
  });

  it('refuses a URL over the limit with 400, and takes one at the limit', async () => {
    const atLimit = `/nothing/${'a'.repeat(URL_LIMIT - '/nothing/'.length)}`;
    expect(atLimit).toHaveLength(URL_LIMIT);
    expect((await get(atLimit)).status).toBe(404);
    const message = `The URL is ${URL_LIMIT + 1} characters long; at most ${URL_LIMIT} are accepted (split the ids over several requests)`;
    expect(await get(`${atLimit}b`)).toStrictEqual({
      status: 400,
      body: { error: message, detail: [{ loc: ['path'], msg: message, type: 'value_error.url_too_long' }] },
    });
  });

  it('answers a malformed %-encoding in the same JSON shape', async () => {
    const message = 'The URL is not valid: it has a malformed %-encoding';
    expect(await get('/input/%E0%A4%A')).toStrictEqual({
      status: 400,
      body: { error: message, detail: [{ loc: ['path'], msg: message, type: 'url_error' }] },
    });
  });
});

describe('koladaNotFound', () => {
  it('cuts a path longer than 200 characters after the 200th, and keeps one of 200', async () => {
    const app = Fastify({ routerOptions: { maxParamLength: 1000 } });
    app.setNotFoundHandler(koladaNotFound);
    const path200 = `/${'p'.repeat(199)}`;
    const at = await app.inject({ method: 'GET', url: path200 });
    expect(at.json().error).toBe(`No such route: GET ${path200}`);
    const over = await app.inject({ method: 'GET', url: `${path200}q?r=1` });
    expect(over.json().error).toBe(`No such route: GET ${path200}…`);
    await app.close();
  });
});

describe('koladaFrameworkError', () => {
  /** The reply's status and body, from a stand-in reply. */
  function answer(error: Partial<FastifyError>) {
    const sent: { status?: number; body?: unknown } = {};
    const reply = {
      code(status: number) {
        sent.status = status;
        return this;
      },
      send(body: unknown) {
        sent.body = body;
        return this;
      },
    };
    koladaFrameworkError(
      Object.assign(new Error(error.message ?? 'x'), error) as FastifyError,
      {} as never,
      reply as unknown as FastifyReply,
    );
    return sent;
  }

  it('keeps a 4xx status, answers anything else as 400, and names other errors by their message', () => {
    const other = (status: number) => ({
      status,
      body: {
        error: 'The request is not valid: too slow',
        detail: [{ loc: ['path'], msg: 'The request is not valid: too slow', type: 'url_error' }],
      },
    });
    expect(answer({ code: 'FST_ERR_X', statusCode: 408, message: 'too slow' })).toStrictEqual(other(408));
    expect(answer({ code: 'FST_ERR_X', statusCode: 499, message: 'too slow' })).toStrictEqual(other(499));
    expect(answer({ code: 'FST_ERR_X', statusCode: 400, message: 'too slow' })).toStrictEqual(other(400));
    expect(answer({ code: 'FST_ERR_X', statusCode: 500, message: 'too slow' })).toStrictEqual(other(400));
    expect(answer({ code: 'FST_ERR_X', statusCode: 399, message: 'too slow' })).toStrictEqual(other(400));
    expect(answer({ code: 'FST_ERR_X', message: 'too slow' })).toStrictEqual(other(400));
    expect(answer({ code: 'FST_ERR_BAD_URL', statusCode: 400 }).body).toMatchObject({
      error: 'The URL is not valid: it has a malformed %-encoding',
    });
  });
});
