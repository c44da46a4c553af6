/**
 * What a computation left out, listed under its result: Etablera never fills in missing values, so
 * each page says which municipalities or indicators were not used, and why.
 */
import type { ComponentChildren } from 'preact';
import { type PageContext, tr } from '../page-context.js';

/** The "Left out" section holding one or more `LeftOut` lists. */
export function LeftOutSection({ ctx, children }: { ctx: PageContext; children: ComponentChildren }) {
  return (
    <section aria-labelledby="left-out-title">
      <h2 id="left-out-title">{tr(ctx, 'Utelämnat', 'Left out')}</h2>
      {children}
    </section>
  );
}

export interface LeftOutItem {
  key: string;
  text: ComponentChildren;
}

/** A titled list of what was left out, or nothing when the list is empty. */
export function LeftOut({
  ctx,
  id,
  title,
  items,
}: {
  ctx: PageContext;
  id: string;
  title: string;
  items: LeftOutItem[];
}) {
  if (items.length === 0)
    return (
      <p class="muted" id={id}>
        {title}: {tr(ctx, 'inga', 'none')}.
      </p>
    );
  return (
    <details class="left-out" id={id}>
      <summary>
        {title}: {items.length}
      </summary>
      <ul>
        {items.map((i) => (
          <li key={i.key}>{i.text}</li>
        ))}
      </ul>
    </details>
  );
}

/**
 * Municipalities left out for missing values: "Title (missing N00700, N00708)". `name` renders the
 * municipality (a link, say); plain text by default.
 */
export function missingItems(
  ctx: PageContext,
  municipalities: readonly { id: string; title: string; missing: readonly string[] }[],
  name?: (m: { id: string; title: string }) => ComponentChildren,
): LeftOutItem[] {
  const missing = tr(ctx, 'saknar', 'missing');
  return municipalities.map((m) => ({
    key: m.id,
    text: name ? (
      <>
        {name(m)} ({missing} {m.missing.join(', ')})
      </>
    ) : (
      `${m.title} (${missing} ${m.missing.join(', ')})`
    ),
  }));
}
