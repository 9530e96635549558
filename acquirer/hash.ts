import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { PIN_VERIFIER_ITERATIONS } from '@contract/terminal-protocol';

// Fast salted SHA-256 by default: the browser mock only keeps plain text out of memory dumps and storage,
// and stays fast for 10,000 terminals. A 6-digit PIN falls to any fast hash, so server/ plugs in a slow KDF.
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

export function saltedHash(salt: string, secret: string): string {
  return sha256Hex(`${salt}:${secret}`);
}

// `hash` must be deterministic for a salt: PIN history compares hashes of one terminal. Asynchronous, so a
// server runs its KDF off the event loop (decision 014).
export interface SecretHasher {
  readonly scheme: string;
  hash(salt: string, secret: string): Promise<string>;
  /** A keyed MAC on a server: the text may hold a secret. Cheap, so synchronous. */
  digest(text: string): string;
  /**
   * A protocol terminal's PIN verifier (contract/terminal-protocol.ts `PinVerifier`): PBKDF2-HMAC-SHA256, hex.
   * No pepper: the terminal computes it too, from the PIN typed at a void.
   */
  verifier(salt: string, secret: string): Promise<string>;
}

export function pinVerifierHash(salt: string, secret: string, iterations: number): Promise<string> {
  return pbkdf2Async(sha256, utf8ToBytes(secret), hexToBytes(salt), { c: iterations, dkLen: 32 }).then(
    bytesToHex,
  );
}

export const fastHasher: SecretHasher = {
  scheme: '',
  hash: (salt, secret) => Promise.resolve(saltedHash(salt, secret)),
  digest: sha256Hex,
  verifier: (salt, secret) => pinVerifierHash(salt, secret, PIN_VERIFIER_ITERATIONS),
};

// Generated data keeps the fast default.
export function isOfScheme(hasher: SecretHasher, stored: string): boolean {
  return hasher.scheme === '' || stored.startsWith(`${hasher.scheme}$`);
}

/** `kdfHash` is `hasher.hash(salt, secret)`, computed ahead (hash-book.ts); other schemes are checked here. */
export function secretMatches(
  hasher: SecretHasher,
  salt: string,
  secret: string,
  stored: string,
  kdfHash: string,
): boolean {
  return sameHash(isOfScheme(hasher, stored) ? kdfHash : saltedHash(salt, secret), stored);
}

// High-entropy tokens need no salt.
export function tokenHash(token: string): string {
  return sha256Hex(`token:${token}`);
}

// No early exit, so timing tells nothing.
export function sameHash(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const BASE32 = 'abcdefghijkmnpqrstuvwxyz23456789';

export function randomToken(bytes = 24): string {
  let out = '';
  for (const byte of randomBytes(bytes)) out += BASE32[byte & 31];
  return out;
}

export function randomId(prefix: string): string {
  return `${prefix}_${randomToken(10)}`;
}

export function randomInt(max: number): number {
  const [a = 0, b = 0, c = 0, d = 0] = randomBytes(4);
  return (((a << 24) | (b << 16) | (c << 8) | d) >>> 0) % max;
}
