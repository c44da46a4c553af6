/**
 * The Process pages' HTML: the case worker's list of people, a new person, the person (information
 * and acknowledgement, the inventory's sections, the one-time code, downloads, the restriction), the
 * interview (two languages side by side), and the person's own view (their language, a phone screen).
 */
import type { ComponentChildren } from 'preact';
import type { ConceptName } from '../../../domain/process/people/concept-names.js';
import type { Information } from '../../../domain/process/people/information.js';
import type { Inventory } from '../../../domain/process/people/inventory.js';
import { SECTIONS, type Section } from '../../../domain/process/people/inventory-sections.js';
import {
  PERSON_GENDERS,
  type PersonListItem,
  type PersonView,
  type SectionMeta,
} from '../../../domain/process/people/people.service.js';
import { formatDate } from '../../../i18n/format.js';
import { LOCALE_NAMES, LOCALES, type Locale } from '../../../i18n/locales.js';
import type { Translate } from '../../../i18n/translator.js';
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import { Pictogram } from './pictograms.js';
import { Bi, codeKey, SectionFields, type SectionFormData, type Texts } from './section-form.js';

export const ALL_LOCALES: readonly Locale[] = LOCALES;

function Outcome({ ctx }: { ctx: PageContext }) {
  const done = ctx.params.get('klart');
  const error = ctx.params.get('fel');
  return (
    <>
      {done && (
        <p class="notice" role="status">
          {done === 'consent'
            ? ctx.t('process.done.consent')
            : done === 'restriction'
              ? ctx.t('process.done.restriction')
              : ctx.t('process.done.saved')}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error === 'consent' ? ctx.t('process.error.consentFirst') : error}
        </p>
      )}
    </>
  );
}

const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;
const LangField = ({ ctx }: { ctx: PageContext }) =>
  ctx.lang !== 'sv' ? <input type="hidden" name="lang" value={ctx.lang} /> : null;

