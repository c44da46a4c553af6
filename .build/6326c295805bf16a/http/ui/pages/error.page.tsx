/** A page for "not found" and "bad request": says what was wrong and how to go on. */
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';

export function ErrorPage({ ctx, title, status }: { ctx: PageContext; title: string; status: number }) {
  return (
    <Layout ctx={ctx} title={title} downloads={false}>
      <h1>{title}</h1>
      <p class="muted">HTTP {status}</p>
      <p>
        <a href={href(ctx, '/')}>{ctx.t.navSearch}</a>
      </p>
    </Layout>
  );
}
