/** Bad or unknown input on an analysis page: what was wrong, and the way back. */
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import { AnalysisMenu } from './analysis-common.js';
import type { Pickers } from './pickers.js';
import { tr } from './texts.js';

export function AnalysisErrorPage({
  ctx,
  message,
  path,
}: {
  ctx: PageContext;
  message: string;
  path: string;
  lists: Pickers;
}) {
  return (
    <Layout
      ctx={ctx}
      title={tr(ctx, 'Analysen kunde inte göras', 'The analysis could not be made')}
      downloads={false}
    >
      <AnalysisMenu ctx={ctx} />
      <h1>{tr(ctx, 'Analysen kunde inte göras', 'The analysis could not be made')}</h1>
      <p class="error" role="alert">
        {message}
      </p>
      <p>
        <a href={href(ctx, path)}>{tr(ctx, 'Börja om med standardvalen', 'Start again with the defaults')}</a>
      </p>
    </Layout>
  );
}
