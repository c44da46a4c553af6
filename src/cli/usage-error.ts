/** A mistake in how a command was called: reported as one line, without a stack trace. */
import { UserError } from '../errors/user-error.js';

export class UsageError extends UserError {
  override name = 'UsageError';
}
