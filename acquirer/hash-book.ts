import type { SecretHasher } from './hash';

/** `verifier`: a protocol terminal's PIN verifier (`SecretHasher.verifier`) rather than the stored hash. */
export type HashNeed = readonly [salt: string, secret: string, kind?: 'verifier'];

/**
 * Thrown by a rule that needs KDF hashes not computed yet, before it changes anything: the acquirer
 * computes them off the event loop and runs the whole request again (decision 014).
 */
export class HashesNeeded {
  // Private: the needs hold plain secrets, which must not show if this is ever logged or serialised.
  readonly #needs: readonly HashNeed[];
  constructor(needs: readonly HashNeed[]) {
    this.#needs = needs;
  }
  get needs(): readonly HashNeed[] {
    return this.#needs;
  }
}

/** At most this many hashes of one request at a time, so a bulk reset leaves the pool to others. */
export const HASHES_IN_FLIGHT_PER_REQUEST = 2;

/** The hashes of one request: memory only, dropped with the request (its keys are secrets). */
export class HashBook {
  private readonly known = new Map<string, string>();

  constructor(private readonly hasher: SecretHasher) {}

  /** Every hash asked for, or HashesNeeded naming the missing ones (all at once: one wait per request). */
  of(needs: readonly HashNeed[]): string[] {
    const missing = needs.filter((need) => !this.known.has(keyOf(...need)));
    if (missing.length > 0) throw new HashesNeeded(missing);
    return needs.map((need) => this.known.get(keyOf(...need))!);
  }

  async fill(needs: readonly HashNeed[]): Promise<void> {
    const queue = [...new Map(needs.map((need) => [keyOf(...need), need])).entries()].filter(
      ([key]) => !this.known.has(key),
    );
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [key, [salt, secret, kind]] = next;
        this.known.set(
          key,
          await (kind === 'verifier' ? this.hasher.verifier(salt, secret) : this.hasher.hash(salt, secret)),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(HASHES_IN_FLIGHT_PER_REQUEST, queue.length) }, worker));
  }
}

function keyOf(salt: string, secret: string, kind?: 'verifier'): string {
  return `${kind ?? 'hash'}\u0000${salt}\u0000${secret}`;
}
