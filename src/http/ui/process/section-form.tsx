/**
 * One section of the inventory as a form, for the case worker's interview (every question and answer
 * in two languages side by side: the page's and the person's) and for the person's own view (their
 * language only). Every question offers "vet inte" and "vill inte svara"; a free-text field warns
 * against special categories. Plain HTML: works without JavaScript; the client adds autosave.
 */
import type { ComponentChildren } from 'preact';
import type { ConceptName } from '../../../domain/process/people/concept-names.js';
import {
  CEFR_LEVELS,
  CONSTRAINTS,
  DIGITAL_LEVELS,
  EXPERIENCE_BANDS,
  type Inventory,
  NO_ANSWER,
  type NoAnswerField,
  SWEDISH_LEVELS,
} from '../../../domain/process/people/inventory.js';
import { codeKey } from '../../../domain/process/people/inventory-labels.js';
import type { Section } from '../../../domain/process/people/inventory-sections.js';
import type { MessageKey } from '../../../i18n/catalog.js';
import { type Locale, textDirection } from '../../../i18n/locales.js';
import type { MessageValues, Translate } from '../../../i18n/translator.js';

/** The languages a form speaks: the page's, and in the interview the person's beside it. */
export interface Texts {
  t: Translate;
  lang: Locale;
  second?: { t: Translate; lang: Locale };
}

export { codeKey };

const isolate = (s: string) => `\u2068${s}\u2069`;

/** A text in both languages, side by side (one when the form speaks one). */
export function Bi({ texts, k, values }: { texts: Texts; k: MessageKey; values?: MessageValues }) {
  const first = texts.t(k, values);
  if (!texts.second) return <>{first}</>;
  return (
    <span class="bi">
      <span class="bi__first">{first}</span>
      <span class="bi__second" lang={texts.second.lang} dir={textDirection(texts.second.lang)}>
        {texts.second.t(k, values)}
      </span>
    </span>
  );
}

/** An option's text in both languages (an option holds text only, so the two are isolated). */
const both = (texts: Texts, k: MessageKey) =>
  texts.second ? `${isolate(texts.t(k))} · ${isolate(texts.second.t(k))}` : texts.t(k);
const conceptText = (c: ConceptName | undefined, id: string, second: boolean) =>
  !c ? id : second && c.lang !== 'sv' ? `${isolate(c.sv)} · ${isolate(c.label)}` : second ? c.sv : c.label;

export interface SectionFormData {
  section: Section;
  inventory: Inventory;
  /** Names of every concept the form shows, in the person's language. */
  names: Map<string, ConceptName>;
  choices: {
    country: ConceptName[];
    language: ConceptName[];
    educationLevel: ConceptName[];
    educationField: ConceptName[];
    drivingLicence: ConceptName[];
  };
  /** Search results (occupations or skills) to tick. */
  results: ConceptName[] | null;
  query: string;
  /** Skills suggested from the chosen occupations. */
  suggested: string[];
  healthBasis: string | null;
}

function Question({
  texts,
  k,
  id,
  values,
  hint,
  children,
}: {
  texts: Texts;
  k: MessageKey;
  id: string;
  values?: MessageValues;
  hint?: MessageKey;
  children: ComponentChildren;
}) {
  return (
    <div class="q">
      <label for={id} class="q__label">
        <Bi texts={texts} k={k} values={values} />
      </label>
      {hint && (
        <p class="q__hint" id={`${id}-hint`}>
          <Bi texts={texts} k={hint} />
        </p>
      )}
      {children}
    </div>
  );
}

/** A select of fixed choices (each a catalog key) plus the two non-answers. */
function ChoiceSelect({
  texts,
  id,
  name,
  value,
  options,
}: {
  texts: Texts;
  id: string;
  name: string;
  value: string | undefined;
  options: { value: string; key: MessageKey }[];
}) {
  return (
    <select id={id} name={name}>
      <option value="">{texts.t('process.interview.choose')}</option>
      {options.map((o) => (
        <option value={o.value} selected={o.value === value}>
          {both(texts, o.key)}
        </option>
      ))}
      {NO_ANSWER.map((a) => (
        <option value={a} selected={a === value}>
          {both(texts, `process.answer.${a}`)}
        </option>
      ))}
    </select>
  );
}

/** The select with the non-answers selectable too. */
function withSelected(
  texts: Texts,
  id: string,
  name: string,
  value: string | undefined,
  options: ConceptName[],
) {
  return (
    <select id={id} name={name}>
      <option value="">{texts.t('process.interview.choose')}</option>
      {NO_ANSWER.map((a) => (
        <option value={a} selected={a === value}>
          {both(texts, `process.answer.${a}`)}
        </option>
      ))}
      {options.map((c) => (
        <option value={c.id} selected={c.id === value}>
          {conceptText(c, c.id, !!texts.second)}
        </option>
      ))}
    </select>
  );
}

