import en from 'zod/v4/locales/en.js';

// The app's zod/mini loads no locale ("Invalid input"); parse with these where a person reads the issues.
export const englishIssues = { error: en().localeError };
