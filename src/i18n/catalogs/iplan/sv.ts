/** The individual plan, guidance log and incentive ladder (issue 20): Swedish, the source. */
export const iplanSv = {
  'errors.planChanged':
    'Planen har ändrats sedan du öppnade den (nu version {current}, du utgick från {basedOn}): öppna den igen och gör ändringen på nytt',
  'errors.invalidRule': 'Regeln i ”{parameter}” går inte att använda: {detail}',
  'errors.noProposal': 'Det finns inget förslag om nivå {level} att bekräfta för personen',
} as const;
