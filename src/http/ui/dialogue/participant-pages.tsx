/**
 * The participant pages: entering a code, voting (pairwise: two big buttons and a skip; dots: a number
 * per idea), adding an idea, the results as a chart and a table, the public report back "Vad hände
 * med våra förslag?" and the list of translations with their status. Plain forms, no script.
 */

import type { DialogueService, PairIdea } from '../../../domain/dialogue/dialogue.service.js';
import type { MessageKey } from '../../../i18n/catalog.js';
import { dialogueSv } from '../../../i18n/catalogs/dialogue/sv.js';
import { LOCALE_NAMES, LOCALES, type Locale } from '../../../i18n/locales.js';
import { CATALOGS, missingKeys } from '../../../i18n/translator.js';
import { href, num, type PageContext } from '../page-context.js';
import { ParticipantLayout } from './participant-layout.js';

type Results = Awaited<ReturnType<DialogueService['results']>>;
type Report = Awaited<ReturnType<DialogueService['report']>>;

/** Catalog keys are camelCase: genomfors_inte → genomforsInte. */
export const camel = (s: string) => s.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
export const answerKey = (a: string) => `dialogue.answer.${camel(a)}` as MessageKey;

/** A message from the outcome of the last form (`klart=` / `fel=`), as a status or an alert. */
export function Outcome({ ctx }: { ctx: PageContext }) {
  const done = ctx.params.get('klart');
  const error = ctx.params.get('fel');
  const key = (k: string) => k as MessageKey;
  if (error && `dialogue.error.${error}` in dialogueSv)
    return (
      <p class="error" role="alert">
        {ctx.t(key(`dialogue.error.${error}`))}
      </p>
    );
  if (done === 'vote' || done === 'idea')
    return (
      <p class="notice" role="status">
        {ctx.t(done === 'vote' ? 'dialogue.vote.saved' : 'dialogue.idea.saved')}
      </p>
    );
  return null;
}

/** An idea's text as written (in its own language and direction) and staff's Swedish rendering. */
export function IdeaText({
  ctx,
  idea,
}: {
  ctx: PageContext;
  idea: { text: string; language: string; text_sv: string | null };
}) {
  return (
    <>
      <span lang={idea.language} dir="auto" class="idea-text">
        {idea.text}
      </span>
      {idea.text_sv && idea.language !== 'sv' && (
        <span class="idea-sv" lang="sv" dir="ltr">
          <span class="idea-sv__label">{ctx.t('dialogue.idea.svRendering')}:</span> {idea.text_sv}
        </span>
      )}
    </>
  );
}

