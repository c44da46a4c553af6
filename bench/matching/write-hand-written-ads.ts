/**
 * `npx tsx bench/matching/write-hand-written-ads.ts`: turns bench/matching/hand-written-ads.txt (the
 * ads we wrote by hand, with the skills a reader would record for each) into hand-written-ads.json in
 * JobTech's ad shape with real concept ids, the set the matching benchmark reports. Labels are looked
 * up exactly (not through the extractor being measured); an unknown or ambiguous label stops the run
 * with its line number, so the truth is never guessed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readSnapshot } from '../../src/domain/process/taxonomy/snapshot.js';

interface Draft {
  line: number;
  occupation: string;
  headline: string;
  text: string[];
  skills: string[];
}

export function parseHandWritten(source: string): Draft[] {
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  source.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('=== ')) {
      current = { line: i + 1, occupation: line.slice(4).trim(), headline: '', text: [], skills: [] };
      drafts.push(current);
    } else if (!current) throw new Error(`line ${i + 1}: text before the first "=== <occupation>"`);
    else if (line.startsWith('> ')) current.headline = line.slice(2).trim();
    else if (line.startsWith('skills:'))
      current.skills = line
        .slice('skills:'.length)
        .split(' | ')
        .map((s) => s.trim())
        .filter(Boolean);
    else current.text.push(line);
  });
  return drafts;
}

function main() {
  const snapshot = readSnapshot();
  const ids = (type: string) => {
    const map = new Map<string, string[]>();
    for (const [id, t, label, , , deprecated] of snapshot.concepts)
      if (t === type && !deprecated) {
        // Some taxonomy labels hold a no-break space; the ads are typed with plain ones.
        const key = label.replace(/\s+/g, ' ');
        map.set(key, [...(map.get(key) ?? []), id]);
      }
    return map;
  };
  const names = ids('occupation-name');
  const skills = ids('skill');
  const problems: string[] = [];
  const one = (map: Map<string, string[]>, label: string, what: string, line: number) => {
    const found = map.get(label) ?? [];
    if (found.length !== 1)
      problems.push(
        `hand-written-ads.txt:${line}: ${what} "${label}" ${found.length ? `is ambiguous (${found.join(', ')})` : 'is not in the taxonomy (or deprecated)'}`,
      );
    return found[0] as string;
  };
  const drafts = parseHandWritten(readFileSync(new URL('./hand-written-ads.txt', import.meta.url), 'utf8'));
  const ads = drafts.map((d, i) => {
    if (!d.headline || d.text.length === 0 || d.skills.length === 0)
      throw new Error(`hand-written-ads.txt:${d.line}: an ad needs a headline, a text and a skills line`);
    return {
      id: `hand-${String(i + 1).padStart(3, '0')}`,
      headline: d.headline,
      description: { text: d.text.join('\n') },
      occupation: { concept_id: one(names, d.occupation, 'occupation name', d.line), label: d.occupation },
      must_have: { skills: [], languages: [], work_experiences: [] },
      nice_to_have: { skills: [], languages: [], work_experiences: [] },
      publication_date: '2026-12-03T08:00:00',
      label: { skills: d.skills.map((s) => one(skills, s, 'skill', d.line)).sort() },
    };
  });
  if (problems.length) throw new Error(problems.join('\n'));
  writeFileSync(new URL('./hand-written-ads.json', import.meta.url), `${JSON.stringify(ads, null, 2)}\n`);
  console.log(`wrote ${ads.length} hand-written ads`);
}

main();
