import { createPublicKey, generateKeyPairSync, randomBytes, type KeyObject, verify } from 'node:crypto';
import type { TerminalSignatures } from '@acquirer/rules/terminal-protocol';

// Ed25519's SubjectPublicKeyInfo is this 12-byte prefix and the raw 32-byte key.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A terminal's key pair, as its credential file keeps it; the acquirer stores only `publicKey`. */
export interface TerminalKeyPair {
  keyId: string;
  /** Raw 32 bytes, base64. */
  publicKey: string;
  /** PKCS#8 PEM. */
  privateKey: string;
}

export function newTerminalKeyPair(): TerminalKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return {
    keyId: `tk_${randomBytes(8).toString('hex')}`,
    publicKey: spki.subarray(ED25519_SPKI_PREFIX.length).toString('base64'),
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

/** Public keys are parsed once each: a fleet checks in every 30 s. */
export function ed25519Signatures(): TerminalSignatures {
  const keys = new Map<string, KeyObject | null>();
  const keyOf = (publicKey: string): KeyObject | null => {
    let key = keys.get(publicKey);
    if (key === undefined) {
      const raw = Buffer.from(publicKey, 'base64');
      try {
        key =
          raw.length === 32
            ? createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' })
            : null;
      } catch {
        key = null;
      }
      if (keys.size > 100_000) keys.clear();
      keys.set(publicKey, key);
    }
    return key;
  };
  return {
    verify(publicKey, message, signature) {
      const key = keyOf(publicKey);
      const bytes = Buffer.from(signature, 'base64');
      if (!key || bytes.length !== 64) return false;
      try {
        return verify(null, Buffer.from(message, 'utf8'), key, bytes);
      } catch {
        return false;
      }
    },
  };
}
