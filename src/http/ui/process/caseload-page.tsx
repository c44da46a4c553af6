/**
 * The caseload page (/personer/arenden): a case worker's own people, most urgent first, with the
 * steps overdue and due in the next 14 days and the follow-ups due, each person linked to their plan;
 * for a Process admin, their organisation's caseload in counts (no names: a manager steers by them).
 */
import type { CaseloadRow, CaseloadSummary } from '../../../domain/process/plan/caseload.js';
import { formatDate } from '../../../i18n/format.js';
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';

function Steps({ ctx, steps }: { ctx: PageContext; steps: CaseloadRow['overdue'] }) {
  if (steps.length === 0) return <>–</>;
  return (
    <ul>
      {steps.map((s) => (
        <li key={s.id}>
          <span dir="auto">{[ctx.t(`iplan.step.type.${s.type}`), s.title].filter(Boolean).join(': ')}</span>
          {`, ${formatDate(s.due, ctx.lang)}`}
        </li>
      ))}
    </ul>
  );
}

function Summary({ ctx, summary, id }: { ctx: PageContext; summary: CaseloadSummary; id: string }) {
  const { t } = ctx;
  const levels = Object.keys(summary.byLevel).sort((a, b) => Number(a) - Number(b));
  return (
    <>
      <dl class="facts">
        <div>
          <dt>{t('iplan.caseload.people')}</dt>
          <dd>{summary.people}</dd>
        </div>
        <div>
          <dt>{t('iplan.caseload.overdue')}</dt>
          <dd>
            {t('iplan.caseload.overdueCount', {
              steps: summary.stepsOverdue,
              people: summary.peopleWithOverdue,
            })}
          </dd>
        </div>
        <div>
          <dt>{t('iplan.caseload.dueSoon')}</dt>
          <dd>{summary.stepsDueSoon}</dd>
        </div>
        <div>
          <dt>{t('iplan.caseload.followUps')}</dt>
          <dd>{summary.followUpsDue}</dd>
        </div>
        <div>
          <dt>{t('iplan.caseload.plan')}</dt>
          <dd>
            {(['none', 'open', 'done'] as const)
              .map((s) => `${t(`iplan.caseload.state.${s}`)}: ${summary.byPlanState[s]}`)
              .join(', ')}
          </dd>
        </div>
      </dl>
      {levels.length > 0 && (
        <table class="data-table">
          <caption id={id}>{t('iplan.caseload.byLevel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('iplan.caseload.level')}</th>
              <th scope="col">{t('iplan.caseload.people')}</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((l) => (
              <tr key={l}>
                <th scope="row">{l === '0' ? t('iplan.ladder.noLevel') : l}</th>
                <td>{summary.byLevel[l]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function CaseloadPage({
  ctx,
  mine,
  organisations,
}: {
  ctx: PageContext;
  /** The case worker's own people (null: the user holds no case worker's permission). */
  mine: { today: string; people: CaseloadRow[]; summary: CaseloadSummary } | null;
  /** The organisations the user manages, in counts. */
  organisations: { organisation: string; name: string; summary: CaseloadSummary }[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('iplan.caseload.title')} downloads={false}>
      <p class="breadcrumb">
        <a href={href(ctx, '/personer')}>{t('process.people.title')}</a>
      </p>
      <h1>{t('iplan.caseload.title')}</h1>
      {mine && (
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">{t('iplan.caseload.mine')}</h2>
          <p>{t('iplan.caseload.intro', { date: formatDate(mine.today, ctx.lang) })}</p>
          {mine.people.length === 0 ? (
            <p class="notice">{t('iplan.caseload.none')}</p>
          ) : (
            <>
              <Summary ctx={ctx} summary={mine.summary} id="mine-levels" />
              <section class="table-scroll" tabindex={0} aria-label={t('iplan.caseload.table')}>
                <table class="data-table caseload">
                  <thead>
                    <tr>
                      <th scope="col">{t('iplan.caseload.person')}</th>
                      <th scope="col">{t('iplan.caseload.plan')}</th>
                      <th scope="col">{t('iplan.caseload.level')}</th>
                      <th scope="col">{t('iplan.caseload.overdue')}</th>
                      <th scope="col">{t('iplan.caseload.dueSoon')}</th>
                      <th scope="col">{t('iplan.caseload.followUps')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {mine.people.map((p) => (
                      <tr key={p.personId} class={p.overdue.length > 0 ? 'caseload--late' : undefined}>
                        <th scope="row">
                          <a href={href(ctx, `/personer/${p.personId}/plan`)} dir="auto">
                            {p.name}
                          </a>
                          {p.lentUntil && (
                            <span class="hint">
                              {' '}
                              {t('iplan.caseload.lent', { date: formatDate(p.lentUntil, ctx.lang) })}
                            </span>
                          )}
                        </th>
                        <td>
                          {t(`iplan.caseload.state.${p.planState}`)}
                          {p.goal && (
                            <>
                              {': '}
                              <span dir="auto">{p.goal}</span>
                            </>
                          )}
                        </td>
                        <td>{p.level || '–'}</td>
                        <td>
                          <Steps ctx={ctx} steps={p.overdue} />
                        </td>
                        <td>
                          <Steps ctx={ctx} steps={p.dueSoon} />
                        </td>
                        <td>
                          {p.followUpsDue.length === 0
                            ? '–'
                            : p.followUpsDue.map((f) => formatDate(f.on, ctx.lang)).join(', ')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </>
          )}
        </section>
      )}
      {organisations.map((o) => (
        <section key={o.organisation} aria-labelledby={`org-${o.organisation}`}>
          <h2 id={`org-${o.organisation}`}>{t('iplan.caseload.organisation', { name: o.name })}</h2>
          <p>{t('iplan.caseload.organisationIntro')}</p>
          <Summary ctx={ctx} summary={o.summary} id={`org-levels-${o.organisation}`} />
        </section>
      ))}
    </Layout>
  );
}
