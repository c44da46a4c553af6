/**
 * `/taxonomi/granska?sprak=&alla=&sida=`: the review screen of the drafted labels (label packs). A
 * person with `taxonomy.review` ticks "Bekräfta" for good drafts or writes a correction; one POST saves
 * the page's decisions (all or nothing), recorded with who and when and audited.
 */
import type { PackEntry, PackLang } from '../../../domain/process/taxonomy/label-review.js';
import { LOCALE_NAMES, textDirection } from '../../../i18n/locales.js';
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import { typeName } from './taxonomy-components.js';

export const REVIEW_PAGE_SIZE = 50;

export interface ReviewView {
  lang: PackLang;
  langs: readonly PackLang[];
  all: boolean;
  page: number;
  pages: number;
  entries: PackEntry[];
  total: number;
  reviewed: number;
  csrf: string;
  saved: number | null;
  error: string | null;
}

export function ReviewPage({ ctx, view }: { ctx: PageContext; view: ReviewView }) {
  const { t } = ctx;
  const dir = textDirection(view.lang);
  const pageLink = (page: number) =>
    href(ctx, '/taxonomi/granska', { sprak: view.lang, alla: view.all ? '1' : undefined, sida: page });
  return (
    <Layout ctx={ctx} title={t('taxonomy.reviewTitle')} downloads={false}>
      <h1>{t('taxonomy.reviewTitle')}</h1>
      <p class="lead">{t('taxonomy.reviewIntro')}</p>
      {view.saved !== null && (
        <p class="notice" role="status">
          {view.saved === 0 ? t('taxonomy.reviewNothing') : t('taxonomy.reviewSaved', { n: view.saved })}
        </p>
      )}
      {view.error && (
        <p class="error" role="alert">
          {t('taxonomy.reviewError', { message: view.error })}
        </p>
      )}
      <form method="get" action="/taxonomi/granska" class="controls">
        {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
        <label class="field">
          <span>{t('taxonomy.reviewLanguage')}</span>
          <select name="sprak">
            {view.langs.map((l) => (
              <option value={l} selected={l === view.lang}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>
            <input type="checkbox" name="alla" value="1" checked={view.all} /> {t('taxonomy.reviewShowAll')}
          </span>
        </label>
        <div class="field field--button">
          <button type="submit">{t('taxonomy.showButton')}</button>
        </div>
      </form>
      <p>{t('taxonomy.reviewSummary', { reviewed: view.reviewed, total: view.total })}</p>
      {view.entries.length === 0 ? (
        <p class="notice">{t('taxonomy.reviewEmpty')}</p>
      ) : (
        <form method="post" action="/taxonomi/granska">
          <input type="hidden" name="_csrf" value={view.csrf} />
          <input type="hidden" name="sprak" value={view.lang} />
          {view.all && <input type="hidden" name="alla" value="1" />}
          <input type="hidden" name="sida" value={String(view.page)} />
          {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
          <div class="table-scroll">
            <table class="data">
              <caption>{LOCALE_NAMES[view.lang]}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('taxonomy.swedishName')}</th>
                  <th scope="col">{t('taxonomy.draftLabel')}</th>
                  <th scope="col">{t('taxonomy.reviewConfirm')}</th>
                  <th scope="col">{t('taxonomy.reviewCorrection')}</th>
                </tr>
              </thead>
              <tbody>
                {view.entries.map((e, i) => (
                  <tr>
                    <th scope="row" lang="sv" id={`sv-${i}`}>
                      <a href={href(ctx, `/yrken/${e.id}`, { visa: view.lang })}>{e.labelSv}</a>
                      <br />
                      <span class="note">{typeName(ctx, e.type)}</span>
                    </th>
                    <td lang={view.lang} dir={dir}>
                      {e.label}
                      {e.review && (
                        <>
                          <br />
                          <span class="note" lang={ctx.lang} dir={ctx.dir}>
                            {t('taxonomy.reviewDone', { by: e.review.by })}
                          </span>
                        </>
                      )}
                    </td>
                    <td>
                      <input type="hidden" name={`id.${i}`} value={e.id} />
                      <input
                        type="checkbox"
                        name={`ok.${i}`}
                        value="1"
                        id={`ok-${i}`}
                        aria-labelledby={`ok-label-${i} sv-${i}`}
                      />
                      <span id={`ok-label-${i}`} class="visually-hidden">
                        {t('taxonomy.reviewConfirm')}
                      </span>
                    </td>
                    <td>
                      <input
                        type="text"
                        name={`label.${i}`}
                        lang={view.lang}
                        dir={dir}
                        maxlength={200}
                        aria-labelledby={`fix-label-${i} sv-${i}`}
                      />
                      <span id={`fix-label-${i}`} class="visually-hidden">
                        {t('taxonomy.reviewCorrection')}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <button type="submit">{t('taxonomy.reviewSave')}</button>
          </p>
        </form>
      )}
      {view.pages > 1 && (
        <nav aria-label={t('taxonomy.reviewPage', { page: view.page, pages: view.pages })}>
          <p>
            {view.page > 1 && <a href={pageLink(view.page - 1)}>{t('taxonomy.previous')}</a>}{' '}
            {t('taxonomy.reviewPage', { page: view.page, pages: view.pages })}{' '}
            {view.page < view.pages && <a href={pageLink(view.page + 1)}>{t('taxonomy.next')}</a>}
          </p>
        </nav>
      )}
    </Layout>
  );
}
