/** Pieces every analysis page shares: the analysis menu, the note on Etablera's own figures, lists of what was left out. */
import type { ComponentChildren } from 'preact';
import { href, type PageContext } from '../page-context.js';
import type { Pickers } from './pickers.js';
import { OWN_COMPUTATION, tr } from './texts.js';

export const ANALYSES = [
  { path: '/analys/statistik', sv: 'Statistik', en: 'Statistics' },
  { path: '/analys/liknande', sv: 'Liknande kommuner', en: 'Similar municipalities' },
  { path: '/analys/forvantat', sv: 'Förväntat värde', en: 'Expected value' },
  { path: '/analys/samband', sv: 'Samband', en: 'Correlation' },
] as const;

export function AnalysisMenu({ ctx }: { ctx: PageContext }) {
  return (
    <nav aria-label={tr(ctx, 'Analyser', 'Analyses')} class="analysis-menu">
      <p>
        <a href={href(ctx, '/analys')}>{tr(ctx, 'Analyser', 'Analyses')}</a>:{' '}
        {ANALYSES.map((a, i) => (
          <>
            {i > 0 ? ' · ' : ''}
            <a href={href(ctx, a.path)} aria-current={ctx.path === a.path ? 'page' : undefined}>
              {tr(ctx, a.sv, a.en)}
            </a>
          </>
        ))}
      </p>
    </nav>
  );
}

export function OwnComputationNote({ ctx, method }: { ctx: PageContext; method?: string }) {
  return (
    <p class="note">
      {tr(ctx, OWN_COMPUTATION.sv, OWN_COMPUTATION.en)}
      {method ? ` ${tr(ctx, 'Metod', 'Method')}: ${method}` : ''}
    </p>
  );
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
  items: { key: string; text: ComponentChildren }[];
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

export function KpiDatalist({ lists }: { lists: Pickers }) {
  return (
    <datalist id="kpi-list">
      {lists.kpis.map((k) => (
        <option value={k.id}>{`${k.id} ${k.title}`}</option>
      ))}
    </datalist>
  );
}

export function KommunSelect({
  ctx,
  lists,
  name,
  id,
  label,
  selected,
  optional,
}: {
  ctx: PageContext;
  lists: Pickers;
  name: string;
  id: string;
  label: string;
  selected: string | null | undefined;
  optional?: boolean;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        {optional && <option value="">{tr(ctx, '(ingen)', '(none)')}</option>}
        {lists.kommuner.map((m) => (
          <option value={m.id} selected={m.id === selected}>
            {m.title}
          </option>
        ))}
      </select>
    </div>
  );
}

export function YearField({ ctx, year }: { ctx: PageContext; year: number | undefined | null }) {
  return (
    <div class="field">
      <label for="ar">{tr(ctx, 'År', 'Year')}</label>
      <input
        id="ar"
        name="ar"
        type="number"
        min="1990"
        max="2100"
        inputmode="numeric"
        value={year ?? ''}
        size={6}
      />
    </div>
  );
}

export function GenderField({ ctx, gender }: { ctx: PageContext; gender: string }) {
  return (
    <div class="field">
      <label for="kon">{tr(ctx, 'Kön', 'Gender')}</label>
      <select id="kon" name="kon">
        <option value="T" selected={gender === 'T'}>
          {tr(ctx, 'Totalt', 'Total')}
        </option>
        <option value="K" selected={gender === 'K'}>
          {tr(ctx, 'Kvinnor', 'Women')}
        </option>
        <option value="M" selected={gender === 'M'}>
          {tr(ctx, 'Män', 'Men')}
        </option>
      </select>
    </div>
  );
}

export function KommunLink({ ctx, id, title }: { ctx: PageContext; id: string; title: string }) {
  return <a href={href(ctx, `/kommun/${id}`)}>{title}</a>;
}
