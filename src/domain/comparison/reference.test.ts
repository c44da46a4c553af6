import { describe, expect, it } from 'vitest';
import { cleanGroupTitle, referenceOptions, similarGroupArea } from './reference.js';
import { foldForSearch } from './search.js';

describe('reference groups', () => {
  it('names the liknande-kommuner area and year', () => {
    expect(similarGroupArea('Liknande kommuner arbetsmarknad, Landskrona, 2024')).toBe(
      'arbetsmarknad (2024)',
    );
    expect(similarGroupArea('Liknande kommuner, övergripande, Landskrona, 2025')).toBe('övergripande (2025)');
    expect(cleanGroupTitle('Skåne läns kommuner (ovägt medel)')).toBe('Skåne läns kommuner');
  });

  it('offers all kommuner, the län, the SKR kommungrupp and liknande kommuner (labour market first)', () => {
    const options = referenceOptions([
      { id: 'G216209', title: 'Liknande kommuner arbetsmarknad, Landskrona, 2024' },
      { id: 'G35979', title: 'Liknande kommuner grundskola, Landskrona, 2024' },
      { id: 'G33621', title: 'Skåne läns kommuner (ovägt medel)' },
      { id: 'G92790', title: 'Större stad (ovägt medel)' },
      { id: 'G37439', title: 'Liknande kommuner, övergripande, Landskrona, 2025' },
      { id: 'G1', title: 'Något nätverk' },
    ]);
    expect(options.map((o) => [o.kind, o.param])).toEqual([
      ['alla', 'alla'],
      ['lan', 'G33621'],
      ['kommungrupp', 'G92790'],
      ['liknande', 'G216209'],
      ['liknande', 'G37439'],
      ['liknande', 'G35979'],
    ]);
  });
});

describe('foldForSearch', () => {
  it('ignores case and diacritics', () => {
    expect(foldForSearch('  Malmö ')).toBe('malmo');
    expect(foldForSearch('ÅNGE')).toBe('ange');
    expect(foldForSearch('Upplands  Väsby')).toBe('upplands vasby');
  });
});