const Hidden = ({ ctx, code, csrf }: { ctx: PageContext; code: string; csrf: string }) => (
  <>
    <input type="hidden" name="_csrf" value={csrf} />
    <input type="hidden" name="kod" value={code} />
    {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
  </>
);

export function EnterCodePage({ ctx, wrong }: { ctx: PageContext; wrong: boolean }) {
  const { t } = ctx;
  return (
    <ParticipantLayout ctx={ctx} title={t('dialogue.enter.title')}>
      <h1>{t('dialogue.enter.title')}</h1>
      <p>{t('dialogue.enter.intro')}</p>
      {wrong && (
        <p class="error" role="alert" id="code-error">
          {t('dialogue.error.invalidCode')}
        </p>
      )}
      <form method="get" action="/delta/kod" class="participant-form">
        {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
        <label for="kod">{t('dialogue.enter.label')}</label>
        <span class="hint" id="kod-hint">
          {t('dialogue.enter.hint')}
        </span>
        <input
          id="kod"
          name="kod"
          type="text"
          inputmode="text"
          autocomplete="off"
          autocapitalize="characters"
          dir="ltr"
          required
          aria-describedby={wrong ? 'kod-hint code-error' : 'kod-hint'}
          aria-invalid={wrong ? 'true' : undefined}
        />
        <button type="submit" class="big-button">
          {t('dialogue.enter.submit')}
        </button>
      </form>
    </ParticipantLayout>
  );
}

export interface VoteView {
  roundId: number;
  title: string;
  code: string;
  csrf: string;
  allowIdeas: boolean;
  resultsVisible: boolean;
}

export function PairPage({
  ctx,
  view,
  pair,
}: {
  ctx: PageContext;
  view: VoteView;
  pair: { left: PairIdea; right: PairIdea; answered: number } | null;
}) {
  const { t } = ctx;
  return (
    <ParticipantLayout ctx={ctx} title={view.title}>
      <h1>{view.title}</h1>
      <Outcome ctx={ctx} />
      {pair ? (
        <form method="post" action={`/delta/${view.roundId}/rosta`} class="pair-form">
          <Hidden ctx={ctx} code={view.code} csrf={view.csrf} />
          <input type="hidden" name="a" value={String(pair.left.id)} />
          <input type="hidden" name="b" value={String(pair.right.id)} />
          <fieldset>
            <legend class="pair-question">{t('dialogue.vote.pairQuestion')}</legend>
            <div class="pair-choices">
              <button type="submit" name="val" value="a" class="vote-button">
                <IdeaText ctx={ctx} idea={pair.left} />
              </button>
              <button type="submit" name="val" value="b" class="vote-button">
                <IdeaText ctx={ctx} idea={pair.right} />
              </button>
            </div>
            <button type="submit" name="val" value="skip" class="skip-button">
              {t('dialogue.vote.skip')}
            </button>
          </fieldset>
          <p class="muted" role="status">
            {t('dialogue.vote.answered', { count: pair.answered })}
          </p>
        </form>
      ) : (
        <p class="notice">{t('dialogue.vote.allDone')}</p>
      )}
      {view.allowIdeas && (
        <AddIdeaForm ctx={ctx} action={`/delta/${view.roundId}/ide`} code={view.code} csrf={view.csrf} />
      )}
      {view.resultsVisible && (
        <p>
          <a href={href(ctx, `/delta/${view.roundId}/resultat`)}>{t('dialogue.vote.results')}</a>
        </p>
      )}
    </ParticipantLayout>
  );
}

export function DotsPage({
  ctx,
  view,
  ideas,
  dots,
  max,
  voted,
}: {
  ctx: PageContext;
  view: VoteView;
  ideas: PairIdea[];
  dots: number;
  max: number;
  voted: boolean;
}) {
  const { t } = ctx;
  return (
    <ParticipantLayout ctx={ctx} title={view.title}>
      <h1>{view.title}</h1>
      <Outcome ctx={ctx} />
      {voted ? (
        <p class="notice">{t('dialogue.error.alreadyVoted')}</p>
      ) : (
        <form method="post" action={`/delta/${view.roundId}/rosta`} class="dots-form">
          <Hidden ctx={ctx} code={view.code} csrf={view.csrf} />
          <fieldset>
            <legend class="pair-question">{t('dialogue.vote.dotsQuestion')}</legend>
            <p>{t('dialogue.vote.dotsRules', { dots, max })}</p>
            <ol class="dots-list">
              {ideas.map((idea) => (
                <li>
                  <label for={`dots-${idea.id}`} class="dots-idea">
                    <IdeaText ctx={ctx} idea={idea} />
                  </label>
                  <span class="dots-input">
                    <span class="visually-hidden">{t('dialogue.vote.dotsFor')}</span>
                    <input
                      id={`dots-${idea.id}`}
                      name={`dots-${idea.id}`}
                      type="number"
                      inputmode="numeric"
                      min={0}
                      max={max}
                      value="0"
                    />
                  </span>
                </li>
              ))}
            </ol>
            <button type="submit" class="big-button">
              {t('dialogue.vote.submitDots')}
            </button>
          </fieldset>
        </form>
      )}
      {view.resultsVisible && (
        <p>
          <a href={href(ctx, `/delta/${view.roundId}/resultat`)}>{t('dialogue.vote.results')}</a>
        </p>
      )}
    </ParticipantLayout>
  );
}

export function AddIdeaForm({
  ctx,
  action,
  code,
  csrf,
}: {
  ctx: PageContext;
  action: string;
  code: string;
  csrf: string;
}) {
  const { t } = ctx;
  return (
    <form method="post" action={action} class="participant-form idea-form">
      <Hidden ctx={ctx} code={code} csrf={csrf} />
      <h2>{t('dialogue.idea.addTitle')}</h2>
      <label for="idea-text">{t('dialogue.idea.text')}</label>
      <span class="hint" id="idea-hint">
        {t('dialogue.idea.hint')}
      </span>
      <textarea
        id="idea-text"
        name="text"
        rows={3}
        maxLength={1000}
        required
        dir="auto"
        aria-describedby="idea-hint"
      />
      <label for="idea-language">{t('dialogue.idea.language')}</label>
      <select id="idea-language" name="language">
        {LOCALES.map((l) => (
          <option value={l} selected={l === ctx.lang} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <button type="submit" class="big-button">
        {t('dialogue.idea.submit')}
      </button>
    </form>
  );
}

/** One bar per idea (and its 95 % band for pairwise): an SVG that mirrors with the page. */
function Bar({ ctx, value, low, high }: { ctx: PageContext; value: number; low?: number; high?: number }) {
  const rtl = ctx.dir === 'rtl';
  const x = (v: number) => (rtl ? 100 - v * 100 : v * 100);
  return (
    <svg
      class="result-bar"
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect x={rtl ? 100 - value * 100 : 0} y="2" width={value * 100} height="6" class="result-bar__fill" />
      {low !== undefined && high !== undefined && (
        <line x1={x(low)} x2={x(high)} y1="5" y2="5" class="result-bar__band" />
      )}
    </svg>
  );
}

export function ResultsPage({ ctx, title, results }: { ctx: PageContext; title: string; results: Results }) {
  const { t } = ctx;
  const pairwise = results.method === 'pairwise';
  const maxDots = Math.max(1, ...results.results.map((r) => r.score));
  const pct = (v: number) => `${num(ctx, v * 100, 0)} %`;
  return (
    <ParticipantLayout ctx={ctx} title={`${t('dialogue.results.title')}: ${title}`}>
      <h1>
        {t('dialogue.results.title')}: {title}
      </h1>
      <p>{t('dialogue.results.votes', { count: results.votes })}</p>
      <p class="hint">{t(pairwise ? 'dialogue.results.pairExplain' : 'dialogue.results.dotsExplain')}</p>
      <figure class="result-chart">
        <ol>
          {results.results.map((r) => (
            <li>
              <IdeaText ctx={ctx} idea={r} />
              <span class="result-value">{pairwise ? pct(r.score) : num(ctx, r.score, 0)}</span>
              {'low' in r ? (
                <Bar ctx={ctx} value={r.score} low={r.low} high={r.high} />
              ) : (
                <Bar ctx={ctx} value={r.score / maxDots} />
              )}
            </li>
          ))}
        </ol>
      </figure>
      <section class="table-scroll" tabindex={0} aria-label={t('dialogue.results.title')}>
        <table class="data">
          <caption>{t('dialogue.results.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dialogue.results.rank')}</th>
              <th scope="col">{t('dialogue.results.idea')}</th>
              <th scope="col">{t(pairwise ? 'dialogue.results.score' : 'dialogue.results.dots')}</th>
              {pairwise && <th scope="col">{t('dialogue.results.band')}</th>}
              {pairwise && <th scope="col">{t('dialogue.results.simple')}</th>}
            </tr>
          </thead>
          <tbody>
            {results.results.map((r, i) => (
              <tr>
                <td>{num(ctx, i + 1, 0)}</td>
                <th scope="row">
                  <IdeaText ctx={ctx} idea={r} />
                </th>
                <td>{pairwise ? pct(r.score) : num(ctx, r.score, 0)}</td>
                {'low' in r && <td>{`${pct(r.low)} – ${pct(r.high)}`}</td>}
                {'simple' in r && <td>{pct(r.simple)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </ParticipantLayout>
  );
}

const STATUS_KEY = (s: string) => `dialogue.status.${camel(s)}` as MessageKey;

export function ReportPage({
  ctx,
  report,
  collecting,
  csrf,
}: {
  ctx: PageContext;
  report: Report;
  collecting: boolean;
  csrf: string;
}) {
  const { t } = ctx;
  return (
    <ParticipantLayout ctx={ctx} title={t('dialogue.report.title')}>
      <h1>{t('dialogue.report.title')}</h1>
      <p class="lead" lang="sv" dir="auto">
        {report.dialogue.title}
      </p>
      {report.dialogue.purpose && (
        <p lang="sv" dir="auto">
          {report.dialogue.purpose}
        </p>
      )}
      <p>{t('dialogue.report.intro')}</p>
      <Outcome ctx={ctx} />
      {report.ideas.length === 0 && <p>{t('dialogue.report.none')}</p>}
      <ol class="report-list">
        {report.ideas.map((idea) => (
          <li class="report-idea" id={`forslag-${idea.id}`}>
            <p class="report-idea__text">
              <IdeaText ctx={ctx} idea={idea} />
            </p>
            <p class={`answer answer--${idea.answer ?? 'none'}`}>
              <strong>{idea.answer ? t(answerKey(idea.answer)) : t('dialogue.report.noAnswer')}</strong>
            </p>
            {idea.answer && (
              <dl class="report-facts">
                <dt>{t('dialogue.report.reason')}</dt>
                <dd lang="sv" dir="auto">
                  {idea.reason}
                </dd>
                <dt>{t('dialogue.report.decidedBy')}</dt>
                <dd lang="sv" dir="auto">
                  {idea.decided_by}
                </dd>
              </dl>
            )}
            {idea.actions.length > 0 && (
              <>
                <h2 class="report-actions-title">{t('dialogue.report.actions')}</h2>
                <ul class="report-actions">
                  {idea.actions.map((a) => (
                    <li>
                      <span lang="sv" dir="auto">
                        {a.code ? `${a.code} ` : ''}
                        {a.title}
                      </span>
                      : <strong>{t(STATUS_KEY(a.status))}</strong>
                      {a.progress !== null && (
                        <>
                          {', '}
                          {t('dialogue.report.progress', { progress: num(ctx, a.progress, 0) })}
                          <progress
                            max={100}
                            value={a.progress}
                            aria-label={t('dialogue.report.progress', { progress: num(ctx, a.progress, 0) })}
                          />
                        </>
                      )}
                      {a.period && (
                        <span class="muted"> ({t('dialogue.report.asOf', { period: a.period })})</span>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {idea.merged.length > 0 && (
              <details>
                <summary>{t('dialogue.report.similar')}</summary>
                <ul>
                  {idea.merged.map((m) => (
                    <li lang={m.language} dir="auto">
                      {m.text}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ol>
      {collecting && <AddIdeaForm ctx={ctx} action={`/forslag/${report.dialogue.id}`} code="" csrf={csrf} />}
    </ParticipantLayout>
  );
}

/** Which translations exist and whether a person has reviewed them (drafts until then). */
export function TranslationsPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const keys = Object.keys(dialogueSv) as MessageKey[];
  const missing = missingKeys();
  const participantKeys = keys.filter((k) => !k.startsWith('dialogue.staff.'));
  const rows = LOCALES.map((l: Locale) => {
    const lacking = new Set(missing[l]);
    return { l, have: participantKeys.filter((k) => !lacking.has(k)).length, draft: CATALOGS[l].draft };
  });
  return (
    <ParticipantLayout ctx={ctx} title={t('dialogue.translations.title')}>
      <h1>{t('dialogue.translations.title')}</h1>
      <p>{t('dialogue.translations.intro')}</p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('dialogue.translations.language')}</th>
            <th scope="col">{t('dialogue.translations.status')}</th>
            <th scope="col">{t('dialogue.translations.texts')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row" lang={r.l}>
                {LOCALE_NAMES[r.l]}
              </th>
              <td>{r.draft ? t('dialogue.translations.draft') : t('dialogue.translations.reviewed')}</td>
              <td>{`${num(ctx, r.have, 0)} / ${num(ctx, participantKeys.length, 0)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ParticipantLayout>
  );
}
