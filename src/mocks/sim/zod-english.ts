import en from 'zod/v4/locales/en.js';

/**
 * Parse options that word zod's own issues in English ("Too big: expected number to be
 * <=599"). The app's schemas are on `zod/mini`, which loads no locale (its issues read
 * "Invalid input"); where a person reads the issues — the simulator's and the server's 400
 * `errors`, the server's configuration errors, a failing contract test — parse with these:
 * `schema.safeParse(value, englishIssues)`. A message a schema names itself still wins.
 */
export const englishIssues = { error: en().localeError };
