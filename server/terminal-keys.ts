import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { TerminalSignatures } from '@acquirer/rules/terminal-protocol';
import { ED25519_SPKI_PREFIX_HEX } from '@contract/terminal-protocol';

const ED25519_SPKI_PREFIX = Buffer.from(ED25519_SPKI_PREFIX_HEX, 'hex');

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
