/**
 * One-time participant codes: eight characters from an alphabet without look-alikes (no 0/O, 1/I/L),
 * shown as ABCD-EFGH and typed in any case, with or without the dash. 31⁸ ≈ 8.5·10¹¹ codes, drawn by
 * the operating system's CSPRNG, so guessing one of a few hundred live codes is hopeless.
 */
import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** The stored form of a typed code, or null when it cannot be one. */
export function normaliseCode(typed: unknown): string | null {
  if (typeof typed !== 'string') return null;
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return /^[A-HJKMNP-Z2-9]{8}$/.test(code) ? code : null;
}

export const displayCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
