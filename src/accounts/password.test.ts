/** Passwords: the rules at their edges, and how they are hashed and verified (argon2id, OWASP costs). */
import { describe, expect, it } from 'vitest';
import {
  decoyHash,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  verifyDecoy,
  verifyPassword,
} from './password.js';

describe('password rules', () => {
  it('takes 12 to 256 characters', () => {
    expect([MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH]).toEqual([12, 256]);
    expect(passwordProblem('river stones')).toBeNull();
    expect(passwordProblem('river stone')).toBe('too-short');
    expect(passwordProblem('w'.repeat(128) + 'q'.repeat(128))).toBeNull();
    expect(passwordProblem('w'.repeat(128) + 'q'.repeat(129))).toBe('too-long');
    // A decomposed "é" is one character once normalised.
    expect(passwordProblem('cafe\u0301 au lait')).toBeNull();
    expect(passwordProblem('cafe\u0301 au la')).toBe('too-short');
  });

  it('refuses common passwords whatever their case, one character repeated, and runs either way', () => {
    expect(passwordProblem('PASSWORD1234')).toBe('common');
    // Letters no list holds, so that only the rules refuse them.
    expect(passwordProblem('ÅÅÅÅÅÅÅÅÅÅÅÅ')).toBe('common');
    expect(passwordProblem('ŋæŋæŋæŋæŋæŋæ')).toBeNull();
    expect(passwordProblem('αβγδεζηθικλμ')).toBe('common');
    expect(passwordProblem('μλκιθηζεδγβα')).toBe('common');
    expect(passwordProblem('αβγδεζηθικλν')).toBeNull();
    expect(passwordProblem('ναβγδεζηθικλ')).toBeNull();
  });

  it("refuses the service's name and the e-mail's name of four characters or more", () => {
    expect(passwordProblem('my ETABLERA account')).toBe('context');
    expect(passwordProblem('anna walks the dog', { email: 'Anna@lulea.se' })).toBe('context');
    expect(passwordProblem('bob walks the dog', { email: 'bob@lulea.se' })).toBeNull();
    expect(passwordProblem('lulea walks the dog', { email: 'anna@lulea.se' })).toBeNull();
    expect(passwordProblem('anna walks the dog')).toBeNull();
  });
});

describe('password hashes', () => {
  it('hashes with argon2id (64 MiB, 3 passes, 1 lane) and verifies the NFC form', async () => {
    const hash = await hashPassword('caf\u00e9 au lait please');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    expect(await verifyPassword(hash, 'cafe\u0301 au lait please')).toBe(true);
    expect(await verifyPassword(hash, 'cafe au lait please')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything at all')).toBe(false);
    expect(await verifyDecoy('decoy password that no account has')).toBe(false);
  });

  it('verifies an unknown e-mail against a decoy hash made once, of the same costs as a real one', async () => {
    const first = decoyHash();
    expect(decoyHash()).toBe(first);
    expect(await first).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
  });
});
