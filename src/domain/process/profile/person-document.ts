/**
 * A document about one person in two languages (the person's and Swedish, as two parts), the shape
 * the skills profile and the readable export share, and its HTML for the tagged PDF. Each part carries
 * its language and direction (Arabic and Dari right to left), so the PDF's structure tree says which
 * language each part is in; text written by the person is isolated (`dir="auto"`) and always escaped.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type DocBlock =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; note?: boolean; asWritten?: boolean }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; headers: string[]; rows: string[][] };

export interface DocPart {
  /** BCP 47 code of the part's language (sv, ar, prs, ti, …). */
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  blocks: DocBlock[];
}

export interface PersonDocument {
  /** The document's title (metadata, footer): the first part's. */
  title: string;
  parts: DocPart[];
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * Fonts the printing chromium lacks, embedded only when a part needs them: Debian's DejaVu covers
 * Latin, Cyrillic and Arabic script, not Ethiopic (Tigrinya), which would print as empty boxes.
 */
const require = createRequire(import.meta.url);
const EMBEDDED_FONTS: Record<string, { family: string; files: Record<400 | 700, string> }> = {
  ti: {
    family: 'Noto Sans Ethiopic',
    files: {
      400: '@fontsource/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-400-normal.woff2',
      700: '@fontsource/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-700-normal.woff2',
    },
  },
};
const fontFaces = new Map<string, string>();
function fontFace(lang: string): string {
  const font = EMBEDDED_FONTS[lang.split('-')[0] ?? ''];
  if (!font) return '';
  let css = fontFaces.get(lang);
  if (css === undefined) {
    css = ([400, 700] as const)
      .map((weight) => {
        const data = readFileSync(require.resolve(font.files[weight])).toString('base64');
        return `@font-face{font-family:"${font.family}";font-weight:${weight};src:url(data:font/woff2;base64,${data}) format("woff2")}`;
      })
      .join('\n');
    fontFaces.set(lang, css);
  }
  return css;
}

const STYLE = `
body{font-family:"DejaVu Sans","Noto Sans Ethiopic",Arial,sans-serif;font-size:10.5pt;line-height:1.45;color:#1a1a1a;background:#fff;margin:0}
main{max-width:52em;margin:0 auto}
[lang|="ti"]{font-family:"Noto Sans Ethiopic","DejaVu Sans",Arial,sans-serif}
.part+.part{break-before:page}
h1{font-size:1.6em;margin:0 0 .3em}h2{font-size:1.25em;margin:1.3em 0 .4em;break-after:avoid;border-bottom:1px solid #888}
h3{font-size:1.05em;margin:1em 0 .3em;break-after:avoid}
p{margin:.35em 0}.note{color:#444;font-style:italic}
ul{margin:.3em 0;padding-inline-start:1.4em}
table{border-collapse:collapse;width:100%;margin:.4em 0 .8em;font-size:.95em}
caption{text-align:start;font-weight:bold;padding:.2em 0}
th,td{border:1px solid #888;padding:.25em .4em;text-align:start;vertical-align:top}
thead th{background:#e8e8e8}thead{display:table-header-group}tr{break-inside:avoid}
`;

function block(b: DocBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p${b.note ? ' class="note"' : ''}${b.asWritten ? ' dir="auto"' : ''}>${escapeHtml(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'table': {
      const head = b.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
      const rows = b.rows
        .map(
          (r) =>
            `<tr>${r.map((cell, i) => (i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td dir="auto">${escapeHtml(cell)}</td>`)).join('')}</tr>`,
        )
        .join('\n');
      return `<table><caption>${escapeHtml(b.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
    }
  }
}

/** The complete HTML document: one `<section lang dir>` per part, the first part's language for the whole. */
export function personDocumentHtml(doc: PersonDocument): string {
  const first = doc.parts[0];
  const fonts = doc.parts.map((p) => fontFace(p.lang)).join('\n');
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(first?.lang ?? 'sv')}" dir="${first?.dir ?? 'ltr'}">`,
    '<head><meta charset="utf-8">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${fonts}${STYLE}</style></head>`,
    '<body><main>',
    ...doc.parts.map(
      (part) =>
        `<section class="part" lang="${escapeHtml(part.lang)}" dir="${part.dir}"><h1>${escapeHtml(part.title)}</h1>\n${part.blocks.map(block).join('\n')}\n</section>`,
    ),
    '</main></body></html>',
    '',
  ].join('\n');
}
