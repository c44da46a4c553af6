/**
 * A database connection that dies in the middle of a personal-data write (issue 21: never half-written;
 * issue 18: no lost work on a dropped connection), on PostgreSQL — SQLite runs inside the process and
 * has no connection to lose. The kill is real: a trigger on the audit log makes the server terminate the
 * very backend that is writing, after the inventory and its section record were written in the same
 * transaction and before it commits. Then: the writer gets a 503 that says nothing was saved (API and the
 * interview page's autosave), the inventory, its section records and the audit log are as before, and
 * the next save goes through on a fresh connection. A form posted without JavaScript (the interview and
 * the person's own view) gets its section back with a 503, the reason, and what was typed still in the
 * fields, so nothing typed is lost. An idle pooled connection killed by the server does not take the
 * process down either.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import {
  api,
  CONCEPTS,
  linkNewcomer,
  type ProcessUser,
  type ProcessUsers,
  startProcessApp,
} from '../../../../test/support/process.js';
import type { TempStore } from '../../../../test/support/temp-store.js';
import { PeopleRepository } from '../../../store/repositories/people.repository.js';

const level = (l: string) => ({
  language: CONCEPTS.lithuanian.id,
  listening: l,
  reading: l,
  speaking: l,
  writing: l,
});

const postgres = DIALECTS.includes('postgres');

describe.skipIf(!postgres)('a personal-data write whose database connection dies (postgres)', () => {
  let temp: TempStore;
  let app: FastifyInstance;
  let users: ProcessUsers;
  let as: (who: ProcessUser) => ReturnType<typeof api>;
  let personId: string;

  const stored = async () => ({
    inventory: (await as('caseworker')('GET', `/api/people/${personId}/inventory`)).json(),
    sections: await temp.store.db
      .selectFrom('person_inventory_section')
      .selectAll()
      .where('person_id', '=', personId)
      .execute(),
    writes: await temp.store.db
      .selectFrom('audit_log')
      .select('id')
      .where('target_id', '=', personId)
      .where('action', '=', 'person.write')
      .execute(),
  });

  /** From now on, the backend that writes a person.write audit entry is terminated on the spot. */
  const killWriters = () =>
    sql`create trigger test_kill_writer before insert on audit_log for each row
        when (new.action = 'person.write') execute function test_kill_own_backend()`.execute(temp.store.db);
  const stopKilling = () => sql`drop trigger test_kill_writer on audit_log`.execute(temp.store.db);

  beforeAll(async () => {
    ({ temp, users, app } = await startProcessApp('postgres'));
    as = (who) => api(app, users[who].token);
    await new PeopleRepository(temp.store.db).setLegalBasis('2580', 'Allmänt intresse');
    personId = (
      await as('caseworker')('POST', '/api/people', { organisation: '2580', name: 'Hawa', language: 'so' })
    ).json().id;
    await as('caseworker')('POST', `/api/people/${personId}/consents`, {});
    const first = await as('caseworker')('PUT', `/api/people/${personId}/inventory`, {
      languages: [level('A2')],
      freeText: 'first version',
    });
    expect(first.statusCode).toBe(200);
    await sql`create function test_kill_own_backend() returns trigger language plpgsql as $$
        begin perform pg_terminate_backend(pg_backend_pid()); return new; end $$`.execute(temp.store.db);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await temp?.destroy();
  });

  it('answers 503 "nothing was saved" and leaves the inventory, its changes and the audit log as they were', async () => {
    const before = await stored();
    await killWriters();
    let res: Awaited<ReturnType<ReturnType<typeof api>>>;
    try {
      res = await as('caseworker')('PUT', `/api/people/${personId}/inventory`, {
        languages: [level('C1')],
        freeText: 'second version',
      });
    } finally {
      await stopKilling();
    }
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      code: 'storeUnavailable',
      error: expect.stringMatching(/^Inget sparades: anslutningen till databasen bröts/),
    });
    const after = await stored();
    expect(after).toEqual(before);
    expect(after.inventory.freeText).toBe('first version');
  });

  it("answers the interview page's autosave with the reason in the page's language, and keeps nothing of it", async () => {
    const before = await stored();
    await killWriters();
    let res: Awaited<ReturnType<FastifyInstance['inject']>>;
    try {
      res = await app.inject({
        method: 'POST',
        url: `/personer/${personId}/inventering/languages`,
        headers: {
          authorization: `Bearer ${users.caseworker.token}`,
          'content-type': 'application/x-www-form-urlencoded',
          'x-etablera-autosave': '1',
          accept: 'application/json',
        },
        payload: new URLSearchParams({
          lang: 'sv',
          'languages.0.language': CONCEPTS.lithuanian.id,
          'languages.0.listening': 'B2',
        }).toString(),
      });
    } finally {
      await stopKilling();
    }
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toMatch(/Inget sparades/);
    expect(await stored()).toEqual(before);
  });

  /** Posts a section's form as a browser without JavaScript does (no autosave header, HTML wanted). */
  const postForm = (who: ProcessUser, url: string, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      headers: {
        authorization: `Bearer ${users[who].token}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      payload: new URLSearchParams(fields).toString(),
    });

  it('gives a form posted without JavaScript its section back as typed, with the reason (interview)', async () => {
    const before = await stored();
    const typed = 'Jag vill bli undersköterska <b>snart</b>';
    await killWriters();
    let res: Awaited<ReturnType<FastifyInstance['inject']>>;
    try {
      res = await postForm('caseworker', `/personer/${personId}/inventering/freeText`, {
        freeText: typed,
        op: 'save',
      });
    } finally {
      await stopKilling();
    }
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Inget sparades: anslutningen till databasen bröts');
    expect(res.body).toContain('Det du skrev finns kvar i formuläret nedan');
    // The typed text is in the textarea (escaped), the form posts to the same section.
    expect(res.body).toMatch(
      /<textarea[^>]*name="freeText"[^>]*>Jag vill bli undersköterska &lt;b>snart&lt;\/b><\/textarea>/,
    );
    expect(res.body).toContain(`action="/personer/${personId}/inventering/freeText"`);
    const after = await stored();
    expect(after.inventory).toEqual(before.inventory);
    expect(after.sections).toEqual(before.sections);
    // Sending the same form again (the connection is back) saves it.
    const again = await postForm('caseworker', `/personer/${personId}/inventering/freeText`, {
      freeText: typed,
      op: 'save',
    });
    expect(again.statusCode).toBe(303);
    expect((await stored()).inventory.freeText).toBe(typed);
  });

  it("gives the person's own view its section back as typed, in the person's language", async () => {
    await linkNewcomer(temp.store, personId, users.newcomer.userId);
    const before = await stored();
    await killWriters();
    let res: Awaited<ReturnType<FastifyInstance['inject']>>;
    try {
      res = await postForm('newcomer', '/min-sida/languages', {
        lang: 'so',
        'languages.0.language': CONCEPTS.lithuanian.id,
        'languages.0.listening': 'C1',
        'languages.0.reading': 'B2',
        op: 'save',
      });
    } finally {
      await stopKilling();
    }
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('lang="so"');
    expect(res.body).toContain('role="alert"');
    const select = (name: string) =>
      new RegExp(`<select[^>]*name="${name.replace(/\./g, '\\.')}"[^]*?</select>`).exec(res.body)?.[0] ?? '';
    expect(select('languages.0.listening')).toMatch(/<option value="C1" selected/);
    expect(select('languages.0.reading')).toMatch(/<option value="B2" selected/);
    expect(await stored()).toEqual(before);
  });

  it('saves again at once, on a fresh connection', async () => {
    const res = await as('caseworker')('PUT', `/api/people/${personId}/inventory`, {
      languages: [level('B1')],
      freeText: 'third version',
    });
    expect(res.statusCode).toBe(200);
    expect((await stored()).inventory.freeText).toBe('third version');
  });

  it('survives the server ending its idle pooled connections', async () => {
    // Fill the pool with idle connections, then have another connection end them all.
    await Promise.all(Array.from({ length: 5 }, () => sql`select pg_sleep(0.05)`.execute(temp.store.db)));
    const { pool } = temp.store as { pool: import('pg').Pool };
    expect(pool.idleCount).toBeGreaterThan(0);
    const admin = await pool.connect();
    try {
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid()`,
      );
    } finally {
      admin.release();
    }
    const res = await as('caseworker')('GET', `/api/people/${personId}/inventory`);
    expect(res.statusCode).toBe(200);
    expect(res.json().freeText).toBe('third version');
  });
});
