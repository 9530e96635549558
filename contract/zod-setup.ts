import { z } from 'zod/mini';

/**
 * Under the CSP (no 'unsafe-eval') zod's `new Function` probe is reported as a violation, so
 * parse jitless; imported first by src/main.tsx and schemas/common.ts so it runs before any schema.
 * zod/mini loads no locale: the app shows only its own messages.
 */
z.config({ jitless: true });
