/**
 * The storage promises of issue 21, checked on the raw storage of both databases:
 * - a unique marker written through the API (name, contact, inventory free text and written answers)
 *   is nowhere in the SQLite files (database and WAL) or in a pg_dump, and reads back through the app;
 * - after key rotation (resumable, in batches) it still reads, and the old key opens nothing;
 * - after `etablera person erase` and after the retention run, no table holds the person's id or
 *   markers, and the audit log keeps only that an erasure happened;
 * - where the organisation pseudonymises instead, the same holds, and only the person's outcomes
 *   (kinds and months) remain, under a random subject that leads back to nobody.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliResult } from '../../../../test/support/cli.js';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { api, keyLine, seedConcepts, seedProcessUsers } from '../../../../test/support/process.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { loadSettings } from '../../../config/settings.js';
import { buildApp } from '../../../http/app.js';
import { PeopleRepository } from '../../../store/repositories/people.repository.js';
import { SealedValuesRepository } from '../../../store/repositories/sealed-values.repository.js';
import { RetentionKeyError, runRetention } from './erasure.js';
import { Keyring, SealedValueError } from './field-cipher.js';
import { keyStatus, rotateKeys } from './key-rotation.js';
import { SEALED_COLUMNS } from './sealed-columns.js';

const run = promisify(execFile);
const MARKER = `MRK${Date.now().toString(36)}Q`;
const K1 = keyLine('k1');
const K2 = keyLine('k2');

/** Every row of every table of the live database, as one text. */
async function everyTable(temp: TempStore): Promise<string> {
  const tables = await temp.store.db.introspection.getTables();
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await sql`select * from ${sql.table(t.name)}`.execute(temp.store.db);
    parts.push(`${t.name}: ${JSON.stringify(rows.rows)}`);
  }
  return parts.join('\n');
}

/** The raw bytes the database keeps: the SQLite files, or a pg_dump. */
async function rawStorage(temp: TempStore, dialect: string): Promise<Buffer> {
  if (dialect === 'sqlite') {
    const dir = temp.env.ETABLERA_DATA_DIR;
    const files = readdirSync(dir).filter((f) => f.startsWith('etablera.db'));
    expect(files).toEqual(expect.arrayContaining(['etablera.db', 'etablera.db-wal']));
    // Read by another process: closing a descriptor of the database file in this one would drop the
    // POSIX locks SQLite holds here, and another process could then checkpoint the WAL away under us.
    const { stdout } = await run(
      'cat',
      files.map((f) => join(dir, f)),
      { maxBuffer: 512 * 1024 * 1024, encoding: 'buffer' },
    );
    return stdout as unknown as Buffer;
  }
  const { stdout } = await run('pg_dump', ['--no-owner', temp.env.DATABASE_URL], {
    maxBuffer: 512 * 1024 * 1024,
    encoding: 'buffer',
  });
  return stdout as unknown as Buffer;
}

