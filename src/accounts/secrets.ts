/** Random secrets (session ids, API tokens, one-time codes) and their stored form: a SHA-256 hash. */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: 256 bits, so a fast hash is enough to store it safely. */
export const newSecret = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`;

// A string is hashed as its UTF-8 bytes (Node's default for string input).
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export const newId = () => randomBytes(12).toString('base64url');
