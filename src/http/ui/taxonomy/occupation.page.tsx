/**
 * `/yrken/{id}?kommun=&visa=`: the page a case worker shows a newcomer. The occupation in Swedish and in
 * the chosen language (drafted labels marked "utkast"), its group's description, skills, similar
 * occupations and the demand (Arbetsförmedlingen's forecast, with the kommun's labour-market region and
 * the source). ESCO's names are shown as related names, never as translations.
 */
import type { ConceptDetail, ConceptLabel } from '../../../domain/process/taxonomy/taxonomy.service.js';
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

export interface OccupationView {
  concept: ConceptDetail;
  /** Labels in the shown language of the concept and everything the page lists, by id. */
  labels: Map<string, ConceptLabel>;
  shown: Locale;
  kommun: string;
}

function Named({
  ctx,
  view,
  id,
  fallback,
}: {
  ctx: PageContext;
  view: OccupationView;
  id: string;
  fallback: string;
}) {
  const l = view.labels.get(id);
  if (!l || view.shown === 'sv' || l.labelLang === 'sv')
    return <span lang="sv">{l?.labelSv ?? fallback}</span>;
  return (
    <>
      <Label ctx={ctx} text={l.label} lang={l.labelLang} draft={l.draft} />
      <span class="muted">
        {' '}
        (<span lang="sv">{l.labelSv}</span>)
      </span>
    </>
  );
}

export function OccupationPage({ ctx, view }: { ctx: PageContext; view: OccupationView }) {
  const { t } = ctx;
  const { concept } = view;
  const own = view.labels.get(concept.id);
  const demand = concept.demand;
  const linkTo = (id: string) =>
    href(ctx, `/yrken/${id}`, { kommun: view.kommun, visa: ctx.params.get('visa') });
  return (
    <Layout ctx={ctx} title={concept.label} languages={TAXONOMY_PAGE_LANGUAGES} downloads={false}>
      <p class="eyebrow">{typeName(ctx, concept.type)}</p>
      <h1>
        {own && own.labelLang !== 'sv' && view.shown !== 'sv' ? (
          <Label ctx={ctx} text={own.label} lang={own.labelLang} draft={own.draft} />
        ) : (
          <span lang="sv">{concept.label}</span>
        )}
      </h1>
      {own && own.labelLang !== 'sv' && view.shown !== 'sv' && (
        <p class="lead">
          {t('taxonomy.swedishName')}: <strong lang="sv">{concept.label}</strong>
        </p>
      )}
      {concept.deprecated && (
        <p class="notice" role="note">
          {t('taxonomy.deprecated')}
          {concept.replacedBy && (
            <>
              {' '}
              {t('taxonomy.replacedBy')}:{' '}
              <a href={linkTo(concept.replacedBy.id)}>{concept.replacedBy.label}</a>
            </>
          )}
        </p>
      )}
      <form method="get" action={`/yrken/${concept.id}`} class="controls">
        {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
        <label class="field">
          <span>{t('taxonomy.kommunLabel')}</span>
          <input
            type="text"
            name="kommun"
            value={view.kommun}
            inputmode="numeric"
            pattern="[0-9]{4}"
            maxlength={4}
            size={6}
            aria-describedby="kommun-hint"
          />
          <span class="hint" id="kommun-hint">
            {t('taxonomy.kommunHint')}
          </span>
        </label>
        <LanguageSelect ctx={ctx} value={view.shown} />
        <div class="field field--button">
          <button type="submit">{t('taxonomy.showButton')}</button>
        </div>
      </form>

      {concept.ssykGroup && (
        <section aria-labelledby="description">
          <h2 id="description">{t('taxonomy.description')}</h2>
          <p>
            {t('taxonomy.group')}:{' '}
            {concept.ssykGroup.id === concept.id ? (
              <span lang="sv">
                {concept.ssykGroup.label} (SSYK {concept.ssykGroup.code})
              </span>
            ) : (
              <a href={linkTo(concept.ssykGroup.id)}>
                <Named ctx={ctx} view={view} id={concept.ssykGroup.id} fallback={concept.ssykGroup.label} />{' '}
                (SSYK {concept.ssykGroup.code})
              </a>
            )}
          </p>
          {concept.ssykGroup.definition && <p lang="sv">{concept.ssykGroup.definition}</p>}
          <p class="note">{t('taxonomy.descriptionSource')}</p>
        </section>
      )}

      {demand && (
        <section aria-labelledby="demand">
          <h2 id="demand">{t('taxonomy.demand')}</h2>
          <p>{t('taxonomy.demandNational', { ssyk: demand.ssyk })}</p>
          {demand.national.length === 0 ? (
            <p class="notice" lang="sv">
              {demand.nationalMissing}
            </p>
          ) : (
            <ul class="demand-list">
              {demand.national.map((f) => (
                <li>
                  <strong>{t(`taxonomy.demandLevel.${f.level}`)}</strong> ·{' '}
                  {t('taxonomy.demandYear', { year: f.year })}
                  {f.text && (
                    <span class="note" lang="sv">
                      {' '}
                      – {f.text}
                    </span>
                  )}
                  <br />
                  <span class="note">{t('taxonomy.source', { source: f.source })}</span>
                </li>
              ))}
            </ul>
          )}
          {demand.kommun && (
            <>
              <p>
                {t('taxonomy.demandRegion', { kommun: demand.kommun.name, region: demand.kommun.regionName })}
              </p>
              <p class="note">{t('taxonomy.demandRegionalMissing')}</p>
              <p class="note">{t('taxonomy.source', { source: demand.kommun.source })}</p>
            </>
          )}
        </section>
      )}

      <section aria-labelledby="skills">
        <h2 id="skills">{t('taxonomy.skills')}</h2>
        {concept.skills.length === 0 ? (
          <p>{t('taxonomy.noSkills')}</p>
        ) : (
          <ul class="tag-list">
            {concept.skills.map((s) => (
              <li>
                <Named ctx={ctx} view={view} id={s.id} fallback={s.label} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {(concept.type === 'occupation-name' || concept.substitutes.length > 0) && (
        <section aria-labelledby="similar">
          <h2 id="similar">{t('taxonomy.similar')}</h2>
          <p class="note">{t('taxonomy.similarExplained')}</p>
          {concept.substitutes.length === 0 ? (
            <p>{t('taxonomy.noSimilar')}</p>
          ) : (
            <ul>
              {concept.substitutes.map((s) => (
                <li>
                  <a href={linkTo(s.id)}>
                    <Named ctx={ctx} view={view} id={s.id} fallback={s.label} />
                  </a>
                  {s.percentage !== null && <> · {t('taxonomy.percent', { n: s.percentage })}</>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {concept.relatedNames.length > 0 && (
        <section aria-labelledby="related-names">
          <h2 id="related-names">{t('taxonomy.relatedNames')}</h2>
          <p class="note">{t('taxonomy.relatedNamesExplained')}</p>
          <ul>
            {concept.relatedNames
              .filter((n) => n.lang === view.shown || (view.shown !== 'ar' && n.lang === 'en'))
              .slice(0, 30)
              .map((n) => (
                <li lang={n.lang} dir={n.lang === 'ar' ? 'rtl' : 'ltr'}>
                  {n.label}
                </li>
              ))}
          </ul>
        </section>
      )}
      <SourceNote ctx={ctx} />
    </Layout>
  );
}
