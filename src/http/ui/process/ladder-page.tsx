/**
 * The Process admin's ladder editor (/personer/stege, issue 20 item 3): the organisation's incentive
 * ladder as data — levels, a json-logic rule each, what the level needs in words (Swedish required,
 * the person's languages optional), rewards — in a plain form that works without JavaScript. A save is
 * a new version that applies from its date (today or later); the versions before it stay as they were,
 * and so do the levels already confirmed. A refused save comes back as typed, with a summary of the
 * errors linking to each field and the message at the field itself.
 */

import { LADDER_FACTS, REWARD_KINDS } from '../../../domain/process/plan/ladder.js';
import type { LadderVersionView } from '../../../domain/process/plan/ladder.service.js';
import { formatDate } from '../../../i18n/format.js';
import { LOCALE_NAMES, LOCALES } from '../../../i18n/locales.js';
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import { type LadderFormValues, REWARD_ROWS } from './ladder-form.js';

export interface LadderPageError {
  field: string;
  message: string;
}

export interface LadderPageProps {
  ctx: PageContext;
  csrf: string;
  organisation: string;
  organisations: string[];
  current: LadderVersionView | null;
  upcoming: LadderVersionView[];
  versions: { id: number; validFrom: string; savedAt: string; savedBy: string }[];
  values: LadderFormValues;
  /** The form holds the example ladder (the organisation has none yet). */
  example: boolean;
  error: LadderPageError | null;
  today: string;
}

