/**
 * The page shell every comparator and analysis page uses: skip link, header with navigation and
 * language switch, demo banner, sync progress line, main landmark, downloads and the source footer.
 */
import type { ComponentChildren } from 'preact';
import { formatDate } from '../i18n/format.js';
import { downloadUrl, href, type PageContext, withParams } from '../page-context.js';

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  /** Pages with charts load ECharts (and the map needs the boundary file URL). */
  charts?: boolean;
  /** Offer .json/.csv/.xlsx of the page (default true). */
  downloads?: boolean;
  children: ComponentChildren;
}

export function Layout({ ctx, title, charts = false, downloads = true, children }: LayoutProps) {
  const { t } = ctx;
  const other = t.otherLanguageCode;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t.siteName}`}</title>
        <link rel="icon" href={ctx.assets.favicon} type="image/svg+xml" />
        <link rel="stylesheet" href={ctx.assets.css} />
        {charts && <script src={ctx.assets.echarts} defer />}
        <script src={ctx.assets.app} defer />
      </head>
      <body
        data-lang={ctx.lang}
        data-boundaries={charts && ctx.assets.boundaries ? ctx.assets.boundaries : undefined}
      >
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href={href(ctx, '/')}>
              <span class="brand__name">{t.siteName}</span>
              <span class="brand__tagline">{t.tagline}</span>
            </a>
            <nav aria-label={t.mainNav}>
              <ul class="nav">
                <li>
                  <a href={href(ctx, '/')}>{t.navSearch}</a>
                </li>
                <li>
                  <a href={href(ctx, '/jamfor')}>{t.navCompare}</a>
                </li>
                <li>
                  <a href={href(ctx, '/analys')}>{t.navAnalysis}</a>
                </li>
                <li>
                  <a
                    href={withParams({ ...ctx, lang: other === 'en' ? 'en' : 'sv' }, { lang: other })}
                    hreflang={other}
                    lang={other}
                  >
                    {t.otherLanguage}
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        {ctx.dataset === 'demo' && (
          <div class="demo-banner" role="note">
            <strong>{t.demoBanner}</strong> <span>{t.demoBannerDetail}</span>
          </div>
        )}
        <div
          id="sync-status"
          class="sync-status"
          role="status"
          aria-live="polite"
          data-label={t.syncRunning}
          hidden={!ctx.syncRunning}
        >
          {ctx.syncRunning ? `${t.syncRunning} …` : ''}
        </div>
        <main id="main" tabindex={-1}>
          {ctx.dataset === 'empty' && <p class="notice">{t.emptyStore}</p>}
          {children}
        </main>
        <footer class="site-footer">
          {downloads && (
            <p class="downloads">
              <span>{t.downloads}:</span>{' '}
              <a href={downloadUrl(ctx, 'json')} type="application/json">
                {t.downloadJson}
              </a>{' '}
              <a href={downloadUrl(ctx, 'csv')} type="text/csv" download>
                {t.downloadCsv}
              </a>{' '}
              <a
                href={downloadUrl(ctx, 'xlsx')}
                type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                download
              >
                {t.downloadXlsx}
              </a>
            </p>
          )}
          <p>{ctx.dataset === 'demo' ? `${t.sourceDemo}. ${t.demoBannerDetail}` : t.footerSource}</p>
          {ctx.lastLoadedAt && (
            <p>
              {t.footerDataAt}: {formatDate(ctx.lastLoadedAt, ctx.lang)}
            </p>
          )}
        </footer>
      </body>
    </html>
  );
}
