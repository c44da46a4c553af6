/**
 * Encryption of Process's sensitive fields at rest: AES-256-GCM (node:crypto) under data keys that
 * live outside the database (a setting or a key file), never in it. Each sealed value names the key
 * it was sealed with, so keys can be rotated while old values stay readable until re-sealed:
 *
 *   etb1.<keyId>.<iv>.<tag>.<ciphertext>        (base64url parts; 12-byte IV, 16-byte tag)
 *
 * The associated data binds a value to its place (e.g. "person.name:<id>"): a sealed value copied to
 * another row or column does not open there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UserError } from '../../../errors/user-error.js';

const FORMAT = 'etb1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export class KeyringError extends UserError {
  override name = 'KeyringError';
}

/** A value that cannot be opened: unknown key, altered bytes, or sealed for another place. */
export class SealedValueError extends Error {
  override name = 'SealedValueError';
}

export interface DataKey {
  id: string;
  key: Buffer;
}

/**
 * The data keys: the first is current (new values are sealed with it), the others only open values
 * not yet rotated. Text form, one key a line: `<id>=<base64 of 32 random bytes>`; `#` starts a comment.
 */
export class Keyring {
  private readonly byId: Map<string, Buffer>;

  constructor(readonly keys: readonly DataKey[]) {
    if (keys.length === 0) throw new KeyringError('the keyring holds no key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
    if (this.byId.size !== keys.length) throw new KeyringError('the keyring names a key id twice');
  }

  get current(): DataKey {
    return this.keys[0] as DataKey;
  }

  static parse(text: string, where: string): Keyring {
    const keys: DataKey[] = [];
    text.split(/\r?\n/).forEach((raw, index) => {
      // Stryker disable next-line Regex: without `$` it differs only for a lone CR (an old Mac line end) after a `#`
      const line = raw.replace(/#.*$/, '').trim();
      if (!line) return;
      const at = `${where}, line ${index + 1}`;
      const eq = line.indexOf('=');
      const id = line.slice(0, eq).trim();
      const keyText = line.slice(eq + 1).trim();
      if (eq < 1 || !KEY_ID.test(id))
        throw new KeyringError(
          `${at}: expected "<key id>=<base64 key>" with an id of letters, digits, - or _`,
        );
      // Node's decoder stops at padding and skips what it cannot read: `k1=<key>;k2=<key>` would load k1 alone.
      if (!BASE64.test(keyText))
        throw new KeyringError(
          `${at}: key "${id}" is not base64 (letters, digits, + and /, then at most two =); one key a line`,
        );
      const key = Buffer.from(keyText, 'base64');
      if (key.length !== 32)
        throw new KeyringError(
          `${at}: key "${id}" must be 32 bytes (base64 of 32 random bytes), got ${key.length}`,
        );
      keys.push({ id, key });
    });
    return new Keyring(keys);
  }

  /** A new key line for the operator to put first in the key file. */
  static newKeyLine(id = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`): string {
    return `${id}=${randomBytes(32).toString('base64')}`;
  }

  seal(plaintext: string, place: string): string {
    const { id, key } = this.current;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // Stryker disable next-line StringLiteral: an empty encoding name is Node's default, UTF-8
    cipher.setAAD(Buffer.from(place, 'utf8'));
    // Stryker disable next-line StringLiteral: as above
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, id, b64(iv), b64(cipher.getAuthTag()), b64(body)].join('.');
  }

  open(sealed: string, place: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== FORMAT)
      throw new SealedValueError(`the value at ${place} is not a sealed value`);
    const [, id, iv, tag, body] = parts as [string, string, string, string, string];
    const key = this.byId.get(id);
    if (!key)
      throw new SealedValueError(
        `the value at ${place} is sealed with key "${id}", which the keyring does not hold`,
      );
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      // Stryker disable next-line StringLiteral: an empty encoding name is Node's default, UTF-8
      decipher.setAAD(Buffer.from(place, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SealedValueError(`the value at ${place} does not open with key "${id}" (altered or moved)`);
    }
  }

  sealNullable(plaintext: string | null, place: string): string | null {
    return plaintext === null ? null : this.seal(plaintext, place);
  }

  openNullable(sealed: string | null, place: string): string | null {
    return sealed === null ? null : this.open(sealed, place);
  }
}

/** The key id a sealed value names (what rotation compares with the current key). */
export const sealedKeyId = (sealed: string): string => sealed.split('.')[1] ?? '';

/** The prefix of every value sealed with `keyId` (rotation selects the rows without it). */
export const sealedPrefix = (keyId: string): string => `${FORMAT}.${keyId}.`;

const b64 = (bytes: Buffer) => bytes.toString('base64url');

/**
 * The keyring the settings give: ETABLERA_PROCESS_KEYS (inline, `;` or newline between keys) or
 * ETABLERA_PROCESS_KEY_FILE. Neither → null (Process stays off; Position runs).
 */
export function loadKeyring(settings: { processKeys: string; processKeyFile: string }): Keyring | null {
  if (settings.processKeys && settings.processKeyFile)
    throw new KeyringError('set ETABLERA_PROCESS_KEYS or ETABLERA_PROCESS_KEY_FILE, not both');
  if (settings.processKeys)
    return Keyring.parse(settings.processKeys.replaceAll(';', '\n'), 'ETABLERA_PROCESS_KEYS');
  if (!settings.processKeyFile) return null;
  let text: string;
  try {
    text = readFileSync(settings.processKeyFile, 'utf8');
  } catch (error) {
    throw new KeyringError(
      `ETABLERA_PROCESS_KEY_FILE ${settings.processKeyFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return Keyring.parse(text, settings.processKeyFile);
}

/** Why Process is off, in one sentence for the log, the CLI and the 503 answer. */
export const NO_KEY_MESSAGE =
  'Process is not started: it needs a data key to encrypt personal data. Set ETABLERA_PROCESS_KEY_FILE to a file holding a line "<id>=<base64 of 32 random bytes>" (make one with `etablera keys new`) or ETABLERA_PROCESS_KEYS. Position keeps working.';
