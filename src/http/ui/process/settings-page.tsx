/**
 * The Process admin's inventory settings for their organisation (/personer/installningar): which
 * sections of the inventory the municipality does not ask (hidden in the interview, the person's own
 * view, the summaries and the profile), and the health-related question, off unless a legal basis is
 * stated here (issue 21 item 1). A plain form: works without JavaScript.
 */
import { SECTIONS, type Section } from '../../../domain/process/people/inventory-sections.js';
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import { Pictogram } from './pictograms.js';

export function SettingsPage({
  ctx,
  csrf,
  organisation,
  organisations,
  hidden,
  healthBasis,
}: {
  ctx: PageContext;
  csrf: string;
  organisation: string;
  organisations: string[];
  hidden: Section[];
  healthBasis: string | null;
}) {
  const { t } = ctx;
  const done = ctx.params.get('klart');
  const error = ctx.params.get('fel');
  return (
    <Layout ctx={ctx} title={t('process.settings.title')} downloads={false}>
      <p class="breadcrumb">
        <a href={href(ctx, '/personer')}>{t('process.people.title')}</a>
      </p>
      <h1>{t('process.settings.title')}</h1>
      <p>{t('process.settings.intro', { organisation })}</p>
      {organisations.length > 1 && (
        <nav aria-label={t('process.settings.organisations')}>
          <ul class="inline-list">
            {organisations.map((o) => (
              <li>
                <a
                  href={href(ctx, `/personer/installningar?organisation=${encodeURIComponent(o)}`)}
                  aria-current={o === organisation ? 'page' : undefined}
                >
                  {o}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {done && (
        <p class="notice" role="status">
          {t('process.settings.saved')}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <form method="post" action="/personer/installningar" class="stack-form">
        <input type="hidden" name="_csrf" value={csrf} />
        {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
        <input type="hidden" name="organisation" value={organisation} />
        <fieldset>
          <legend>{t('process.settings.sections')}</legend>
          <p class="hint">{t('process.settings.sectionsHint')}</p>
          <ul class="checks">
            {SECTIONS.map((s) => (
              <li>
                <input type="checkbox" id={`ask-${s}`} name="ask" value={s} checked={!hidden.includes(s)} />{' '}
                <label for={`ask-${s}`}>
                  <Pictogram section={s} /> {t(`process.section.${s}`)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div class="field">
          <label for="healthBasis">{t('process.settings.healthBasis')}</label>
          <textarea
            id="healthBasis"
            name="healthBasis"
            rows={3}
            maxLength={500}
            aria-describedby="health-hint"
          >
            {healthBasis ?? ''}
          </textarea>
          <p class="hint" id="health-hint">
            {healthBasis ? t('process.settings.healthOn') : t('process.settings.healthOff')}{' '}
            {t('process.settings.healthHint')}
          </p>
        </div>
        <button type="submit">{t('process.settings.submit')}</button>
      </form>
    </Layout>
  );
}
