/**
 * ESCO occupation names (English, Arabic) as "related names" of JobTech's ISCO-08 unit groups. ESCO
 * names an occupation; JobTech's SSYK groups relate to ISCO groups many to many, so these are names of
 * related occupations, never translations of a Swedish label.
 */
import { parse } from 'csv-parse/sync';
import { ImportError } from '../../../import/import-error.js';
import type { TaxonomyLabelRow } from '../../../store/repositories/taxonomy.repository.js';

export const ESCO_SOURCE = 'esco';

interface EscoRow {
  iscoGroup: string;
  preferredLabel: string;
  altLabels?: string;
}

export interface EscoNames {
  labels: TaxonomyLabelRow[];
  /** ISCO groups ESCO uses that no JobTech isco-level-4 concept has: their names are left out. */
  unjoinedIscoGroups: string[];
  occupations: number;
}

/**
 * Reads one ESCO occupations export (CSV with the standard ESCO columns) for `lang`. `iscoConcepts`
 * maps a 4-digit ISCO-08 code to the JobTech isco-level-4 concept id. With `withAltLabels`, ESCO's
 * alternative labels are kept too (the English export has them, the Arabic one does not).
 */
export function readEscoOccupations(
  csv: string,
  file: string,
  lang: string,
  iscoConcepts: Map<string, string>,
  withAltLabels: boolean,
): EscoNames {
  let rows: EscoRow[];
  try {
    rows = parse(csv, { columns: true, bom: true, skip_empty_lines: true }) as EscoRow[];
  } catch (error) {
    throw new ImportError(file, `not an ESCO CSV export (${(error as Error).message})`);
  }
  const labels = new Map<string, TaxonomyLabelRow>();
  const unjoined = new Set<string>();
  rows.forEach((row, i) => {
    if (!/^\d{4}$/.test(row.iscoGroup ?? ''))
      throw new ImportError(`${file}:${i + 2}`, `iscoGroup must be 4 digits, got "${row.iscoGroup}"`);
    const conceptId = iscoConcepts.get(row.iscoGroup);
    if (!conceptId) {
      unjoined.add(row.iscoGroup);
      return;
    }
    // Arabic labels give the masculine and feminine forms as "X / Y": each is a name of its own.
    const names = row.preferredLabel.split(' / ');
    if (withAltLabels && row.altLabels) names.push(...row.altLabels.split('\n'));
    for (const raw of names) {
      const label = raw.replace(/\s+/g, ' ').trim();
      if (label)
        labels.set(`${conceptId}\u0000${label}`, {
          concept_id: conceptId,
          lang,
          kind: 'related',
          label,
          source: ESCO_SOURCE,
          reviewed: 1,
        });
    }
  });
  return { labels: [...labels.values()], unjoinedIscoGroups: [...unjoined].sort(), occupations: rows.length };
}
