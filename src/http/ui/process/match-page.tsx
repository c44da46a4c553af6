/**
 * The match page: the occupations (or job ads) that fit a person, best first, each expandable (a
 * <details>, so it works without JavaScript) to its explanation in plain words — the skills the person
 * has and the ones that matter most that are missing, the previous occupation, education, demand with
 * its source and year and the person's labour-market region, what blocks it and how to lift it — the
 * score's every factor in a table, and the next steps toward it. The texts the person reads are in
 * their language beside the case worker's (Bi); the case worker's controls (pin, hide with a reason,
 * the hidden list) are only on the case worker's page, never on the person's own view.
 */
import type { ComponentChildren } from 'preact';
import type { MatchKind, MatchPageAnswer } from '../../../domain/process/matching/matching.service.js';
import type { NextStep } from '../../../domain/process/matching/next-steps.js';
import type { Match, SkillRef } from '../../../domain/process/matching/occupation-matcher.js';
import type { ConceptName } from '../../../domain/process/people/concept-names.js';
import type { PersonView } from '../../../domain/process/people/people.service.js';
import { formatNumber } from '../../../i18n/format.js';
import { textDirection } from '../../../i18n/locales.js';
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import { ALL_LOCALES } from './process-pages.js';
import { Bi as BiBoth, type Texts } from './section-form.js';

/**
 * A text in both languages, or once when the person's language has no text of its own yet (the
 * catalog falls back to Swedish or English: the same words twice would say nothing).
 */
function Bi(props: Parameters<typeof BiBoth>[0]) {
  const { texts, k, values } = props;
  if (texts.second && texts.second.t(k, values) === texts.t(k, values))
    return <BiBoth texts={{ t: texts.t, lang: texts.lang }} k={k} values={values} />;
  return <BiBoth {...props} />;
}

export interface MatchPageData {
  answer: MatchPageAnswer;
  /** Names of the occupations and skills shown, in the person's language (Swedish beside). */
  names: Map<string, ConceptName>;
  texts: Texts;
}

/** The case worker's page; `person` null is the person's own view (no controls, no hidden list). */
export interface MatchPageProps {
  ctx: PageContext;
  data: MatchPageData;
  person: PersonView | null;
  /** The person objected to or restricted processing: no matching is done. */
  restricted: boolean;
  csrf: string | null;
  base: string;
}

const isolate = (s: string) => `\u2068${s}\u2069`;

/** A concept in the person's language with the Swedish label beside it when the two differ. */
function conceptText(data: MatchPageData, ref: SkillRef | { id: string; label: string }): string {
  const c = data.names.get(ref.id);
  if (!c) return ref.label;
  return c.lang !== 'sv' && c.label !== c.sv ? `${isolate(c.label)} (${isolate(c.sv)})` : c.sv;
}

const percent = (ctx: PageContext, x: number) => formatNumber(Math.round(x * 100), ctx.lang, 0);

