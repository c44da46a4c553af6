/**
 * An id kept in a person's profile that a later taxonomy update deprecates (upstream, or by vanishing
 * from a sync) still resolves, with its old label and the deprecation shown: in the person's skills
 * profile, in the labels API and in the concept API.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { api, CONCEPTS, type seedProcessUsers, startProcessApp } from '../../../../test/support/process.js';
import type { TempStore } from '../../../../test/support/temp-store.js';
import { docxParts } from '../../../documents/docx-reader.js';
import { importTaxonomyFiles } from './taxonomy-loader.js';

for (const dialect of DIALECTS) {
  describe(`a profile's concept deprecated by a later update (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: Awaited<ReturnType<typeof seedProcessUsers>>;
    let personId: string;

    beforeAll(async () => {
      ({ temp, users, app } = await startProcessApp(dialect));
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    /** The text of the person's skills profile (Word), the document a case worker hands out. */
    const profile = async () => {
      const res = await api(app, users.caseworker.token)('GET', `/api/people/${personId}/profile.docx`);
      expect(res.statusCode).toBe(200);
      return docxParts(res.rawPayload).get('word/document.xml') ?? '';
    };
    it('keeps the old label and says the concept is no longer in the taxonomy', async () => {
      const cw = api(app, users.caseworker.token);
      personId = (
        await cw('POST', '/api/people', { organisation: '2580', name: 'Amal Zq7', language: 'sv' })
      ).json().id;
      await cw('POST', `/api/people/${personId}/consents`, { legalBasis: 'art. 6.1 e' });
      const saved = await cw('PUT', `/api/people/${personId}/inventory`, {
        education: [],
        work: [],
        skills: [CONCEPTS.steel.id],
        languages: [],
        drivingLicences: [],
        freeText: '',
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const before = await profile();
      expect(before).toContain('Stålkonstruktion');
      expect(before).not.toContain('utgånget begrepp');

      // The update: JobTech marks the skill deprecated (the file need not list anything else).
      const dir = mkdtempSync(join(tmpdir(), 'deprecated-'));
      const file = join(dir, 'update.json');
      writeFileSync(
        file,
        JSON.stringify({
          data: {
            concepts: [
              { id: CONCEPTS.steel.id, type: 'skill', preferred_label: 'Stålkonstruktion', deprecated: true },
            ],
          },
        }),
      );
      await importTaxonomyFiles(temp.store, [file], 'v2');

      expect(
        (await api(app, users.caseworker.token)('GET', `/api/people/${personId}/inventory`)).json().skills,
      ).toEqual([CONCEPTS.steel.id]);
      expect(await profile()).toContain('Stålkonstruktion (utgånget begrepp)');
      const labels = await app.inject({
        method: 'GET',
        url: `/api/taxonomy/labels?ids=${CONCEPTS.steel.id}&lang=en`,
      });
      expect(labels.json().labels).toEqual([
        expect.objectContaining({ id: CONCEPTS.steel.id, label: 'Stålkonstruktion', deprecated: true }),
      ]);
      const concept = await app.inject({ method: 'GET', url: `/api/taxonomy/concepts/${CONCEPTS.steel.id}` });
      expect(concept.statusCode).toBe(200);
      expect(concept.json()).toMatchObject({ label: 'Stålkonstruktion', deprecated: true });
    });
  });
}
