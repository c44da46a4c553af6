/** Pieces the taxonomy pages share: a label with its "utkast" mark, the language choice, the sources. */
import type { ComponentChildren } from 'preact';
import { LOCALE_NAMES, LOCALES, type Locale, textDirection } from '../../../i18n/locales.js';
import type { PageContext } from '../page-context.js';

/** The newcomer-facing pages are written in every locale. */
export const TAXONOMY_PAGE_LANGUAGES: readonly Locale[] = LOCALES;

/**
 * The language labels are shown in beside Swedish: `visa=` when given (a case worker reading Swedish
 * shows a newcomer the names in Dari), otherwise the page's language.
 */
export function shownLanguage(ctx: PageContext): Locale {
  const visa = ctx.params.get('visa');
  return visa && (LOCALES as readonly string[]).includes(visa) ? (visa as Locale) : ctx.lang;
}

/** A label in `lang`, marked as a draft (utkast) when nobody has reviewed it. */
export function Label({
  ctx,
  text,
  lang,
  draft,
}: {
  ctx: PageContext;
  text: string;
  lang: string;
  draft: boolean;
}) {
  const locale = ((LOCALES as readonly string[]).includes(lang) ? lang : 'sv') as Locale;
  return (
    <>
      <span lang={lang} dir={textDirection(locale)}>
        {text}
      </span>
      {draft && (
        <>
          {' '}
          <span class="draft-mark" title={ctx.t('taxonomy.draftExplained')}>
            {ctx.t('taxonomy.draft')}
          </span>
        </>
      )}
    </>
  );
}

export function LanguageSelect({ ctx, value }: { ctx: PageContext; value: Locale }) {
  return (
    <label class="field">
      <span>{ctx.t('taxonomy.showIn')}</span>
      <select name="visa">
        {LOCALES.map((l) => (
          <option value={l} selected={l === value} lang={l}>
            {l === 'sv' ? ctx.t('taxonomy.onlySwedish') : LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SourceNote({ ctx, children }: { ctx: PageContext; children?: ComponentChildren }) {
  return (
    <p class="source-note">
      {children}
      {ctx.t('taxonomy.notice')}
    </p>
  );
}

const TYPE_KEYS = {
  'occupation-name': 'taxonomy.type.occupationName',
  'ssyk-level-4': 'taxonomy.type.ssykLevel4',
  skill: 'taxonomy.type.skill',
  language: 'taxonomy.type.language',
  'driving-licence': 'taxonomy.type.drivingLicence',
  'sun-education-field-4': 'taxonomy.type.sunEducationField4',
  'sun-education-level-3': 'taxonomy.type.sunEducationLevel3',
  country: 'taxonomy.type.country',
} as const;

/** A concept type's name; types the pages do not name (e.g. isco-level-4) show as the taxonomy says. */
export function typeName(ctx: PageContext, type: string): string {
  const key = TYPE_KEYS[type as keyof typeof TYPE_KEYS];
  return key ? ctx.t(key) : type;
}
