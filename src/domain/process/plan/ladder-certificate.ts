/**
 * The certificate of a confirmed ladder level: one page in Swedish and, when the person's language
 * differs and has texts, a second part in it (right to left for Arabic and Dari). Plain HTML for the
 * documents seam, which prints it as a tagged PDF with bookmarks (headings become the outline).
 */
import { formatDate } from '../../../i18n/format.js';
import { isLocale, type Locale } from '../../../i18n/locales.js';
import { CATALOGS, translator } from '../../../i18n/translator.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const RTL = new Set(['ar', 'prs']);

export interface CertificateInput {
  name: string;
  organisation: string;
  level: number;
  levelName: string;
  confirmedAt: string;
  language: string;
}

function part(lang: Locale, c: CertificateInput): string {
  const t = translator(lang);
  const draft = CATALOGS[lang].draft ? `<p class="draft">${escapeHtml(t('iplan.draftNote'))}</p>` : '';
  return `<section lang="${lang}" dir="${RTL.has(lang) ? 'rtl' : 'ltr'}">
  <h1>${escapeHtml(t('iplan.certificate.title'))}</h1>
  <p class="big">${escapeHtml(
    t('iplan.certificate.body', {
      name: c.name,
      level: c.level,
      levelName: c.levelName,
      organisation: c.organisation,
      date: formatDate(c.confirmedAt.slice(0, 10), lang),
    }),
  )}</p>
  <p>${escapeHtml(t('iplan.certificate.congratulations'))}</p>
  ${draft}
</section>`;
}

export function certificateHtml(c: CertificateInput): string {
  const primary = c.language.split('-')[0] ?? 'sv';
  const second = isLocale(primary) && primary !== 'sv' ? primary : null;
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>${escapeHtml(translator('sv')('iplan.certificate.title'))}: ${escapeHtml(c.levelName)}</title>
<style>
body { font-family: "DejaVu Sans", "Noto Sans", "Noto Sans Ethiopic", "Noto Naskh Arabic", sans-serif; color: #111; }
section { border: 3px double #1d4f91; padding: 14mm; margin-bottom: 10mm; break-inside: avoid; }
h1 { color: #1d4f91; font-size: 26pt; margin-top: 0; }
.big { font-size: 15pt; line-height: 1.5; }
.draft { font-size: 9pt; color: #444; }
</style></head>
<body>
${part('sv', c)}
${second ? part(second, c) : ''}
</body></html>`;
}