for (const dialect of DIALECTS) {
  describe(`personal data at rest (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: Awaited<ReturnType<typeof seedProcessUsers>>;
    let personId: string;
    const appWith = async (keys: string) =>
      buildApp({
        store: temp.store,
        settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0', ETABLERA_PROCESS_KEYS: keys }),
      });

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await seedConcepts(temp.store);
      users = await seedProcessUsers(temp.store);
      app = await appWith(K1);
      const cw = api(app, users.caseworker.token);
      personId = (
        await cw('POST', '/api/people', {
          organisation: '2580',
          name: `${MARKER}-name`,
          language: 'ar',
          contact: `${MARKER}-phone`,
        })
      ).json().id;
      await cw('POST', `/api/people/${personId}/consents`, { textVersion: 'v1', legalBasis: 'art. 6.1 e' });
      const put = await cw('PUT', `/api/people/${personId}/inventory`, {
        work: [{ occupation: 'unknown', years: '1-2', country: 'unknown', tasks: `${MARKER}-tasks` }],
        freeText: `${MARKER}-free`,
      });
      expect(put.statusCode).toBe(200);
      // A control: a temporary access's reason is kept readable in the audit log, so the scan must find it.
      await cw('POST', `/api/people/${personId}/temporary-access`, {
        user: 'cw2@lulea.se',
        reason: `${MARKER}-control`,
        hours: 1,
      });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('keeps the marker out of the raw storage and reads it back through the app', async () => {
      const raw = (await rawStorage(temp, dialect)).toString('latin1');
      expect(raw).toContain(`${MARKER}-control`);
      for (const field of ['name', 'phone', 'tasks', 'free']) expect(raw).not.toContain(`${MARKER}-${field}`);
      const cw = api(app, users.caseworker.token);
      expect((await cw('GET', `/api/people/${personId}`)).json()).toMatchObject({
        name: `${MARKER}-name`,
        contact: `${MARKER}-phone`,
      });
      expect((await cw('GET', `/api/people/${personId}/inventory`)).json()).toMatchObject({
        freeText: `${MARKER}-free`,
      });
      // Each sealed value names its key.
      expect((await keyStatus(temp.store)).every((c) => c.keys.every((k) => k.keyId === 'k1'))).toBe(true);
    });

    it('rotates to a new key in resumable batches; the values still read and the old key opens none', {
      timeout: 60_000,
    }, async () => {
      const ring = Keyring.parse(`${K2}\n${K1}`, 'test');
      // Stop after the first one-value batch, as a killed run would; the second run finishes.
      await expect(
        rotateKeys(temp.store, ring, {
          batchSize: 1,
          onBatch: () => {
            throw new Error('stopped');
          },
        }),
      ).rejects.toThrow('stopped');
      const midway = (await keyStatus(temp.store)).flatMap((c) => c.keys);
      expect(midway.some((k) => k.keyId === 'k2') && midway.some((k) => k.keyId === 'k1')).toBe(true);
      // Midway, the server restarted with both keys reads everything and writes under the new key.
      await app.close();
      app = await appWith(`${K2};${K1}`);
      const cw = api(app, users.caseworker.token);
      expect((await cw('GET', `/api/people/${personId}`)).json().contact).toBe(`${MARKER}-phone`);
      expect((await cw('GET', `/api/people/${personId}/inventory`)).json().freeText).toBe(`${MARKER}-free`);
      // A value the server rewrote after the rotation read it is not overwritten by the stale re-seal.
      const grant = await temp.store.db
        .selectFrom('person_access_grant')
        .select(['id', 'reason_sealed'])
        .executeTakeFirstOrThrow();
      const values = new SealedValuesRepository(temp.store.db);
      const column = SEALED_COLUMNS.find(
        (c) => c.table === 'person_access_grant',
      ) as (typeof SEALED_COLUMNS)[number];
      expect(await values.swap(column, grant.id, 'etb1.k0.stale', 'etb1.k2.other')).toBe(false);
      expect(
        (
          await temp.store.db
            .selectFrom('person_access_grant')
            .select('reason_sealed')
            .executeTakeFirstOrThrow()
        ).reason_sealed,
      ).toBe(grant.reason_sealed);
      // The second run is the operator's command, as while the server runs.
      const { stdout } = await cliResult(['keys', 'rotate', '--batch', '2'], {
        env: { ...temp.env, ETABLERA_PROCESS_KEYS: `${K2};${K1}` },
      });
      expect(stdout).toMatch(/All values are under key "k2": [1-9]\d* re-encrypted/);
      expect((await keyStatus(temp.store)).flatMap((c) => c.keys).every((k) => k.keyId === 'k2')).toBe(true);

      await app.close();
      app = await appWith(K2);
      const rotated = api(app, users.caseworker.token);
      expect((await rotated('GET', `/api/people/${personId}`)).json().name).toBe(`${MARKER}-name`);
      expect((await rotated('GET', `/api/people/${personId}/inventory`)).json().freeText).toBe(
        `${MARKER}-free`,
      );

      const oldOnly = Keyring.parse(K1, 'old key');
      let tried = 0;
      for (const column of SEALED_COLUMNS) {
        const rows = await sql<Record<string, unknown>>`select * from ${sql.table(column.table)}`.execute(
          temp.store.db,
        );
        for (const row of rows.rows) {
          const value = row[column.column];
          if (typeof value !== 'string') continue;
          expect(() => oldOnly.open(value, column.place(row))).toThrow(SealedValueError);
          tried++;
        }
      }
      expect(tried).toBeGreaterThanOrEqual(4);
    });

    it("tells the DPO who read the person's data (etablera person reads)", async () => {
      const { stdout } = await cliResult(['person', 'reads', personId, '--json'], { env: temp.env });
      const lines = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, string>);
      expect(
        lines.filter((l) => l.action === 'person.read' && l.part === 'inventory').map((l) => l.actor),
      ).toEqual(['cw@lulea.se', 'cw@lulea.se', 'cw@lulea.se']);
      expect(
        lines.some((l) => l.action === 'person.write' && l.part === 'inventory' && l.via === 'caseworker'),
      ).toBe(true);
    }, 60_000);

    it('erases a person on request (etablera person erase): no table holds their id or markers', async () => {
      const ref = (await new PeopleRepository(temp.store.db).person(personId))?.audit_ref;
      const { stdout } = await cliResult(['person', 'erase', personId, '--reason', 'request ärende 12'], {
        env: temp.env,
      });
      expect(stdout).toContain('Erased');
      const all = await everyTable(temp);
      expect(
        all
          .split('\n')
          .filter((t) => t.includes(personId))
          .map((t) => t.slice(0, 3000)),
      ).toEqual([]);
      for (const field of ['name', 'phone', 'tasks', 'free']) expect(all).not.toContain(`${MARKER}-${field}`);
      const erasure = await temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'person.erase')
        .execute();
      expect(erasure).toMatchObject([
        { target_type: 'person', target_id: ref, actor: 'cli', organisation_id: '2580' },
      ]);
      expect(JSON.parse(erasure[0]?.detail ?? '{}')).toEqual({
        cause: 'request',
        reason: 'request ärende 12',
      });
      expect((await api(app, users.processAdmin.token)('GET', `/api/people/${personId}`)).statusCode).toBe(
        404,
      );
      const again = await cliResult(['person', 'erase', personId, '--reason', 'x'], { env: temp.env });
      expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining(`no person ${personId}`) });
    }, 60_000);

    it("erases closed cases past the organisation's retention period, and only those", async () => {
      const cw = api(app, users.caseworker.token);
      const make = async (name: string) =>
        (await cw('POST', '/api/people', { organisation: '2580', name, language: 'sv' })).json().id as string;
      const old = await make(`${MARKER}-old`);
      const recent = await make(`${MARKER}-recent`);
      const open = await make(`${MARKER}-open`);
      for (const id of [old, recent]) await cw('PUT', `/api/people/${id}/status`, { status: 'closed' });
      const people = new PeopleRepository(temp.store.db);
      const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
      await people.updatePerson(old, { closed_at: daysAgo(731) });
      await people.updatePerson(recent, { closed_at: daysAgo(40) });
      await people.updatePerson(open, { created_at: daysAgo(3000) });

      expect((await runRetention(temp.store, { dryRun: true })).erased).toEqual([
        { organisation: '2580', people: 1, retentionDays: 730, action: 'erase' },
      ]);
      expect((await people.person(old))?.id).toBe(old);
      expect((await runRetention(temp.store)).erased).toEqual([
        { organisation: '2580', people: 1, retentionDays: 730, action: 'erase' },
      ]);
      await people.setRetentionDays('2580', 30);
      expect((await runRetention(temp.store)).erased).toEqual([
        { organisation: '2580', people: 1, retentionDays: 30, action: 'erase' },
      ]);
      const all = await everyTable(temp);
      for (const gone of [old, recent, `${MARKER}-old`, `${MARKER}-recent`]) expect(all).not.toContain(gone);
      expect((await people.person(open))?.id).toBe(open);
      const entries = await temp.store.db
        .selectFrom('audit_log')
        .select(['actor', 'detail'])
        .where('action', '=', 'person.erase')
        .execute();
      expect(
        entries.filter((e) => e.actor === 'system' && JSON.parse(e.detail).cause === 'retention'),
      ).toHaveLength(2);
    });

    it('pseudonymises instead where the organisation chose so: only outcomes by month stay, linked to nobody', {
      timeout: 60_000,
    }, async () => {
      const set = await cliResult(['person', 'retention-action', '2580', 'pseudonymise'], { env: temp.env });
      expect(set.stdout).toContain('pseudonymised');
      expect(
        (await cliResult(['person', 'retention-action', '2580', 'anonymise'], { env: temp.env })).stderr,
      ).toContain('"erase" or "pseudonymise"');
      const cw = api(app, users.caseworker.token);
      const id = (
        await cw('POST', '/api/people', {
          organisation: '2580',
          name: `${MARKER}-pname`,
          language: 'sv',
          contact: `${MARKER}-pphone`,
        })
      ).json().id as string;
      // The information the person is given says what will happen.
      const info = (await cw('GET', `/api/people/${id}/information`)).json();
      expect(info.retentionAction).toBe('pseudonymise');
      expect(info.sections.find((x: { id: string }) => x.id === 'retention').text).toContain('statistik');
      await cw('POST', `/api/people/${id}/consents`, {
        textVersion: info.textVersion,
        legalBasis: 'art. 6.1 e',
      });
      expect(
        (
          await cw('PUT', `/api/people/${id}/inventory`, {
            freeText: `${MARKER}-pfree`,
            work: [{ occupation: 'unknown', years: '1-2', country: 'unknown', tasks: `${MARKER}-ptasks` }],
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (
          await cw('PUT', `/api/people/${id}/plan`, {
            goal: { kind: 'other', label: `${MARKER}-pgoal` },
            steps: [
              { type: 'sfi', title: `${MARKER}-pstep`, level: 'B', status: 'done', doneOn: '2026-10-01' },
              { type: 'praktik', status: 'planned' },
            ],
          })
        ).statusCode,
      ).toBe(200);
      expect((await cw('POST', `/api/people/${id}/notes`, { text: `${MARKER}-pnote` })).statusCode).toBe(201);
      const admin = api(app, users.processAdmin.token);
      expect(
        (
          await admin('PUT', '/api/organisations/2580/ladder', {
            levels: [{ level: 1, name: 'Plan klar', rule: { var: 'plan.made' }, needs: { sv: 'En plan.' } }],
          })
        ).statusCode,
      ).toBe(200);
      expect((await cw('POST', `/api/people/${id}/ladder/confirmations`, { level: 1 })).statusCode).toBe(201);
      await cw('POST', `/api/people/${id}/temporary-access`, {
        user: 'cw2@lulea.se',
        reason: `${MARKER}-preason`,
        hours: 1,
      });
      await cw('PUT', `/api/people/${id}/status`, { status: 'closed' });
      const people = new PeopleRepository(temp.store.db);
      await people.setRetentionDays('2580', 30);
      const ref = (await people.person(id))?.audit_ref as string;
      const closedAt = new Date(Date.now() - 40 * 86_400_000).toISOString();
      await people.updatePerson(id, { closed_at: closedAt });
      const createdMonth = (await people.person(id))?.created_at.slice(0, 7);

      // Without the data key the plan's steps cannot be read: refused whole, nothing erased.
      await expect(runRetention(temp.store)).rejects.toThrow(RetentionKeyError);
      expect((await people.person(id))?.id).toBe(id);
      expect((await runRetention(temp.store, { dryRun: true })).erased).toEqual([
        { organisation: '2580', people: 1, retentionDays: 30, action: 'pseudonymise' },
      ]);

      const { stdout } = await cliResult(['person', 'retention'], {
        env: { ...temp.env, ETABLERA_PROCESS_KEYS: `${K2};${K1}` },
      });
      expect(stdout).toContain('2580: 1 pseudonymised (retention 30 days)');

      const all = await everyTable(temp);
      expect(
        all
          .split('\n')
          .filter((t) => t.includes(id))
          .map((t) => t.slice(0, 3000)),
      ).toEqual([]);
      for (const field of ['pname', 'pphone', 'pfree', 'ptasks', 'pgoal', 'pstep', 'pnote'])
        expect(all).not.toContain(`${MARKER}-${field}`);
      // The temporary access's reason is the audit log's (who read, and why), as with an erasure.
      expect(
        all
          .split('\n')
          .filter((t) => t.includes(`${MARKER}-preason`))
          .map((t) => t.split(':')[0]),
      ).toEqual(['audit_log']);
      const outcomes = await temp.store.db.selectFrom('person_outcome').selectAll().execute();
      expect(
        outcomes.map((o) => [o.event, o.detail, o.month]).sort((a, b) => String(a).localeCompare(String(b))),
      ).toEqual(
        [
          ['case_opened', null, createdMonth],
          ['inventory_done', null, createdMonth],
          ['plan_made', null, new Date().toISOString().slice(0, 7)],
          ['step_done', 'sfi', '2026-10'],
          ['level_reached', '1', new Date().toISOString().slice(0, 7)],
          ['case_closed', null, closedAt.slice(0, 7)],
        ].sort((a, b) => String(a).localeCompare(String(b))),
      );
      // One random subject for the person's outcomes, found nowhere else: not the id, not the audit reference.
      const subjects = new Set(outcomes.map((o) => o.subject));
      expect(subjects.size).toBe(1);
      const [subject] = [...subjects] as [string];
      expect([id, ref]).not.toContain(subject);
      expect(all.split(subject).length - 1).toBe(outcomes.length);
      expect(JSON.stringify(outcomes)).not.toContain(ref);
      const entry = await temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'person.pseudonymise')
        .executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ target_id: ref, actor: 'system', organisation_id: '2580' });
      expect(JSON.parse(entry.detail)).toMatchObject({ cause: 'retention', outcomes: 6 });
      expect((await api(app, users.processAdmin.token)('GET', `/api/people/${id}`)).statusCode).toBe(404);
    });
  });
}
