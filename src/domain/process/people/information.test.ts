/** The information a person is given before anything is recorded (GDPR art. 13), and its version. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ar } from '../../../i18n/catalogs/ar.js';
import { en } from '../../../i18n/catalogs/en.js';
import { sv } from '../../../i18n/catalogs/sv.js';
import { INFORMATION_VERSION, information } from './information.js';

const SECTION_IDS = ['what', 'why', 'basis', 'retention', 'access', 'rights', 'sensitive'];

describe('the information given before recording', () => {
  it('gives every section in the person’s language, with the basis and the retention filled in', () => {
    const info = information('en', 'Socialtjänstlagen 4 kap. 1 §', 365);
    expect(info).toStrictEqual({
      textVersion: INFORMATION_VERSION,
      language: 'en',
      direction: 'ltr',
      fallback: false,
      draft: false,
      title: en['process.information.title'],
      sections: [
        { id: 'what', text: en['process.information.what'] },
        { id: 'why', text: en['process.information.why'] },
        { id: 'basis', text: 'Legal basis: Socialtjänstlagen 4 kap. 1 §.' },
        {
          id: 'retention',
          text: 'The information is kept for 365 days after your case is closed. Then it is erased.',
        },
        { id: 'access', text: en['process.information.access'] },
        { id: 'rights', text: en['process.information.rights'] },
        { id: 'sensitive', text: en['process.information.sensitive'] },
      ],
      legalBasis: 'Socialtjänstlagen 4 kap. 1 §',
      retentionDays: 365,
      retentionAction: 'erase',
    });
  });

  it('says when the basis is not stated, and what stays where the organisation pseudonymises', () => {
    const info = information('en', null, 90, 'pseudonymise');
    expect(info.legalBasis).toBeNull();
    expect(info.retentionAction).toBe('pseudonymise');
    expect(info.sections.find((s) => s.id === 'basis')?.text).toBe(
      `Legal basis: ${en['process.information.basisNotSet']}.`,
    );
    expect(info.sections.find((s) => s.id === 'retention')?.text).toBe(
      en['process.information.retentionPseudonymise'].replace('{days}', '90'),
    );
    expect(information('en', null, 90, 'erase').sections.find((s) => s.id === 'retention')?.text).toBe(
      en['process.information.retention'].replace('{days}', '90'),
    );
  });

  it('reads a language tag by its primary language, right to left and as a draft where so', () => {
    const info = information('ar-SY', 'x', 30);
    expect(info).toMatchObject({ language: 'ar', direction: 'rtl', fallback: false, draft: true });
    expect(info.title).toBe(ar.messages['process.information.title']);
    expect(info.sections.map((s) => s.id)).toEqual(SECTION_IDS);
  });

  it('falls back to Swedish, marked as such, for a language without texts', () => {
    for (const language of ['de', 'de-AT', '', '-sv']) {
      const info = information(language, 'x', 30);
      expect(info).toMatchObject({ language: 'sv', direction: 'ltr', draft: false });
      expect(info.fallback).toBe(true);
      expect(info.title).toBe(sv['process.information.title']);
    }
    expect(information('sv-FI', 'x', 30)).toMatchObject({ language: 'sv', fallback: false });
  });

  it('versions the texts by a digest of their Swedish and English wording', () => {
    const keys = [...SECTION_IDS, 'retentionPseudonymise'].map((s) => `process.information.${s}` as const);
    const digest = createHash('sha256')
      .update(JSON.stringify(keys.map((k) => [sv[k as keyof typeof sv], en[k as keyof typeof en]])))
      .digest('hex');
    expect(INFORMATION_VERSION).toBe(`info-${digest.slice(0, 12)}`);
  });
});
