/**
 * The skills profile (issue 18 item 5): what the person takes to employers and to Arbetsförmedlingen —
 * education, work experience, skills, languages, driving licences, digital skills — in the person's
 * language and in Swedish, as two parts. Goals, constraints, the health answer and the free text stay
 * out: they are for the guidance, not for an employer (minimisation). Sections the organisation hides
 * are left out. Taxonomy names come in each part's language (label packs), Swedish where none.
 */

import { formatDate } from '../../../i18n/format.js';
import { type Locale, textDirection } from '../../../i18n/locales.js';
import { CATALOGS, type Translate, translator } from '../../../i18n/translator.js';
import type { ConceptName } from '../people/concept-names.js';
import type { Inventory, NoAnswerField } from '../people/inventory.js';
import { codeKey } from '../people/inventory-labels.js';
import type { Section } from '../people/inventory-sections.js';
import type { DocBlock, DocPart, PersonDocument } from './person-document.js';

export interface ProfileInput {
  name: string;
  inventory: Inventory;
  /** Concept names in the person's language (each with its Swedish label). */
  names: Map<string, ConceptName>;
  hidden: readonly Section[];
  /** The parts' languages, the person's first; Swedish is always one of them. */
  languages: readonly Locale[];
  date: Date;
}

/** The concept ids a profile names (to look their names up). */
export function profileConcepts(inventory: Inventory): string[] {
  return [
    ...inventory.education.flatMap((e) => [e.level, e.field, e.country]),
    ...inventory.work.flatMap((w) => [w.occupation, w.country]),
    ...inventory.skills,
    ...inventory.languages.map((l) => l.language),
    ...inventory.drivingLicences,
  ];
}

/** The parts' languages: the person's (or the one asked for) first, then Swedish. */
export function documentLanguages(first: Locale | null): Locale[] {
  return first && first !== 'sv' ? [first, 'sv'] : ['sv'];
}

/** Helpers that name answers in one language. */
export function answerNamer(t: Translate, lang: Locale, names: Map<string, ConceptName>) {
  const concept = (id: string) =>
    id === 'unknown' || id === 'declined'
      ? t(`process.answer.${id}`)
      : `${lang === 'sv' ? (names.get(id)?.sv ?? id) : (names.get(id)?.label ?? id)}${
          // An id the taxonomy has since deprecated keeps its old label, marked so the reader knows.
          names.get(id)?.deprecated ? ` (${t('taxonomy.deprecatedShort')})` : ''
        }`;
  const answer = (v: string | number | boolean | undefined): string =>
    v === undefined || v === ''
      ? t('process.profile.none')
      : v === 'unknown' || v === 'declined'
        ? t(`process.answer.${v}`)
        : v === true
          ? t('process.answer.yes')
          : v === false
            ? t('process.answer.no')
            : String(v);
  const coded = (prefix: 'years' | 'swedish' | 'digital' | 'constraint', v: string | undefined) =>
    v === undefined || v === 'unknown' || v === 'declined' ? answer(v) : t(codeKey(prefix, v));
  return { concept, answer, coded };
}

