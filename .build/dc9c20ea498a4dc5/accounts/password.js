import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;
const ARGON2_OPTIONS = {
  algorithm: 2,
  // Algorithm.Argon2id (a const enum, not importable under verbatimModuleSyntax)
  memoryCost: 65536,
  timeCost: 3,
  parallelism: 1
};
const COMMON = new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
function passwordProblem(password, context = {}) {
  const length = [...password.normalize("NFC")].length;
  if (length < MIN_PASSWORD_LENGTH) return "too-short";
  if (length > MAX_PASSWORD_LENGTH) return "too-long";
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(lower) || isSequence(lower)) return "common";
  const local = context.email?.toLowerCase().split("@")[0] ?? "";
  if (lower.includes("etablera") || local.length >= 4 && lower.includes(local)) return "context";
  return null;
}
function isSequence(text) {
  for (let i = 1; i < text.length; i++) {
    const step = text.charCodeAt(i) - text.charCodeAt(i - 1);
    if (step !== 1 && step !== -1) return false;
  }
  return true;
}
const hashPassword = (password) => hash(password.normalize("NFC"), ARGON2_OPTIONS);
async function verifyPassword(stored, password) {
  try {
    return await verify(stored, password.normalize("NFC"));
  } catch {
    return false;
  }
}
let decoy = null;
async function verifyDecoy(password) {
  decoy ??= hashPassword("decoy password that no account has");
  await verifyPassword(await decoy, password);
  return false;
}
export {
  ARGON2_OPTIONS,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  hashPassword,
  passwordProblem,
  verifyDecoy,
  verifyPassword
};
//# sourceMappingURL=password.js.map
