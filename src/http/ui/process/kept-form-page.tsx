/**
 * The last resort when a form post could not be saved and the page with its form cannot be built either
 * (the database is still away): a plain page that needs nothing from the database and keeps every typed
 * answer — shown so the reader sees it is not lost, and in hidden fields behind a "try again" button that
 * posts them again to the same address (the CSRF token of the post goes with them).
 */

import { type Locale, textDirection } from '../../../i18n/locales.js';
import type { Translate } from '../../../i18n/translator.js';
import type { Form } from './inventory-form.js';

/** The typed fields as name/value pairs, repeated names kept in order; no empty ones, no control fields. */
function fields(form: Form): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of Object.entries(form))
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
      if (typeof v === 'string') out.push([name, v]);
  return out;
}

export function KeptFormPage({
  lang,
  action,
  form,
  message,
  t,
}: {
  lang: Locale;
  action: string;
  form: Form;
  message: string;
  t: Translate;
}) {
  const all = fields(form);
  const shown = all.filter(([name, v]) => v !== '' && !['_csrf', 'lang', 'op'].includes(name));
  return (
    <html lang={lang} dir={textDirection(lang)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t('process.interview.notSavedTitle')}</title>
      </head>
      <body>
        <main>
          <h1>{t('process.interview.notSavedTitle')}</h1>
          <p role="alert">{message}</p>
          <form method="post" action={action}>
            {all.map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <button type="submit">{t('process.interview.tryAgain')}</button>
          </form>
          {shown.length > 0 && (
            <>
              <h2>{t('process.interview.typed')}</h2>
              <dl>
                {shown.map(([name, value]) => (
                  <>
                    <dt>{name}</dt>
                    <dd dir="auto">{value}</dd>
                  </>
                ))}
              </dl>
            </>
          )}
        </main>
      </body>
    </html>
  );
}