/** The inventory's sections a profile shows, as blocks in one language. */
export function inventoryBlocks(
  inventory: Inventory,
  t: Translate,
  lang: Locale,
  names: Map<string, ConceptName>,
  sections: readonly Section[],
): DocBlock[] {
  const { concept, answer, coded } = answerNamer(t, lang, names);
  const na = inventory.noAnswer ?? {};
  const whole = (field: NoAnswerField): DocBlock[] =>
    na[field] ? [{ kind: 'paragraph', text: answer(na[field]) }] : [];
  const none: DocBlock = { kind: 'paragraph', text: t('process.profile.none') };
  const blocks: DocBlock[] = [];
  for (const section of sections) {
    const body: DocBlock[] = [];
    switch (section) {
      case 'education':
        body.push(...whole('education'));
        if (inventory.education.length > 0)
          body.push({
            kind: 'table',
            caption: t('process.section.education'),
            headers: [
              t('process.profile.level'),
              t('process.profile.field'),
              t('process.profile.country'),
              t('process.profile.years'),
              t('process.profile.school'),
            ],
            rows: inventory.education.map((e) => [
              concept(e.level),
              concept(e.field),
              concept(e.country),
              answer(e.years),
              e.school ?? t('process.profile.none'),
            ]),
          });
        break;
      case 'work':
        body.push(...whole('work'));
        if (inventory.work.length > 0)
          body.push({
            kind: 'table',
            caption: t('process.section.work'),
            headers: [
              t('process.profile.occupation'),
              t('process.profile.experience'),
              t('process.profile.country'),
              t('process.profile.tasks'),
            ],
            rows: inventory.work.map((w) => [
              concept(w.occupation),
              coded('years', w.years),
              concept(w.country),
              w.tasks ?? t('process.profile.none'),
            ]),
          });
        break;
      case 'skills':
        body.push(...whole('skills'));
        if (inventory.skills.length > 0) body.push({ kind: 'list', items: inventory.skills.map(concept) });
        break;
      case 'languages':
        body.push(...whole('languages'));
        if (inventory.languages.length > 0)
          body.push({
            kind: 'table',
            caption: t('process.profile.cefr'),
            headers: [
              t('process.profile.language'),
              t('process.q.listening'),
              t('process.q.reading'),
              t('process.q.speaking'),
              t('process.q.writing'),
            ],
            rows: inventory.languages.map((l) => [
              concept(l.language),
              answer(l.listening),
              answer(l.reading),
              answer(l.speaking),
              answer(l.writing),
            ]),
          });
        if (inventory.swedish !== undefined)
          body.push({
            kind: 'paragraph',
            text: `${t('process.q.swedish')}: ${coded('swedish', inventory.swedish)}`,
          });
        break;
      case 'licences':
        body.push(...whole('drivingLicences'));
        if (inventory.drivingLicences.length > 0)
          body.push({ kind: 'list', items: inventory.drivingLicences.map(concept) });
        break;
      case 'digital':
        if (inventory.digital !== undefined)
          body.push({ kind: 'paragraph', text: coded('digital', inventory.digital) });
        break;
      case 'goals':
        body.push(...whole('interests'));
        if (inventory.interests) body.push({ kind: 'paragraph', text: inventory.interests, asWritten: true });
        body.push(...whole('goals'));
        if (inventory.goals) body.push({ kind: 'paragraph', text: inventory.goals, asWritten: true });
        break;
      case 'constraints':
        body.push(...whole('constraints'));
        if (inventory.constraints?.length)
          body.push({ kind: 'list', items: inventory.constraints.map((c) => coded('constraint', c)) });
        if (inventory.constraintsNote)
          body.push({ kind: 'paragraph', text: inventory.constraintsNote, asWritten: true });
        body.push(...whole('health'));
        if (inventory.health)
          body.push({
            kind: 'paragraph',
            text: `${t('process.profile.health')}: ${inventory.health}`,
            asWritten: true,
          });
        break;
      case 'freeText':
        body.push(...whole('freeText'));
        if (inventory.freeText) body.push({ kind: 'paragraph', text: inventory.freeText, asWritten: true });
        break;
    }
    blocks.push({ kind: 'heading', level: 2, text: t(`process.section.${section}`) });
    blocks.push(...(body.length > 0 ? body : [none]));
  }
  return blocks;
}

/** A "draft translation" note for a part whose catalog is a draft. */
export function draftNote(t: Translate, lang: Locale): DocBlock[] {
  return CATALOGS[lang].draft ? [{ kind: 'paragraph', text: t('process.profile.draft'), note: true }] : [];
}

export const PROFILE_SECTIONS: readonly Section[] = [
  'education',
  'work',
  'skills',
  'languages',
  'licences',
  'digital',
];

export function profileDocument(input: ProfileInput): PersonDocument {
  const sections = PROFILE_SECTIONS.filter((s) => !input.hidden.includes(s));
  const parts: DocPart[] = input.languages.map((lang) => {
    const t = translator(lang);
    return {
      lang,
      dir: textDirection(lang),
      title: t('process.profile.for', { name: input.name }),
      blocks: [
        {
          kind: 'paragraph',
          text: t('process.profile.made', { date: formatDate(input.date.toISOString(), lang) }),
          note: true,
        },
        ...draftNote(t, lang),
        ...inventoryBlocks(input.inventory, t, lang, input.names, sections),
      ],
    };
  });
  return { title: parts[0]?.title ?? '', parts };
}
