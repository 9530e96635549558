import { onMissingMessage } from '@/i18n/i18n';

const missing = new Set<string>();
let tracking = false;

/** From now on, remembers every key asked for that has no message (`src/testing/setup.ts`). */
export function trackMissingMessages(): void {
  if (tracking) return;
  tracking = true;
  onMissingMessage((language, key) => missing.add(`${language}: ${key}`));
}

/** The keys asked for without a message since the last call, as `language: key`; forgets them. */
export function takeMissingMessages(): string[] {
  const keys = [...missing];
  missing.clear();
  return keys;
}
