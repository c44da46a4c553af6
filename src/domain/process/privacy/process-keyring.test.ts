/** Whether Process starts, and the one sentence that says why not. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NO_KEY_MESSAGE } from './field-cipher.js';
import { processKeyring } from './process-keyring.js';

describe('processKeyring', () => {
  it('gives the keyring and no reason when a key is set', () => {
    const key = randomBytes(32);
    const { keyring, offReason } = processKeyring({
      processKeys: `k1=${key.toString('base64')}`,
      processKeyFile: '',
    });
    expect(keyring?.keys).toEqual([{ id: 'k1', key }]);
    expect(offReason).toBe('');
  });

  it('is off with the no-key message when no key is set', () => {
    expect(processKeyring({ processKeys: '', processKeyFile: '' })).toEqual({
      keyring: null,
      offReason: NO_KEY_MESSAGE,
    });
    expect(NO_KEY_MESSAGE).toMatch(/^Process is not started: it needs a data key/);
  });

  it('is off, saying what is wrong with the key, when the key cannot be used', () => {
    expect(processKeyring({ processKeys: 'k1=abc', processKeyFile: '' })).toEqual({
      keyring: null,
      offReason:
        'Process is not started: ETABLERA_PROCESS_KEYS, line 1: key "k1" must be 32 bytes (base64 of 32 random bytes), got 2. Position keeps working.',
    });
    expect(processKeyring({ processKeys: '', processKeyFile: '/nonexistent/keys' })).toEqual({
      keyring: null,
      offReason:
        'Process is not started: ETABLERA_PROCESS_KEY_FILE /nonexistent/keys cannot be read (ENOENT). Position keeps working.',
    });
  });

  it('lets a fault that is not about the key through', () => {
    const settings = {
      processKeyFile: '',
      get processKeys(): string {
        throw new RangeError('settings broken');
      },
    };
    expect(() => processKeyring(settings)).toThrow(new RangeError('settings broken'));
  });
});
