/** Bad or unknown input on an analysis page: what was wrong, and the way back. */
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import { AnalysisMenu } from './analysis-common.js';

export function AnalysisErrorPage({
  ctx,
  message,
  path,
}: {
  ctx: PageContext;
  message: string;
  path: string;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('analysis.theAnalysisCouldNotBe')} downloads={false}>
      <AnalysisMenu ctx={ctx} />
      <h1>{ctx.t('analysis.theAnalysisCouldNotBe')}</h1>
      <p class="error" role="alert">
        {message}
      </p>
      <p>
        <a href={href(ctx, path)}>{ctx.t('analysis.startAgainWithTheDefaults')}</a>
      </p>
    </Layout>
  );
}