export function MatchPage({ ctx, data, person, restricted, csrf, base }: MatchPageProps) {
  const { t } = ctx;
  const { answer, texts } = data;
  const caseworker = person !== null;
  const title = caseworker
    ? t('matching.pageTitle', { name: person.name })
    : t(answer.kind === 'ad' ? 'matching.titleAds' : 'matching.title');
  const home = base.replace(/\/matchning$/, '');
  const done = ctx.params.get('klart');
  const error = ctx.params.get('fel');
  const pinned = new Set(answer.pinned);
  return (
    <Layout ctx={ctx} title={title} downloads={false} languages={caseworker ? undefined : ALL_LOCALES}>
      <h1 dir="auto">{title}</h1>
      <p>
        <a href={href(ctx, home)}>{t(caseworker ? 'matching.back' : 'matching.backOwn')}</a>
      </p>
      {caseworker && (
        <h2 class="match-heading">
          <Bi texts={texts} k={answer.kind === 'ad' ? 'matching.titleAds' : 'matching.title'} />
        </h2>
      )}
      <p class="match-intro">
        <Bi texts={texts} k="matching.intro" />
      </p>
      {texts.second && isDraft(texts.second.lang) && (
        <p class="badge" lang={texts.second.lang} dir={textDirection(texts.second.lang)}>
          {texts.second.t('matching.draftNote')}
        </p>
      )}
      {done && (
        <p class="notice" role="status">
          {t(
            `matching.done.${done === 'unhide' ? 'unhide' : done === 'unpin' ? 'unpin' : done === 'hide' ? 'hide' : 'pin'}`,
          )}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <nav aria-label={t('matching.kinds')} class="match-kinds">
        <ul>
          {(['occupation', 'ad'] as const).map((kind) => (
            <li>
              <a
                href={href(ctx, base, kind === 'ad' ? { typ: 'annons' } : {})}
                aria-current={answer.kind === kind ? 'page' : undefined}
              >
                {t(`matching.kind.${kind}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {restricted ? (
        <p class="notice" role="note">
          {t('matching.restricted')}
        </p>
      ) : answer.nothingToMatch ? (
        <div class="notice" role="note">
          <p>
            <Bi texts={texts} k="matching.nothingToMatch" />
          </p>
          <p>
            <a href={href(ctx, caseworker ? `${home}/inventering/skills` : `${home}/skills`)}>
              {t('matching.openInventory')}
            </a>
          </p>
        </div>
      ) : answer.matches.length === 0 ? (
        <p class="notice">
          <Bi texts={texts} k="matching.noMatches" />
        </p>
      ) : (
        <ol class="match-list">
          {answer.matches.map((m, i) => (
            <MatchItem
              ctx={ctx}
              data={data}
              match={m}
              index={i}
              kind={answer.kind}
              pinned={pinned.has(m.id)}
              csrf={csrf}
              base={base}
              steps={answer.steps.get(m.id) ?? null}
              level={caseworker ? 3 : 2}
            />
          ))}
        </ol>
      )}
      {caseworker && answer.pinnedMatches.length > 0 && (
        <section aria-labelledby="pinned-title">
          <h2 id="pinned-title">{t('matching.pinnedOutside')}</h2>
          <ul class="match-list">
            {answer.pinnedMatches.map((m, i) => (
              <MatchItem
                ctx={ctx}
                data={data}
                match={m}
                index={answer.matches.length + i}
                kind={answer.kind}
                pinned={true}
                csrf={csrf}
                base={base}
                steps={answer.steps.get(m.id) ?? null}
                level={3}
              />
            ))}
          </ul>
        </section>
      )}
      {caseworker && answer.hidden.length > 0 && csrf && (
        <section aria-labelledby="hidden-title">
          <h2 id="hidden-title">{t('matching.hiddenTitle')}</h2>
          <ul class="match-hidden">
            {answer.hidden.map((h) => (
              <li>
                <span dir="auto">{data.names.get(h.id)?.sv ?? h.id}</span>
                {h.reason && (
                  <span class="match-hidden__reason" dir="auto">
                    {' '}
                    {t('matching.hiddenReason', { reason: h.reason })}
                  </span>
                )}
                <DecisionForm
                  ctx={ctx}
                  csrf={csrf}
                  base={base}
                  kind={answer.kind}
                  target={h.id}
                  action="hide"
                  undo
                >
                  <button type="submit">{t('matching.unhide')}</button>
                </DecisionForm>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

const isDraft = (lang: string) => lang !== 'sv' && lang !== 'en';

function MatchItem({
  ctx,
  data,
  match,
  index,
  kind,
  pinned,
  csrf,
  base,
  steps,
  level,
}: {
  ctx: PageContext;
  data: MatchPageData;
  match: Match;
  index: number;
  kind: MatchKind;
  pinned: boolean;
  csrf: string | null;
  base: string;
  steps: NextStep[] | null;
  /** The heading level of a match: under the case worker's h2, or right under the person's h1. */
  level: 2 | 3;
}) {
  const { t } = ctx;
  const { texts } = data;
  const Title = level === 3 ? 'h3' : 'h2';
  const Sub = level === 3 ? 'h4' : 'h3';
  const id = `match-${index}`;
  const label = match.kind === 'ad' ? match.label : conceptText(data, match);
  const sum = match.breakdown.reduce((s, b) => s + b.contribution, 0);
  const n = (x: number, d = 2) => formatNumber(x, ctx.lang, d);
  return (
    <li class="match" id={id}>
      <Title class="match__title" id={`${id}-title`} dir="auto">
        {label}
      </Title>
      <p class="match__meta">
        <strong>
          <Bi texts={texts} k="matching.score" values={{ percent: percent(ctx, match.score) }} />
        </strong>
        {match.kind === 'ad' && (
          <span class="match__group" dir="auto">
            {' '}
            {conceptText(data, match.group)}
          </span>
        )}
        {pinned && (
          <span class="badge">
            {' '}
            <Bi texts={texts} k="matching.pinned" />
          </span>
        )}
      </p>
      <details>
        <summary>
          <Bi texts={texts} k="matching.why" />
        </summary>
        <div class="match__explanation">
          <p>
            <Bi
              texts={texts}
              k={kind === 'ad' ? 'matching.skillsSentenceAd' : 'matching.skillsSentence'}
              values={{ matched: match.requiredCount - match.missingCount, required: match.requiredCount }}
            />
          </p>
          {match.matchedSkills.length > 0 && (
            <>
              <Sub>
                <Bi texts={texts} k="matching.matchedSkills" />
              </Sub>
              <ul class="match-skills">
                {match.matchedSkills.map((s) => (
                  <li dir="auto">{conceptText(data, s)}</li>
                ))}
              </ul>
            </>
          )}
          {match.missingSkills.length > 0 && (
            <>
              <Sub>
                <Bi texts={texts} k="matching.missingSkills" />
              </Sub>
              <ul class="match-skills match-skills--missing">
                {match.missingSkills.map((s) => (
                  <li dir="auto">{conceptText(data, s)}</li>
                ))}
                {match.missingCount > match.missingSkills.length && (
                  <li>
                    <Bi
                      texts={texts}
                      k="matching.missingMore"
                      values={{ count: match.missingCount - match.missingSkills.length }}
                    />
                  </li>
                )}
              </ul>
            </>
          )}
          <Factors data={data} match={match} />
          {match.gates.length > 0 && (
            <>
              <Sub>
                <Bi texts={texts} k="matching.gates" />
              </Sub>
              <ul>
                {match.gates.map((g) => (
                  <li>
                    <Bi
                      texts={texts}
                      k={g.kind === 'language' ? 'matching.gate.language' : 'matching.gate.licence'}
                      values={{ requirement: g.requirement }}
                    />{' '}
                    <Bi
                      texts={texts}
                      k={
                        g.status === 'unknown'
                          ? 'matching.gate.unknown'
                          : g.has
                            ? 'matching.gate.has'
                            : 'matching.gate.hasNone'
                      }
                      values={{ has: g.has ?? '' }}
                    />{' '}
                    <Bi texts={texts} k={liftKey(g.lift)} />
                  </li>
                ))}
              </ul>
            </>
          )}
          {steps && steps.length > 0 && (
            <>
              <Sub>
                <Bi texts={texts} k="matching.steps" />
              </Sub>
              <ol class="match-steps">
                {steps.map((s) => (
                  <Step data={data} step={s} />
                ))}
              </ol>
            </>
          )}
          <div class="table-scroll">
            <table class="data-table match-breakdown">
              <caption>
                <Bi texts={texts} k="matching.breakdownCaption" values={{ label: match.label }} />
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <Bi texts={texts} k="matching.factor" />
                  </th>
                  <th scope="col">
                    <Bi texts={texts} k="matching.value" />
                  </th>
                  <th scope="col">
                    <Bi texts={texts} k="matching.weight" />
                  </th>
                  <th scope="col">
                    <Bi texts={texts} k="matching.contribution" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {match.breakdown.map((b) => (
                  <tr>
                    <th scope="row">
                      <Bi texts={texts} k={`matching.factor.${b.factor}`} />
                    </th>
                    <td>{n(b.value)}</td>
                    <td>{n(b.weight)}</td>
                    <td>{n(b.contribution, 4)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="match-formula">
            <Bi
              texts={texts}
              k="matching.formula"
              values={{ sum: n(sum, 4), gateFactor: n(match.gateFactor, 2), score: n(match.score, 4) }}
            />
          </p>
        </div>
      </details>
      {csrf && (
        <fieldset class="match__decide">
          <legend>{`${t('matching.decide')}: ${label}`}</legend>
          <DecisionForm
            ctx={ctx}
            csrf={csrf}
            base={base}
            kind={kind}
            target={match.id}
            action="pin"
            undo={pinned}
          >
            <button type="submit">{pinned ? t('matching.unpin') : t('matching.pin')}</button>
          </DecisionForm>
          <DecisionForm ctx={ctx} csrf={csrf} base={base} kind={kind} target={match.id} action="hide">
            <label for={`${id}-reason`}>{t('matching.hideReason')}</label>
            <input type="text" id={`${id}-reason`} name="reason" maxLength={500} required />
            <button type="submit">{t('matching.hide')}</button>
          </DecisionForm>
        </fieldset>
      )}
    </li>
  );
}

const liftKey = (lift: string) =>
  lift === 'drivingLicence'
    ? 'matching.lift.drivingLicence'
    : lift === 'svenskaSomAndrasprak'
      ? 'matching.lift.svenskaSomAndrasprak'
      : lift === 'swedishAssess'
        ? 'matching.lift.swedishAssess'
        : 'matching.lift.sfi';

/** The factors other than skills, in plain words. */
function Factors({ data, match }: { data: MatchPageData; match: Match }) {
  const { texts } = data;
  const by = (f: string) => match.breakdown.find((b) => b.factor === f);
  const experience = by('experience');
  const education = by('education');
  const interests = by('interests');
  const relation = String(experience?.detail.relation ?? 'none');
  const from = experience?.detail.from as { id: string; label: string } | null | undefined;
  const edu = education?.detail as { required?: number; has?: number | null } | undefined;
  const eduKey =
    edu?.required === 0
      ? 'matching.education.noneRequired'
      : edu?.has === null || edu?.has === undefined
        ? 'matching.education.unknown'
        : (education?.value ?? 0) >= 1
          ? 'matching.education.enough'
          : 'matching.education.less';
  const d = match.demand;
  return (
    <ul class="match-factors">
      <li>
        <Bi
          texts={texts}
          k={
            from && relation !== 'none'
              ? (`matching.experience.${relation as 'same' | 'substitute75' | 'sameGroup' | 'substitute25'}` as const)
              : 'matching.experience.none'
          }
          values={{ from: from ? conceptText(data, from) : '' }}
        />
      </li>
      <li>
        <Bi texts={texts} k={eduKey} />
      </li>
      <li>
        {d ? (
          <>
            <Bi
              texts={texts}
              k={`matching.demand.${d.level}`}
              values={{ source: d.source, year: String(d.year) }}
            />
            {d.region ? (
              <Bi
                texts={texts}
                k="matching.demandRegion"
                values={{ region: `${d.region.name} (${d.region.kommun})`, source: d.region.source }}
              />
            ) : (
              <Bi texts={texts} k="matching.demandNational" />
            )}
          </>
        ) : (
          <Bi texts={texts} k="matching.demandNone" />
        )}
      </li>
      {interests && interests.value > 0 && (
        <li>
          <Bi texts={texts} k="matching.interest" />
        </li>
      )}
    </ul>
  );
}

function Step({ data, step }: { data: MatchPageData; step: NextStep }) {
  const { texts } = data;
  const title =
    step.kind === 'swedish' ? (
      <Bi
        texts={texts}
        k={
          step.variant === 'svenskaSomAndrasprak'
            ? 'matching.step.swedish.svenskaSomAndrasprak'
            : 'matching.step.swedish.sfi'
        }
      />
    ) : step.kind === 'validering' ? (
      <Bi
        texts={texts}
        k="matching.step.validering"
        values={{ from: step.variant ? conceptText(data, { id: step.variant, label: step.variant }) : '' }}
      />
    ) : step.kind === 'drivingLicence' ? (
      <Bi texts={texts} k="matching.step.drivingLicence" values={{ licence: step.variant ?? '' }} />
    ) : step.kind === 'course' ? (
      <Bi
        texts={texts}
        k={`matching.step.course.${step.variant as 'komvux' | 'yh' | 'arbetsmarknadsutbildning' | 'hogskola'}`}
      />
    ) : (
      <Bi texts={texts} k="matching.step.praktik" />
    );
  return (
    <li>
      <strong>{title}</strong>{' '}
      {step.closes.skills.length > 0 && (
        <Bi
          texts={texts}
          k="matching.step.closesSkills"
          values={{ skills: step.closes.skills.map((s) => conceptText(data, s)).join(', ') }}
        />
      )}
      {step.closes.gates.length > 0 && <Bi texts={texts} k="matching.step.closesGate" />}
      {step.kind === 'praktik' && <Bi texts={texts} k="matching.step.closesExperience" />}
    </li>
  );
}

function DecisionForm({
  ctx,
  csrf,
  base,
  kind,
  target,
  action,
  undo = false,
  children,
}: {
  ctx: PageContext;
  csrf: string;
  base: string;
  kind: MatchKind;
  target: string;
  action: 'hide' | 'pin';
  undo?: boolean;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={`${base}/beslut`} class="match-decision">
      <input type="hidden" name="_csrf" value={csrf} />
      {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="action" value={action} />
      {undo && <input type="hidden" name="undo" value="1" />}
      {children}
    </form>
  );
}
