/**
 * The shell of the participant pages: light for a phone on a slow connection (the shared stylesheet,
 * no script at all: every form posts), every one of the seven languages in the language menu, right
 * to left for Arabic and Dari, and a note on pages whose translation is still a draft.
 */
import type { ComponentChildren } from 'preact';
import { LOCALE_NAMES, LOCALES, textDirection } from '../../../i18n/locales.js';
import { CATALOGS } from '../../../i18n/translator.js';
import { type PageContext, withParams } from '../page-context.js';

export function ParticipantLayout({
  ctx,
  title,
  children,
}: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}) {
  const { t } = ctx;
  return (
    <html lang={ctx.lang} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t('layout.siteName')}`}</title>
        <link rel="icon" href={ctx.assets.favicon} type="image/svg+xml" />
        <link rel="stylesheet" href={ctx.assets.css} />
      </head>
      <body class="participant">
        <a class="skip-link" href="#main">
          {t('dialogue.skip')}
        </a>
        <header class="participant-header">
          <nav aria-label={t('dialogue.languages')}>
            <ul class="participant-languages">
              {LOCALES.filter((l) => l !== ctx.lang).map((l) => (
                <li>
                  <a
                    href={withParams({ ...ctx, lang: 'sv' }, { lang: l })}
                    hreflang={l}
                    lang={l}
                    dir={textDirection(l)}
                  >
                    {LOCALE_NAMES[l]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1} class="participant-main">
          {CATALOGS[ctx.lang].draft && (
            <p class="draft-note">
              <a href={withParams(ctx, {}, '/delta/sprak')}>{t('dialogue.draftNote')}</a>
            </p>
          )}
          {children}
        </main>
      </body>
    </html>
  );
}
