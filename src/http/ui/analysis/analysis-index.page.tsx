/** /analys: what the analyses are, with links. */
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import { ANALYSES, OwnComputationNote } from './analysis-common.js';

export function AnalysisIndexPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title={ctx.t('analysis.analyses')} downloads={false}>
      <h1>{ctx.t('analysis.analyses')}</h1>
      <OwnComputationNote ctx={ctx} />
      <ul class="link-list">
        {ANALYSES.map((a) => (
          <li>
            <a href={href(ctx, a.path)}>{ctx.t(`analysis.name.${a.name}`)}</a> –{' '}
            {ctx.t(`analysis.about.${a.name}`)}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
