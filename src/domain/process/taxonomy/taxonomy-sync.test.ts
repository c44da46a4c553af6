/**
 * `etablera taxonomy sync` against a fake JobTech Taxonomy GraphQL server of our own (node:http on
 * loopback; never the network): paging, retries, faults that must write nothing, concepts that vanish
 * upstream kept as deprecated, the version recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cliResult } from '../../../../test/support/cli.js';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { ImportError } from '../../../import/import-error.js';
import type { TaxonomyRepository } from '../../../store/repositories/taxonomy.repository.js';
import { JobtechGraphqlClient, TaxonomySyncError } from './jobtech-graphql-client.js';
import { conceptsQuery, syncTaxonomy } from './taxonomy-sync.js';

type Concept = Record<string, unknown> & { id: string; type: string };

const ref = (id: string, type: string, preferred_label: string) => ({ id, type, preferred_label });

/** Upstream, version 27: five occupation names (one deprecated), two SSYK groups, three skills. */
function upstream(): Record<string, Concept[]> {
  return {
    'occupation-name': [
      {
        id: 'occ1',
        type: 'occupation-name',
        preferred_label: 'Truckförare',
        alternative_labels: ['Gaffeltruckförare'],
        broader: [ref('ssyk1', 'ssyk-level-4', 'Truckförare')],
        substitutes: [
          { ...ref('occ2', 'occupation-name', 'Lagerarbetare'), substitutability_percentage: 75 },
        ],
      },
      {
        id: 'occ2',
        type: 'occupation-name',
        preferred_label: 'Lagerarbetare',
        broader: [ref('ssyk1', 'ssyk-level-4', 'Truckförare')],
      },
      {
        id: 'occ3',
        type: 'occupation-name',
        preferred_label: 'Undersköterska, hemtjänst',
        broader: [ref('ssyk2', 'ssyk-level-4', 'Undersköterskor')],
      },
      {
        id: 'occ4',
        type: 'occupation-name',
        preferred_label: 'Undersköterska, akutsjukvård',
        broader: [ref('ssyk2', 'ssyk-level-4', 'Undersköterskor')],
      },
      {
        id: 'occ5',
        type: 'occupation-name',
        preferred_label: 'Lastbilschaufför',
        deprecated: true,
        replaced_by: [{ id: 'occ1' }],
        broader: [],
      },
    ],
    'ssyk-level-4': [
      {
        id: 'ssyk1',
        type: 'ssyk-level-4',
        preferred_label: 'Truckförare',
        ssyk_code_2012: '8344',
        related_0: [ref('skill1', 'skill', 'Truckkort')],
        related_1: [ref('isco1', 'isco-level-4', 'Lifting-truck operators')],
      },
      {
        id: 'ssyk2',
        type: 'ssyk-level-4',
        preferred_label: 'Undersköterskor',
        ssyk_code_2012: '5321',
        related_0: [ref('skill2', 'skill', 'Omvårdnad'), ref('skill3', 'skill', 'Läkemedelshantering')],
        related_1: [],
      },
    ],
    skill: [
      { id: 'skill1', type: 'skill', preferred_label: 'Truckkort' },
      { id: 'skill2', type: 'skill', preferred_label: 'Omvårdnad' },
      { id: 'skill3', type: 'skill', preferred_label: 'Läkemedelshantering' },
    ],
  };
}

interface Asked {
  type: string;
  version: string | null;
  limit: number;
  offset: number;
}

/** What the fake server does with one request: answer normally, or one of the faults. */
type Fault = 'ok' | 503 | 400 | 'hang' | 'not-json' | 'graphql-errors' | 'bad-shape' | 'empty';

class FakeTaxonomyApi {
  server!: Server;
  url = '';
  data = upstream();
  asked: (Asked | 'versions')[] = [];
  fault: (asked: Asked | 'versions', n: number) => Fault = () => 'ok';
  private readonly hanging = new Set<ServerResponse>();

