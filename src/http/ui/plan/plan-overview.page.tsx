/**
 * A plan's overview `/plan/{id}?period=P`: the tree with each node's verdict, its indicators' trend
 * arrows and its actions' status counts, the summary lines, and the ways on (report, edit, public
 * site). The public site (`/uppfoljning/{id}`) draws the same tree from approved entries only.
 */
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import {
  ActionCounts,
  Feedback,
  PeriodForm,
  SummarySection,
  TrendView,
  VerdictView,
} from './plan-components.js';
import { followupTree, type PlanView, type TreeItem } from './plan-view.js';

export function PlanTree({
  ctx,
  items,
  goalHref,
}: {
  ctx: PageContext;
  items: TreeItem[];
  goalHref: (nodeId: number) => string;
}) {
  const { t } = ctx;
  if (items.length === 0) return null;
  return (
    <ul class="plan-tree">
      {items.map((item) => (
        <li class={`plan-node plan-node--depth${Math.min(item.node.depth, 3)}`} data-node={item.node.id}>
          <div class="plan-node__head">
            <a href={goalHref(item.node.id)} class="plan-node__title">
              {item.node.code && <span class="plan-code">{item.node.code}</span>} {item.node.title}
            </a>
            <VerdictView ctx={ctx} verdict={item.node.verdict} />
          </div>
          {item.node.responsible && (
            <p class="plan-node__meta">
              {t('plan.responsible')}: {item.node.responsible}
            </p>
          )}
          {item.indicators.length > 0 && (
            <ul class="plan-indicators" aria-label={t('plan.indicatorsOf', { title: item.node.title })}>
              {item.indicators.map((i) => (
                <li>
                  <span>
                    {i.code && <span class="plan-code">{i.code}</span>} {i.title}
                  </span>{' '}
                  <TrendView ctx={ctx} indicator={i} />
                </li>
              ))}
            </ul>
          )}
          {item.actions.length > 0 && (
            <p class="plan-node__meta">
              <ActionCounts ctx={ctx} actions={item.actions} />
            </p>
          )}
          <PlanTree ctx={ctx} items={item.children} goalHref={goalHref} />
        </li>
      ))}
    </ul>
  );
}

export function PlanOverviewPage({
  ctx,
  view,
  base,
}: {
  ctx: PageContext;
  view: PlanView;
  /** `/plan/{id}`, or the public site's `/uppfoljning/{id}`. */
  base: string;
}) {
  const { t } = ctx;
  const { plan, followup } = view;
  const access = view.access;
  const publicSite = access === null;
  return (
    <Layout ctx={ctx} title={plan.title} charts={false}>
      <p class="eyebrow">
        {publicSite
          ? t('plan.publicEyebrow')
          : `${t('plan.eyebrow')} · ${t(`plan.planStatus.${plan.status}`)} · ${t('plan.version', { n: plan.version })}`}
      </p>
      <h1>{plan.title}</h1>
      <Feedback ctx={ctx} />
      {plan.vision && <p class="lead">{plan.vision}</p>}
      {publicSite && <p class="notice">{t('plan.publicNote')}</p>}
      {publicSite && (
        <p>
          <a href={href(ctx, `/uppfoljning/${plan.id}/rapporter`)}>{t('plan.publicReports.link')}</a>
        </p>
      )}
      {!publicSite && (
        <nav aria-label={t('plan.planNav')}>
          <ul class="link-list plan-actions">
            {access?.report && (
              <li>
                <a href={href(ctx, `/plan/${plan.id}/rapportera`, { period: view.period })}>
                  {t('plan.reportLink')}
                </a>
              </li>
            )}
            {access?.edit && (
              <li>
                <a href={href(ctx, `/plan/${plan.id}/redigera`)}>{t('plan.editLink')}</a>
              </li>
            )}
            {access?.edit && (
              <li>
                <a href={href(ctx, `/plan/${plan.id}/rapporter`)}>{t('plan.reportsLink')}</a>
              </li>
            )}
            {plan.is_public === 1 && (
              <li>
                <a href={href(ctx, `/uppfoljning/${plan.id}`, { period: view.period })}>
                  {t('plan.publicLink')}
                </a>
              </li>
            )}
            <li>
              <a href={href(ctx, '/plan')}>{t('plan.allPlans')}</a>
            </li>
          </ul>
        </nav>
      )}
      <PeriodForm ctx={ctx} view={view} action={base} />
      <SummarySection ctx={ctx} summary={followup.summary} />
      <section aria-labelledby="tree-title">
        <h2 id="tree-title">{t('plan.treeTitle', { period: view.period })}</h2>
        {followup.nodes.length === 0 ? (
          <p class="notice">{t('plan.emptyTree')}</p>
        ) : (
          <PlanTree
            ctx={ctx}
            items={followupTree(followup)}
            goalHref={(id) => href(ctx, `${base}/mal/${id}`, { period: view.period })}
          />
        )}
      </section>
      <p class="muted">{t('plan.assessmentsNote')}</p>
    </Layout>
  );
}
