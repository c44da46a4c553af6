/** Matching (issue 19): Swedish, the source. */
export const matchingSv = {
  'errors.personRestricted':
    'Personen har invänt mot eller begränsat behandlingen: ingen matchning görs medan begränsningen gäller',
} as const;
