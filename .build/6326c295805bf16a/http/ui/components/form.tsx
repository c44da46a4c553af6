/**
 * Pieces of the GET forms above the pages' results: the form itself (which keeps the language), text
 * fields, the year and gender choices, the submit button. Pages and analyses share them so the same
 * control looks and reads the same everywhere.
 */
import type { ComponentChildren } from 'preact';
import type { Messages } from '../i18n/messages.js';
import type { PageContext } from '../page-context.js';

export function ControlsForm({
  ctx,
  action,
  class: className = 'controls',
  children,
}: {
  ctx: PageContext;
  action: string;
  class?: string;
  children: ComponentChildren;
}) {
  return (
    <form class={className} method="get" action={action}>
      {ctx.lang === 'en' && <input type="hidden" name="lang" value="en" />}
      {children}
    </form>
  );
}

export function SubmitField({ label }: { label: string }) {
  return (
    <div class="field field--button">
      <button type="submit">{label}</button>
    </div>
  );
}

/** A wide free-text field, with a hint under it when given. */
export function WideTextField({
  id,
  name = id,
  label,
  value,
  placeholder,
  hint,
}: {
  id: string;
  name?: string;
  label: string;
  value: string;
  placeholder?: string;
  hint?: string;
}) {
  return (
    <div class="field field--wide">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        value={value}
        placeholder={placeholder}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

/** The year: "latest of each indicator" or one of `years`. */
export function YearSelect({
  ctx,
  years,
  chosen,
}: {
  ctx: PageContext;
  years: readonly number[];
  chosen: number | 'latest';
}) {
  return (
    <div class="field">
      <label for="ar">{ctx.t.year}</label>
      <select id="ar" name="ar">
        <option value="" selected={chosen === 'latest'}>
          {ctx.t.latestYear}
        </option>
        {years.map((y) => (
          <option value={String(y)} selected={chosen === y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}

export function GenderSelect({ ctx, gender }: { ctx: PageContext; gender: string }) {
  const { t } = ctx;
  return (
    <div class="field">
      <label for="kon">{t.gender}</label>
      <select id="kon" name="kon">
        {(['T', 'K', 'M'] as const).map((g) => (
          <option value={g} selected={gender === g}>
            {genderLabel(t, g)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function genderLabel(t: Messages, g: 'T' | 'K' | 'M'): string {
  return g === 'K' ? t.genderK : g === 'M' ? t.genderM : t.genderT;
}
