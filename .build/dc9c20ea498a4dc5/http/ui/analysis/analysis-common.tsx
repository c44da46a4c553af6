/** Pieces every analysis page shares: the menu and heading, the form and its KPI fields, the note on Etablera's own figures. */
import type { ComponentChildren } from 'preact';
import { ControlsForm, SubmitField } from '../components/form.js';
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

/** The analysis menu, the line saying the page is Etablera's own computation, and the heading. */
export function AnalysisHeading({ ctx, heading }: { ctx: PageContext; heading: string }) {
  return (
    <>
      <AnalysisMenu ctx={ctx} />
      <p class="eyebrow">
        {tr(ctx, 'Analys · Etableras egen beräkning', 'Analysis · Etablera’s own computation')}
      </p>
      <h1>{heading}</h1>
    </>
  );
}

/** An analysis's form: its fields, the submit button and the KPI suggestions the KPI fields use. */
export function AnalysisForm({
  ctx,
  action,
  lists,
  submit,
  children,
}: {
  ctx: PageContext;
  action: string;
  lists: Pickers;
  submit: string;
  children: ComponentChildren;
}) {
  return (
    <ControlsForm ctx={ctx} action={action}>
      {children}
      <SubmitField label={submit} />
      <KpiDatalist lists={lists} />
    </ControlsForm>
  );
}

/** A KPI id field with the suggestions of `KpiDatalist`. */
export function KpiField({
  id,
  name = id,
  label,
  value,
  required,
}: {
  id: string;
  name?: string;
  label: string;
  value: string;
  required?: boolean;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} name={name} type="text" list="kpi-list" value={value} size={10} required={required} />
    </div>
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

export function KommunLink({ ctx, id, title }: { ctx: PageContext; id: string; title: string }) {
  return <a href={href(ctx, `/kommun/${id}`)}>{title}</a>;
}
