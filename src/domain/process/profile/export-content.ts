/**
 * The readable export (issue 21 item 5): the JSON export (privacy/person-export.ts) as a document in
 * the person's language and Swedish. The record, the consents and the inventory (every section, the
 * free texts as written) get their own layout; every other part of the export is laid out generically
 * — a list of rows as a table, an object as a two-column table — so a part added to the JSON export
 * (the individual plan, notes) appears here without a change, under its catalog name when it has one.
 */
import type { MessageKey } from '../../../i18n/catalog.js';
import { sv } from '../../../i18n/catalogs/sv.js';
import { formatDate } from '../../../i18n/format.js';
import { type Locale, textDirection } from '../../../i18n/locales.js';
import { type Translate, translator } from '../../../i18n/translator.js';
import type { ConceptName } from '../people/concept-names.js';
import { SECTIONS } from '../people/inventory-sections.js';
import type { PersonExport } from '../privacy/person-export.js';
import type { DocBlock, DocPart, PersonDocument } from './person-document.js';
import { answerNamer, draftNote, inventoryBlocks } from './profile-content.js';

/** The parts laid out by hand; the rest of the export goes through `genericBlocks`. */
const OWN_LAYOUT = new Set(['format', 'exportedAt', 'person', 'inventory']);

const keyOr = (t: Translate, key: string, fallback: string) => (key in sv ? t(key as MessageKey) : fallback);

function cellText(value: unknown, t: Translate, lang: Locale): string {
  if (value === null || value === undefined || value === '') return t('process.profile.none');
  if (typeof value === 'boolean') return t(value ? 'process.answer.yes' : 'process.answer.no');
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return formatDate(value, lang);
  if (Array.isArray(value)) return value.map((v) => cellText(v, t, lang)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function genericBlocks(key: string, value: unknown, t: Translate, lang: Locale): DocBlock[] {
  const title = keyOr(t, `process.export.part.${key}`, key);
  const column = (k: string) => keyOr(t, `process.export.col.${k}`, k);
  const blocks: DocBlock[] = [{ kind: 'heading', level: 2, text: title }];
  if (Array.isArray(value)) {
    if (value.length === 0) return [...blocks, { kind: 'paragraph', text: t('process.profile.none') }];
    const rows = value.map((v) => (typeof v === 'object' && v !== null ? v : { value: v })) as Record<
      string,
      unknown
    >[];
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    blocks.push({
      kind: 'table',
      caption: title,
      headers: keys.map(column),
      rows: rows.map((r) => keys.map((k) => cellText(r[k], t, lang))),
    });
  } else if (typeof value === 'object' && value !== null) {
    blocks.push({
      kind: 'table',
      caption: title,
      headers: [t('process.export.col.field'), t('process.export.col.value')],
      rows: Object.entries(value).map(([k, v]) => [column(k), cellText(v, t, lang)]),
    });
  } else blocks.push({ kind: 'paragraph', text: cellText(value, t, lang) });
  return blocks;
}

export interface ExportInput {
  document: PersonExport;
  names: Map<string, ConceptName>;
  languages: readonly Locale[];
}

export function exportDocument({ document: doc, names, languages }: ExportInput): PersonDocument {
  const parts: DocPart[] = languages.map((lang) => {
    const t = translator(lang);
    const { answer } = answerNamer(t, lang, names);
    const p = doc.person;
    const blocks: DocBlock[] = [
      {
        kind: 'paragraph',
        text: t('process.export.made', { date: formatDate(doc.exportedAt, lang) }),
        note: true,
      },
      ...draftNote(t, lang),
      { kind: 'heading', level: 2, text: t('process.export.record') },
      {
        kind: 'table',
        caption: t('process.export.record'),
        headers: [t('process.export.col.field'), t('process.export.col.value')],
        rows: [
          [t('process.export.col.name'), p.name],
          [t('process.export.col.language'), p.language],
          [t('process.export.col.contact'), answer(p.contact ?? undefined)],
          [t('process.export.col.status'), p.status],
          [t('process.export.col.restricted'), answer(p.restricted)],
          [t('process.export.col.createdAt'), formatDate(p.createdAt, lang)],
          [t('process.export.col.closedAt'), p.closedAt ? formatDate(p.closedAt, lang) : answer(undefined)],
          [t('process.export.col.organisation'), p.organisation],
          [
            t('process.export.col.caseworkers'),
            p.caseworkers.map((c) => c.email ?? c.userId).join(', ') || answer(undefined),
          ],
        ],
      },
      ...genericBlocks('consents', p.consents, t, lang),
      { kind: 'heading', level: 2, text: t('process.export.inventory') },
      ...inventoryBlocks(doc.inventory, t, lang, names, SECTIONS).map(
        (b): DocBlock => (b.kind === 'heading' ? { ...b, level: 3 } : b),
      ),
      ...Object.entries(doc)
        .filter(([key]) => !OWN_LAYOUT.has(key))
        .flatMap(([key, value]) => genericBlocks(key, value, t, lang)),
    ];
    return {
      lang,
      dir: textDirection(lang),
      title: t('process.export.title', { name: p.name }),
      blocks,
    };
  });
  return { title: parts[0]?.title ?? '', parts };
}
