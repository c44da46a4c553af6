/**
 * A refused dialogue operation: an HTTP status, a stable reason code (the API's `code`, and the key of
 * the sentence a page shows: `dialogue.error.<code>`), and an English message for programs and the CLI.
 */
import { UserError } from '../../errors/user-error.js';

export const DIALOGUE_ERRORS = [
  'notFound',
  'invalid',
  'invalidCode',
  'roundNotOpen',
  'roundClosed',
  'rulesLocked',
  'alreadyVoted',
  'ideaNotInRound',
  'tooManyDots',
  'noDots',
  'collectClosed',
  'ideasClosed',
  'countsHidden',
] as const;
export type DialogueErrorCode = (typeof DIALOGUE_ERRORS)[number];

export class DialogueError extends UserError {
  override name = 'DialogueError';
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: DialogueErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
