/**
 * The individual plan's pages: the case worker's (the plan, its history, a form to change it, a plan
 * from a match, the guidance notes) and the person's own (the plan in their language, a phone screen).
 */
import type { PersonView } from '../../../domain/process/people/people.service.js';
import {
  GOAL_KINDS,
  OUTCOME_KINDS,
  OWNER_KINDS,
  type PlanStep,
  STEP_STATUSES,
  STEP_TYPES,
} from '../../../domain/process/plan/individual-plan.js';
import type { NoteView, PlanView } from '../../../domain/process/plan/individual-plan.service.js';
import type { PersonLadderView } from '../../../domain/process/plan/ladder.service.js';
import { formatDate } from '../../../i18n/format.js';
import { CATALOGS } from '../../../i18n/translator.js';
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import { ALL_LOCALES } from './process-pages.js';

const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;
const LangField = ({ ctx }: { ctx: PageContext }) =>
  ctx.lang !== 'sv' ? <input type="hidden" name="lang" value={ctx.lang} /> : null;

function Outcome({ ctx }: { ctx: PageContext }) {
  const done = ctx.params.get('klart');
  const error = ctx.params.get('fel');
  const messages: Record<string, string> = {
    plan: ctx.t('iplan.done.saved'),
    note: ctx.t('iplan.done.note'),
    followUp: ctx.t('iplan.done.followUp'),
    ladder: ctx.t('iplan.done.ladder'),
  };
  return (
    <>
      {done && messages[done] && (
        <p class="notice" role="status">
          {messages[done]}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

const date = (ctx: PageContext, iso: string | null) => (iso ? formatDate(iso, ctx.lang) : '–');

function ownerText(ctx: PageContext, step: PlanStep) {
  return step.owner.kind === 'partner' && step.owner.name
    ? step.owner.name
    : ctx.t(`iplan.owner.${step.owner.kind}`);
}

function closesText(ctx: PageContext, step: PlanStep): string {
  const parts = [
    ...step.closes.gates.map((g) =>
      g === 'language' ? ctx.t('iplan.closes.language') : ctx.t('iplan.closes.drivingLicence'),
    ),
    ...(step.closes.skills.length > 0
      ? [ctx.t('iplan.closes.skills', { n: step.closes.skills.length })]
      : []),
    ...(step.closes.factors.includes('experience') ? [ctx.t('iplan.closes.experience')] : []),
  ];
  return parts.join(', ') || '–';
}

function stepLabel(ctx: PageContext, step: PlanStep) {
  const type = ctx.t(`iplan.step.type.${step.type}`);
  const extra = [step.level, step.title].filter(Boolean).join(' · ');
  return extra ? `${type}: ${extra}` : type;
}

/** The plan read-only: goal and steps (the person's view and the top of the case worker's). */
export function PlanSummary({
  ctx,
  plan,
  showCloses,
}: {
  ctx: PageContext;
  plan: PlanView;
  showCloses: boolean;
}) {
  const { t } = ctx;
  return (
    <>
      <section aria-labelledby="goal-title">
        <h2 id="goal-title">{t('iplan.goal')}</h2>
        {plan.goal ? (
          <p dir="auto">
            <strong>{plan.goal.label}</strong> ({t(`iplan.goal.kind.${plan.goal.kind}`)})
          </p>
        ) : (
          <p>{t('iplan.goal.none')}</p>
        )}
      </section>
      <section aria-labelledby="steps-title">
        <h2 id="steps-title">{t('iplan.steps')}</h2>
        {plan.steps.length === 0 ? (
          <p>{t('iplan.steps.none')}</p>
        ) : !showCloses ? (
          // The person's view is read on a phone: a list of steps, each whole on the screen (in the
          // table the status, the column that matters most to them, was scrolled out of sight).
          <ol class="plan-step-list">
            {plan.steps.map((s) => (
              <li key={s.id}>
                <h3 dir="auto">{stepLabel(ctx, s)}</h3>
                <dl>
                  <div>
                    <dt>{t('iplan.col.status')}</dt>
                    <dd>
                      {t(`iplan.step.status.${s.status}`)}
                      {s.doneOn ? ` ${date(ctx, s.doneOn)}` : ''}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('iplan.col.owner')}</dt>
                    <dd>
                      {/* bdi, not dir=auto: a Swedish partner's name keeps the page's alignment. */}
                      <bdi>{ownerText(ctx, s)}</bdi>
                    </dd>
                  </div>
                  {s.start && (
                    <div>
                      <dt>{t('iplan.col.start')}</dt>
                      <dd>{date(ctx, s.start)}</dd>
                    </div>
                  )}
                  {s.due && (
                    <div>
                      <dt>{t('iplan.col.due')}</dt>
                      <dd>{date(ctx, s.due)}</dd>
                    </div>
                  )}
                </dl>
              </li>
            ))}
          </ol>
        ) : (
          // A scroll box of its own (focusable, so a keyboard can scroll it), so that at a phone's width
          // the table scrolls and the page does not (there was no such class as table-wrap: the page
          // itself was 130 px too wide at 360 px).
          <section class="table-scroll" tabindex={0} aria-label={t('iplan.steps.table')}>
            <table class="plan-steps">
              <thead>
                <tr>
                  <th scope="col">{t('iplan.col.step')}</th>
                  <th scope="col">{t('iplan.col.owner')}</th>
                  <th scope="col">{t('iplan.col.start')}</th>
                  <th scope="col">{t('iplan.col.due')}</th>
                  <th scope="col">{t('iplan.col.status')}</th>
                  {showCloses && <th scope="col">{t('iplan.col.closes')}</th>}
                </tr>
              </thead>
              <tbody>
                {plan.steps.map((s) => (
                  <tr key={s.id}>
                    <th scope="row" dir="auto">
                      {stepLabel(ctx, s)}
                    </th>
                    <td dir="auto">{ownerText(ctx, s)}</td>
                    <td>{date(ctx, s.start)}</td>
                    <td>{date(ctx, s.due)}</td>
                    <td>
                      {t(`iplan.step.status.${s.status}`)}
                      {s.doneOn ? ` ${date(ctx, s.doneOn)}` : ''}
                    </td>
                    {showCloses && <td>{closesText(ctx, s)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
    </>
  );
}

function Select({
  name,
  label,
  options,
  value,
  id,
}: {
  name: string;
  label: string;
  options: readonly [string, string][];
  value?: string;
  id: string;
}) {
  return (
    <p class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        {options.map(([v, text]) => (
          <option value={v} selected={v === value}>
            {text}
          </option>
        ))}
      </select>
    </p>
  );
}

export function CaseworkerPlanPage({
  ctx,
  person,
  plan,
  notes,
  csrf,
  canWrite,
  extra,
}: {
  ctx: PageContext;
  person: PersonView;
  plan: PlanView;
  notes: NoteView[];
  csrf: string;
  canWrite: boolean;
  /** More sections (the ladder) after the plan. */
  extra?: preact.ComponentChildren;
}) {
  const { t } = ctx;
  const base = `/personer/${person.id}`;
  const statuses = STEP_STATUSES.map((s) => [s, t(`iplan.step.status.${s}`)] as [string, string]);
  return (
    <Layout ctx={ctx} title={`${t('iplan.page.title')}: ${person.name}`} downloads={false}>
      <p class="breadcrumb">
        <a href={href(ctx, base)}>{person.name}</a>
      </p>
      <h1>
        {t('iplan.page.title')}: <span dir="auto">{person.name}</span>
      </h1>
      <Outcome ctx={ctx} />
      <PlanSummary ctx={ctx} plan={plan} showCloses={true} />

      {canWrite && (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">{t('iplan.edit.title')}</h2>
          <form method="post" action={`${base}/plan`} class="plan-form">
            <Csrf token={csrf} />
            <LangField ctx={ctx} />
            <input type="hidden" name="basedOn" value={String(plan.version)} />
            <Select
              id="goal-kind"
              name="goalKind"
              label={t('iplan.edit.goalKind')}
              options={GOAL_KINDS.map((k) => [k, t(`iplan.goal.kind.${k}`)])}
              value={plan.goal?.kind ?? 'occupation'}
            />
            <p class="field">
              <label for="goal-label">{t('iplan.edit.goalLabel')}</label>
              <input id="goal-label" name="goalLabel" value={plan.goal?.label ?? ''} maxLength={300} />
            </p>
            <fieldset>
              <legend>{t('iplan.edit.outcome')}</legend>
              <Select
                id="outcome-kind"
                name="outcomeKind"
                label={t('iplan.edit.outcomeKind')}
                options={[
                  ['', t('iplan.outcome.none')],
                  ...OUTCOME_KINDS.map((k) => [k, t(`iplan.outcome.${k}`)] as [string, string]),
                ]}
                value={plan.outcome?.kind ?? ''}
              />
              <p class="field">
                <label for="outcome-from">{t('iplan.edit.outcomeFrom')}</label>
                <input
                  id="outcome-from"
                  type="date"
                  name="outcomeFrom"
                  value={plan.outcome?.from ?? ''}
                  aria-describedby="outcome-hint"
                />
              </p>
              <p class="hint" id="outcome-hint">
                {t('iplan.edit.outcomeHint')}
              </p>
            </fieldset>
            {plan.steps.map((s, i) => (
              <fieldset key={s.id}>
                <legend dir="auto">{stepLabel(ctx, s)}</legend>
                <Select
                  id={`status-${i}`}
                  name={`status.${s.id}`}
                  label={t('iplan.col.status')}
                  options={statuses}
                  value={s.status}
                />
                <p class="field">
                  <label for={`due-${i}`}>{t('iplan.col.due')}</label>
                  <input id={`due-${i}`} type="date" name={`due.${s.id}`} value={s.due ?? ''} />
                </p>
              </fieldset>
            ))}
            <fieldset>
              <legend>{t('iplan.edit.newStep')}</legend>
              <Select
                id="new-type"
                name="newType"
                label={t('iplan.edit.type')}
                options={[
                  ['', '–'],
                  ...STEP_TYPES.map((k) => [k, t(`iplan.step.type.${k}`)] as [string, string]),
                ]}
              />
              <p class="field">
                <label for="new-title">{t('iplan.edit.what')}</label>
                <input id="new-title" name="newTitle" maxLength={300} />
              </p>
              <Select
                id="new-owner"
                name="newOwner"
                label={t('iplan.edit.owner')}
                options={OWNER_KINDS.map((k) => [k, t(`iplan.owner.${k}`)])}
                value="caseworker"
              />
              <p class="field">
                <label for="new-partner">{t('iplan.edit.partner')}</label>
                <input id="new-partner" name="newPartner" maxLength={200} />
              </p>
              <p class="field">
                <label for="new-start">{t('iplan.col.start')}</label>
                <input id="new-start" type="date" name="newStart" />
              </p>
              <p class="field">
                <label for="new-due">{t('iplan.col.due')}</label>
                <input id="new-due" type="date" name="newDue" />
              </p>
            </fieldset>
            <button type="submit">{t('iplan.edit.save')}</button>
          </form>
          <h3>{t('iplan.fromMatch.title')}</h3>
          <p>{t('iplan.fromMatch.intro')}</p>
          <form method="post" action={`${base}/plan/fran-matchning`}>
            <Csrf token={csrf} />
            <LangField ctx={ctx} />
            <p class="field">
              <label for="occupation">{t('iplan.fromMatch.occupation')}</label>
              <input id="occupation" name="occupation" maxLength={40} required />
            </p>
            <button type="submit">{t('iplan.fromMatch.submit')}</button>
          </form>
        </section>
      )}

      {plan.history.length > 0 && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t('iplan.history')}</h2>
          <ol>
            {[...plan.history].reverse().map((h) => (
              <li key={h.version}>
                <a href={href(ctx, `${base}/plan`, { version: String(h.version) })}>
                  {t('iplan.history.row', {
                    version: h.version,
                    date: formatDate(h.savedAt, ctx.lang),
                    source: h.source.startsWith('match:')
                      ? t('iplan.history.match')
                      : t('iplan.history.edit'),
                  })}
                </a>
              </li>
            ))}
          </ol>
        </section>
      )}

      {extra}

      <section aria-labelledby="notes-title">
        <h2 id="notes-title">{t('iplan.notes')}</h2>
        <p>{t('iplan.notes.intro')}</p>
        {canWrite && (
          <form method="post" action={`${base}/anteckningar`}>
            <Csrf token={csrf} />
            <LangField ctx={ctx} />
            <p class="field">
              <label for="note-text">{t('iplan.notes.text')}</label>
              <textarea id="note-text" name="text" rows={4} maxLength={10000} required dir="auto" />
            </p>
            <p class="field">
              <label for="note-follow">{t('iplan.notes.followUpOn')}</label>
              <input id="note-follow" type="date" name="followUpOn" />
            </p>
            <button type="submit">{t('iplan.notes.add')}</button>
          </form>
        )}
        {notes.length === 0 ? (
          <p>{t('iplan.notes.none')}</p>
        ) : (
          <ul class="notes">
            {notes.map((n) => (
              <li key={n.id}>
                <p class="note-meta">
                  {t('iplan.notes.by', { author: n.author, date: formatDate(n.at, ctx.lang) })}
                </p>
                <p dir="auto" class="note-text">
                  {n.text}
                </p>
                {n.followUpOn &&
                  (n.followUpDoneAt ? (
                    <p>{t('iplan.notes.followUpDone')}</p>
                  ) : (
                    <form method="post" action={`${base}/anteckningar/${n.id}/uppfoljd`}>
                      <Csrf token={csrf} />
                      <LangField ctx={ctx} />
                      <span>
                        {t('iplan.notes.followUpDue', { date: formatDate(n.followUpOn, ctx.lang) })}{' '}
                      </span>
                      {canWrite && <button type="submit">{t('iplan.notes.markDone')}</button>}
                    </form>
                  ))}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

export function OwnPlanPage({
  ctx,
  plan,
  extra,
}: {
  ctx: PageContext;
  plan: PlanView;
  extra?: preact.ComponentChildren;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('iplan.own.title')} downloads={false} languages={ALL_LOCALES}>
      <p class="breadcrumb">
        <a href={href(ctx, '/min-sida')}>{t('iplan.own.back')}</a>
      </p>
      <h1>{t('iplan.own.title')}</h1>
      {CATALOGS[ctx.lang].draft && (
        <p class="draft-note">
          <strong>{t('iplan.draftNote')}</strong>
        </p>
      )}
      <p>{t('iplan.own.intro')}</p>
      <PlanSummary ctx={ctx} plan={plan} showCloses={false} />
      {extra}
    </Layout>
  );
}

/** The person's ladder: the level reached, the next and what it needs; for a case worker, the proposal to confirm. */
export function LadderSection({
  ctx,
  ladder,
  personId,
  confirm,
}: {
  ctx: PageContext;
  ladder: PersonLadderView;
  /** The person's id, for the certificates' links. */
  personId: string;
  /** The confirm form's action and token (case workers only). */
  confirm?: { action: string; csrf: string };
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="ladder-title">
      <h2 id="ladder-title">{t('iplan.ladder.title')}</h2>
      {!ladder.ladder ? (
        <p>{t('iplan.ladder.none')}</p>
      ) : (
        <>
          <h3>{t('iplan.ladder.current')}</h3>
          <p>
            {ladder.level
              ? t('iplan.ladder.level', { level: ladder.level.level, name: ladder.level.name })
              : t('iplan.ladder.noLevel')}
          </p>
          <ol class="ladder">
            {ladder.ladder.levels.map((l) => (
              <li key={l.level} aria-current={ladder.level?.level === l.level ? 'step' : undefined}>
                <span dir="auto">{l.name}</span>
                {ladder.confirmations.some((c) => c.level === l.level) && (
                  <>
                    {' ✓ '}
                    <a href={`/api/people/${personId}/ladder/certificate.pdf?level=${l.level}`}>
                      {t('iplan.certificate.title')} (PDF)
                    </a>
                  </>
                )}
              </li>
            ))}
          </ol>
          {ladder.next && (
            <>
              <h3>{t('iplan.ladder.next')}</h3>
              <p dir="auto">
                {t('iplan.ladder.level', { level: ladder.next.level, name: ladder.next.name })}.{' '}
                {t('iplan.ladder.needs', {
                  // The page's language (a Swedish case worker's page showed the Arabic text before).
                  needs:
                    ladder.next.needsByLanguage[ctx.lang] ??
                    ladder.next.needsByLanguage.sv ??
                    ladder.next.needs,
                })}
              </p>
            </>
          )}
          {confirm && ladder.restricted && <p>{t('iplan.ladder.restricted')}</p>}
          {confirm && ladder.proposal && (
            <form method="post" action={confirm.action}>
              <Csrf token={confirm.csrf} />
              <LangField ctx={ctx} />
              <input type="hidden" name="level" value={String(ladder.proposal.level)} />
              <p class="notice">{t('iplan.ladder.proposal', { ...ladder.proposal })}</p>
              <button type="submit">{t('iplan.ladder.confirm', { level: ladder.proposal.level })}</button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
