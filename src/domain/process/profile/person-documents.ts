/**
 * The person's documents as files: the skills profile (PDF, Word) and the readable export (PDF), each
 * in the person's language (or the one asked for) and Swedish, through the documents seam (tagged PDF
 * from chromium, Word with real headings). Each is one audited read of the person (part `profile` or
 * `export`, with the format), recorded once the file is made and before it leaves.
 */
import type { PdfRenderer } from '../../../documents/pdf-renderer.js';
import { isLocale, type Locale } from '../../../i18n/locales.js';
import type { ConceptNames } from '../people/concept-names.js';
import type { PeopleService } from '../people/people.service.js';
import type { PersonAccess } from '../people/person-access.js';
import { exportDocument } from './export-content.js';
import { type PersonDocument, personDocumentHtml } from './person-document.js';
import { personDocx } from './person-docx.js';
import { documentLanguages, profileConcepts, profileDocument } from './profile-content.js';

export const DOCUMENT_MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
export type DocumentFormat = keyof typeof DOCUMENT_MEDIA_TYPES;

/** The catalog locale of a person's language code (`ar`, `prs-AF` → `prs`), if there is one. */
export const localeOf = (language: string | undefined): Locale | null => {
  const primary = language?.split('-')[0];
  return isLocale(primary) ? primary : null;
};

export class PersonDocuments {
  constructor(
    private readonly people: PeopleService,
    private readonly names: ConceptNames,
    private readonly pdf: () => PdfRenderer,
  ) {}

  /** The skills profile; `lang` (a page's language) instead of the person's when given. */
  async profile(
    access: PersonAccess,
    format: DocumentFormat,
    lang: string | undefined,
    ip: string | null = null,
  ): Promise<Buffer> {
    const person = await this.people.view(access.person);
    const inventory = await this.people.openInventory(person.id);
    const { hiddenSections } = await this.people.settings(access.person.organisation_id);
    const languages = documentLanguages(localeOf(lang) ?? localeOf(person.language));
    const document = profileDocument({
      name: person.name,
      inventory,
      names: await this.names.names(profileConcepts(inventory), languages[0] ?? 'sv'),
      hidden: hiddenSections,
      languages,
      date: new Date(),
    });
    const file = await this.render(document, format);
    await this.people.recordRead(access, 'profile', ip, { format, languages });
    return file;
  }

  /** Everything held about the person (the JSON export) as a readable PDF. */
  async exportPdf(access: PersonAccess, lang: string | undefined, ip: string | null = null): Promise<Buffer> {
    const languages = documentLanguages(localeOf(lang) ?? localeOf(access.person.language));
    const exported = await this.people.exportDocument(access.person);
    const inventory = exported.inventory;
    const names = await this.names.names(
      [...profileConcepts(inventory), ...exported.matchDecisions.map((d) => d.target)],
      languages[0] ?? 'sv',
    );
    const file = await this.render(exportDocument({ document: exported, names, languages }), 'pdf');
    await this.people.recordRead(access, 'export', ip, { format: 'pdf', languages });
    return file;
  }

  private render(document: PersonDocument, format: DocumentFormat): Promise<Buffer> {
    return format === 'docx'
      ? personDocx(document)
      : this.pdf().render(personDocumentHtml(document), { footer: document.title });
  }
}
