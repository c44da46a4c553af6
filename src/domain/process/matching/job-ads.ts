/**
 * Job ads in JobTech's ad JSON shape (JobSearch hits and historical ads): a list of ads, a JobSearch
 * answer `{hits: [...]}` or one ad. Each ad is checked on its own: a bad ad is reported (its index, id
 * and what is wrong) and left out, the others are kept. Contact persons are never kept: the contact
 * fields are dropped, and their names, any e-mail address and any phone number are removed from the
 * ad's text before it is stored. HTML in the text is reduced to its words.
 */

export const MAX_AD_TEXT = 50_000;
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface ParsedAd {
  id: string;
  headline: string;
  text: string;
  occupationId: string;
  employer: string | null;
  municipalityId: string | null;
  regionId: string | null;
  publicationDate: string | null;
  applicationDeadline: string | null;
  must: { skills: string[]; languages: string[]; experiences: string[] };
  nice: { skills: string[]; languages: string[]; experiences: string[] };
  licences: string[];
}

export type AdProblem =
  | 'notAnObject'
  | 'noId'
  | 'noHeadline'
  | 'noOccupation'
  | 'unknownOccupation'
  | 'textTooLong'
  | 'duplicateId';
export type AdNote = 'htmlRemoved' | 'contactsDropped' | 'contactDetailsRemovedFromText';

export interface AdReport {
  index: number;
  id: string | null;
  status: 'kept' | 'refused';
  problem?: AdProblem;
  notes: AdNote[];
}

/** Fields of the shape that name or reach a person; never read past this module. */
const CONTACT_FIELDS = ['application_contacts', 'contacts', 'contact_persons', 'contact'];

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Swedish and international phone numbers: 7+ digits with spaces, dashes, parentheses. */
const PHONE = /(?:\+|00)?\d[\d\s\-()/]{5,}\d/g;

const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null;
const obj = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const conceptIds = (v: unknown): string[] =>
  Array.isArray(v)
    ? [
        ...new Set(v.flatMap((x) => (str(obj(x)?.concept_id) ? [str(obj(x)?.concept_id) as string] : []))),
      ].sort()
    : [];

/** Text of possibly-HTML: tags and entities out, block ends as line breaks. */
export function htmlToText(html: string): { text: string; hadHtml: boolean } {
  const hadHtml = /<\/?[a-z][^>]*>/i.test(html) || /&(?:[a-z]+|#\d+);/i.test(html);
  if (!hadHtml) return { text: html, hadHtml };
  const text = html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<(br|\/p|\/li|\/h\d|\/div)[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&[a-z]+;/gi, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
  return { text, hadHtml };
}

function contactNames(ad: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const field of CONTACT_FIELDS) {
    const value = ad[field];
    const list = Array.isArray(value) ? value : value ? [value] : [];
    for (const c of list) {
      const o = obj(c);
      if (!o) continue;
      for (const key of ['name', 'first_name', 'last_name', 'contact_name']) {
        const n = str(o[key]);
        if (n) names.push(n, ...n.split(/\s+/).filter((p) => p.length > 2));
      }
    }
  }
  return [...new Set(names)].sort((a, b) => b.length - a.length);
}

/** Removes e-mail addresses, phone numbers and the given names from a text. */
export function scrubContacts(text: string, names: readonly string[]): { text: string; changed: boolean } {
  let out = text
    .replace(EMAIL, '[e-post borttagen]')
    .replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 7 ? '[telefon borttagen]' : m));
  for (const name of names) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'gu'), '[namn borttaget]');
  }
  return { text: out, changed: out !== text };
}

/** The ads of a parsed JSON document, with a report for each. `known` says whether an occupation id exists. */
export function parseAds(
  document: unknown,
  known: (occupationId: string) => boolean,
): { ads: ParsedAd[]; reports: AdReport[] } {
  const list: unknown[] = Array.isArray(document)
    ? document
    : Array.isArray(obj(document)?.hits)
      ? (obj(document)?.hits as unknown[])
      : [document];
  const ads: ParsedAd[] = [];
  const reports: AdReport[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of list.entries()) {
    const ad = obj(raw);
    const id = ad ? str(ad.id) : null;
    const refuse = (problem: AdProblem, notes: AdNote[] = []) => {
      reports.push({ index, id, status: 'refused', problem, notes });
    };
    if (!ad) {
      refuse('notAnObject');
      continue;
    }
    if (!id) {
      refuse('noId');
      continue;
    }
    if (seen.has(id)) {
      refuse('duplicateId');
      continue;
    }
    const notes: AdNote[] = [];
    if (CONTACT_FIELDS.some((f) => ad[f] !== undefined && ad[f] !== null)) notes.push('contactsDropped');
    const headlineRaw = str(ad.headline);
    if (!headlineRaw) {
      refuse('noHeadline', notes);
      continue;
    }
    const occupation = obj(ad.occupation);
    const occupationId = str(occupation?.concept_id);
    if (!occupationId) {
      refuse('noOccupation', notes);
      continue;
    }
    if (!known(occupationId)) {
      refuse('unknownOccupation', notes);
      continue;
    }
    const description = obj(ad.description);
    const rawText = str(description?.text) ?? str(description?.text_formatted) ?? str(ad.description) ?? '';
    if (rawText.length > MAX_AD_TEXT) {
      refuse('textTooLong', notes);
      continue;
    }
    const { text: plain, hadHtml } = htmlToText(rawText);
    const headline = htmlToText(headlineRaw).text;
    if (hadHtml) notes.push('htmlRemoved');
    const names = contactNames(ad);
    const scrubbed = scrubContacts(plain, names);
    const scrubbedHeadline = scrubContacts(headline, names);
    if (scrubbed.changed || scrubbedHeadline.changed) notes.push('contactDetailsRemovedFromText');
    const place = obj(ad.workplace_address);
    const requirements = (key: 'must_have' | 'nice_to_have') => {
      const r = obj(ad[key]);
      return {
        skills: conceptIds(r?.skills),
        languages: conceptIds(r?.languages),
        experiences: conceptIds(r?.work_experiences),
      };
    };
    const employer = obj(ad.employer);
    seen.add(id);
    ads.push({
      id,
      headline: scrubbedHeadline.text.slice(0, 500),
      text: scrubbed.text,
      occupationId,
      // The employer's name is an organisation, not a person; its e-mail and phone are never read.
      employer: str(employer?.name),
      municipalityId: str(place?.municipality_concept_id),
      regionId: str(place?.region_concept_id),
      publicationDate: str(ad.publication_date),
      applicationDeadline: str(ad.application_deadline),
      must: requirements('must_have'),
      nice: requirements('nice_to_have'),
      licences: conceptIds(ad.driving_license),
    });
    reports.push({ index, id, status: 'kept', notes });
  }
  return { ads, reports };
}
