/**
 * The last-resort page after a failed save (kept-form-page.tsx): it needs no database and loses nothing
 * typed — every posted field goes back in a hidden input (repeated names in order, the CSRF token too),
 * the answers are shown escaped, and the page has a language, a title and an alert.
 */
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../i18n/translator.js';
import { KeptFormPage } from './kept-form-page.js';

describe('the page that keeps a form nobody could save', () => {
  const html = renderToString(
    KeptFormPage({
      lang: 'ar',
      action: '/min-sida/freeText',
      form: {
        _csrf: 'tok',
        lang: 'ar',
        freeText: 'أريد أن أعمل <script>x</script>',
        skills: ['a1', 'b2'],
        op: 'save',
        empty: '',
      },
      message: 'لم يُحفظ شيء',
      t: translator('ar'),
    }),
  );

  it('posts every field again to the same address', () => {
    expect(html).toContain('<form method="post" action="/min-sida/freeText">');
    // An empty value renders as a bare `value` attribute, which is the empty string in HTML.
    const hidden = [...html.matchAll(/<input type="hidden" name="([^"]*)" value(?:="([^"]*)")?\/?>/g)].map(
      (m) => [m[1], m[2] ?? ''],
    );
    expect(hidden).toEqual([
      ['_csrf', 'tok'],
      ['lang', 'ar'],
      ['freeText', 'أريد أن أعمل &lt;script>x&lt;/script>'],
      ['skills', 'a1'],
      ['skills', 'b2'],
      ['op', 'save'],
      ['empty', ''],
    ]);
  });

  it('shows what was typed, escaped, in the reader’s language and direction', () => {
    expect(html).toMatch(/^<html lang="ar" dir="rtl">/);
    expect(html).toContain('<p role="alert">لم يُحفظ شيء</p>');
    expect(html).toContain('<dd dir="auto">أريد أن أعمل &lt;script>x&lt;/script></dd>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<dt>_csrf</dt>');
    expect(html).toContain(
      `<button type="submit">${translator('ar')('process.interview.tryAgain')}</button>`,
    );
  });
});
