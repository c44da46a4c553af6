/**
 * `/taxonomi/sok?q=&typ=&visa=`: the taxonomy search as a page. Without JavaScript the form submits and
 * this page lists the results; with it, the field becomes a combobox that asks
 * `/api/taxonomy/search` as one types (client/taxonomy-search.ts).
 */
import type { SearchHit } from '../../../domain/process/taxonomy/taxonomy-search.js';
import type { Locale } from '../../../i18n/locales.js';
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import {
  Label,
  LanguageSelect,
  SourceNote,
  TAXONOMY_PAGE_LANGUAGES,
  typeName,
} from './taxonomy-components.js';

export const PAGE_TYPES = ['occupation-name', 'ssyk-level-4', 'skill'] as const;

export interface SearchView {
  q: string;
  type: string;
  shown: Locale;
  results: SearchHit[] | null;
}

export function SearchPage({ ctx, view }: { ctx: PageContext; view: SearchView }) {
  const { t } = ctx;
  const visa = ctx.params.get('visa');
  return (
    <Layout ctx={ctx} title={t('taxonomy.searchTitle')} languages={TAXONOMY_PAGE_LANGUAGES} downloads={false}>
      <h1>{t('taxonomy.searchTitle')}</h1>
      <p class="lead">{t('taxonomy.searchIntro')}</p>
      <form method="get" action="/taxonomi/sok" class="controls">
        {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
        <div class="field field--wide combobox">
          <label for="taxonomy-q">{t('taxonomy.searchLabel')}</label>
          <input
            type="search"
            id="taxonomy-q"
            name="q"
            value={view.q}
            maxlength={200}
            autocomplete="off"
            data-taxonomy-search="/api/taxonomy/search"
            data-suggestions-label={t('taxonomy.suggestions')}
            data-page-base="/yrken/"
            data-lang={view.shown}
            data-draft={t('taxonomy.draft')}
          />
        </div>
        <label class="field">
          <span>{t('taxonomy.typeLabel')}</span>
          <select name="typ">
            <option value="">{t('taxonomy.typeAll')}</option>
            {PAGE_TYPES.map((type) => (
              <option value={type} selected={type === view.type}>
                {typeName(ctx, type)}
              </option>
            ))}
          </select>
        </label>
        <LanguageSelect ctx={ctx} value={view.shown} />
        <div class="field field--button">
          <button type="submit">{t('taxonomy.searchButton')}</button>
        </div>
      </form>
      {view.results && (
        <section aria-labelledby="results">
          <h2 id="results">{t('taxonomy.resultsCount', { n: view.results.length, q: view.q })}</h2>
          <ol class="link-list">
            {view.results.map((r) => (
              <li>
                <a href={href(ctx, `/yrken/${r.id}`, { visa: visa ?? undefined })}>
                  <Label ctx={ctx} text={r.label} lang={r.labelLang} draft={r.draft} />
                </a>
                {r.labelLang !== 'sv' && (
                  <span class="muted">
                    {' '}
                    (<span lang="sv">{r.labelSv}</span>)
                  </span>
                )}{' '}
                <span class="note">· {typeName(ctx, r.type)}</span>
                {r.matched.label !== r.label && r.matched.label !== r.labelSv && (
                  <span class="note"> · {t('taxonomy.matchedOn', { label: r.matched.label })}</span>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      <SourceNote ctx={ctx} />
    </Layout>
  );
}