export function LadderPage(p: LadderPageProps) {
  const { ctx, values, error } = p;
  const { t } = ctx;
  const done = ctx.params.get('klart') === 'ladder';
  /** The attributes that tie a field to its error. */
  const invalid = (id: string) =>
    error?.field === id ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-error` } : {};
  const FieldError = ({ id }: { id: string }) =>
    error?.field === id ? (
      <p class="error field-error" id={`${id}-error`}>
        {error.message}
      </p>
    ) : null;
  const others = LOCALES.filter((l) => l !== 'sv');
  return (
    <Layout ctx={ctx} title={t('iplan.ladderEdit.title')} downloads={false}>
      <p class="breadcrumb">
        <a href={href(ctx, '/personer')}>{t('process.people.title')}</a>
      </p>
      <h1>{t('iplan.ladderEdit.title')}</h1>
      <p>{t('iplan.ladderEdit.intro', { organisation: p.organisation })}</p>
      {p.organisations.length > 1 && (
        <nav aria-label={t('process.settings.organisations')}>
          <ul class="inline-list">
            {p.organisations.map((o) => (
              <li>
                <a
                  href={href(ctx, `/personer/stege?organisation=${encodeURIComponent(o)}`)}
                  aria-current={o === p.organisation ? 'page' : undefined}
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
          {t('iplan.ladderEdit.saved')}
        </p>
      )}
      {error && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">{t('iplan.ladderEdit.notSaved')}</h2>
          <ul>
            <li>
              <a href={`#${error.field}`}>{error.message}</a>
            </li>
          </ul>
        </div>
      )}
      <p>
        {p.current
          ? t('iplan.ladderEdit.current', {
              version: p.current.id,
              date: formatDate(p.current.validFrom, ctx.lang),
            })
          : t('iplan.ladderEdit.none')}
      </p>
      {p.upcoming.map((u) => (
        <p>{t('iplan.ladderEdit.upcoming', { version: u.id, date: formatDate(u.validFrom, ctx.lang) })}</p>
      ))}
      {p.example && !error && <p class="notice">{t('iplan.ladderEdit.example')}</p>}

      <form method="post" action="/personer/stege" class="stack-form ladder-form" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
        <input type="hidden" name="organisation" value={p.organisation} />
        <div class="field">
          <label for="validFrom">{t('iplan.ladderEdit.validFrom')}</label>
          <input
            type="date"
            id="validFrom"
            name="validFrom"
            value={values.validFrom || p.today}
            min={p.today}
            {...invalid('validFrom')}
          />
          <p class="hint">{t('iplan.ladderEdit.validFromHint')}</p>
          <FieldError id="validFrom" />
        </div>
        <details>
          <summary>{t('iplan.ladderEdit.rulesHelp')}</summary>
          <p>{t('iplan.ladderEdit.facts')}</p>
          <ul class="facts">
            {LADDER_FACTS.map((f) => (
              <li>
                <code>{f}</code>
              </li>
            ))}
          </ul>
          <p>{t('iplan.ladderEdit.examples')}</p>
          <ul>
            <li>
              <code>{'{"var": "plan.made"}'}</code>
            </li>
            <li>
              <code>{'{">=": [{"var": "done.sfi"}, 1]}'}</code>
            </li>
            <li>
              <code>{'{">=": [{"doneWithin": [90]}, 2]}'}</code>
            </li>
          </ul>
        </details>
        {values.rows.map((row, i) => {
          const id = (field: string) => `level-${i}-${field}`;
          const filled = row.name !== '' || row.rule !== '';
          return (
            <fieldset class="ladder-level">
              <legend>
                {filled ? t('iplan.ladderEdit.level', { level: i + 1 }) : t('iplan.ladderEdit.newLevel')}
              </legend>
              <div class="field">
                <label for={id('name')}>{t('iplan.ladderEdit.name')}</label>
                <input
                  id={id('name')}
                  name={`level.${i}.name`}
                  value={row.name}
                  maxLength={100}
                  {...invalid(id('name'))}
                />
                <FieldError id={id('name')} />
              </div>
              <div class="field">
                <label for={id('rule')}>{t('iplan.ladderEdit.rule')}</label>
                <textarea
                  id={id('rule')}
                  name={`level.${i}.rule`}
                  rows={2}
                  spellcheck={false}
                  class="code"
                  {...invalid(id('rule'))}
                >
                  {row.rule}
                </textarea>
                <FieldError id={id('rule')} />
              </div>
              <div class="field">
                <label for={id('needs-sv')}>
                  {t('iplan.ladderEdit.needs', { language: LOCALE_NAMES.sv })}
                </label>
                <textarea
                  id={id('needs-sv')}
                  name={`level.${i}.needs.sv`}
                  rows={2}
                  maxLength={500}
                  {...invalid(id('needs-sv'))}
                >
                  {row.needs.sv ?? ''}
                </textarea>
                <FieldError id={id('needs-sv')} />
              </div>
              <details open={others.some((l) => row.needs[l] || error?.field === id(`needs-${l}`))}>
                <summary>{t('iplan.ladderEdit.otherLanguages')}</summary>
                {others.map((l) => (
                  <div class="field">
                    <label for={id(`needs-${l}`)}>
                      {t('iplan.ladderEdit.needs', { language: LOCALE_NAMES[l] })}
                    </label>
                    <textarea
                      id={id(`needs-${l}`)}
                      name={`level.${i}.needs.${l}`}
                      rows={2}
                      maxLength={500}
                      lang={l}
                      dir="auto"
                      {...invalid(id(`needs-${l}`))}
                    >
                      {row.needs[l] ?? ''}
                    </textarea>
                    <FieldError id={id(`needs-${l}`)} />
                  </div>
                ))}
              </details>
              {Array.from({ length: REWARD_ROWS }, (_, j) => {
                const reward = row.rewards[j] ?? { kind: '', text: '' };
                return (
                  <div class="field-row">
                    <div class="field">
                      <label for={id(`reward-${j}-kind`)}>{t('iplan.ladderEdit.reward', { n: j + 1 })}</label>
                      <select
                        id={id(`reward-${j}-kind`)}
                        name={`level.${i}.reward.${j}.kind`}
                        {...invalid(id(`reward-${j}-kind`))}
                      >
                        <option value="">{t('iplan.ladderEdit.noReward')}</option>
                        {REWARD_KINDS.map((k) => (
                          <option value={k} selected={reward.kind === k}>
                            {t(`iplan.ladderEdit.rewardKind.${k}`)}
                          </option>
                        ))}
                      </select>
                      <FieldError id={id(`reward-${j}-kind`)} />
                    </div>
                    <div class="field">
                      <label for={id(`reward-${j}-text`)}>
                        {t('iplan.ladderEdit.rewardText', { n: j + 1 })}
                      </label>
                      <input
                        id={id(`reward-${j}-text`)}
                        name={`level.${i}.reward.${j}.text`}
                        value={reward.text}
                        maxLength={300}
                      />
                    </div>
                  </div>
                );
              })}
              {filled && (
                <ul class="checks">
                  <li>
                    <input type="checkbox" id={id('remove')} name={`level.${i}.remove`} value="1" />{' '}
                    <label for={id('remove')}>{t('iplan.ladderEdit.remove')}</label>
                  </li>
                </ul>
              )}
            </fieldset>
          );
        })}
        <p class="hint">{t('iplan.ladderEdit.moreRows')}</p>
        <button type="submit">{t('iplan.ladderEdit.submit')}</button>
      </form>

      {p.versions.length > 0 && (
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">{t('iplan.ladderEdit.versions')}</h2>
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('iplan.ladderEdit.version')}</th>
                  <th scope="col">{t('iplan.ladderEdit.validFrom')}</th>
                  <th scope="col">{t('iplan.ladderEdit.savedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {p.versions.map((v) => (
                  <tr>
                    <td>{v.id}</td>
                    <td>{formatDate(v.validFrom, ctx.lang)}</td>
                    <td>{formatDate(v.savedAt.slice(0, 10), ctx.lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </Layout>
  );
}
