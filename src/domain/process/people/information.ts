/**
 * The information a person is given before anything about them is recorded (GDPR art. 13): what is
 * recorded, why, the legal basis the organisation states, how long it is kept, who reads it, their
 * rights. The texts live in the i18n catalogs (process.information.*); the version is a digest of the
 * Swedish and English texts, so any change to them makes a new version, and an acknowledgement names
 * the version the person saw.
 */
import { createHash } from 'node:crypto';
import { en } from '../../../i18n/catalogs/en.js';
import { sv } from '../../../i18n/catalogs/sv.js';
import { isLocale, type Locale, textDirection } from '../../../i18n/locales.js';
import { CATALOGS, translator } from '../../../i18n/translator.js';
import type { RetentionAction } from '../../../store/process-schema.js';

const SECTIONS = ['what', 'why', 'basis', 'retention', 'access', 'rights', 'sensitive'] as const;
const key = (section: (typeof SECTIONS)[number] | 'title' | 'basisNotSet' | 'retentionPseudonymise') =>
  `process.information.${section}` as const;

export const INFORMATION_VERSION = `info-${createHash('sha256')
  .update(
    JSON.stringify([...SECTIONS, 'retentionPseudonymise' as const].map((s) => [sv[key(s)], en[key(s)]])),
  )
  .digest('hex')
  .slice(0, 12)}`;

export interface Information {
  textVersion: string;
  /** The language of the texts: the person's when the catalogs have it, otherwise Swedish. */
  language: Locale;
  direction: 'ltr' | 'rtl';
  /** The person's language has no reviewed text yet (Swedish shown, or a draft translation). */
  fallback: boolean;
  draft: boolean;
  title: string;
  sections: { id: (typeof SECTIONS)[number]; text: string }[];
  legalBasis: string | null;
  retentionDays: number;
  /** What happens when the period has passed (the organisation's setting). */
  retentionAction: RetentionAction;
}

export function information(
  personLanguage: string,
  legalBasis: string | null,
  retentionDays: number,
  retentionAction: RetentionAction = 'erase',
): Information {
  // Stryker disable next-line StringLiteral: equivalent, split always gives a first part
  const primary = personLanguage.split('-')[0] ?? '';
  const language: Locale =
    // Stryker disable next-line ConditionalExpression: equivalent today, every locale's catalog has the texts
    isLocale(primary) && CATALOGS[primary].messages[key('what')] !== undefined ? primary : 'sv';
  const t = translator(language);
  return {
    textVersion: INFORMATION_VERSION,
    language,
    direction: textDirection(language),
    fallback: language !== primary,
    draft: CATALOGS[language].draft,
    title: t(key('title')),
    sections: SECTIONS.map((id) => ({
      id,
      text:
        id === 'basis'
          ? t(key('basis'), { basis: legalBasis ?? t(key('basisNotSet')) })
          : id === 'retention'
            ? t(key(retentionAction === 'pseudonymise' ? 'retentionPseudonymise' : 'retention'), {
                days: retentionDays,
              })
            : t(key(id)),
    })),
    legalBasis,
    retentionDays,
    retentionAction,
  };
}
