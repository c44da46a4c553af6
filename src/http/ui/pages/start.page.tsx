/**
 * The start page `/`: find a municipality by name or code. Works as a plain form and result list;
 * the client module turns the field into a combobox with suggestions and shows recent choices.
 */
import type { MunicipalityRow } from '../../../store/repositories/comparison.repository.js';
import { Layout } from '../components/layout.js';
import { documentMeta } from '../exports/document-meta.js';
import { safeFilename, type TableDocument } from '../exports/table-document.js';
import { href, type PageContext } from '../page-context.js';

export interface StartView {
  query: string;
  results: MunicipalityRow[];
  kommuner: MunicipalityRow[];
}

export function StartPage({ ctx, view }: { ctx: PageContext; view: StartView }) {
  const { t } = ctx;
  const suggestions = JSON.stringify(view.kommuner.map((k) => [k.id, k.title]));
  return (
    <Layout ctx={ctx} title={t('comparator.startTitle')}>
      <h1>{t('comparator.startTitle')}</h1>
      <p class="lead">{t('comparator.startIntro')}</p>
      <search>
        <form class="search" method="get" action="/" data-kommun-search>
          {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
          <label for="q">{t('comparator.searchLabel')}</label>
          <div class="search__row">
            <div class="combobox">
              <input
                id="q"
                name="q"
                type="search"
                value={view.query}
                autocomplete="off"
                spellcheck={false}
                aria-describedby="q-hint"
                data-kommuner={suggestions}
                data-profile-base={href(ctx, '/kommun/ID')}
                data-suggestions-label={t('comparator.suggestions')}
              />
            </div>
            <button type="submit">{t('comparator.searchButton')}</button>
          </div>
          <p id="q-hint" class="hint">
            {t('comparator.searchHint')}
          </p>
        </form>
      </search>
      {view.query && (
        <section aria-labelledby="results-title" class="results">
          <h2 id="results-title">{t('comparator.searchResults')}</h2>
          {view.results.length === 0 ? (
            <p>
              {t('comparator.noResults')} ”{view.query}”.
            </p>
          ) : (
            <ul class="link-list">
              {view.results.map((m) => (
                <li>
                  <a href={href(ctx, `/kommun/${m.id}`)}>{m.title}</a> <span class="muted">{m.id}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section
        id="recent"
        class="recent"
        aria-labelledby="recent-title"
        hidden
        data-profile-base={href(ctx, '/kommun/ID')}
      >
        <h2 id="recent-title">{t('comparator.recentTitle')}</h2>
        <ul class="link-list" />
      </section>
      <details class="all-kommuner">
        <summary>
          {t('comparator.allKommuner')} ({view.kommuner.length})
        </summary>
        <ul class="columns">
          {view.kommuner.map((m) => (
            <li>
              <a href={href(ctx, `/kommun/${m.id}`)}>{m.title}</a>
            </li>
          ))}
        </ul>
      </details>
    </Layout>
  );
}

export function startDocument(ctx: PageContext, view: StartView): TableDocument {
  const { t } = ctx;
  const list = view.query ? view.results : view.kommuner;
  return {
    title: t('comparator.exportTitleStart'),
    filename: safeFilename(`etablera-kommuner-${view.query}`),
    meta: documentMeta(
      ctx,
      view.query ? [{ key: 'query', label: t('comparator.searchLabel'), value: view.query }] : [],
    ),
    columns: [
      { key: 'id', header: t('comparator.kommunCode'), type: 'text' },
      { key: 'title', header: t('comparator.kommun'), type: 'text' },
    ],
    rows: list.map((m) => ({ id: m.id, title: m.title })),
  };
}
