/** Text folding for name search: case- and diacritics-insensitive ("malmo" finds Malmö, "ange" Ånge). */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
