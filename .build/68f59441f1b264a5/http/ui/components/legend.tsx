/** What the colours and Kolada's symbols mean; shown on every page that colours or omits values. */
import type { Position } from '../../../domain/comparison/ranking.js';
import type { PageContext } from '../page-context.js';
import { POSITION_SYMBOL, positionText } from './values.js';

const SHOWN: Position[] = ['top', 'middle', 'bottom', 'missing'];

export function Legend({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <section class="legend" aria-labelledby="legend-title">
      <h2 id="legend-title">{t.legendTitle}</h2>
      <p>{t.legendRelative}</p>
      <ul class="legend__positions">
        {SHOWN.map((p) => (
          <li class={`pos pos--${p}`}>
            <span class="pos__symbol" aria-hidden="true">
              {POSITION_SYMBOL[p]}
            </span>{' '}
            {positionText(t, p)}
          </li>
        ))}
      </ul>
      <p>{t.legendNoDirection}</p>
      <h3>{t.symbolsTitle}</h3>
      <dl class="legend__symbols">
        <div>
          <dt>-</dt>
          <dd>{t.symbolMissing}</dd>
        </div>
        <div>
          <dt>.</dt>
          <dd>{t.symbolNotApplicable}</dd>
        </div>
        <div>
          <dt>..</dt>
          <dd>{t.symbolConfidential}</dd>
        </div>
      </dl>
    </section>
  );
}
