import { describe, expect, it } from 'vitest';
import { hashSecret, newId, newSecret } from './secrets.js';

describe('secrets', () => {
  it('stores a secret as the hex SHA-256 of its UTF-8 bytes (what the tables hold, so it must not change)', () => {
    // FIPS 180-2's test vector, and one with letters outside ASCII.
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashSecret('åäö-token')).toBe('9b5550ba102bdbc24456e70c0f3ec43cc730ed9cff9c8f4a9c1fdd51abee0390');
  });

  it('makes 256-bit secrets in base64url after their prefix, and 96-bit ids, each new', () => {
    const secret = newSecret('etb_');
    expect(secret).toMatch(/^etb_[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newId()).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(new Set(Array.from({ length: 50 }, () => newSecret())).size).toBe(50);
    expect(new Set(Array.from({ length: 50 }, () => newId())).size).toBe(50);
  });
});
