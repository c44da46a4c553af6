import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { sv } from './catalogs/sv.js';
import { LOCALES, textDirection } from './locales.js';
import { fromAcceptLanguage, localeCookie, negotiateLocale } from './negotiate.js';
import { CATALOGS, FALLBACK_MARK, missingKeys, translator } from './translator.js';

describe('catalogs', () => {
  it('lists the keys each locale lacks; Swedish and English lack none', () => {
    const missing = missingKeys();
    const total = Object.keys(sv).length;
    // The report a translator works from: per locale, how many texts are missing and which.
    for (const locale of LOCALES)
      console.info(
        `${locale}: ${missing[locale].length} of ${total} missing${missing[locale].length ? ` (${missing[locale].slice(0, 5).join(', ')}…)` : ''}`,
      );
    expect(missing.sv).toEqual([]);
    expect(missing.en).toEqual([]);
    for (const locale of ['ar', 'prs', 'ti', 'so', 'uk'] as const)
      expect(missing[locale].length).toBeLessThanOrEqual(total);
  });

  it('has only keys Swedish has, each in a namespace, each valid ICU in its locale', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(CATALOGS[locale].messages)) {
        expect(key in sv, `${locale}: ${key} is not a Swedish key`).toBe(true);
        expect(key, key).toMatch(/^[a-z]+\.[A-Za-z0-9.]+$/);
        expect(() => new IntlMessageFormat(text as string, locale), `${locale}: ${key}`).not.toThrow();
      }
    }
  });

  it('uses the same placeholders in English as in Swedish', () => {
    const names = (text: string) => [...new Set([...text.matchAll(/\{(\w+)/g)].map((m) => m[1]))].sort();
    for (const [key, text] of Object.entries(sv))
      expect(names(CATALOGS.en.messages[key as keyof typeof sv] ?? ''), key).toEqual(names(text));
  });

  it("has the person's own documents in every language: the skills profile and the personal-data export", () => {
    // Issues 18 and 21: the profile and the export are given to the person in their language and
    // Swedish, so a label missing in one of the seven would print in Swedish on their half.
    const missing = missingKeys();
    const documents = /^process\.(profile|export)\./;
    for (const locale of LOCALES)
      expect(
        missing[locale].filter((k) => documents.test(k)),
        locale,
      ).toEqual([]);
    const names = (text: string) => [...new Set([...text.matchAll(/\{(\w+)/g)].map((m) => m[1]))].sort();
    for (const locale of LOCALES)
      for (const [key, text] of Object.entries(sv))
        if (documents.test(key))
          expect(names(CATALOGS[locale].messages[key as keyof typeof sv] ?? ''), `${locale}: ${key}`).toEqual(
            names(text),
          );
  });

  it('marks the not yet reviewed catalogs as drafts', () => {
    expect(CATALOGS.sv.draft).toBe(false);
    expect(CATALOGS.en.draft).toBe(false);
    for (const locale of ['ar', 'prs', 'ti', 'so', 'uk'] as const) expect(CATALOGS[locale].draft).toBe(true);
  });
});

describe('translator', () => {
  it('formats ICU messages with values', () => {
    expect(translator('sv')('comparator.exportTitleKpi', { id: 'N00700' })).toBe('Nyckeltal N00700');
    expect(translator('en')('comparator.trendFromTo', { from: '2015', to: '2022', a: '1', b: '2' })).toBe(
      '2015–2022: from 1 to 2',
    );
  });

  it('applies the plural rules of Swedish', () => {
    const t = translator('sv');
    expect(t('comparator.chosenCount', { n: 1 })).toBe('1 vald');
    expect(t('comparator.chosenCount', { n: 3 })).toBe('3 valda');
  });

  it('applies the plural rules of Arabic and Ukrainian (via the locale the message is formatted in)', () => {
    const plural = '{n, plural, zero {zero} one {one} two {two} few {few} many {many} other {other}}';
    const ar = new IntlMessageFormat(plural, 'ar');
    expect([0, 1, 2, 3, 11, 100].map((n) => ar.format({ n }))).toEqual([
      'zero',
      'one',
      'two',
      'few',
      'many',
      'other',
    ]);
    const uk = new IntlMessageFormat(plural, 'uk');
    expect([1, 2, 5, 21, 1.5].map((n) => uk.format({ n }))).toEqual(['one', 'few', 'many', 'one', 'other']);
  });

  it('falls back to Swedish: silently in production, marked in development', () => {
    // Isolated left to right (U+2066 … U+2069), so Swedish reads correctly inside a right-to-left page.
    expect(translator('ar', 'silent')('comparator.trends')).toBe('\u2066Utveckling över tid\u2069');
    expect(translator('ar', 'marked')('comparator.trends')).toBe(
      `\u2066${FALLBACK_MARK}Utveckling över tid\u2069`,
    );
    // A text the locale has is never marked.
    expect(translator('en', 'marked')('layout.navCompare')).toBe('Compare');
    expect(translator('ar', 'marked')('layout.navCompare')).toBe('قارن');
  });
});

describe('locale negotiation', () => {
  it('takes ?lang first, then the cookie, then the user, then Accept-Language, then Swedish', () => {
    const all = {
      query: { lang: 'uk' },
      cookieHeader: 'a=b; etablera_lang=en',
      userLocale: 'ar',
      acceptLanguage: 'so',
    };
    expect(negotiateLocale(all)).toEqual({ locale: 'uk', source: 'query' });
    expect(negotiateLocale({ ...all, query: {} })).toEqual({ locale: 'en', source: 'cookie' });
    expect(negotiateLocale({ ...all, query: {}, cookieHeader: undefined })).toEqual({
      locale: 'ar',
      source: 'user',
    });
    expect(negotiateLocale({ ...all, query: {}, cookieHeader: undefined, userLocale: null })).toEqual({
      locale: 'so',
      source: 'header',
    });
    expect(negotiateLocale({ query: {} })).toEqual({ locale: 'sv', source: 'default' });
  });

  it('ignores unknown or malformed choices', () => {
    expect(negotiateLocale({ query: { lang: 'xx' }, cookieHeader: 'etablera_lang=%E0%A4%A' })).toEqual({
      locale: 'sv',
      source: 'default',
    });
    expect(negotiateLocale({ query: { lang: ['en', 'ar'] } }).locale).toBe('sv');
  });

  it('reads Accept-Language by weight, region tags and Dari as fa-AF', () => {
    expect(fromAcceptLanguage('de-DE,uk;q=0.8,en;q=0.9')).toBe('en');
    expect(fromAcceptLanguage('ar-SE;q=0.5, sv-SE;q=0.4')).toBe('ar');
    expect(fromAcceptLanguage('fa-AF')).toBe('prs');
    expect(fromAcceptLanguage('en;q=0, de')).toBeUndefined();
    expect(fromAcceptLanguage(undefined)).toBeUndefined();
  });

  it('remembers the choice for a year on the whole site', () => {
    expect(localeCookie('ar')).toBe('etablera_lang=ar; Path=/; Max-Age=31536000; SameSite=Lax');
  });

  it('writes Arabic and Dari right to left', () => {
    expect(LOCALES.filter((l) => textDirection(l) === 'rtl')).toEqual(['ar', 'prs']);
  });
});
