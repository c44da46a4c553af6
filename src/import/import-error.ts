/** A problem in an input file, located as precisely as the format allows ("file:line"). */
import { UserError } from '../errors/user-error.js';

export class ImportError extends UserError {
  override name = 'ImportError';
  constructor(
    readonly location: string,
    readonly problem: string,
  ) {
    super(`${location}: ${problem}`);
  }
}
