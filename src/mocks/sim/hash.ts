import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Hashing for the mock. By default void passwords and account passwords are kept as
 * salted SHA-256: the browser mock only has to keep plain text out of memory dumps and
 * storage, and stay fast for 10,000 terminals. A 6-digit PIN is brute-forced from any
 * fast hash, so the HTTP server (server/) plugs a slow, peppered KDF in through
 * `SecretHasher` below.
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

export function saltedHash(salt: string, secret: string): string {
  return sha256Hex(`${salt}:${secret}`);
}

/**
 * How the acquirer hashes secrets people choose (account passwords, void PINs) and
 * digests requests that may hold them (idempotency). A host picks it: the browser mock
 * and tests keep the fast salted SHA-256 below; the HTTP server plugs in a slow KDF.
 * `hash` must be deterministic for a salt (PIN history compares hashes of one terminal).
 */
export interface SecretHasher {
  /** Prefix (`scheme$…`) of this hasher's hashes; `''` for the default salted SHA-256. */
  readonly scheme: string;
  hash(salt: string, secret: string): string;
  /** Digest of a text that may hold a secret (a keyed MAC on a server). */
  digest(text: string): string;
}

export const fastHasher: SecretHasher = { scheme: '', hash: saltedHash, digest: sha256Hex };

/** True when `stored` was made by `hasher` (generated data keeps the fast default). */
export function isOfScheme(hasher: SecretHasher, stored: string): boolean {
  return hasher.scheme === '' || stored.startsWith(`${hasher.scheme}$`);
}

/** Does `secret` match `stored`, whichever of the two schemes made it. */
export function secretMatches(hasher: SecretHasher, salt: string, secret: string, stored: string): boolean {
  const candidate = isOfScheme(hasher, stored) ? hasher.hash(salt, secret) : saltedHash(salt, secret);
  return sameHash(candidate, stored);
}

/** Hash of a high-entropy token (session id, CSRF, step-up): no salt needed. */
export function tokenHash(token: string): string {
  return sha256Hex(`token:${token}`);
}

/** Compares two hex digests without an early exit. */
export function sameHash(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const BASE32 = 'abcdefghijkmnpqrstuvwxyz23456789';

/** An unguessable token from the platform CSPRNG (`crypto.getRandomValues`). */
export function randomToken(bytes = 24): string {
  let out = '';
  for (const byte of randomBytes(bytes)) out += BASE32[byte & 31];
  return out;
}

export function randomId(prefix: string): string {
  return `${prefix}_${randomToken(10)}`;
}

/** A uniformly random integer in [0, max) from the CSPRNG (for temporary PINs). */
export function randomInt(max: number): number {
  const [a = 0, b = 0, c = 0, d = 0] = randomBytes(4);
  return (((a << 24) | (b << 16) | (c << 8) | d) >>> 0) % max;
}