/** "Vet inte" / "vill inte svara" for a whole list or text. */
function WholeAnswer({
  texts,
  field,
  value,
}: {
  texts: Texts;
  field: NoAnswerField;
  value: string | undefined;
}) {
  const id = `noAnswer-${field}`;
  return (
    <div class="q q--whole">
      <label for={id} class="q__label">
        <Bi texts={texts} k="process.interview.wholeSection" />
      </label>
      <select id={id} name={`noAnswer.${field}`}>
        <option value="">{both(texts, 'process.interview.answered')}</option>
        {NO_ANSWER.map((a) => (
          <option value={a} selected={a === value}>
            {both(texts, `process.answer.${a}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextArea({
  texts,
  id,
  name,
  k,
  value,
  values,
}: {
  texts: Texts;
  id: string;
  name: string;
  k: MessageKey;
  value: string | undefined;
  values?: MessageValues;
}) {
  return (
    <Question texts={texts} k={k} id={id} values={values} hint="process.interview.freeTextWarning">
      <textarea id={id} name={name} rows={3} aria-describedby={`${id}-hint`} dir="auto">
        {value ?? ''}
      </textarea>
    </Question>
  );
}

function RemoveBox({ texts, id, name }: { texts: Texts; id: string; name: string }) {
  return (
    <div class="q q--remove">
      <input type="checkbox" id={id} name={name} value="1" />{' '}
      <label for={id}>
        <Bi texts={texts} k="process.interview.remove" />
      </label>
    </div>
  );
}

function Row({ legend, children }: { legend: ComponentChildren; children: ComponentChildren }) {
  return (
    <fieldset class="row">
      <legend>{legend}</legend>
      <div class="row__fields">{children}</div>
    </fieldset>
  );
}

function ConceptChecks({
  texts,
  name,
  ids,
  checked,
  names,
  prefix,
}: {
  texts: Texts;
  name: string;
  ids: string[];
  checked: Set<string>;
  names: Map<string, ConceptName>;
  prefix: string;
}) {
  return (
    <ul class="checks">
      {ids.map((id, i) => {
        const c = names.get(id);
        return (
          <li>
            <input type="checkbox" id={`${prefix}-${i}`} name={name} value={id} checked={checked.has(id)} />{' '}
            <label for={`${prefix}-${i}`}>
              {texts.second && c && c.lang !== 'sv' ? (
                <span class="bi">
                  <span class="bi__first" lang="sv">
                    {c.sv}
                  </span>
                  <span class="bi__second" lang={c.lang} dir={textDirection(c.lang as Locale)}>
                    {c.label}
                    {c.draft && <small class="draft"> ({texts.t('process.interview.draftLabel')})</small>}
                  </span>
                </span>
              ) : (
                <span lang={c?.lang ?? 'sv'}>
                  {c?.label ?? id}
                  {c?.draft && <small class="draft"> ({texts.t('process.interview.draftLabel')})</small>}
                </span>
              )}
            </label>
          </li>
        );
      })}
    </ul>
  );
}

function Search({ texts, data, k }: { texts: Texts; data: SectionFormData; k: MessageKey }) {
  return (
    <div class="q q--search">
      <label for="q" class="q__label">
        <Bi texts={texts} k={k} />
      </label>
      <div class="search-row">
        <input id="q" name="q" type="search" value={data.query} dir="auto" autocomplete="off" />
        <button type="submit" name="op" value="search">
          {texts.t('process.interview.search')}
        </button>
      </div>
    </div>
  );
}

function Results({
  texts,
  data,
  name,
}: {
  texts: Texts;
  data: SectionFormData;
  name: 'add_occupation' | 'add_skill';
}) {
  if (data.results === null) return null;
  return (
    <section class="results" aria-labelledby="results-title" id="results">
      <h2 id="results-title">
        <Bi
          texts={texts}
          k={data.results.length ? 'process.interview.results' : 'process.interview.noResults'}
        />
      </h2>
      <ConceptChecks
        texts={texts}
        name={name}
        ids={data.results.map((r) => r.id)}
        checked={new Set()}
        names={new Map(data.results.map((r) => [r.id, r]))}
        prefix="result"
      />
    </section>
  );
}

/** The fields of one section (without the form element and buttons). */
export function SectionFields({ texts, data }: { texts: Texts; data: SectionFormData }) {
  const inv = data.inventory;
  const na = inv.noAnswer ?? {};
  const yearsOptions = Object.keys(EXPERIENCE_BANDS).map((v) => ({
    value: v,
    key: codeKey('years', v),
  }));
  switch (data.section) {
    case 'education': {
      const list = [...inv.education, null];
      return (
        <>
          {list.map((e, i) => (
            <Row legend={`${texts.t('process.section.education')} ${i + 1}`}>
              <Question texts={texts} k="process.q.educationLevel" id={`education-${i}-level`}>
                {withSelected(
                  texts,
                  `education-${i}-level`,
                  `education.${i}.level`,
                  e?.level,
                  data.choices.educationLevel,
                )}
              </Question>
              <Question texts={texts} k="process.q.educationField" id={`education-${i}-field`}>
                {withSelected(
                  texts,
                  `education-${i}-field`,
                  `education.${i}.field`,
                  e?.field,
                  data.choices.educationField,
                )}
              </Question>
              <Question texts={texts} k="process.q.country" id={`education-${i}-country`}>
                {withSelected(
                  texts,
                  `education-${i}-country`,
                  `education.${i}.country`,
                  e?.country,
                  data.choices.country,
                )}
              </Question>
              <Question texts={texts} k="process.q.educationYears" id={`education-${i}-years`}>
                <PlainSelect
                  texts={texts}
                  id={`education-${i}-years`}
                  name={`education.${i}.years`}
                  value={e ? String(e.years) : undefined}
                  values={Array.from({ length: 21 }, (_, n) => String(n))}
                />
              </Question>
              <Question texts={texts} k="process.q.school" id={`education-${i}-school`}>
                <input
                  id={`education-${i}-school`}
                  name={`education.${i}.school`}
                  value={e?.school ?? ''}
                  dir="auto"
                />
              </Question>
              <Question
                texts={texts}
                k="process.q.documentsSeen"
                id={`education-${i}-docs`}
                hint="process.q.documentsHint"
              >
                <ChoiceSelect
                  texts={texts}
                  id={`education-${i}-docs`}
                  name={`education.${i}.documentsSeen`}
                  value={
                    e
                      ? e.documentsSeen === true
                        ? 'yes'
                        : e.documentsSeen === false
                          ? 'no'
                          : e.documentsSeen
                      : undefined
                  }
                  options={[
                    { value: 'yes', key: 'process.answer.yes' },
                    { value: 'no', key: 'process.answer.no' },
                  ]}
                />
              </Question>
              {e && <RemoveBox texts={texts} id={`education-${i}-remove`} name={`education.${i}.remove`} />}
            </Row>
          ))}
          <WholeAnswer texts={texts} field="education" value={na.education} />
        </>
      );
    }
    case 'work':
      return (
        <>
          {inv.work.map((w, i) => {
            const c = data.names.get(w.occupation);
            return (
              <Row
                legend={conceptText(
                  c,
                  w.occupation === 'unknown' || w.occupation === 'declined'
                    ? texts.t(`process.answer.${w.occupation}`)
                    : w.occupation,
                  !!texts.second,
                )}
              >
                <input type="hidden" name={`work.${i}.occupation`} value={w.occupation} />
                <Question texts={texts} k="process.q.workYears" id={`work-${i}-years`}>
                  <ChoiceSelect
                    texts={texts}
                    id={`work-${i}-years`}
                    name={`work.${i}.years`}
                    value={w.years}
                    options={yearsOptions}
                  />
                </Question>
                <Question texts={texts} k="process.q.country" id={`work-${i}-country`}>
                  {withSelected(
                    texts,
                    `work-${i}-country`,
                    `work.${i}.country`,
                    w.country,
                    data.choices.country,
                  )}
                </Question>
                <TextArea
                  texts={texts}
                  id={`work-${i}-tasks`}
                  name={`work.${i}.tasks`}
                  k="process.q.tasks"
                  value={w.tasks}
                />
                <RemoveBox texts={texts} id={`work-${i}-remove`} name={`work.${i}.remove`} />
              </Row>
            );
          })}
          <Search texts={texts} data={data} k="process.interview.searchOccupation" />
          <Results texts={texts} data={data} name="add_occupation" />
          <WholeAnswer texts={texts} field="work" value={na.work} />
        </>
      );
    case 'skills': {
      const held = new Set(inv.skills);
      const ids = [...inv.skills, ...data.suggested.filter((s) => !held.has(s))];
      return (
        <>
          {ids.length > 0 && (
            <fieldset class="row">
              <legend>
                <Bi texts={texts} k="process.interview.suggested" />
              </legend>
              <ConceptChecks
                texts={texts}
                name="skills"
                ids={ids}
                checked={held}
                names={data.names}
                prefix="skill"
              />
            </fieldset>
          )}
          <Search texts={texts} data={data} k="process.interview.searchSkill" />
          <Results texts={texts} data={data} name="add_skill" />
          <WholeAnswer texts={texts} field="skills" value={na.skills} />
        </>
      );
    }
    case 'languages': {
      const list = [...inv.languages, null];
      return (
        <>
          {list.map((l, i) => (
            <Row
              legend={
                l
                  ? conceptText(data.names.get(l.language), l.language, !!texts.second)
                  : `${texts.t('process.q.language')} ${i + 1}`
              }
            >
              <Question texts={texts} k="process.q.language" id={`languages-${i}-language`}>
                {withSelected(
                  texts,
                  `languages-${i}-language`,
                  `languages.${i}.language`,
                  l?.language,
                  data.choices.language,
                )}
              </Question>
              {(['listening', 'reading', 'speaking', 'writing'] as const).map((skill) => (
                <Question texts={texts} k={`process.q.${skill}`} id={`languages-${i}-${skill}`}>
                  <PlainSelect
                    texts={texts}
                    id={`languages-${i}-${skill}`}
                    name={`languages.${i}.${skill}`}
                    value={l?.[skill]}
                    values={CEFR_LEVELS}
                  />
                </Question>
              ))}
              {l && <RemoveBox texts={texts} id={`languages-${i}-remove`} name={`languages.${i}.remove`} />}
            </Row>
          ))}
          <Question texts={texts} k="process.q.swedish" id="swedish">
            <ChoiceSelect
              texts={texts}
              id="swedish"
              name="swedish"
              value={inv.swedish}
              options={SWEDISH_LEVELS.map((v) => ({ value: v, key: codeKey('swedish', v) }))}
            />
          </Question>
          <WholeAnswer texts={texts} field="languages" value={na.languages} />
        </>
      );
    }
    case 'licences':
      return (
        <>
          <fieldset class="row">
            <legend>
              <Bi texts={texts} k="process.q.licences" />
            </legend>
            <ConceptChecks
              texts={texts}
              name="drivingLicences"
              ids={data.choices.drivingLicence.map((c) => c.id)}
              checked={new Set(inv.drivingLicences)}
              names={new Map(data.choices.drivingLicence.map((c) => [c.id, c]))}
              prefix="licence"
            />
          </fieldset>
          <WholeAnswer texts={texts} field="drivingLicences" value={na.drivingLicences} />
        </>
      );
    case 'digital':
      return (
        <Question texts={texts} k="process.q.digital" id="digital">
          <ChoiceSelect
            texts={texts}
            id="digital"
            name="digital"
            value={inv.digital}
            options={DIGITAL_LEVELS.map((v) => ({ value: v, key: `process.digital.${v}` as MessageKey }))}
          />
        </Question>
      );
    case 'goals':
      return (
        <>
          <TextArea
            texts={texts}
            id="interests"
            name="interests"
            k="process.q.interests"
            value={inv.interests}
          />
          <WholeAnswer texts={texts} field="interests" value={na.interests} />
          <TextArea texts={texts} id="goals" name="goals" k="process.q.goals" value={inv.goals} />
          <WholeAnswer texts={texts} field="goals" value={na.goals} />
        </>
      );
    case 'constraints':
      return (
        <>
          <fieldset class="row">
            <legend>
              <Bi texts={texts} k="process.q.constraints" />
            </legend>
            <ul class="checks">
              {CONSTRAINTS.map((c) => (
                <li>
                  <input
                    type="checkbox"
                    id={`constraint-${c}`}
                    name="constraints"
                    value={c}
                    checked={inv.constraints?.includes(c)}
                  />{' '}
                  <label for={`constraint-${c}`}>
                    <Bi texts={texts} k={codeKey('constraint', c)} />
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <TextArea
            texts={texts}
            id="constraintsNote"
            name="constraintsNote"
            k="process.q.constraintsNote"
            value={inv.constraintsNote}
          />
          {data.healthBasis !== null && (
            <>
              <TextArea
                texts={texts}
                id="health"
                name="health"
                k="process.q.health"
                values={{ basis: data.healthBasis }}
                value={inv.health}
              />
              <WholeAnswer texts={texts} field="health" value={na.health} />
            </>
          )}
          <WholeAnswer texts={texts} field="constraints" value={na.constraints} />
        </>
      );
    case 'freeText':
      return (
        <>
          <TextArea texts={texts} id="freeText" name="freeText" k="process.q.freeText" value={inv.freeText} />
          <WholeAnswer texts={texts} field="freeText" value={na.freeText} />
        </>
      );
  }
}

/** A select of values that read the same in every language (CEFR levels, numbers) plus the non-answers. */
function PlainSelect({
  texts,
  id,
  name,
  value,
  values: levels,
}: {
  texts: Texts;
  id: string;
  name: string;
  value: string | undefined;
  values: readonly string[];
}) {
  return (
    <select id={id} name={name}>
      <option value="">{texts.t('process.interview.choose')}</option>
      {levels.map((l) => (
        <option value={l} selected={l === value}>
          {l}
        </option>
      ))}
      {NO_ANSWER.map((a) => (
        <option value={a} selected={a === value}>
          {both(texts, `process.answer.${a}`)}
        </option>
      ))}
    </select>
  );
}
