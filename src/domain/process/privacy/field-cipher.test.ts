/**
 * The field cipher on its own (no store): what a sealed value looks like, that it opens only with the
 * key it names and only at the place it was sealed for, and how keyrings are read from the settings.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../../errors/user-error.js';
import {
  Keyring,
  KeyringError,
  loadKeyring,
  NO_KEY_MESSAGE,
  SealedValueError,
  sealedKeyId,
  sealedPrefix,
} from './field-cipher.js';

const key = () => randomBytes(32);
const ring = (...ids: string[]) => new Keyring(ids.map((id) => ({ id, key: key() })));
const b64 = (bytes: Buffer) => bytes.toString('base64');
const PLACE = 'person.name:p1';

/** What `open` throws, or undefined. */
function openError(keyring: Keyring, sealed: string, place = PLACE): unknown {
  try {
    keyring.open(sealed, place);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('Keyring', () => {
  it('needs a key, and each key id once; the first key is current', () => {
    expect(() => new Keyring([])).toThrow(new KeyringError('the keyring holds no key'));
    const a = { id: 'a', key: key() };
    expect(() => new Keyring([a, { id: 'a', key: key() }])).toThrow(
      new KeyringError('the keyring names a key id twice'),
    );
    const b = { id: 'b', key: key() };
    expect(new Keyring([b, a]).current).toBe(b);
    expect(new Keyring([a, b]).current).toBe(a);
  });

  it('seals into etb1.<key id>.<12-byte iv>.<16-byte tag>.<ciphertext>, fresh each time', () => {
    const keyring = ring('k1', 'k0');
    const plaintext = 'Hamid Hosseini, 070-1234567';
    const sealed = keyring.seal(plaintext, PLACE);
    const parts = sealed.split('.');
    expect(parts).toHaveLength(5);
    const [format, id, iv, tag, body] = parts as [string, string, string, string, string];
    expect(format).toBe('etb1');
    expect(id).toBe('k1');
    for (const part of [iv, tag, body]) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
    expect(Buffer.from(body, 'base64url')).toHaveLength(Buffer.byteLength(plaintext, 'utf8'));
    expect(sealed).not.toContain('Hamid');
    expect(Buffer.from(body, 'base64url').toString('utf8')).not.toContain('Hamid');
    expect(sealed.startsWith(sealedPrefix('k1'))).toBe(true);
    expect(sealedKeyId(sealed)).toBe('k1');

    // The same text at the same place seals differently every time (a fresh IV), and each opens.
    const again = keyring.seal(plaintext, PLACE);
    expect(again).not.toBe(sealed);
    expect(again.split('.')[2]).not.toBe(iv);
    expect(again.split('.')[4]).not.toBe(body);
    expect(keyring.open(sealed, PLACE)).toBe(plaintext);
    expect(keyring.open(again, PLACE)).toBe(plaintext);
  });

  it('opens what it sealed, any text, the empty one too', () => {
    const keyring = ring('k1');
    for (const text of ['', 'a', 'Åsa Öberg – ”citat” 👋🏽', 'x'.repeat(10_000), '{"steps":[]}'])
      expect(keyring.open(keyring.seal(text, PLACE), PLACE)).toBe(text);
  });

  it('opens a value only at the place it was sealed for', () => {
    const keyring = ring('k1');
    const sealed = keyring.seal('Hamid', 'person.name:p1');
    for (const place of ['person.name:p2', 'person.contact:p1', '', 'person.name:p1 '])
      expect(openError(keyring, sealed, place)).toEqual(
        new SealedValueError(`the value at ${place} does not open with key "k1" (altered or moved)`),
      );
    // The place is bound by its UTF-8 bytes.
    const odd = keyring.seal('x', 'person.name:Ö');
    expect(keyring.open(odd, 'person.name:Ö')).toBe('x');
    expect(openError(keyring, odd, 'person.name:O')).toBeInstanceOf(SealedValueError);
  });

  it('opens a value only with the key it names, and says which one is missing', () => {
    const sealed = ring('k1').seal('Hamid', PLACE);
    // Another key under the same id: the tag does not match.
    expect(openError(ring('k1'), sealed)).toEqual(
      new SealedValueError(`the value at ${PLACE} does not open with key "k1" (altered or moved)`),
    );
    expect(openError(ring('k2', 'k3'), sealed)).toEqual(
      new SealedValueError(`the value at ${PLACE} is sealed with key "k1", which the keyring does not hold`),
    );
  });

  it('keeps opening values of an older key after a new one is put first, and seals with the new one', () => {
    const old = { id: 'k1', key: key() };
    const before = new Keyring([old]).seal('Hamid', PLACE);
    const rotated = new Keyring([{ id: 'k2', key: key() }, old]);
    expect(rotated.open(before, PLACE)).toBe('Hamid');
    const after = rotated.seal('Hamid', PLACE);
    expect(sealedKeyId(after)).toBe('k2');
    expect(openError(new Keyring([old]), after)).toEqual(
      new SealedValueError(`the value at ${PLACE} is sealed with key "k2", which the keyring does not hold`),
    );
  });

  it('refuses an altered value: any part changed, moved between rows, or cut', () => {
    const keyring = ring('k1');
    const sealed = keyring.seal('Hamid Hosseini', PLACE);
    const [format, id, iv, tag, body] = sealed.split('.') as [string, string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] = (bytes[0] as number) ^ 1;
      return bytes.toString('base64url');
    };
    const altered = [
      [format, id, flip(iv), tag, body],
      [format, id, iv, flip(tag), body],
      [format, id, iv, tag, flip(body)],
      [format, id, iv, tag, body.slice(0, -2)],
      [format, id, iv, tag.slice(0, 8), body],
    ];
    for (const parts of altered)
      expect(openError(keyring, parts.join('.'))).toEqual(
        new SealedValueError(`the value at ${PLACE} does not open with key "k1" (altered or moved)`),
      );
    const notSealed = new SealedValueError(`the value at ${PLACE} is not a sealed value`);
    for (const text of [
      'Hamid',
      '',
      ['etb2', id, iv, tag, body].join('.'),
      ['', id, iv, tag, body].join('.'),
      `${sealed}.extra`,
      `${sealed}.`,
      [format, id, iv, tag].join('.'),
      [format, id, iv].join('.'),
      [format, id].join('.'),
    ])
      expect(openError(keyring, text)).toEqual(notSealed);
    expect(openError(keyring, 'etb1')).toEqual(notSealed);
  });

  it('seals and opens null as null', () => {
    const keyring = ring('k1');
    expect(keyring.sealNullable(null, PLACE)).toBeNull();
    expect(keyring.openNullable(null, PLACE)).toBeNull();
    const sealed = keyring.sealNullable('070-1234567', PLACE);
    expect(sealed).toMatch(/^etb1\.k1\./);
    expect(keyring.openNullable(sealed, PLACE)).toBe('070-1234567');
    expect(() => keyring.openNullable('plain', PLACE)).toThrow(SealedValueError);
  });
});

describe('sealedKeyId and sealedPrefix', () => {
  it('read the key id a value names, and the prefix of a key', () => {
    expect(sealedKeyId('etb1.k7.a.b.c')).toBe('k7');
    expect(sealedKeyId('etb1..a.b.c')).toBe('');
    expect(sealedKeyId('plain text')).toBe('');
    expect(sealedPrefix('k7')).toBe('etb1.k7.');
  });
});

describe('Keyring.parse', () => {
  it('reads one key a line; comments, blank lines, spaces and CRLF are ignored', () => {
    const k1 = key();
    const k2 = key();
    const text = `# keys of Luleå\r\n\r\n  k2 = ${b64(k2)}  # current\r\nk1=${b64(k1)}\n   \n#k3=${b64(key())}\n`;
    const keyring = Keyring.parse(text, 'keys.txt');
    expect(keyring.keys).toEqual([
      { id: 'k2', key: k2 },
      { id: 'k1', key: k1 },
    ]);
    // The keys are the decoded bytes: a value sealed with them opens under a keyring built by hand.
    const sealed = keyring.seal('Hamid', PLACE);
    expect(new Keyring([{ id: 'k2', key: k2 }]).open(sealed, PLACE)).toBe('Hamid');
    expect(Keyring.parse(`a_B-9=${b64(k1)}`, 'x').current.id).toBe('a_B-9');
    expect(Keyring.parse(`k=${b64(k1)}`, 'x').current.id).toBe('k');
    expect(Keyring.parse(`${'i'.repeat(32)}=${b64(k1)}`, 'x').current.id).toBe('i'.repeat(32));
  });

  it('names the place and line of a bad line', () => {
    const good = `k1=${b64(key())}`;
    const shape = (line: number) =>
      new KeyringError(
        `keys.txt, line ${line}: expected "<key id>=<base64 key>" with an id of letters, digits, - or _`,
      );
    for (const bad of [
      `=${b64(key())}`,
      b64(key()).replaceAll('=', ''),
      `k 1=${b64(key())}`,
      `k.1=${b64(key())}`,
      `k1:x=${b64(key())}`,
      `${'i'.repeat(33)}=${b64(key())}`,
      // No "=" at all: a shape error, not a key of the wrong length.
      'k1abc',
      'k1',
    ])
      expect(() => Keyring.parse(`${good}\n# c\n${bad}`, 'keys.txt')).toThrow(shape(3));
    expect(() => Keyring.parse(`xk1=${b64(key())}`, 'keys.txt')).not.toThrow();
    expect(Keyring.parse(`k1 = ${b64(key())}`, 'keys.txt').current.id).toBe('k1');
    // What Node's decoder would skip or stop at: two keys on a line, a character after the padding, a space.
    const notBase64 = new KeyringError(
      'keys.txt, line 2: key "k1" is not base64 (letters, digits, + and /, then at most two =); one key a line',
    );
    for (const bad of [
      `${b64(key())};k2=${b64(key())}`,
      `${b64(key())}x`,
      `${b64(key()).slice(0, 20)} ${b64(key()).slice(20)}`,
      `${b64(key())}-`,
    ])
      expect(() => Keyring.parse(`# keys\nk1=${bad}`, 'keys.txt')).toThrow(notBase64);
    expect(() => Keyring.parse(`${good}\nk2=${b64(randomBytes(31))}`, 'keys.txt')).toThrow(
      new KeyringError('keys.txt, line 2: key "k2" must be 32 bytes (base64 of 32 random bytes), got 31'),
    );
    expect(() => Keyring.parse(`k2=${b64(randomBytes(33))}`, 'ETABLERA_PROCESS_KEYS')).toThrow(
      new KeyringError(
        'ETABLERA_PROCESS_KEYS, line 1: key "k2" must be 32 bytes (base64 of 32 random bytes), got 33',
      ),
    );
    expect(() => Keyring.parse('k2=', 'x')).toThrow(/got 0$/);
    expect(() => Keyring.parse('# nothing\n\n', 'x')).toThrow(new KeyringError('the keyring holds no key'));
    expect(() => Keyring.parse(`${good}\n${good}`, 'x')).toThrow(
      new KeyringError('the keyring names a key id twice'),
    );
  });

  it('is a UserError (the CLI prints it alone)', () => {
    expect(new KeyringError('x')).toBeInstanceOf(UserError);
    expect(new KeyringError('x').name).toBe('KeyringError');
    expect(new SealedValueError('x').name).toBe('SealedValueError');
  });
});

describe('Keyring.newKeyLine', () => {
  afterEach(() => vi.useRealTimers());

  it('makes a fresh 32-byte key named after the day unless named', () => {
    vi.useFakeTimers({ now: new Date('2026-03-09T23:30:00Z') });
    const line = Keyring.newKeyLine();
    expect(line).toMatch(/^k20260309=[A-Za-z0-9+/]{43}=$/);
    const keyring = Keyring.parse(line, 'new');
    expect(keyring.current.id).toBe('k20260309');
    expect(keyring.current.key).toHaveLength(32);
    expect(Keyring.newKeyLine()).not.toBe(line);
    expect(Keyring.newKeyLine('spare').startsWith('spare=')).toBe(true);
  });
});

describe('loadKeyring', () => {
  const dir = mkdtempSync(join(tmpdir(), 'etablera-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads ETABLERA_PROCESS_KEYS, keys apart by ; or a newline', () => {
    const [k1, k2, k3] = [key(), key(), key()];
    const keyring = loadKeyring({
      processKeys: `k3=${b64(k3)};k2=${b64(k2)}\nk1=${b64(k1)}`,
      processKeyFile: '',
    });
    expect(keyring?.keys).toEqual([
      { id: 'k3', key: k3 },
      { id: 'k2', key: k2 },
      { id: 'k1', key: k1 },
    ]);
    expect(() => loadKeyring({ processKeys: `k1=${b64(k1)};k2=abc`, processKeyFile: '' })).toThrow(
      new KeyringError(
        'ETABLERA_PROCESS_KEYS, line 2: key "k2" must be 32 bytes (base64 of 32 random bytes), got 2',
      ),
    );
  });

  it('reads ETABLERA_PROCESS_KEY_FILE, and names the file when it cannot', () => {
    const k1 = key();
    const file = join(dir, 'keys');
    writeFileSync(file, `# Etablera\nk1=${b64(k1)}\n`);
    expect(loadKeyring({ processKeys: '', processKeyFile: file })?.keys).toEqual([{ id: 'k1', key: k1 }]);
    writeFileSync(file, `k1=${b64(k1)}\nk2=${b64(randomBytes(16))}\n`);
    expect(() => loadKeyring({ processKeys: '', processKeyFile: file })).toThrow(
      new KeyringError(`${file}, line 2: key "k2" must be 32 bytes (base64 of 32 random bytes), got 16`),
    );
    const missing = join(dir, 'missing');
    expect(() => loadKeyring({ processKeys: '', processKeyFile: missing })).toThrow(
      new KeyringError(`ETABLERA_PROCESS_KEY_FILE ${missing} cannot be read (ENOENT)`),
    );
    expect(() => loadKeyring({ processKeys: '', processKeyFile: dir })).toThrow(
      new KeyringError(`ETABLERA_PROCESS_KEY_FILE ${dir} cannot be read (EISDIR)`),
    );
  });

  it('is null without either setting, and refuses both', () => {
    expect(loadKeyring({ processKeys: '', processKeyFile: '' })).toBeNull();
    expect(() => loadKeyring({ processKeys: `k1=${b64(key())}`, processKeyFile: join(dir, 'keys') })).toThrow(
      new KeyringError('set ETABLERA_PROCESS_KEYS or ETABLERA_PROCESS_KEY_FILE, not both'),
    );
    expect(NO_KEY_MESSAGE).toContain('ETABLERA_PROCESS_KEY_FILE');
  });
});
