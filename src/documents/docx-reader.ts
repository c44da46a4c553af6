/**
 * The XML parts of a .docx (a zip), to check a document's structure as Word reads it: the body
 * (`word/document.xml`), the styles, the core properties.
 */
import { strFromU8, unzipSync } from 'fflate';

/** The text of every XML part of the .docx in `buffer`, by path (`word/document.xml`, …). */
export function docxParts(buffer: Uint8Array): Map<string, string> {
  const parts = new Map<string, string>();
  for (const [path, bytes] of Object.entries(unzipSync(buffer)))
    if (path.endsWith('.xml') || path.endsWith('.rels')) parts.set(path, strFromU8(bytes));
  return parts;
}