  async start() {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/taxonomy/graphql`;
  }

  async stop() {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const query = new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? '';
    const m =
      /concepts\(type: "([^"]+)"(?:, version: "([^"]+)")?, include_deprecated: true, limit: (\d+), offset: (\d+)\)/.exec(
        query,
      );
    const asked: Asked | 'versions' | null = /\{ versions \{ id timestamp \} \}/.test(query)
      ? 'versions'
      : m
        ? { type: m[1]!, version: m[2] ?? null, limit: Number(m[3]), offset: Number(m[4]) }
        : null;
    if (!asked) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: `cannot parse ${query}` }] }));
      return;
    }
    this.asked.push(asked);
    const fault = this.fault(asked, this.asked.length);
    const json = (body: unknown, status = 200) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (fault === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (fault === 503) return json({ message: 'Service Unavailable' }, 503);
    if (fault === 400) return json({ message: 'Bad Request' }, 400);
    if (fault === 'not-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{"concepts":[{"id":"occ1"');
      return;
    }
    if (fault === 'graphql-errors')
      return json({
        errors: [
          { message: 'Unknown argument "offset" on field "concepts"', locations: [{ line: 1, column: 30 }] },
        ],
        data: null,
      });
    if (asked === 'versions')
      return json({
        data: {
          versions: [
            { id: 26, timestamp: '2025-06-01T00:00:00Z' },
            { id: 27, timestamp: '2025-12-01T00:00:00Z' },
          ],
        },
      });
    const all = fault === 'empty' ? [] : (this.data[asked.type] ?? []);
    const page = all.slice(asked.offset, asked.offset + asked.limit);
    if (fault === 'bad-shape') return json({ data: { concepts: [{ ...page[0], id: 42 }] } });
    return json({ data: { concepts: page } });
  }
}

const TYPES = ['occupation-name', 'ssyk-level-4', 'skill'];

it('asks for concepts the way the JobTech GraphQL API takes them', () => {
  expect(conceptsQuery('ssyk-level-4', '27', 500, 1000)).toBe(
    'query EtableraSync { concepts(type: "ssyk-level-4", version: "27", include_deprecated: true, limit: 500, offset: 1000) ' +
      '{ id type preferred_label definition deprecated alternative_labels replaced_by { id } ssyk_code_2012 ' +
      'broader(type: "ssyk-level-3") { id type preferred_label } ' +
      'related_0: related(type: "skill") { id type preferred_label } ' +
      'related_1: related(type: "isco-level-4") { id type preferred_label } } }',
  );
});

for (const dialect of DIALECTS) {
  describe(`taxonomy sync against a fake JobTech GraphQL server (${dialect})`, () => {
    let temp: TempStore;
    let repo: TaxonomyRepository;
    const api = new FakeTaxonomyApi();
    const client = (options: { timeoutMs?: number; retries?: number } = {}) =>
      new JobtechGraphqlClient({ url: api.url, backoffBaseMs: 1, backoffMaxMs: 5, retries: 3, ...options });
    /** What a reader can see of the taxonomy: versions, concepts, labels, relations. */
    const picture = async () => ({
      versions: await repo.versions(),
      concepts: await temp.store.db
        .selectFrom('taxonomy_concept' as never)
        .selectAll()
        .orderBy('id' as never)
        .execute(),
      labels: await temp.store.db
        .selectFrom('taxonomy_label' as never)
        .selectAll()
        .execute(),
      relations: await temp.store.db
        .selectFrom('taxonomy_relation' as never)
        .selectAll()
        .execute(),
    });

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      repo = temp.store.repositories.taxonomy;
      await api.start();
      // What the store had before: an occupation name the API no longer lists at all.
      await repo.writeLoad({
        source: 'test',
        version: 'snapshot',
        concepts: [
          {
            id: 'gone1',
            type: 'occupation-name',
            label: 'Klottersanerare',
            definition: null,
            code: null,
            deprecated: 0,
            replaced_by: null,
          },
        ],
        labels: [],
        relations: [],
        replaceLabelSources: [],
        counts: { 'occupation-name': 1 },
      });
    });
    afterAll(async () => {
      await api.stop();
      await temp.destroy();
    });
    beforeEach(() => {
      api.asked = [];
      api.fault = () => 'ok';
      api.data = upstream();
    });

    it('a fault on the last page writes nothing: 5xx after the retries, with what was asked', async () => {
      const before = await picture();
      api.fault = (a) => (a !== 'versions' && a.type === 'skill' && a.offset === 2 ? 503 : 'ok');
      const error = await syncTaxonomy(temp.store, client(), { types: TYPES, pageSize: 2 }).catch((e) => e);
      expect(error).toBeInstanceOf(TaxonomySyncError);
      expect(error.message).toContain('concepts of type skill from offset 2: HTTP 503');
      expect(error.message).toContain('gave up after 4 attempts');
      expect(await picture()).toEqual(before);
    });

    it('a timeout: retried, then a clear error, nothing written', async () => {
      const before = await picture();
      api.fault = (a) => (a !== 'versions' && a.type === 'ssyk-level-4' ? 'hang' : 'ok');
      const error = await syncTaxonomy(temp.store, client({ timeoutMs: 300, retries: 1 }), {
        types: TYPES,
        pageSize: 2,
      }).catch((e) => e);
      expect(error.message).toMatch(
        /concepts of type ssyk-level-4 from offset 0: no answer within 0.3 s \(gave up after 2 attempts\)/,
      );
      expect(await picture()).toEqual(before);
    });

    it('a reply that is not JSON: retried, then a clear error, nothing written', async () => {
      const before = await picture();
      api.fault = (a) =>
        a !== 'versions' && a.type === 'occupation-name' && a.offset === 4 ? 'not-json' : 'ok';
      const error = await syncTaxonomy(temp.store, client({ retries: 2 }), {
        types: TYPES,
        pageSize: 2,
      }).catch((e) => e);
      expect(error.message).toMatch(
        /occupation-name from offset 4: the reply is not JSON \(.+\) \(gave up after 3 attempts\)/,
      );
      expect(await picture()).toEqual(before);
    });

    it('a GraphQL errors array: not retried, its message shown, nothing written', async () => {
      const before = await picture();
      api.fault = (a) => (a !== 'versions' && a.type === 'skill' ? 'graphql-errors' : 'ok');
      const error = await syncTaxonomy(temp.store, client(), { types: TYPES, pageSize: 2 }).catch((e) => e);
      expect(error.message).toContain(
        'concepts of type skill from offset 0: the API answered with errors: Unknown argument "offset" on field "concepts"',
      );
      expect(api.asked.filter((a) => a !== 'versions' && a.type === 'skill')).toHaveLength(1);
      expect(await picture()).toEqual(before);
    });

    it('a 4xx is not retried; a concept of the wrong shape names its JSON path; both write nothing', async () => {
      const before = await picture();
      api.fault = (a) => (a !== 'versions' && a.type === 'skill' ? 400 : 'ok');
      const bad = await syncTaxonomy(temp.store, client(), { types: TYPES, pageSize: 2 }).catch((e) => e);
      expect(bad.message).toContain('concepts of type skill from offset 0: HTTP 400');
      expect(api.asked.filter((a) => a !== 'versions' && a.type === 'skill')).toHaveLength(1);
      api.fault = (a) => (a !== 'versions' && a.type === 'ssyk-level-4' ? 'bad-shape' : 'ok');
      const shape = await syncTaxonomy(temp.store, client(), { types: TYPES, pageSize: 2 }).catch((e) => e);
      expect(shape).toBeInstanceOf(ImportError);
      expect(shape.message).toMatch(
        /\(concepts of type ssyk-level-4 from offset 0\): data\.concepts\[0\]\.id: expected string, got 42/,
      );
      expect(await picture()).toEqual(before);
    });

    it('refuses a reply that lists no concept of a type the store has (it would deprecate them all)', async () => {
      const before = await picture();
      api.fault = (a) => (a !== 'versions' && a.type === 'occupation-name' ? 'empty' : 'ok');
      const error = await syncTaxonomy(temp.store, client(), { types: TYPES, pageSize: 2 }).catch((e) => e);
      expect(error.message).toContain('lists no concepts of type occupation-name, the store has 1');
      expect(await picture()).toEqual(before);
    });

    it('pages through every type, recovers from passing 5xx, records the version, keeps vanished concepts as deprecated', async () => {
      let failures = 0;
      api.fault = (a) =>
        a !== 'versions' && a.type === 'occupation-name' && a.offset === 2 && failures++ < 2 ? 503 : 'ok';
      const lines: string[] = [];
      const c = client();
      const report = await syncTaxonomy(temp.store, c, {
        types: TYPES,
        pageSize: 2,
        log: (l) => lines.push(l),
      });

      // Paging: limit 2 and offsets 0, 2, 4 for five occupation names (the third page is short).
      const pages = api.asked
        .filter((a) => a !== 'versions')
        .map((a) => `${a.type}@${a.offset}/${a.limit}v${a.version}`);
      expect(pages).toEqual([
        'occupation-name@0/2v27',
        'occupation-name@2/2v27',
        'occupation-name@2/2v27',
        'occupation-name@2/2v27',
        'occupation-name@4/2v27',
        'ssyk-level-4@0/2v27',
        'ssyk-level-4@2/2v27',
        'skill@0/2v27',
        'skill@2/2v27',
      ]);
      expect(report).toMatchObject({
        version: '27',
        concepts: 11, // 5 + 2 + 3 listed, and the ISCO group met only as a reference
        deprecatedUpstream: 1,
        deprecatedByThisSync: 1,
        retries: 2,
        types: [
          { type: 'occupation-name', concepts: 5, pages: 3 },
          { type: 'ssyk-level-4', concepts: 2, pages: 2 },
          { type: 'skill', concepts: 3, pages: 2 },
        ],
      });
      expect(lines[0]).toBe(`JobTech Taxonomy version 27 from ${api.url}`);
      expect(lines).toContain('occupation-name: 5 concepts (page 3)');

      const last = (await repo.versions()).at(-1);
      expect(last).toMatchObject({ source: `JobTech Taxonomy API ${api.url}`, version: '27' });
      expect(last?.counts).toEqual({ 'occupation-name': 4, 'ssyk-level-4': 2, skill: 3, 'isco-level-4': 1 });

      // Vanished upstream: still resolvable, old label, deprecated. Deprecated upstream: with its replacement.
      const byId = new Map((await repo.concepts(['gone1', 'occ5', 'occ1', 'ssyk1'])).map((c) => [c.id, c]));
      expect(byId.get('gone1')).toMatchObject({ label: 'Klottersanerare', deprecated: 1 });
      expect(byId.get('occ5')).toMatchObject({
        label: 'Lastbilschaufför',
        deprecated: 1,
        replaced_by: 'occ1',
      });
      expect(byId.get('occ1')).toMatchObject({ label: 'Truckförare', deprecated: 0 });
      expect(byId.get('ssyk1')).toMatchObject({ code: '8344' });
      expect(await repo.countRelations('broader', 'occupation-name', 'ssyk-level-4')).toBe(4);
      expect(await repo.countRelations('related', 'ssyk-level-4', 'skill')).toBe(3);
      expect(await repo.countRelations('related', 'ssyk-level-4', 'isco-level-4')).toBe(1);
      expect(await repo.countRelations('substitutes', 'occupation-name', 'occupation-name')).toBe(1);
      expect((await repo.labels(['occ1'])).map((l) => l.label)).toEqual(['Gaffeltruckförare']);

      // A second sync of an unchanged upstream changes no concept and records one more version.
      const before = await picture();
      await syncTaxonomy(temp.store, client(), { types: TYPES, pageSize: 2, version: '27' });
      const after = await picture();
      expect(after.versions).toHaveLength(before.versions.length + 1);
      const strip = (rows: unknown[]) => rows.map((r) => ({ ...(r as object), version_id: 0 }));
      expect(strip(after.concepts)).toEqual(strip(before.concepts));
    });

    it('etablera taxonomy sync: the command, with progress on stderr and ETABLERA_TAXONOMY_URL', async () => {
      const run = await cliResult(
        ['taxonomy', 'sync', '--types', 'skill', '--page-size', '2', '--retries', '1'],
        {
          env: { ...temp.env, ETABLERA_TAXONOMY_URL: api.url },
        },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('skill: 3 concepts (page 2)');
      expect(run.stdout).toMatch(/Synced JobTech Taxonomy version 27: 3 concepts/);
      api.fault = () => 503;
      const failed = await cliResult(['taxonomy', 'sync', '--types', 'skill', '--retries', '1'], {
        env: { ...temp.env, ETABLERA_TAXONOMY_URL: api.url },
      });
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/the list of published versions: HTTP 503 .*gave up after 2 attempts/);
      expect(failed.stderr).not.toMatch(/\n\s+at /); // a message, not a stack
      const usage = await cliResult(['taxonomy', 'sync', '--page-size', '0'], { env: temp.env });
      expect(usage.code).not.toBe(0);
      expect(usage.stderr).toContain('--page-size must be a whole number 1–10000, got "0"');
    });
  });
}
