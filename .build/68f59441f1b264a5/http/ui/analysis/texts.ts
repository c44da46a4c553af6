/** Texts of the analysis pages, Swedish first. Kept here so the shared message list stays small. */
import { type PageContext, tr } from '../page-context.js';

export { tr };

export const OWN_COMPUTATION = {
  sv: 'Etableras egen beräkning på data från Kolada (Källa: Kolada). Inga saknade värden fylls i; det som lämnats utanför visas.',
  en: 'Etablera’s own computation on data from Kolada (Source: Kolada). Missing values are never filled in; what was left out is shown.',
};

export function genderText(ctx: PageContext, gender: 'T' | 'K' | 'M'): string {
  if (gender === 'K') return tr(ctx, 'kvinnor', 'women');
  if (gender === 'M') return tr(ctx, 'män', 'men');
  return tr(ctx, 'totalt', 'total');
}
