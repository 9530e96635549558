import { i18n, onMissingMessage } from '@/i18n/i18n';

const missing = new Set<string>();
let tracking = false;

export function placeholdersOf(message: unknown, names = new Set<string>()): Set<string> {
  if (!Array.isArray(message)) return names;
  for (const token of message) {
    if (!Array.isArray(token)) continue;
    const [name, , branches] = token as [unknown, unknown?, unknown?];
    if (typeof name === 'string') names.add(name);
    if (branches && typeof branches === 'object') {
      for (const branch of Object.values(branches)) placeholdersOf(branch, names);
    }
  }
  return names;
}

/** A placeholder given no value would show as nothing, so it counts as missing too. */
export function trackMissingMessages(): void {
  if (tracking) return;
  tracking = true;
  onMissingMessage((language, key) => missing.add(`${language}: ${key}`));
  const translate = i18n._.bind(i18n) as (id: string, values?: Record<string, unknown>) => string;
  i18n._ = ((id: string, values?: Record<string, unknown>) => {
    if (typeof id === 'string') {
      for (const name of placeholdersOf(i18n.messages[id])) {
        if (values?.[name] === undefined) missing.add(`${i18n.locale}: ${id} without {${name}}`);
      }
    }
    return translate(id, values);
  }) as typeof i18n._;
}

export function takeMissingMessages(): string[] {
  const keys = [...missing];
  missing.clear();
  return keys;
}
