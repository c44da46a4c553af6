/** The keyring Process runs with, or why Process is off (no key, or a key file that cannot be used). */
import { type Keyring, KeyringError, loadKeyring, NO_KEY_MESSAGE } from './field-cipher.js';

export function processKeyring(settings: { processKeys: string; processKeyFile: string }): {
  keyring: Keyring | null;
  offReason: string;
} {
  try {
    const keyring = loadKeyring(settings);
    return { keyring, offReason: keyring ? '' : NO_KEY_MESSAGE };
  } catch (error) {
    if (!(error instanceof KeyringError)) throw error;
    return { keyring: null, offReason: `Process is not started: ${error.message}. Position keeps working.` };
  }
}
