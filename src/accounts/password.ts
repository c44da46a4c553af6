/**
 * Passwords per NIST SP 800-63B: at least 12 characters (at most 256), any characters, no composition
 * rules, refused when found in a list of common passwords (zxcvbn-ts's 49 000) or built from the
 * user's own e-mail or the service's name. Stored as argon2id.
 */
import { createRequire } from 'node:module';

// Both are loaded at first use, not at start (≈ 50 ms together): the native argon2 binding and the
// common-password list. require() keeps passwordProblem synchronous.
const require = createRequire(import.meta.url);
const argon2 = () => require('@node-rs/argon2') as typeof import('@node-rs/argon2');

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * argon2id, 64 MiB, 3 passes, 1 lane: 180–310 ms a hash on the 2-core test machine (see
 * BENCHMARKS.md), inside OWASP's recommendations and slow enough that throttling does the rest.
 */
export const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, not importable under verbatimModuleSyntax)
  memoryCost: 65_536,
  timeCost: 3,
  parallelism: 1,
} as const;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  // Stryker disable next-line ConditionalExpression: a cache; building the set again gives the same set
  if (!common) {
    const { dictionary } =
      require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  }
  return common;
}

export type PasswordProblem = 'too-short' | 'too-long' | 'common' | 'context';

/** Why a new password is refused, or null when it is acceptable. Length counts characters, not bytes. */
export function passwordProblem(password: string, context: { email?: string } = {}): PasswordProblem | null {
  const length = [...password.normalize('NFC')].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too-short';
  if (length > MAX_PASSWORD_LENGTH) return 'too-long';
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || /^(.)\1+$/.test(lower) || isSequence(lower)) return 'common';
  // Stryker disable next-line StringLiteral: without an e-mail any text with a capital (as Stryker's) never matches `lower`
  const local = context.email?.toLowerCase().split('@')[0] ?? '';
  if (lower.includes('etablera') || (local.length >= 4 && lower.includes(local))) return 'context';
  return null;
}

/** "123456789012", "abcdefghijkl": runs that a guesser tries first. */
function isSequence(text: string): boolean {
  for (let i = 1; i < text.length; i++) {
    const step = text.charCodeAt(i) - text.charCodeAt(i - 1);
    if (step !== 1 && step !== -1) return false;
  }
  return true;
}

export const hashPassword = (password: string) => argon2().hash(password.normalize('NFC'), ARGON2_OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await argon2().verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** Verified against when the e-mail is unknown, so that the answer takes as long as for a real user. */
let decoy: Promise<string> | null = null;
/** The decoy's hash: made once, at the first unknown e-mail, with the costs of every real hash. */
// Stryker disable next-line StringLiteral: any text gives a hash of the same cost
export const decoyHash = () => (decoy ??= hashPassword('decoy password that no account has'));

export async function verifyDecoy(password: string): Promise<false> {
  await verifyPassword(await decoyHash(), password);
  return false;
}
