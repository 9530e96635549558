import { z } from 'zod';

/**
 * zod compiles object parsers with `new Function` when it may, and probes for it once. Under
 * the Content-Security-Policy (no 'unsafe-eval') that probe is refused and reported as a
 * violation, so the app parses jitless. zod probes when the first object schema is built:
 * src/main.tsx imports this first, and schemas/common.ts too, which keeps it in the bundle's
 * chunk with zod, ahead of every schema (e2e/security.spec.ts fails on any violation).
 */
z.config({ jitless: true });
