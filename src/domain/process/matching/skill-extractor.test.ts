import { describe, expect, it } from 'vitest';
import { root, SkillExtractor } from './skill-extractor.js';

// Labels as the taxonomy writes them (a few real ones); ids are made up for the test.
const extractor = new SkillExtractor([
  { id: 'kontor', label: 'Kontorsstädning' },
  { id: 'kassa', label: 'Kassavana' },
  { id: 'fysik', label: 'God fysik (tunga lyft)' },
  { id: 'ykb', label: 'Yrkeskompetensbevis för förare (YKB)' },
  { id: 'sar', label: 'SAR/MSA' },
  { id: 'som', label: 'Sömsvetsning' },
  { id: 'svets', label: 'Svetsning' },
  { id: 'mig', label: 'MIG-svetsning' },
  { id: 'ritning', label: 'Ritningsläsning' },
  { id: 'fritids', label: 'Fritidshem' },
  { id: 'hygien', label: 'Basala hygienrutiner inom hälso- och sjukvård' },
  { id: 'egen', label: 'Egenkontroll, erfarenhet' },
  { id: 'mark', label: 'Mark/infrastruktur-AutoCAD Civil 3D' },
  { id: 'golv', label: 'Golvvård' },
  // They make "städning" and "vård" known last parts of a compound, "ritning" a known first part.
  { id: 'cad', label: 'Ritning och konstruktion' },
  { id: 'disk', label: 'Städning och diskning, restaurangkök' },
  { id: 'aldre', label: 'Vård av äldre' },
]);
const ids = (text: string) => extractor.extract(text).map((e) => e.id);

describe('SkillExtractor', () => {
  it('finds a compound label from its parts written as a verb and a noun close together', () => {
    expect(extractor.extract('Du städar kontor och trapphus.')).toEqual([
      { id: 'kontor', words: ['städar', 'kontor'] },
    ]);
    expect(ids('Du behöver kunna läsa ritningar.')).toEqual(['ritning']);
    // Far apart, the parts are no longer the skill.
    expect(ids('Vår vård är god. Du får ett golv att stå på.')).toEqual([]);
  });

  it('finds a label without its qualifier ("vana", ", erfarenhet"), the definite form too', () => {
    expect(ids('Du sitter i kassan.')).toEqual(['kassa']);
    expect(ids('Du följer våra rutiner för egenkontroll.')).toEqual(['egen']);
    expect(ids('Resurs till fritidshemmet.')).toEqual(['fritids']);
  });

  it('reads what is in brackets, and the part before "inom", as other ways to say the skill', () => {
    expect(ids('Tunga lyft förekommer.')).toEqual(['fysik']);
    expect(ids('Du följer basala hygienrutiner.')).toEqual(['hygien']);
  });

  it('matches abbreviations only in capitals, and no lone short half of a slash', () => {
    expect(ids('YKB krävs.')).toEqual(['ykb']);
    expect(ids('Du lägger om sår.')).toEqual([]);
    expect(ids('Han märker skillnad.')).toEqual([]);
  });

  it('never lets a stop word stand for a label word ("som" is not "söm")', () => {
    expect(ids('Vi söker en svetsare som kan MIG-svetsning.')).toEqual(['mig']);
  });

  it('keeps the longest match: "svetsning" inside "MIG-svetsning" is that skill only', () => {
    expect(ids('Erfarenhet av MIG-svetsning.')).toEqual(['mig']);
  });

  it('compares action nouns with their verbs and drops a doubled final consonant', () => {
    expect(root('städning')).toBe('städ');
    expect(root('fritidshemm')).toBe('fritidshem');
    expect(root('kass')).toBe('kass');
  });
});
