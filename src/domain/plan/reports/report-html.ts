/**
 * A report as one self-contained, accessible HTML document: its language declared, real headings,
 * tables with captions and column headers, charts as images with alt text (inline SVG as data: URLs,
 * so the page needs no script and no other request), Swedish number formats, styles inline. The
 * same document is printed to the PDF (chromium, tagged) and served as the HTML page.
 */
import { formatNumber } from '../../../i18n/format.js';
import type { Block, Cell, ReportContent, TableColumn } from './report-content.js';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE = `
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:11pt;line-height:1.45;color:#1a1a1a;background:#fff;margin:0}
main{max-width:52em;margin:0 auto;padding:1.5em 1em}
h1{font-size:1.7em;margin:0 0 .3em}h2{font-size:1.35em;margin:1.6em 0 .4em;break-after:avoid}
h3{font-size:1.15em;margin:1.2em 0 .3em;break-after:avoid}h4{font-size:1em;margin:1em 0 .3em;break-after:avoid}
p{margin:.35em 0}.note{color:#444;font-style:italic}
table{border-collapse:collapse;width:100%;margin:.6em 0 1em;font-size:.92em}
caption{text-align:left;font-weight:bold;padding:.2em 0}
th,td{border:1px solid #888;padding:.25em .4em;text-align:left;vertical-align:top}
thead th{background:#e8e8e8}thead{display:table-header-group}tr{break-inside:avoid}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
figure{margin:.8em 0 1.2em;break-inside:avoid}figure img{max-width:100%;height:auto;display:block}
figcaption{font-size:.9em}
tbody th{font-weight:normal;width:38%}.table{overflow-x:auto}.table:focus{outline:2px solid #1f5a96}
@media print{.table{overflow:visible}}
`;

export function formatCell(cell: Cell, column: TableColumn, lang: ReportContent['lang']): string {
  if (cell === null) return '–';
  if (typeof cell === 'number')
    return formatNumber(cell, lang, column.decimals ?? (Number.isInteger(cell) ? 0 : 1));
  return cell;
}

function block(b: Block, lang: ReportContent['lang']): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p${b.note ? ' class="note"' : ''}>${escapeHtml(b.text)}</p>`;
    case 'table': {
      const num = (c: TableColumn) => (c.numeric ? ' class="num"' : '');
      const head = b.columns.map((c) => `<th scope="col"${num(c)}>${escapeHtml(c.header)}</th>`).join('');
      const rows = b.rows
        .map(
          (r) =>
            `<tr>${r
              .map((cell, i) => {
                const column = b.columns[i]!;
                const text = escapeHtml(formatCell(cell, column, lang));
                // The first column names the row (screen readers read it with each cell).
                return i === 0 ? `<th scope="row">${text}</th>` : `<td${num(column)}>${text}</td>`;
              })
              .join('')}</tr>`,
        )
        .join('\n');
      // On a narrow screen a wide table scrolls in its own box, which the keyboard can reach.
      return `<div class="table" tabindex="0" role="region" aria-label="${escapeHtml(b.caption)}"><table><caption>${escapeHtml(b.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`;
    }
    case 'chart': {
      const src = `data:image/svg+xml;base64,${Buffer.from(b.svg, 'utf8').toString('base64')}`;
      return `<figure><img src="${src}" width="${b.width}" height="${b.height}" alt="${escapeHtml(b.alt)}"><figcaption>${escapeHtml(b.caption)}. ${escapeHtml(b.source)}</figcaption></figure>`;
    }
  }
}

/** The complete HTML document of the report. */
export function reportHtml(content: ReportContent): string {
  return [
    '<!doctype html>',
    `<html lang="${content.lang}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${content.title} – ${content.subtitle}`)}</title>`,
    `<style>${STYLE}</style></head>`,
    '<body><main>',
    ...content.blocks.map((b) => block(b, content.lang)),
    '</main></body></html>',
    '',
  ].join('\n');
}
