import { createHmac, pbkdf2, randomBytes, scrypt } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { SecretHasher } from '@acquirer/hash';
import { PIN_VERIFIER_ITERATIONS } from '@contract/terminal-protocol';

/** One core stays with the event loop: more KDFs at once only slow every other request (docs/performance.md). */
export function defaultKdfConcurrency(): number {
  return Math.max(1, availableParallelism() - 1);
}

// A 6-digit PIN has a million values: no KDF alone saves it from a stolen database; the pepper does.
// Asynchronous scrypt runs on libuv's thread pool, so the event loop serves other requests meanwhile; at most
// `concurrency` at once, the rest wait in line (decision 014).
export function scryptHasher(
  secret: string,
  cost: number,
  concurrency = defaultKdfConcurrency(),
): SecretHasher {
  const N = 2 ** cost;
  const options = { N, r: 8, p: 1, maxmem: 256 * N * 8 };
  const waiting: (() => void)[] = [];
  let running = 0;
  const next = () => {
    if (running >= concurrency) return;
    const start = waiting.shift();
    if (!start) return;
    running++;
    start();
  };
  return {
    scheme: 'scrypt',
    hash(salt, value) {
      const peppered = createHmac('sha256', secret).update(value).digest();
      return new Promise((resolve, reject) => {
        waiting.push(() =>
          scrypt(peppered, salt, 32, options, (error, key) => {
            running--;
            next();
            if (error) reject(error);
            else resolve(`scrypt$${key.toString('hex')}`);
          }),
        );
        next();
      });
    },
    digest: (text) => createHmac('sha256', secret).update(text).digest('hex'),
    verifier: (salt, value) => pinVerifier(salt, value),
  };
}

// In production the secret comes from a secret manager, not from beside the database.
export function loadSecret(configured: string | null, dbPath: string): string {
  if (configured) return configured;
  if (dbPath === ':memory:') return randomBytes(32).toString('hex');
  const file = `${dbPath}.secret`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

/** contract/terminal-protocol.ts `PinVerifier`, on the thread pool. */
export function pinVerifier(
  salt: string,
  pin: string,
  iterations = PIN_VERIFIER_ITERATIONS,
): Promise<string> {
  return new Promise((resolve, reject) =>
    pbkdf2(pin, Buffer.from(salt, 'hex'), iterations, 32, 'sha256', (error, key) =>
      error ? reject(error) : resolve(key.toString('hex')),
    ),
  );
}
