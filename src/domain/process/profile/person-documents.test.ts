/**
 * The skills profile (PDF, Word) and the readable export (PDF) through the API, read back with
 * poppler (pdfinfo: tagged; pdftotext: both languages) and from the .docx XML (Word's heading styles,
 * right-to-left paragraphs in the Arabic part); one audit entry per download; the profile leaves out
 * what is not for an employer (free text), the export holds it; a script tag stays text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { api, CONCEPTS, type seedProcessUsers, startProcessApp } from '../../../../test/support/process.js';
import type { TempStore } from '../../../../test/support/temp-store.js';
import { docxParts } from '../../../documents/docx-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'etablera-profile-'));
afterAll(() => {
  if (!process.env.KEEP_DOCS) rmSync(dir, { recursive: true, force: true });
});

function pdf(name: string, bytes: Buffer): { info: string; text: string } {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return {
    info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
    text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
  };
}

for (const dialect of DIALECTS) {
  describe(`the skills profile and the readable export (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: Awaited<ReturnType<typeof seedProcessUsers>>;
    let personId: string;
    const FREE = 'Zq9PrivateFreeText';

    beforeAll(async () => {
      ({ temp, users, app } = await startProcessApp(dialect));
      const cw = api(app, users.caseworker.token);
      personId = (
        await cw('POST', '/api/people', { organisation: '2580', name: 'Amal A.', language: 'ar' })
      ).json().id;
      await cw('POST', `/api/people/${personId}/consents`, { legalBasis: 'art. 6.1 e' });
      const saved = await cw('PUT', `/api/people/${personId}/inventory`, {
        education: [
          {
            level: CONCEPTS.upperSecondary.id,
            field: CONCEPTS.glass.id,
            country: CONCEPTS.somalia.id,
            years: 3,
            school: 'مدرسة الأمل',
          },
        ],
        work: [
          {
            occupation: CONCEPTS.sfiTeacher.id,
            years: '2-4',
            country: 'unknown',
            tasks: '<script>x</script>',
          },
        ],
        skills: [CONCEPTS.steel.id, CONCEPTS.refrigeration.id],
        languages: [
          { language: CONCEPTS.lithuanian.id, listening: 'B2', reading: 'B1', speaking: 'C1', writing: 'A2' },
        ],
        drivingLicences: [CONCEPTS.licenceAM.id],
        swedish: 'sfi-c',
        freeText: FREE,
      });
      expect(saved.statusCode).toBe(200);
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    const profileReads = async (part: string) =>
      (
        await temp.store.db
          .selectFrom('audit_log')
          .select(['action', 'detail'])
          .where('target_type', '=', 'person')
          .execute()
      ).filter((r) => JSON.parse(String(r.detail)).part === part);

    it('prints a tagged PDF in Arabic and Swedish, without the free text; one audit entry', async () => {
      const before = (await profileReads('profile')).length;
      const res = await api(app, users.caseworker.token)('GET', `/api/people/${personId}/profile.pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain('profile.pdf');
      const { info, text } = pdf(`profile-${dialect}.pdf`, res.rawPayload);
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(info).toMatch(/Pages:\s+[2-9]/);
      expect(text).toContain('Kompetensprofil för Amal A.');
      expect(text).toContain('SFI-lärare');
      expect(text).toContain('Stålkonstruktion');
      expect(text).toContain('Litauiska');
      expect(text).toContain('Sfi kurs C');
      expect(text).toContain('<script>x</script>');
      expect(text).not.toContain(FREE);
      // The Arabic part: its title and the school as written (pdftotext gives logical order).
      expect(text).toMatch(/ملف المهارات/);
      expect((await profileReads('profile')).length).toBe(before + 1);
    }, 60_000);

    it('writes a Word document with real headings, the Arabic part right to left', async () => {
      const res = await api(app, users.caseworker.token)('GET', `/api/people/${personId}/profile.docx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const body = docxParts(res.rawPayload).get('word/document.xml') ?? '';
      expect(body).toMatch(/<w:pStyle w:val="Heading1"\/>/);
      expect(body).toMatch(/<w:pStyle w:val="Heading2"\/>/);
      expect(body).toContain('<w:bidi/>');
      expect(body).toContain('w:bidi="ar-SA"');
      expect(body).toContain('Kompetensprofil för Amal A.');
      expect(body).toContain('&lt;script&gt;x&lt;/script&gt;');
      expect(body).not.toContain(FREE);
      expect(body).toMatch(/<w:tblHeader\/>/);
    }, 60_000);

    it('gives the profile in the language asked for (the own view passes its page language)', async () => {
      const res = await api(app, users.caseworker.token)(
        'GET',
        `/api/people/${personId}/profile.docx?lang=en`,
      );
      const body = docxParts(res.rawPayload).get('word/document.xml') ?? '';
      expect(body).toContain('Skills profile');
      expect(body).toContain('Kompetensprofil för Amal A.');
      expect(body).not.toContain('<w:bidi/>');
    });

    it('prints everything held as a readable, tagged PDF, with the free text; one audit entry', async () => {
      const before = (await profileReads('export')).length;
      const res = await api(app, users.caseworker.token)('GET', `/api/people/${personId}/export.pdf`);
      expect(res.statusCode).toBe(200);
      const { info, text } = pdf(`export-${dialect}.pdf`, res.rawPayload);
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(text).toContain('Allt som finns registrerat om Amal A.');
      expect(text).toContain(FREE);
      expect(text).toContain('Vem har läst eller ändrat uppgifterna');
      expect(text).toContain('Information och kvittens');
      const reads = await profileReads('export');
      expect(reads.length).toBe(before + 1);
      expect(JSON.parse(String(reads.at(-1)?.detail)).format).toBe('pdf');
    }, 60_000);

    it('refuses another organisation (404) and lets the person download their own', async () => {
      const other = await api(app, users.otherOrg.token)('GET', `/api/people/${personId}/profile.pdf`);
      expect(other.statusCode).toBe(404);
    });
  });
}
