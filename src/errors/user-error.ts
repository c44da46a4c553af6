/**
 * A problem the user can fix (a bad flag, a malformed file, a wrong setting, bad input to a page or an
 * endpoint), as opposed to a fault of Etablera's own. The CLI prints a UserError's message alone (no
 * stack) and exits with status 1; the HTTP layer answers it with a 4xx.
 */
export class UserError extends Error {
  override name = 'UserError';
}