export function PeopleListPage({
  ctx,
  people,
  settings = false,
}: {
  ctx: PageContext;
  people: PersonListItem[];
  /** The user is a Process admin: link the inventory settings. */
  settings?: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('process.people.title')} downloads={false}>
      <h1>{t('process.people.title')}</h1>
      <p>{t('process.people.intro')}</p>
      <p>
        <a class="button" href={href(ctx, '/personer/ny')}>
          {t('process.people.new')}
        </a>{' '}
        <a href={href(ctx, '/personer/arenden')}>{t('iplan.caseload.link')}</a>
        {settings && (
          <>
            {' '}
            <a href={href(ctx, '/personer/installningar')}>{t('process.settings.link')}</a>{' '}
            <a href={href(ctx, '/personer/stege')}>{t('iplan.ladderEdit.link')}</a>
          </>
        )}
      </p>
      {people.length === 0 ? (
        <p class="notice">{t('process.people.none')}</p>
      ) : (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('process.people.name')}</th>
              <th scope="col">{t('process.people.language')}</th>
              <th scope="col">{t('process.people.status')}</th>
              <th scope="col">{t('process.people.created')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr>
                <td>
                  <a href={href(ctx, `/personer/${p.id}`)}>{p.name}</a>
                  {p.restricted && <span class="badge"> {t('process.people.restricted')}</span>}
                </td>
                <td>{languageName(p.language)}</td>
                <td>
                  {p.status === 'open' ? t('process.people.statusOpen') : t('process.people.statusClosed')}
                </td>
                <td>{formatDate(p.createdAt.slice(0, 10), ctx.lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

const languageName = (code: string) =>
  (LOCALES as readonly string[]).includes(code) ? LOCALE_NAMES[code as Locale] : code;

export function NewPersonPage({
  ctx,
  csrf,
  organisations,
  error,
}: {
  ctx: PageContext;
  csrf: string;
  organisations: string[];
  error?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('process.new.title')} downloads={false}>
      <h1>{t('process.new.title')}</h1>
      <p>{t('process.new.intro')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <form method="post" action="/personer/ny" class="stack-form">
        <Csrf token={csrf} />
        <LangField ctx={ctx} />
        {organisations.length > 1 ? (
          <div class="field">
            <label for="organisation">{t('process.new.organisation')}</label>
            <select id="organisation" name="organisation">
              {organisations.map((o) => (
                <option value={o}>{o}</option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="organisation" value={organisations[0] ?? ''} />
        )}
        <div class="field">
          <label for="name">{t('process.people.name')}</label>
          <input id="name" name="name" required maxLength={200} autocomplete="off" dir="auto" autofocus />
        </div>
        <div class="field">
          <label for="language">{t('process.people.language')}</label>
          <select id="language" name="language">
            {ALL_LOCALES.map((l) => (
              <option value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="contact">{t('process.new.contact')}</label>
          <input
            id="contact"
            name="contact"
            maxLength={2000}
            autocomplete="off"
            aria-describedby="contact-hint"
          />
          <p class="hint" id="contact-hint">
            {t('process.new.contactHint')}
          </p>
        </div>
        <div class="field">
          <label for="gender">{t('process.new.gender')}</label>
          <select id="gender" name="gender" aria-describedby="gender-hint">
            <option value="">{t('process.new.gender.none')}</option>
            {PERSON_GENDERS.map((g) => (
              <option value={g}>{t(`process.new.gender.${g}`)}</option>
            ))}
          </select>
          <p class="hint" id="gender-hint">
            {t('process.new.genderHint')}
          </p>
        </div>
        <button type="submit">{t('process.new.submit')}</button>
      </form>
    </Layout>
  );
}

/** The information in Swedish (or the page's language) and in the person's, side by side. */
function InformationBlock({ info, infoSv }: { info: Information; infoSv: Information }) {
  const two = info.language !== infoSv.language;
  return (
    <div class={two ? 'bi-block' : ''}>
      <div lang={infoSv.language}>
        <h3>{infoSv.title}</h3>
        {infoSv.sections.map((s) => (
          <p>{s.text}</p>
        ))}
      </div>
      {two && (
        <div lang={info.language} dir={info.direction}>
          <h3>{info.title}</h3>
          {info.sections.map((s) => (
            <p>{s.text}</p>
          ))}
        </div>
      )}
    </div>
  );
}

export function PersonPage({
  ctx,
  person,
  info,
  infoSv,
  meta,
  hidden,
  csrf,
  code,
}: {
  ctx: PageContext;
  person: PersonView;
  info: Information;
  infoSv: Information;
  meta: SectionMeta[];
  hidden: Section[];
  csrf: string;
  code: { code: string; url: string; expiresAt: string } | null;
}) {
  const { t } = ctx;
  const base = `/personer/${person.id}`;
  const consent = person.consents.at(-1);
  const byPerson = meta.filter((m) => m.byPerson);
  return (
    <Layout ctx={ctx} title={person.name} downloads={false}>
      <h1 dir="auto">{person.name}</h1>
      <Outcome ctx={ctx} />
      <dl class="facts">
        <dt>{t('process.people.language')}</dt>
        <dd>{languageName(person.language)}</dd>
        <dt>{t('process.people.status')}</dt>
        <dd>
          {person.status === 'open' ? t('process.people.statusOpen') : t('process.people.statusClosed')}
        </dd>
        <dt>{t('process.person.caseworkers')}</dt>
        <dd>{person.caseworkers.map((c) => c.email ?? c.userId).join(', ') || '–'}</dd>
      </dl>
      {person.restricted && (
        <p class="notice" role="note">
          {t('process.person.restrictedNow')}
        </p>
      )}

      <section aria-labelledby="information-title">
        <h2 id="information-title">{t('process.person.information')}</h2>
        {consent ? (
          <p class="notice">
            {t('process.person.acknowledged', {
              date: formatDate(consent.acknowledgedAt.slice(0, 10), ctx.lang),
              version: consent.textVersion,
              language: languageName(consent.language),
            })}
          </p>
        ) : (
          <>
            <p>{t('process.person.informationIntro')}</p>
            <InformationBlock info={info} infoSv={infoSv} />
            <form method="post" action={`${base}/information`}>
              <Csrf token={csrf} />
              <LangField ctx={ctx} />
              <input type="hidden" name="textVersion" value={info.textVersion} />
              <input type="hidden" name="language" value={info.language} />
              <button type="submit">{t('process.person.acknowledge')}</button>
            </form>
          </>
        )}
      </section>

      <section aria-labelledby="inventory-title">
        <h2 id="inventory-title">{t('process.person.inventory')}</h2>
        {byPerson.length > 0 && (
          <p class="notice changed-by-person" role="note">
            {t('process.person.changedByPersonList', {
              sections: byPerson.map((m) => t(`process.section.${m.section}`)).join(', '),
            })}
          </p>
        )}
        {consent && (
          <p>
            <a
              class="button"
              href={href(ctx, `${base}/inventering/${SECTIONS.find((s) => !hidden.includes(s))}`)}
            >
              {t('process.person.startInterview')}
            </a>
          </p>
        )}
        <SectionNav ctx={ctx} base={`${base}/inventering`} hidden={hidden} meta={meta} current={null} />
        {consent && (
          <p>
            <a href={href(ctx, `${base}/matchning`)}>{t('matching.openMatches')}</a>
          </p>
        )}
      </section>

      <section aria-labelledby="own-title">
        <h2 id="own-title">{t('process.person.ownView')}</h2>
        <p>{t('process.person.ownViewIntro', { hours: 72 })}</p>
        {code && (
          <p class="notice access-code" role="status">
            {t('process.person.codeCreated', {
              code: code.code,
              url: code.url,
              expires: formatDate(code.expiresAt.slice(0, 10), ctx.lang),
            })}
          </p>
        )}
        <form method="post" action={`${base}/atkomstkod`}>
          <Csrf token={csrf} />
          <LangField ctx={ctx} />
          <button type="submit">{t('process.person.createCode')}</button>
        </form>
      </section>

      <p class="plan-link">
        <a class="button" href={href(ctx, `${base}/plan`)}>
          {t('iplan.person.planLink')}
        </a>
      </p>

      <section aria-labelledby="downloads-title">
        <h2 id="downloads-title">{t('process.person.profile')}</h2>
        <ul>
          <li>
            <a href={`/api/people/${person.id}/profile.pdf`}>{t('process.person.profilePdf')}</a>
          </li>
          <li>
            <a href={`/api/people/${person.id}/profile.docx`}>{t('process.person.profileDocx')}</a>
          </li>
          <li>
            <a href={`/api/people/${person.id}/export`}>{t('process.person.export')}</a>
          </li>
          <li>
            <a href={`/api/people/${person.id}/export.pdf`}>{t('process.person.exportPdf')}</a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="restriction-title">
        <h2 id="restriction-title">{t('process.person.restriction')}</h2>
        <p>{t('process.person.restrictionIntro')}</p>
        <form method="post" action={`${base}/begransning`}>
          <Csrf token={csrf} />
          <LangField ctx={ctx} />
          <input type="hidden" name="restricted" value={person.restricted ? '0' : '1'} />
          <button type="submit">
            {person.restricted ? t('process.person.unrestrict') : t('process.person.restrict')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

function SectionNav({
  ctx,
  base,
  hidden,
  meta,
  current,
  texts,
}: {
  ctx: PageContext;
  base: string;
  hidden: Section[];
  meta: SectionMeta[];
  current: Section | null;
  texts?: Texts;
}) {
  return (
    <nav aria-label={ctx.t('process.interview.sections')} class="section-nav">
      <ol>
        {SECTIONS.filter((s) => !hidden.includes(s)).map((s) => {
          const m = meta.find((x) => x.section === s);
          return (
            <li>
              <a href={href(ctx, `${base}/${s}`)} aria-current={s === current ? 'page' : undefined}>
                <Pictogram section={s} />
                {texts ? <Bi texts={texts} k={`process.section.${s}`} /> : ctx.t(`process.section.${s}`)}
              </a>
              {m?.byPerson && (
                <span class="badge badge--person"> {ctx.t('process.person.changedByPerson')}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** The form of one section with its buttons and the autosave status line. */
function SectionForm({
  ctx,
  texts,
  data,
  action,
  csrf,
  next,
  updatedAt,
}: {
  ctx: PageContext;
  texts: Texts;
  data: SectionFormData;
  action: string;
  csrf: string;
  next: Section | null;
  updatedAt: string | null;
}) {
  return (
    <form
      method="post"
      action={action}
      class="section-form"
      data-autosave={action}
      data-version={updatedAt ?? ''}
      id="section-form"
    >
      <Csrf token={csrf} />
      <LangField ctx={ctx} />
      <input type="hidden" name="next" value={next ?? ''} />
      <SectionFields texts={texts} data={data} />
      <p
        class="autosave-status"
        role="status"
        aria-live="polite"
        data-saved={ctx.t('process.interview.savedAt', { time: '{time}' })}
        data-offline={ctx.t('process.interview.offline')}
        data-restored={ctx.t('process.interview.restored')}
      />
      <div class="form-buttons">
        <button type="submit" name="op" value="next" class="primary">
          {next ? ctx.t('process.interview.saveNext') : ctx.t('process.interview.save')}
        </button>
        {next && (
          <button type="submit" name="op" value="save">
            {ctx.t('process.interview.save')}
          </button>
        )}
      </div>
    </form>
  );
}

export function InterviewPage({
  ctx,
  person,
  texts,
  data,
  meta,
  hidden,
  csrf,
  next,
  updatedAt,
}: {
  ctx: PageContext;
  person: PersonView;
  texts: Texts;
  data: SectionFormData;
  meta: SectionMeta[];
  hidden: Section[];
  csrf: string;
  next: Section | null;
  updatedAt: string | null;
}) {
  const base = `/personer/${person.id}`;
  const m = meta.find((x) => x.section === data.section);
  return (
    <Layout ctx={ctx} title={ctx.t('process.interview.title', { name: person.name })} downloads={false}>
      <p class="breadcrumb">
        <a href={href(ctx, base)} dir="auto">
          {person.name}
        </a>
      </p>
      <h1 class="section-title">
        <Pictogram section={data.section} />
        <Bi texts={texts} k={`process.section.${data.section}`} />
      </h1>
      <p>{ctx.t('process.interview.intro')}</p>
      <Outcome ctx={ctx} />
      {m?.byPerson && (
        <p class="notice changed-by-person" role="note">
          {ctx.t('process.person.changedByPerson')}: {formatDate(m.updatedAt.slice(0, 10), ctx.lang)} —{' '}
          {m.changedFields.join(', ')}
        </p>
      )}
      <div class="interview">
        <SectionNav
          ctx={ctx}
          base={`${base}/inventering`}
          hidden={hidden}
          meta={meta}
          current={data.section}
          texts={texts}
        />
        <SectionForm
          ctx={ctx}
          texts={texts}
          data={data}
          action={`${base}/inventering/${data.section}`}
          csrf={csrf}
          next={next}
          updatedAt={updatedAt}
        />
      </div>
    </Layout>
  );
}

/** What is recorded, section by section, in the reader's language. */
export function InventorySummary({
  ctx,
  inventory,
  names,
  hidden,
  editBase,
}: {
  ctx: PageContext;
  inventory: Inventory;
  names: Map<string, ConceptName>;
  hidden: Section[];
  editBase?: string;
}) {
  const { t } = ctx;
  const name = (id: string) =>
    id === 'unknown' || id === 'declined'
      ? t(`process.answer.${id}`)
      : withDeprecation(names.get(id)?.label ?? id, names.get(id), t);
  const ans = (v: string | number | boolean | undefined) =>
    v === undefined
      ? '–'
      : v === 'unknown' || v === 'declined'
        ? t(`process.answer.${v}`)
        : v === true
          ? t('process.answer.yes')
          : v === false
            ? t('process.answer.no')
            : String(v);
  const block = (section: Section, children: ComponentChildren) =>
    hidden.includes(section) ? null : (
      <section class="summary-section" aria-labelledby={`sum-${section}`}>
        <h2 id={`sum-${section}`}>
          <Pictogram section={section} /> {t(`process.section.${section}`)}
        </h2>
        {children}
        {editBase && (
          <p>
            <a href={href(ctx, `${editBase}/${section}`)}>
              {t('process.own.edit')}: {t(`process.section.${section}`)}
            </a>
          </p>
        )}
      </section>
    );
  const na = inventory.noAnswer ?? {};
  const whole = (field: keyof typeof na) => (na[field] ? <p>{ans(na[field])}</p> : null);
  return (
    <>
      {block(
        'education',
        <>
          {whole('education')}
          <ul>
            {inventory.education.map((e) => (
              <li>
                {name(e.level)}, {name(e.field)}, {name(e.country)}, {ans(e.years)}{' '}
                {e.school && <span dir="auto">({e.school})</span>}
              </li>
            ))}
          </ul>
        </>,
      )}
      {block(
        'work',
        <>
          {whole('work')}
          <ul>
            {inventory.work.map((w) => (
              <li>
                {name(w.occupation)} —{' '}
                {w.years === 'unknown' || w.years === 'declined'
                  ? ans(w.years)
                  : t(codeKey('years', w.years))}
                , {name(w.country)}
                {w.tasks && (
                  <>
                    {' '}
                    <span dir="auto">({w.tasks})</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>,
      )}
      {block(
        'skills',
        <>
          {whole('skills')}
          <ul>
            {inventory.skills.map((s) => (
              <li>{name(s)}</li>
            ))}
          </ul>
        </>,
      )}
      {block(
        'languages',
        <>
          {whole('languages')}
          <ul class="language-levels">
            {inventory.languages.map((l) => (
              <li>
                {name(l.language)}: {t('process.q.listening')} {ans(l.listening)}, {t('process.q.reading')}{' '}
                {ans(l.reading)}, {t('process.q.speaking')} {ans(l.speaking)}, {t('process.q.writing')}{' '}
                {ans(l.writing)}
              </li>
            ))}
          </ul>
          {inventory.swedish && (
            <p>
              {t('process.q.swedish')}:{' '}
              {inventory.swedish === 'unknown' || inventory.swedish === 'declined'
                ? ans(inventory.swedish)
                : t(codeKey('swedish', inventory.swedish))}
            </p>
          )}
        </>,
      )}
      {block(
        'licences',
        <>
          {whole('drivingLicences')}
          <p>{inventory.drivingLicences.map(name).join(', ') || '–'}</p>
        </>,
      )}
      {block(
        'digital',
        <p>
          {inventory.digital === undefined
            ? '–'
            : inventory.digital === 'unknown' || inventory.digital === 'declined'
              ? ans(inventory.digital)
              : t(`process.digital.${inventory.digital}`)}
        </p>,
      )}
      {block(
        'goals',
        <>
          {whole('interests')}
          {inventory.interests && <p dir="auto">{inventory.interests}</p>}
          {whole('goals')}
          {inventory.goals && <p dir="auto">{inventory.goals}</p>}
        </>,
      )}
      {block(
        'constraints',
        <>
          {whole('constraints')}
          <p>{(inventory.constraints ?? []).map((c) => t(codeKey('constraint', c))).join(', ') || '–'}</p>
          {inventory.constraintsNote && <p dir="auto">{inventory.constraintsNote}</p>}
          {inventory.health && <p dir="auto">{inventory.health}</p>}
        </>,
      )}
      {block(
        'freeText',
        <>
          {whole('freeText')}
          {inventory.freeText ? (
            <p dir="auto" class="free-text">
              {inventory.freeText}
            </p>
          ) : (
            <p>–</p>
          )}
        </>,
      )}
    </>
  );
}

export function OwnPage({
  ctx,
  person,
  inventory,
  names,
  hidden,
}: {
  ctx: PageContext;
  person: PersonView;
  inventory: Inventory;
  names: Map<string, ConceptName>;
  hidden: Section[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('process.own.title')} downloads={false} languages={ALL_LOCALES}>
      <h1>{t('process.own.title')}</h1>
      <p dir="auto">{person.name}</p>
      <p>{t('process.own.intro')}</p>
      <Outcome ctx={ctx} />
      <p class="own-downloads">
        <a href={`/api/people/${person.id}/export`} download>
          {t('process.own.download')}
        </a>{' '}
        <a href={`/api/people/${person.id}/profile.pdf?lang=${ctx.lang}`}>{t('process.person.profilePdf')}</a>{' '}
        <a href={`/api/people/${person.id}/export.pdf?lang=${ctx.lang}`}>{t('process.own.downloadPdf')}</a>
      </p>
      <p class="plan-link">
        <a class="button" href={href(ctx, '/min-sida/plan')}>
          {t('iplan.own.link')}
        </a>
      </p>
      <p>
        <a href={href(ctx, '/min-sida/matchning')}>{t('matching.title')}</a>
      </p>
      <InventorySummary ctx={ctx} inventory={inventory} names={names} hidden={hidden} editBase="/min-sida" />
    </Layout>
  );
}

export function OwnSectionPage({
  ctx,
  texts,
  data,
  csrf,
  next,
  updatedAt,
}: {
  ctx: PageContext;
  texts: Texts;
  data: SectionFormData;
  csrf: string;
  next: Section | null;
  updatedAt: string | null;
}) {
  return (
    <Layout
      ctx={ctx}
      title={ctx.t(`process.section.${data.section}`)}
      downloads={false}
      languages={ALL_LOCALES}
    >
      <p class="breadcrumb">
        <a href={href(ctx, '/min-sida')}>{ctx.t('process.own.back')}</a>
      </p>
      <h1 class="section-title">
        <Pictogram section={data.section} /> {ctx.t(`process.section.${data.section}`)}
      </h1>
      <Outcome ctx={ctx} />
      <SectionForm
        ctx={ctx}
        texts={texts}
        data={data}
        action={`/min-sida/${data.section}`}
        csrf={csrf}
        next={next}
        updatedAt={updatedAt}
      />
    </Layout>
  );
}

export function CodePage({
  ctx,
  csrf,
  code,
  invalid,
}: {
  ctx: PageContext;
  csrf: string;
  code: string;
  invalid: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('process.code.title')} downloads={false} languages={ALL_LOCALES}>
      <h1>{t('process.code.title')}</h1>
      <p>{t('process.code.intro')}</p>
      {invalid && (
        <p class="error" role="alert">
          {t('process.code.invalid')}
        </p>
      )}
      <form method="post" action="/min" class="stack-form">
        <Csrf token={csrf} />
        <LangField ctx={ctx} />
        <div class="field">
          <label for="code">{t('process.code.label')}</label>
          <input
            id="code"
            name="code"
            value={code}
            required
            autocomplete="one-time-code"
            autocapitalize="characters"
            dir="ltr"
          />
        </div>
        <button type="submit">{t('process.code.submit')}</button>
      </form>
    </Layout>
  );
}

/** An id the taxonomy has since deprecated keeps its old label, marked so the reader knows. */
function withDeprecation(label: string, concept: ConceptName | undefined, t: Translate): string {
  return concept?.deprecated ? `${label} (${t('taxonomy.deprecatedShort')})` : label;
}
