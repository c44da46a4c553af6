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
    <Layout ctx={ctx} title={t.startTitle}>
      <h1>{t.startTitle}</h1>
      <p class="lead">{t.startIntro}</p>
      <search>
        <form class="search" method="get" action="/" data-kommun-search>
          {ctx.lang === 'en' && <input type="hidden" name="lang" value="en" />}
          <label for="q">{t.searchLabel}</label>
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
                data-suggestions-label={t.suggestions}
              />
            </div>
            <button type="submit">{t.searchButton}</button>
          </div>
          <p id="q-hint" class="hint">
            {t.searchHint}
          </p>
        </form>
      </search>
      {view.query && (
        <section aria-labelledby="results-title" class="results">
          <h2 id="results-title">{t.searchResults}</h2>
          {view.results.length === 0 ? (
            <p>
              {t.noResults} ”{view.query}”.
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
        <h2 id="recent-title">{t.recentTitle}</h2>
        <ul class="link-list" />
      </section>
      <details class="all-kommuner">
        <summary>
          {t.allKommuner} ({view.kommuner.length})
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

export function startDocument(ctx: PageContext, view: StartView, publicBase: string): TableDocument {
  const { t } = ctx;
  const list = view.query ? view.results : view.kommuner;
  return {
    title: t.exportTitleStart,
    filename: safeFilename(`etablera-kommuner-${view.query}`),
    meta: documentMeta(
      ctx,
      view.query ? [{ key: 'query', label: t.searchLabel, value: view.query }] : [],
      publicBase,
    ),
    columns: [
      { key: 'id', header: t.kommunCode, type: 'text' },
      { key: 'title', header: t.kommun, type: 'text' },
    ],
    rows: list.map((m) => ({ id: m.id, title: m.title })),
  };
}
