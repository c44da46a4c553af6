/** `/plan`: the plans of the signed-in user's organisations. */
import type { PlanRow } from '../../../store/repositories/plan.repository.js';
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';

export function PlanListPage({ ctx, plans }: { ctx: PageContext; plans: PlanRow[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('plan.listTitle')}>
      <h1>{t('plan.listTitle')}</h1>
      {plans.length === 0 ? (
        <p class="notice">{t('plan.listEmpty')}</p>
      ) : (
        <div class="table-scroll">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('plan.planTitle')}</th>
                <th scope="col">{t('plan.organisation')}</th>
                <th scope="col">{t('plan.statusLabel')}</th>
                <th scope="col">{t('plan.periods')}</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr>
                  <th scope="row">
                    <a href={href(ctx, `/plan/${p.id}`)}>{p.title}</a>
                  </th>
                  <td>{p.organisation_id}</td>
                  <td>
                    {t(`plan.planStatus.${p.status}`)} · {t('plan.version', { n: p.version })}
                    {p.is_public === 1 && ` · ${t('plan.published')}`}
                  </td>
                  <td>
                    {t(`plan.periodKind.${p.period_kind}`)} {p.period_from}–{p.period_to}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** `/uppfoljning`: every published plan, for anyone (no sign-in). */
export function PublicPlanListPage({ ctx, plans }: { ctx: PageContext; plans: PlanRow[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('plan.publicListTitle')}>
      <h1>{t('plan.publicListTitle')}</h1>
      <p class="lead">{t('plan.publicListIntro')}</p>
      {plans.length === 0 ? (
        <p class="notice">{t('plan.publicListEmpty')}</p>
      ) : (
        <ul class="link-list">
          {plans.map((p) => (
            <li>
              <a href={href(ctx, `/uppfoljning/${p.id}`)}>{p.title}</a>{' '}
              <span class="muted">
                ({t(`plan.periodKind.${p.period_kind}`)} {p.period_from}–{p.period_to})
              </span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
