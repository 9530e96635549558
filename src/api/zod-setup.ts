import { z } from 'zod/mini';

/**
 * zod compiles object parsers with `new Function` when it may, and probes for it once. Under
 * the Content-Security-Policy (no 'unsafe-eval') that probe is refused and reported as a
 * violation, so the app parses jitless. zod probes when the first object schema is built:
 * src/main.tsx imports this first, and schemas/common.ts too, which keeps it in the bundle's
 * chunk with zod, ahead of every schema (e2e/security.spec.ts fails on any violation).
 *
 * The app uses `zod/mini` (functions instead of methods: a fraction of the bytes). Unlike
 * classic zod it loads no locale, so a built-in issue reads "Invalid input"; the app shows
 * only its own messages (form schemas name i18n keys), and the acquirer simulator adds the
 * English messages where it answers with issues (src/mocks/sim/router.ts `parseOrReject`).
 */
z.config({ jitless: true });
