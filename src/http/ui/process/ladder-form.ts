/**
 * The ladder editor's form (/personer/stege) read into the API's ladder document, and back. Rows are
 * `level.0.name`, `level.0.rule` (json-logic as text), `level.0.needs.sv` …, `level.0.reward.0.kind` …;
 * a row with nothing in it or with its remove box ticked is left out, so the levels are numbered by the
 * rows kept. The row of each level is remembered, so that an error the domain names by its level
 * (`levels[1].rule`) is shown at the field the admin typed it in.
 */
import type { Ladder } from '../../../domain/process/plan/ladder.js';
import { InputError } from '../../../errors/input-error.js';
import { LOCALES } from '../../../i18n/locales.js';
import type { Form } from './inventory-form.js';

export const REWARD_ROWS = 2;
/** Empty rows the form offers after the levels, for new ones (more: save and the form has more). */
export const BLANK_ROWS = 2;

export interface LadderRow {
  name: string;
  rule: string;
  needs: Record<string, string>;
  rewards: { kind: string; text: string }[];
}

export interface LadderFormValues {
  validFrom: string;
  rows: LadderRow[];
}

const one = (form: Form, key: string): string => {
  const v = form[key];
  return ((Array.isArray(v) ? v[0] : v) ?? '').trim();
};

/** The stored ladder as form rows (plus blank ones), the rule pretty-printed. */
export function ladderRows(ladder: Ladder | null): LadderRow[] {
  const rows: LadderRow[] = (ladder?.levels ?? []).map((l) => ({
    name: l.name,
    rule: JSON.stringify(l.rule),
    needs: { ...l.needs },
    rewards: l.rewards.map((r) => ({ kind: r.kind, text: r.text ?? '' })),
  }));
  for (let i = 0; i < BLANK_ROWS; i++) rows.push({ name: '', rule: '', needs: {}, rewards: [] });
  return rows;
}

/** What the form holds, as typed (for showing it again after an error). */
export function formValues(form: Form): LadderFormValues {
  const indexes = new Set<number>();
  for (const key of Object.keys(form)) {
    const m = /^level\.(\d{1,2})\./.exec(key);
    if (m) indexes.add(Number(m[1]));
  }
  const rows = [...indexes]
    .sort((a, b) => a - b)
    .map((i): LadderRow & { removed: boolean } => {
      const needs: Record<string, string> = {};
      for (const lang of LOCALES) {
        const text = one(form, `level.${i}.needs.${lang}`);
        if (text) needs[lang] = text;
      }
      const rewards: LadderRow['rewards'] = [];
      for (let j = 0; j < REWARD_ROWS; j++)
        rewards.push({
          kind: one(form, `level.${i}.reward.${j}.kind`),
          text: one(form, `level.${i}.reward.${j}.text`),
        });
      return {
        name: one(form, `level.${i}.name`),
        rule: one(form, `level.${i}.rule`),
        needs,
        rewards,
        removed: one(form, `level.${i}.remove`) === '1',
      };
    });
  return {
    validFrom: one(form, 'validFrom'),
    rows: rows.map(({ removed: _removed, ...row }) => row),
  };
}

const isBlank = (row: LadderRow) =>
  !row.name &&
  !row.rule &&
  Object.keys(row.needs).length === 0 &&
  row.rewards.every((r) => !r.kind && !r.text);

/**
 * The ladder document the API takes, and for each of its levels the form row it came from. A rule that
 * is not JSON is refused here, named like the domain names a bad rule.
 */
export function ladderFromForm(form: Form): { input: Record<string, unknown>; rowOf: number[] } {
  const values = formValues(form);
  const removed = new Set(
    Object.keys(form)
      .map((k) => /^level\.(\d{1,2})\.remove$/.exec(k))
      .filter((m) => m !== null && one(form, m[0]) === '1')
      .map((m) => Number((m as RegExpExecArray)[1])),
  );
  const rowOf: number[] = [];
  const levels: unknown[] = [];
  values.rows.forEach((row, i) => {
    if (removed.has(i) || isBlank(row)) return;
    const at = levels.length;
    let rule: unknown;
    try {
      rule = JSON.parse(row.rule || 'null');
    } catch (error) {
      throw new InputError('invalidRule', {
        parameter: `levels[${at}].rule`,
        values: { detail: `not JSON (${String((error as Error).message).slice(0, 120)})` },
      });
    }
    rowOf.push(i);
    levels.push({
      level: at + 1,
      name: row.name,
      rule,
      needs: row.needs,
      rewards: row.rewards.filter((r) => r.kind).map((r) => ({ kind: r.kind, text: r.text || null })),
    });
  });
  return { input: { levels, ...(values.validFrom ? { validFrom: values.validFrom } : {}) }, rowOf };
}

/**
 * The id of the field an error names: `levels[1].rule` → the rule of the form row that level came
 * from; `validFrom` → the date; anything else about the levels → the first row's name.
 */
export function fieldOf(parameter: string | undefined, rowOf: number[]): string {
  if (parameter === 'validFrom') return 'validFrom';
  const m = /^levels\[(\d+)\](?:\.(\w+))?(?:\.(\w+)|\[(\d+)\]\.(\w+))?/.exec(parameter ?? '');
  if (!m) return 'level-0-name';
  const row = rowOf[Number(m[1])] ?? Number(m[1]);
  const field = m[2];
  if (field === 'rule') return `level-${row}-rule`;
  if (field === 'needs') return `level-${row}-needs-${m[3] && /^[a-z]{2,3}$/.test(m[3]) ? m[3] : 'sv'}`;
  if (field === 'rewards') return `level-${row}-reward-${m[4] ?? 0}-kind`;
  return `level-${row}-name`;
}
