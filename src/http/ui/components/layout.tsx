/**
 * The page shell every comparator and analysis page uses: skip link, header with navigation and
 * language switch, demo banner, sync progress line, main landmark, downloads and the source footer.
 */
import type { ComponentChildren } from 'preact';
import { formatDate } from '../../../i18n/format.js';
import { LOCALE_NAMES, type Locale, textDirection } from '../../../i18n/locales.js';
import { downloadUrl, href, type PageContext, withParams } from '../page-context.js';

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  /** Pages with charts load ECharts (and the map needs the boundary file URL). */
  charts?: boolean;
  /** Offer .json/.csv/.xlsx of the page (default true). */
  downloads?: boolean;
  /**
   * The languages the page is written in, offered in the language menu. Position's pages are Swedish
   * and English; newcomer-facing pages list every locale they have texts for.
   */
  languages?: readonly Locale[];
  children: ComponentChildren;
}

const POSITION_LANGUAGES: readonly Locale[] = ['sv', 'en'];

export function Layout({
  ctx,
  title,
  charts = false,
  downloads = true,
  languages = POSITION_LANGUAGES,
  children,
}: LayoutProps) {
  const { t } = ctx;
  return (
    <html lang={ctx.lang} dir={ctx.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t('layout.siteName')}`}</title>
        <link rel="icon" href={ctx.assets.favicon} type="image/svg+xml" />
        <link rel="stylesheet" href={ctx.assets.css} />
        {charts && <script src={ctx.assets.echarts} defer />}
        <script src={ctx.assets.app} defer />
      </head>
      <body data-lang={ctx.lang} data-boundaries={charts ? ctx.assets.boundaries : undefined}>
        <a class="skip-link" href="#main">
          {t('layout.skipToContent')}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href={href(ctx, '/')}>
              <span class="brand__name">{t('layout.siteName')}</span>
              <span class="brand__tagline">{t('layout.tagline')}</span>
            </a>
            <nav aria-label={t('layout.mainNav')}>
              <ul class="nav">
                <li>
                  <a href={href(ctx, '/')}>{t('layout.navSearch')}</a>
                </li>
                <li>
                  <a href={href(ctx, '/jamfor')}>{t('layout.navCompare')}</a>
                </li>
                <li>
                  <a href={href(ctx, '/analys')}>{t('layout.navAnalysis')}</a>
                </li>
                <li>
                  <a href={href(ctx, '/uppfoljning')}>{t('layout.navFollowup')}</a>
                </li>
              </ul>
            </nav>
            <nav aria-label={t('layout.languageMenu')}>
              <ul class="nav">
                {languages
                  .filter((l) => l !== ctx.lang)
                  .map((l) => (
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
          </div>
        </header>
        {ctx.dataset === 'demo' && (
          <div class="demo-banner" role="note">
            <strong>{t('layout.demoBanner')}</strong> <span>{t('layout.demoBannerDetail')}</span>
          </div>
        )}
        <div
          id="sync-status"
          class="sync-status"
          role="status"
          aria-live="polite"
          data-label={t('layout.syncRunning')}
          hidden={!ctx.syncRunning}
        >
          {ctx.syncRunning ? `${t('layout.syncRunning')} …` : ''}
        </div>
        <main id="main" tabindex={-1}>
          {ctx.dataset === 'empty' && <p class="notice">{t('layout.emptyStore')}</p>}
          {children}
        </main>
        <footer class="site-footer">
          {downloads && (
            <p class="downloads">
              <span>{t('layout.downloads')}:</span>{' '}
              <a href={downloadUrl(ctx, 'json')} type="application/json">
                {t('layout.downloadJson')}
              </a>{' '}
              <a href={downloadUrl(ctx, 'csv')} type="text/csv" download>
                {t('layout.downloadCsv')}
              </a>{' '}
              <a
                href={downloadUrl(ctx, 'xlsx')}
                type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                download
              >
                {t('layout.downloadXlsx')}
              </a>
            </p>
          )}
          <p>
            {ctx.dataset === 'demo'
              ? `${t('layout.sourceDemo')}. ${t('layout.demoBannerDetail')}`
              : t('layout.footerSource')}
          </p>
          {ctx.lastLoadedAt && (
            <p>
              {t('layout.footerDataAt')}: {formatDate(ctx.lastLoadedAt, ctx.lang)}
            </p>
          )}
        </footer>
      </body>
    </html>
  );
}
